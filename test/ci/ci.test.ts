// @vitest-environment node
// .ci/run's closing line, and browser tests that cannot find Chromium: failures, never skips.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATES } from '../browser/chromium';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gopay-ci-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `.ci/run --summary` on a report. */
const summary = async (report: unknown) => {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(report));
  return (await run('bash', [join(root, '.ci/run'), '--summary', file])).stdout;
};

type File = { status: 'passed' | 'failed'; assertionResults: { status: string }[] };
const report = (counts: Record<string, number>, testResults: File[]) => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numFailedTestSuites: 0,
  ...counts,
  testResults,
});
const file = (status: File['status'], ...tests: string[]): File => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

describe('.ci/run closing line', () => {
  it.each<[string, ReturnType<typeof report>, string]>([
    ['all passed', report({ numPassedTests: 3 }, [file('passed', 'passed', 'passed', 'passed')]), 'vitest: 3 passed, 0 failed'],
    // The failed test's describe block and file are failed suites too: counted once, as the test.
    [
      'a failed test',
      report({ numPassedTests: 2, numFailedTests: 1, numFailedTestSuites: 2 }, [
        file('failed', 'passed', 'failed'),
        file('passed', 'passed'),
      ]),
      'vitest: 2 passed, 1 failed',
    ],
    // beforeAll threw: no failed test, its tests skipped, the file a failed suite.
    [
      'a suite that failed in beforeAll',
      report({ numPassedTests: 1, numPendingTests: 2, numFailedTestSuites: 1 }, [
        file('failed', 'skipped', 'skipped'),
        file('passed', 'passed'),
      ]),
      'vitest: 1 passed, 1 failed, 2 skipped',
    ],
    [
      'a file that failed to import',
      report({ numPassedTests: 4, numFailedTestSuites: 1 }, [file('failed'), file('passed', 'passed')]),
      'vitest: 4 passed, 1 failed',
    ],
    [
      'a failed test and a crashed file',
      report({ numPassedTests: 1, numFailedTests: 1, numFailedTestSuites: 2 }, [file('failed', 'failed', 'passed'), file('failed')]),
      'vitest: 1 passed, 2 failed',
    ],
  ])('%s', async (_, data, line) => {
    expect(await summary(data)).toBe(`${line}\n`);
  });
});

it('.ci/run looks for Chromium where test/browser/chromium.ts does, in the same order, and installs it otherwise', async () => {
  const script = await readFile(join(root, '.ci/run'), 'utf8');
  const loop = script.match(/^\s*for path in (.+); do$/m);
  expect(loop, 'a for-loop over the candidate paths').not.toBeNull();
  expect(loop![1]!.split(' ')).toEqual(['"${CHROME_PATH:-}"', ...CANDIDATES]);
  expect(script).toContain('apt-get update && apt-get install -y chromium');
});

describe('browser tests without Chromium', () => {
  /** Runs one fixture file with vitest, as CI would; returns its JSON report and .ci/run's line for it. */
  const vitest = async (fixture: string) => {
    const out = join(dir, `${fixture}.json`);
    await run('npx', ['vitest', 'run', '--root', 'test/ci/fixtures', fixture], {
      cwd: root,
      env: { ...process.env, FIXTURE_REPORT: out, CHROME_PATH: '' },
    }).catch((error: { code?: number }) => expect(error.code, 'vitest exits with failure').toBe(1));
    const json = JSON.parse(await readFile(out, 'utf8'));
    return { json, line: (await run('bash', [join(root, '.ci/run'), '--summary', out])).stdout.trim() };
  };

  it('useChromium() reports failed tests with the reason, not skipped ones', { timeout: 60_000 }, async () => {
    const { json, line } = await vitest('no-chromium.fixture.ts');
    expect(json).toMatchObject({ numFailedTests: 2, numPassedTests: 0, numPendingTests: 0, success: false });
    const messages = json.testResults[0].assertionResults.flatMap((a: { failureMessages: string[] }) => a.failureMessages).join('\n');
    expect(messages).toContain('No Chromium found for the browser tests');
    expect(line).toBe('vitest: 0 passed, 2 failed');
  });

  it('a launch in beforeAll leaves skipped tests, and the closing line still counts the failed suite', { timeout: 60_000 }, async () => {
    const { json, line } = await vitest('launch-in-before-all.fixture.ts');
    expect(json).toMatchObject({ numFailedTests: 0, numPendingTests: 1, success: false });
    expect(json.numFailedTestSuites).toBeGreaterThan(0);
    expect(line).toBe('vitest: 0 passed, 1 failed, 1 skipped');
  });
});
