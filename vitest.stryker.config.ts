import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// For mutation testing: the tests of src/ itself (unit, property, mock bridge, server, mock server), without the JSON
// report file. Not the acceptance, dist and browser tests, which exercise built files that a mutant of src/ does not
// change, nor the CLI test, which spawns a build of its own.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [
        'test/unit/**/*.test.ts',
        'test/property/**/*.test.ts',
        'test/mock/**/*.test.ts',
        'test/server/**/*.test.ts',
        'test/mock-server/**/*.test.ts',
      ],
      exclude: ['test/mock-server/cli.test.ts'],
      reporters: ['default'],
    },
  }),
);
