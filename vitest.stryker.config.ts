import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// For mutation testing: the unit, mock and property tests, without the JSON report file.
export default mergeConfig(
  base,
  defineConfig({
    test: { include: ['test/unit/**/*.test.ts', 'test/mock/**/*.test.ts', 'test/property/**/*.test.ts'], reporters: ['default'] },
  }),
);
