// `npm run test:ci-script`: the tests of .ci/run itself (its closing line, its Chromium lookup). Not part of
// `npm test`, which tests the package; run them when .ci/run or test/browser/chromium.ts changes.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/ci/*.test.ts'], environment: 'node', root: '.' } });
