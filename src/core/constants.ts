/** The package version; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** Every default in one place. */
export const DEFAULTS = {
  scriptUrl: 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js',
  loadTimeout: 10_000,
  timeout: 10_000 as number | false,
  // GoPay's pages say 5 and 6 minutes: the shorter is the safe one.
  authCodeTtl: 300_000,
  // Time for the code to reach the backend and be exchanged there.
  authCodeMargin: 30_000,
  debug: false,
  bridge: undefined,
  nonce: undefined,
} as const;
