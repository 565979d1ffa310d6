// `npm run mutation`: StrykerJS mutation score of src/ (core and mock; not the demo). Runs the fast test folders only:
// the dist and browser tests exercise built files, which a mutant of src/ does not change.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/**/*.ts', '!src/types.ts', '!src/gopay.ts', '!src/mock/options.ts', '!src/index.ts', '!src/mock/index.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'html', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
};
