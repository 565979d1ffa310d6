import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The tests of src/ itself, module by module: the `source` project, and what mutation testing runs. */
export const SOURCE_TESTS = ['unit', 'property', 'mock', 'server', 'mock-server'].map((folder) => `test/${folder}/**/*.test.ts`);

// Unit tests run in happy-dom; a file opts into Node with `// @vitest-environment node`.
export default defineConfig({
  // The demo's backend recipe imports the package by name, as a user's backend does; its tests run it on the source.
  resolve: {
    alias: [{ find: /^gopay-miniapp-kit\/server$/, replacement: fileURLToPath(new URL('./src/server/index.ts', import.meta.url)) }],
  },
  test: {
    environment: 'happy-dom',
    // At least two workers: vitest's default (cores − 1) leaves one of two cores idle while most files wait on sockets,
    // timers and Chromium (95 s instead of 136 s for the whole suite on 2 cores).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    restoreMocks: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    unstubGlobals: true,
    // Expected noise, not failures: the mock bridge announces itself once per page, as it must in a real app; happy-dom
    // reports each <script> the loader tests let fail (test/setup/quiet-happy-dom.ts).
    onConsoleLog: (log) => !/The GoPay mock bridge is active/.test(log),
    setupFiles: ['test/setup/quiet-happy-dom.ts'],
    // The tests of .ci/run itself (test/ci) are in neither project: they run with `npm run test:ci-script`.
    projects: [
      // A worker runs file after file in one module graph (no fresh import of src/ and happy-dom per file): 66 files
      // in 26 s instead of 41 s. So a file leaves what it changed as it found it (restoreMocks and unstubGlobals do
      // most; afterEach hooks and finally blocks the rest), and a test that needs fresh module state calls
      // vi.resetModules() first. The files are run in a random order in CONTRIBUTING's check of that.
      { extends: true, test: { name: 'source', include: SOURCE_TESTS, isolate: false } },
      // The built files, Chromium and the acceptance suite: each file in a fresh worker, as a user's app would load them.
      { extends: true, test: { name: 'built', include: ['test/{acceptance,browser,dist}/**/*.test.ts'] } },
    ],
  },
});
