import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false });
const min = (file) => ({ file, plugins: [terser({ compress: { passes: 2 } })] });
const umd = (input, name, base) => ({
  input,
  plugins: [ts()],
  output: [
    { file: `dist/${base}.umd.js`, format: 'umd', name },
    { ...min(`dist/${base}.umd.min.js`), format: 'umd', name },
  ],
});

export default [
  {
    input: { index: 'src/index.ts', mock: 'src/mock/index.ts' },
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
