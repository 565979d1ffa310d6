#!/usr/bin/env node
// `npm run check:install`: installs this repository the way a user does before the package is on a registry —
// `npm install git+file://…` (what `npm install github:owner/repo` does) — into a fresh project, and checks that
// the `prepare` script built dist/ there: every entry imports, and the CLI's file is in place. It installs the dev
// dependencies to build, so it takes a minute or two and is not part of `npm test`. It installs the committed HEAD.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'gopay-install-'));
const run = (command, args) => execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
try {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'an-app', private: true, type: 'module' }));
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', `git+file://${root}`]);
  const kit = join(dir, 'node_modules/gopay-miniapp-kit');
  const missing = [
    'dist/index.mjs',
    'dist/index.cjs',
    'dist/mock.mjs',
    'dist/server.mjs',
    'dist/mock-server.mjs',
    'dist/gopay-miniapp-kit.umd.min.js',
  ].filter((file) => !existsSync(join(kit, file)));
  if (missing.length) throw new Error(`installed without ${missing.join(', ')}: the prepare script did not build`);
  const names = run(process.execPath, [
    '--input-type=module',
    '-e',
    "const k = await import('gopay-miniapp-kit'); const s = await import('gopay-miniapp-kit/server'); console.log(Object.keys(k).length + ' core, ' + Object.keys(s).length + ' server names')",
  ]);
  console.log(`ok: npm install git+file:// built dist/ with prepare in ${Math.round((Date.now() - started) / 1000)} s; ${names.trim()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
