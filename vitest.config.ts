import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests run in happy-dom; a file opts into Node with `// @vitest-environment node`.
export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    // The tests of .ci/run itself run with `npm run test:ci-script`, not in `npm test`.
    exclude: [...configDefaults.exclude, 'test/ci/**'],
    restoreMocks: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    unstubGlobals: true,
  },
});
