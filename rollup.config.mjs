import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

// ESM/CJS keep eventemitter3 external (the user's bundler dedupes it); the UMD files inline it.
const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false });
const external = ['eventemitter3'];
const min = (file) => ({ file, plugins: [terser({ compress: { passes: 2 } })] });
const umd = (input, name, base) => ({
  input,
  plugins: [resolve(), commonjs(), ts()],
  output: [
    { file: `dist/${base}.umd.js`, format: 'umd', name },
    { ...min(`dist/${base}.umd.min.js`), format: 'umd', name },
  ],
});

export default [
  {
    input: { index: 'src/index.ts', mock: 'src/mock/index.ts' },
    external,
    plugins: [ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
    ],
  },
  umd('src/index.ts', 'GoPayMiniApp', 'gopay-miniapp-kit'),
  umd('src/mock/umd.ts', 'GoPayMiniAppMock', 'gopay-miniapp-kit.mock'),
  // One declaration file per module format: `require` resolves .d.cts, `import` .d.ts (arethetypeswrong checks this).
  ...['index', 'mock'].map((name) => ({
    input: `src/${name === 'index' ? 'index' : 'mock/index'}.ts`,
    plugins: [dts()],
    output: [{ file: `dist/${name}.d.ts` }, { file: `dist/${name}.d.cts` }],
  })),
];
