import { defineConfig } from 'vitest/config';

// Unit tests run in happy-dom; a file opts into Node with `// @vitest-environment node`.
export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
