import { DEFAULTS } from './constants';
import type { DebugOption } from './report';
import type { CallOptions, GpContainer } from './types';
import { checkNumber, checkObject, checkOneOf, checkSignal, checkString, checkTimeout, invalid, own } from '../shared/checks';

/** Options of `createGoPay()`. Every field is optional. */
export interface GoPayOptions {
  /**
   * Where the bridge script is loaded from: an http(s) URL, or a path on your own origin. A malformed URL is refused.
   * @default 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js'
   * @example createGoPay({ scriptUrl: '/vendor/gp-container.min.js' })
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
   * @example createGoPay({ loadTimeout: 5_000 })
   */
  loadTimeout?: number;
  /**
   * Milliseconds before a non-interactive call rejects with `GoPayTimeoutError`; `false` waits forever.
   * Interactive calls (getConsent, launchPayment, takePhoto, getBankAccountToken, share, saveFile, launchDeeplink,
   * launchUri) wait forever unless given a per-call `timeout`.
   * @default 10000
   * @example createGoPay({ timeout: 3_000 })
   */
  timeout?: number | false;
  /**
   * CSP nonce set on the injected `<script>`.
   * @example createGoPay({ nonce: document.querySelector('meta[name=csp-nonce]')?.content })
   */
  nonce?: string;
  /**
   * Milliseconds an auth code is taken to live (GoPay's docs say 5 and 6 minutes).
   * @default 300000
   * @example createGoPay({ authCodeTtl: 360_000 })
   */
  authCodeTtl?: number;
  /**
   * Milliseconds before expiry from which a code counts as expired (its trip to your backend).
   * @default 30000
   * @example createGoPay({ authCodeMargin: 60_000 })
   */
  authCodeMargin?: number;
  /**
   * `true` logs each call (method, params, outcome, ms) with `console.debug`; a function receives the entries.
   * Auth codes, tokens and base64 data are redacted. Any other value (`'false'`, `1`) is refused.
   * @default false
   * @example createGoPay({ debug: import.meta.env.DEV })
   */
  debug?: DebugOption;
}

export type ResolvedOptions = Required<Omit<GoPayOptions, 'bridge' | 'nonce'>> & Pick<GoPayOptions, 'bridge' | 'nonce'>;

/** Merges `options` over the defaults and checks every field, naming the one that is wrong. Own fields only. */
export function resolveOptions(options: GoPayOptions = {}): ResolvedOptions {
  checkObject(options, 'createGoPay(options)');
  const resolved: Record<string, unknown> = { ...DEFAULTS };
  for (const key of Object.keys(options)) {
    // A typo would otherwise be silently ignored.
    checkOneOf(key, 'a createGoPay() option', Object.keys(DEFAULTS));
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) resolved[key] = value;
  }
  const config = resolved as ResolvedOptions;
  // Parsed now, so that a malformed URL ('https://') is refused here, not by the loader after the first call.
  if (!parsesAsUrl(checkString(config.scriptUrl, 'scriptUrl'))) invalid('scriptUrl', 'a URL', config.scriptUrl);
  checkNumber(config.loadTimeout, 'loadTimeout', 1);
  checkTimeout(config.timeout);
  checkNumber(config.authCodeTtl, 'authCodeTtl', 1);
  // A margin as long as the TTL would make every code count as expired.
  checkNumber(config.authCodeMargin, 'authCodeMargin', 0, config.authCodeTtl - 1);
  if (config.bridge !== undefined && typeof config.bridge?.call !== 'function') invalid('bridge', 'an object with call()', config.bridge);
  if (config.nonce !== undefined) checkString(config.nonce, 'nonce');
  // `'false'` is truthy: only a boolean or a function says what it means.
  if (typeof config.debug !== 'boolean' && typeof config.debug !== 'function') invalid('debug', 'a boolean or a function', config.debug);
  return config;
}

// A relative URL resolves against the page; the base only stands in for it (there may be no document yet).
function parsesAsUrl(url: string) {
  try {
    return /^https?:$/.test(new URL(url, 'https://page.invalid/').protocol);
  } catch {
    return false;
  }
}

declare const checkedBrand: unique symbol;

/**
 * Per-call options as `readCallOptions` returned them: own fields, known names, values checked. Only it makes them
 * (the brand exists in types only), so a method that has read them hands them on as they are: to `send` as
 * `call.options`, to `waitFor` as its bounds. Nothing checks them twice.
 */
export type CheckedCallOptions = Readonly<CallOptions> & { readonly [checkedBrand]: true };

/**
 * Reads per-call options: `timeout` and `signal`, plus the `extra` names a method takes (their values are the
 * method's to check). Own fields only; an unknown name is refused, as a typo would otherwise be ignored.
 */
export function readCallOptions(opts: unknown, extra: readonly string[] = []): CheckedCallOptions {
  // Both fields own, even when absent: destructuring an absent field would read Object.prototype's.
  const record = opts === undefined ? {} : checkObject(opts, 'opts');
  for (const key of Object.keys(record)) checkOneOf(key, 'a per-call option', ['timeout', 'signal', ...extra]);
  const timeout = own(record, 'timeout');
  const signal = own(record, 'signal');
  return {
    timeout: timeout === undefined ? undefined : checkTimeout(timeout),
    signal: signal === undefined ? undefined : checkSignal(signal),
  } as CheckedCallOptions;
}
