import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The tests of src/ itself, module by module: what mutation testing runs. */
export const SOURCE_TESTS = ['unit', 'property', 'mock', 'server', 'mock-server'].map((folder) => `test/${folder}/**/*.test.ts`);

// Unit tests run in happy-dom; a file opts into Node with `// @vitest-environment node`.
export default defineConfig({
  // The demo's backend recipe imports the package by name, as a user's backend does; its tests run it on the source.
  resolve: {
    alias: [{ find: /^gopay-miniapp-kit\/server$/, replacement: fileURLToPath(new URL('./src/server/index.ts', import.meta.url)) }],
  },
  test: {
    environment: 'happy-dom',
    // At least two workers: vitest's default (cores − 1) leaves one of two cores idle while files wait on sockets,
    // timers and Chromium. Not more: on 2 cores three or four took 66–75 s instead of 60 s (the Chromium files slow
    // each other down).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    restoreMocks: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    unstubGlobals: true,
    // Expected noise, not failures: the mock bridge announces itself once per page, as it must in a real app; happy-dom
    // reports each <script> the loader tests let fail (test/setup/quiet-happy-dom.ts).
    onConsoleLog: (log) => !/The GoPay mock bridge is active/.test(log),
    setupFiles: ['test/setup/quiet-happy-dom.ts'],
    include: ['test/**/*.test.ts'],
    // The tests of .ci/run itself run with `npm run test:ci-script`, not in `npm test`.
    exclude: [...configDefaults.exclude, 'test/ci/**'],
    // Each file in a fresh VM context of a worker that lives on, rather than in a fresh worker: the same isolation (its
    // own globals, happy-dom window and module graph) without starting a process and Node's own modules per file. The
    // whole suite in about 60 s instead of 89 s, 67 CPU-s instead of 124, on 2 cores.
    pool: 'vmThreads',
  },
});
