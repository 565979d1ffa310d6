import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';

// Type errors are `npm run typecheck`'s job; the build only strips types (noCheck), once per build instead of five times.
const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false, noCheck: true });
const min = (file) => ({ file, plugins: [terser({ compress: { passes: 2 } })] });
const umd = (input, name, base) => ({
  input,
  plugins: [nodeResolve({ browser: true }), commonjs(), ts()],
  output: [
    { file: `dist/${base}.umd.js`, format: 'umd', name },
    { ...min(`dist/${base}.umd.min.js`), format: 'umd', name },
  ],
});
// Shared chunks are named after their build (`browser-…`, `backend-…`): scripts/check-package.mjs tells them apart.
const esmAndCjs = (side, input, external) => ({
  input,
  external,
  plugins: [ts()],
  output: [
    { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: `${side}-[name]-[hash].mjs` },
    { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: `${side}-[name]-[hash].cjs` },
  ],
});
// One declaration file per module format: `require` resolves .d.cts, `import` .d.ts (arethetypeswrong checks this).
const types = (name, input) => ({ input, plugins: [dts()], output: [{ file: `dist/${name}.d.ts` }, { file: `dist/${name}.d.cts` }] });

export default [
  // The browser entries. They never share a chunk with the server entries: a separate build.
  esmAndCjs('browser', { index: 'src/core/index.ts', mock: 'src/mock/index.ts' }, ['eventemitter3']),
  // The backend entries: fetch and WebCrypto; only the mock server's listen() and its CLI import node:http.
  esmAndCjs('backend', { server: 'src/server/index.ts', 'mock-server': 'src/mock-server/index.ts' }, [/^node:/]),
  // The CLI (`bin`): ESM only, one file with a shebang, so that `npx gopay-mock-server` runs it directly.
  {
    input: { 'mock-server-cli': 'src/mock-server/cli.ts' },
    external: [/^node:/],
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', banner: '#!/usr/bin/env node', inlineDynamicImports: true },
  },
  // The script-tag builds carry eventemitter3 inside: a <script> has no package manager.
  umd('src/core/index.ts', 'GoPayMiniApp', 'gopay-miniapp-kit'),
  umd('src/mock/umd.ts', 'GoPayMiniAppMock', 'gopay-miniapp-kit.mock'),
  types('index', 'src/core/index.ts'),
  types('mock', 'src/mock/index.ts'),
  types('server', 'src/server/index.ts'),
  types('mock-server', 'src/mock-server/index.ts'),
];
