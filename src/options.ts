import { DEFAULTS } from './constants';
import type { DebugOption } from './report';
import type { GpContainer } from './types';
import { checkNumber, checkObject, checkOneOf, checkString, checkTimeout, invalid } from './validate';

/** Options of `createGoPay()`. Every field is optional. */
export interface GoPayOptions {
  /**
   * Where the bridge script is loaded from.
   * @default 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js'
   */
  scriptUrl?: string;
  /**
   * A bridge to use instead of `window.gpContainer` (the mock, or a test fake); no script is loaded.
   * @example createGoPay({ bridge: createMockBridge() })
   */
  bridge?: GpContainer;
  /**
   * Milliseconds for the script to load and `window.gpContainer.call` to appear.
   * @default 10000
   */
  loadTimeout?: number;
  /**
   * Milliseconds before a non-interactive call rejects with `GoPayTimeoutError`; `false` waits forever.
   * Interactive calls (getConsent, launchPayment, takePhoto, getBankAccountToken, share, saveFile) wait forever
   * unless given a per-call `timeout`.
   * @default 10000
   */
  timeout?: number | false;
  /** CSP nonce set on the injected `<script>`. */
  nonce?: string;
  /**
   * Milliseconds an auth code is taken to live (GoPay's docs say 5 and 6 minutes).
   * @default 300000
   */
  authCodeTtl?: number;
  /**
   * Milliseconds before expiry from which a code counts as expired (its trip to your backend).
   * @default 30000
   */
  authCodeMargin?: number;
  /**
   * `true` logs each call (method, params, outcome, ms) with `console.debug`; a function receives the entries.
   * Auth codes, tokens and base64 data are redacted.
   * @default false
   * @example createGoPay({ debug: import.meta.env.DEV })
   */
  debug?: DebugOption;
}

export type ResolvedOptions = Required<Omit<GoPayOptions, 'bridge' | 'nonce'>> & Pick<GoPayOptions, 'bridge' | 'nonce'>;

/** Merges `options` over the defaults and checks every field, naming the one that is wrong. */
export const resolveOptions = (options: GoPayOptions = {}): ResolvedOptions => {
  checkObject(options, 'createGoPay(options)');
  const resolved = { ...DEFAULTS } as ResolvedOptions;
  for (const key in options) {
    // A typo would otherwise be silently ignored.
    checkOneOf(key, 'a createGoPay() option', Object.keys(DEFAULTS));
    const value = options[key as keyof GoPayOptions];
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  checkString(resolved.scriptUrl, 'scriptUrl');
  checkNumber(resolved.loadTimeout, 'loadTimeout', 1);
  checkTimeout(resolved.timeout);
  checkNumber(resolved.authCodeTtl, 'authCodeTtl', 1);
  // A margin as long as the TTL would make every code count as expired.
  checkNumber(resolved.authCodeMargin, 'authCodeMargin', 0, resolved.authCodeTtl - 1);
  if (resolved.bridge !== undefined && typeof resolved.bridge?.call != 'function')
    invalid('bridge', 'an object with a call() method', resolved.bridge);
  if (resolved.nonce !== undefined) checkString(resolved.nonce, 'nonce');
  return resolved;
};
