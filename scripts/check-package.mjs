#!/usr/bin/env node
// Package checks, run after `npm run build`: publint, arethetypeswrong, the packed file list, and SSR-safe imports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(execFileSync('cat', [resolve(root, 'package.json')], { encoding: 'utf8' }));
let failed = false;
const report = (ok, line) => {
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
};
const run = (command, args) => execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// 1. publint, strict: warnings count as failures.
const { messages } = await publint({ pkgDir: root, strict: true, level: 'suggestion' });
report(messages.length === 0, `publint: ${messages.length ? messages.map((m) => formatMessage(m, pkg)).join('; ') : 'no messages'}`);

// 2 and 3. One tarball, packed without scripts: `attw --pack` would run npm pack with `prepare`, rebuilding dist/
// (13 s) that `npm test` has just built.
const packDir = mkdtempSync(join(tmpdir(), 'gopay-pack-'));
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir]));
  // 2. arethetypeswrong on the packed tarball, every entry point, every resolution mode.
  try {
    run('npx', ['--no-install', 'attw', join(packDir, packed.filename), '--format', 'table-flipped']);
    report(true, 'attw: no problems for ., ./mock, ./server and ./mock-server');
  } catch (error) {
    report(false, `attw:\n${error.stdout}${error.stderr}`);
  }
  // 3. What npm would publish: dist, README, LICENSE, package.json, nothing else.
  const strays = packed.files.map((f) => f.path).filter((path) => !/^(dist\/[^/]+|README\.md|LICENSE|package\.json)$/.test(path));
  report(
    strays.length === 0,
    `npm pack: ${packed.files.length} files${strays.length ? `, unexpected: ${strays.join(', ')}` : ', only dist/, README.md, LICENSE, package.json'}`,
  );
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

// 4. A plain Node process (no DOM) imports and requires both entry points by package name (self-reference through
// the exports map); importing adds no global, and a call rejects with UNAVAILABLE / no-window instead of throwing.
const probe = `
const before = new Set(Object.getOwnPropertyNames(globalThis));
const core = await import('gopay-miniapp-kit');
const mock = await import('gopay-miniapp-kit/mock');
const { createRequire } = await import('node:module');
const require = createRequire(process.cwd() + '/package.json');
const coreCjs = require('gopay-miniapp-kit');
const mockCjs = require('gopay-miniapp-kit/mock');
const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
if (added.length) throw new Error('importing added globals: ' + added.join(', '));
for (const kit of [core, coreCjs]) {
  const error = await kit.createGoPay().getAuthCode().then(() => null, (e) => e);
  if (!kit.isGoPayError(error, 'UNAVAILABLE') || error.reason !== 'no-window') throw new Error('expected UNAVAILABLE/no-window, got ' + error);
}
for (const m of [mock, mockCjs]) if (typeof m.createMockBridge !== 'function') throw new Error('mock entry has no createMockBridge');
const server = await import('gopay-miniapp-kit/server');
const serverCjs = require('gopay-miniapp-kit/server');
const mockServer = await import('gopay-miniapp-kit/mock-server');
for (const s of [server, serverCjs]) for (const name of ['createGoPayServer', 'createSnapClient', 'verifyNotification']) if (typeof s[name] !== 'function') throw new Error('server entry has no ' + name);
if (typeof mockServer.createMockGoPayServer !== 'function') throw new Error('mock-server entry has no createMockGoPayServer');
console.log('imported ' + Object.keys(core).length + ' core, ' + Object.keys(mock).length + ' mock, ' + Object.keys(server).length + ' server, ' + Object.keys(mockServer).length + ' mock-server names');
`;
try {
  const out = run(process.execPath, ['--input-type=module', '-e', probe]);
  report(true, `node (no DOM) import + require of the entries, no globals added, no-window rejection: ${out.trim()}`);
} catch (error) {
  report(false, `node import/require: ${error.stderr || error.message}`);
}

// 5. The built files keep to their side. What each entry loads is followed through its relative imports: no browser
// entry reaches a `node:` module or server code (its endpoints, key import); the server entry reaches no `node:`
// module; no backend file (the mock server's listen() and CLI included) reads window or document.
const dist = (name) => execFileSync('cat', [resolve(root, 'dist', name)], { encoding: 'utf8' });
const loads = (name, seen = new Set()) => {
  if (!seen.has(name)) {
    seen.add(name);
    for (const [, a, b] of dist(name).matchAll(/(?:from|import|require\()\s*['"]\.\/([^'"]+)['"]|import\(['"]\.\/([^'"]+)['"]\)/g))
      loads(a || b, seen);
  }
  return seen;
};
const browserFiles = new Set(['index.mjs', 'index.cjs', 'mock.mjs', 'mock.cjs'].flatMap((entry) => [...loads(entry)]));
for (const umd of ['gopay-miniapp-kit.umd.js', 'gopay-miniapp-kit.mock.umd.js']) browserFiles.add(umd);
// An import of a node: module, in any of the forms rollup writes (not the words in a comment).
const NODE_IMPORT = /(?:from\s*|import\s*\(?\s*|require\(\s*)['"]node:/;
const SERVER_CODE = new RegExp(`${NODE_IMPORT.source}|access-token/b2b|authorizations/token|importKey\\(`);
const browserLeaks = [...browserFiles].filter((name) => SERVER_CODE.test(dist(name)));
report(
  !browserLeaks.length,
  `browser entries reach no server code or node: module (${browserFiles.size} files)${browserLeaks.length ? ': ' + browserLeaks.join(', ') : ''}`,
);
const serverFiles = new Set(['server.mjs', 'server.cjs'].flatMap((entry) => [...loads(entry)]));
const nodeImports = [...serverFiles].filter((name) => NODE_IMPORT.test(dist(name)));
report(
  !nodeImports.length,
  `the server entry reaches no node: module (${serverFiles.size} files)${nodeImports.length ? ': ' + nodeImports.join(', ') : ''}`,
);
const backendFiles = new Set(['server.mjs', 'mock-server.mjs', 'mock-server-cli.mjs'].flatMap((entry) => [...loads(entry)]));
const domReads = [...backendFiles].filter((name) => /\b(window|document)\./.test(dist(name)));
report(
  !domReads.length,
  `backend files read no window or document (${backendFiles.size} files)${domReads.length ? ': ' + domReads.join(', ') : ''}`,
);

// 6. The README's script tag pins this version and the Subresource Integrity hash of the file this version builds:
// a stale hash would make every browser refuse the script.
const readme = execFileSync('cat', [resolve(root, 'README.md')], { encoding: 'utf8' });
const tag = /<!-- sri -->\s*```html\s*([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const { createHash } = await import('node:crypto');
const umdMin = resolve(root, 'dist/gopay-miniapp-kit.umd.min.js');
const sri =
  'sha384-' +
  createHash('sha384')
    .update(execFileSync('cat', [umdMin]))
    .digest('base64');
const pinned = tag.includes(`gopay-miniapp-kit@${pkg.version}/dist/gopay-miniapp-kit.umd.min.js`);
report(
  pinned && tag.includes(`integrity="${sri}"`),
  `README script tag: version ${pkg.version} and integrity ${sri}${pinned ? '' : ' (version not pinned)'}`,
);

process.exitCode = failed ? 1 : 0;
