import { defineConfig } from 'vitest/config';
import base, { SOURCE_TESTS } from './vitest.config';

// For mutation testing: the tests of src/ itself (unit, property, mock bridge, server, mock server), without the JSON
// report file. Not the acceptance, dist and browser tests, which exercise built files that a mutant of src/ does not
// change, nor the CLI test, which spawns a build of its own. One project, each file isolated: Stryker runs the tests of
// each mutant in a worker it reuses.
const { projects: _projects, ...test } = base.test!;
export default defineConfig({
  ...base,
  test: { ...test, include: SOURCE_TESTS, exclude: ['test/mock-server/cli.test.ts'], reporters: ['default'] },
});
