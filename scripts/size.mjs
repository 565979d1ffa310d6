#!/usr/bin/env node
// Size budgets (min+gzip, level 9), each figure printed. Run after `npm run build`.
// `target` is the budget; `limit` is what this script enforces (exit 1 when over). Where a target is not
// met, the limit is a regression guard about 2 % above today's figure, and the table says by how much it is missed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const root = resolve(import.meta.dirname, '..');
const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
// Strings only the mock has: if one is in a core bundle, mock code leaked into it.
const MOCK_MARKERS = ['createMockBridge', 'gpmock-', 'GoPay mock bridge is active'];

const dir = mkdtempSync(join(tmpdir(), 'gopay-size-'));
const app = join(dir, 'app.mjs');
// What a user writes: import the package, call one method.
writeFileSync(
  app,
  `import { createGoPay } from ${JSON.stringify(join(root, 'dist/index.mjs'))};\ncreateGoPay().getAuthCode().then(console.log);\n`,
);

const withEsbuild = async () => {
  const out = await build({
    entryPoints: [app],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
};
const withRollup = async () => {
  const bundle = await rollup({
    input: app,
    plugins: [nodeResolve({ modulePaths: [join(root, 'node_modules')] }), commonjs(), terser()],
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
};

const rows = [];
const check = (name, text, target, limit) => rows.push({ name, bytes: gz(text), target, limit });
try {
  const esbuildApp = await withEsbuild();
  const rollupApp = await withRollup();
  check('app: createGoPay + getAuthCode, esbuild', esbuildApp, 4096, 5640);
  check('app: createGoPay + getAuthCode, rollup+terser', rollupApp, 4096, 5520);
  check('dist/gopay-miniapp-kit.umd.min.js', readFileSync(join(root, 'dist/gopay-miniapp-kit.umd.min.js'), 'utf8'), 5120, 5680);
  check('dist/gopay-miniapp-kit.mock.umd.min.js', readFileSync(join(root, 'dist/gopay-miniapp-kit.mock.umd.min.js'), 'utf8'), 8192, 8192);
  const leaks = MOCK_MARKERS.filter((marker) => esbuildApp.includes(marker) || rollupApp.includes(marker));

  let failed = leaks.length > 0;
  console.log('size (min+gzip)                                  bytes   target   limit');
  for (const { name, bytes, target, limit } of rows) {
    const over = bytes > limit;
    failed ||= over;
    const note = over ? 'OVER LIMIT' : bytes <= target ? 'target met' : `target not met (+${bytes - target} B)`;
    console.log(`${name.padEnd(48)} ${String(bytes).padStart(6)}  ${String(target).padStart(7)}  ${String(limit).padStart(6)}  ${note}`);
  }
  console.log(`aim for the core app: 3072 B (${rows[0].bytes <= 3072 ? 'met' : 'not met'})`);
  console.log(
    leaks.length
      ? `FAIL: mock code in the core app bundle: ${leaks.join(', ')}`
      : 'ok: no mock code in an app that imports only createGoPay',
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
