#!/usr/bin/env node
// Size budgets (min+gzip, level 9), each figure printed. Run after `npm run build`.
// The budget: a user's app importing createGoPay and calling getAuthCode is at most 7,800 B under both rollup+terser
// and esbuild, eventemitter3 included — a hard limit that fails `npm test`. Below it, readable code wins over saved
// bytes (no code golf).
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
// Strings only the server entries have: a browser bundle must never carry them.
const SERVER_MARKERS = ['access-token/b2b', 'authorizations/token', 'importKey'];

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
const check = (name, text, limit, budget = limit) => rows.push({ name, bytes: gz(text), limit, budget });
try {
  const esbuildApp = await withEsbuild();
  const rollupApp = await withRollup();
  check('app: createGoPay + getAuthCode, esbuild', esbuildApp, 7800);
  check('app: createGoPay + getAuthCode, rollup+terser', rollupApp, 7800);
  check('dist/gopay-miniapp-kit.umd.min.js', readFileSync(join(root, 'dist/gopay-miniapp-kit.umd.min.js'), 'utf8'), 7800);
  check('dist/gopay-miniapp-kit.mock.umd.min.js', readFileSync(join(root, 'dist/gopay-miniapp-kit.mock.umd.min.js'), 'utf8'), 12288);
  const leaks = [...MOCK_MARKERS, ...SERVER_MARKERS].filter((marker) => esbuildApp.includes(marker) || rollupApp.includes(marker));

  let failed = leaks.length > 0;
  console.log('size (min+gzip)                                  bytes   budget   limit');
  for (const { name, bytes, limit, budget } of rows) {
    const over = bytes > limit;
    failed ||= over;
    const status = over ? `OVER LIMIT by ${bytes - limit} B` : bytes > budget ? `budget NOT MET by ${bytes - budget} B` : 'ok';
    console.log(`${name.padEnd(48)} ${String(bytes).padStart(6)}  ${String(budget).padStart(6)}  ${String(limit).padStart(6)}  ${status}`);
  }
  console.log(
    leaks.length
      ? `FAIL: mock or server code in the core app bundle: ${leaks.join(', ')}`
      : 'ok: no mock or server code in an app that imports only createGoPay',
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
