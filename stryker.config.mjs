// `npm run mutation`: StrykerJS mutation score of src/ (core, mock bridge, server, mock server; not the demo). Runs the
// tests of src/ only (vitest.stryker.config.ts): the dist and browser tests exercise built files, which a mutant of src/
// does not change. Type-only files and entry lists are not mutated; nor is the CLI, whose test spawns a build.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: [
    'src/**/*.ts',
    '!src/core/types.ts',
    '!src/core/gopay-interface.ts',
    '!src/core/index.ts',
    '!src/mock/options.ts',
    '!src/mock/index.ts',
    '!src/server/index.ts',
    '!src/server/mini-app-types.ts',
    '!src/server/snap-types.ts',
    '!src/server/snap-payment-types.ts',
    '!src/server/snap-notification-types.ts',
    '!src/mock-server/index.ts',
    '!src/mock-server/types.ts',
    '!src/mock-server/cli.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'html', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
};
