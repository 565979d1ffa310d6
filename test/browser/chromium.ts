import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

// .ci/run looks for a browser in the same order: CHROME_PATH, then these.
export const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Debian's Chromium (or CHROME_PATH). Never downloads a browser, and never skips silently when there is none. */
export const findChromium = (paths: (string | undefined)[] = [process.env.CHROME_PATH, ...CANDIDATES]): string => {
  const found = paths.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install it with `apt-get update && apt-get install -y chromium`, ' +
        'or set CHROME_PATH to a Chrome or Chromium binary.',
    );
  }
  return found;
};

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Launches Chromium for the file's tests and returns a getter for it. A missing or broken browser fails loudly:
 * the error is caught in `beforeAll` (where vitest would report every test as skipped) and thrown again by a test
 * of its own and by every test that asks for the browser, so each of them counts as failed.
 */
export const useChromium = (launch: () => Promise<Browser> = launchChromium): (() => Browser) => {
  let browser: Browser | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      browser = await launch();
    } catch (error) {
      failure = error;
    }
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  it('Chromium is found and launches', () => {
    if (failure) throw failure;
    expect(browser?.isConnected()).toBe(true);
  });
  return () => {
    if (!browser) throw failure ?? new Error('Chromium was not launched');
    return browser;
  };
};
