import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Debian's Chromium (or CHROME_PATH). Never downloads a browser, and never skips silently when there is none. */
export const findChromium = (): string => {
  const found = [process.env.CHROME_PATH, ...CANDIDATES].find((path) => path && existsSync(path));
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
