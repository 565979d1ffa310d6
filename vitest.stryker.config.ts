import { defineConfig } from 'vitest/config';
import base, { SOURCE_TESTS } from './vitest.config';

// For mutation testing: the tests of src/ itself (unit, property, mock bridge, server, mock server), without the JSON
// report file. Not the acceptance, dist and browser tests, which exercise built files that a mutant of src/ does not
// change, nor the CLI test, which spawns a build of its own. In forks, the pool Stryker's runner is known to work with.
export default defineConfig({
  ...base,
  test: { ...base.test, include: SOURCE_TESTS, exclude: ['test/mock-server/cli.test.ts'], reporters: ['default'], pool: 'forks' },
});
