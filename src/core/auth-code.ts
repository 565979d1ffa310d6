import { DEFAULTS } from './constants';
import { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
import { answeredWithout } from '../errors/GoPayBridgeError';
import type { GoPayError } from '../errors/GoPayError';
import { isGoPayError } from '../errors/index';
import { readCallOptions, type CheckedCallOptions } from './options';
import { validated, type Send } from './send';
import type { AuthCode, CallOptions, WithAuthCodeOptions } from './types';
import { checkFunction, own } from '../shared/checks';

/**
 * Whether `authCode` is expired, or will be within `margin` ms (the time it takes to reach your backend). Anything
 * without a finite `expiresAt` counts as expired: a code of unknown age is not worth sending.
 * @example if (isAuthCodeExpired(authCode)) authCode = await gp.getAuthCode();
 */
export function isAuthCodeExpired(authCode: AuthCode, now = Date.now(), margin: number = DEFAULTS.authCodeMargin): boolean {
  const expiresAt = (authCode as Partial<AuthCode> | null | undefined)?.expiresAt;
  return !Number.isFinite(expiresAt) || now >= (expiresAt as number) - margin;
}

// GoPay's token endpoint answers "AuthCode Not Found" for an expired or used code.
function looksExpired(error: unknown): boolean {
  return (
    isGoPayError(error, 'AUTH_CODE_EXPIRED') ||
    /auth ?code.*(expired|not found|invalid)/i.test(String((error as Error | undefined)?.message))
  );
}

/**
 * The auth-code guard: concurrent `getAuthCode()` calls share one bridge call; `withAuthCode` hands each code to
 * one callback only, never an expired one, and retries once when the callback says the code expired.
 */
export function createAuthCodeGuard(send: Send, ttl: number, margin: number) {
  let shared: Promise<AuthCode> | undefined;
  // Codes already handed to a callback, so that none is handed out twice — not even when the bridge repeats one
  // after its expiry (a property test found that pruning expired entries allowed exactly that). A few bytes per login.
  const used = new Set<string>();

  // `opts`: a getAuthCode caller's own, checked by `send`; `options`: withAuthCode's, read once for all its calls.
  const fetchCode = (opts?: unknown, options?: CheckedCallOptions): Promise<AuthCode> => {
    const issuedAt = Date.now();
    return send<AuthCode>(
      {
        className: 'GPMiniAppAuth',
        methodName: 'getAuthCode',
        result: (data, call) => {
          const authCode = own(data, 'authCode');
          if (typeof authCode !== 'string' || !authCode) return answeredWithout('authCode', call);
          // A code that a withAuthCode callback already had is spent, even if GoPay repeats it.
          if (used.has(authCode)) throw new GoPayAuthCodeExpiredError('Auth code already used');
          return { code: authCode, issuedAt, expiresAt: issuedAt + ttl };
        },
        options,
      },
      opts,
    );
  };

  // Concurrent callers share one bridge call, which has no caller's options; a caller with options gets its own
  // call, so that its timeout is its own, aborting it fails no one else, and bad options are refused whatever else
  // is in flight. The shared call is forgotten before its callers hear its outcome: they are handed a promise that
  // settles after `forget` (and only theirs may go unhandled; the call's own outcome is handled here).
  const forget = () => {
    shared = undefined;
  };
  const getAuthCode = (opts?: CallOptions): Promise<AuthCode> => {
    if (opts !== undefined) return fetchCode(opts);
    shared ||= fetchCode().finally(forget);
    return shared;
  };

  // withAuthCode never joins a shared call: the code it hands to `fn` must reach nobody else. Whether a code is
  // used is checked and marked in one synchronous step after the await, so that two claims answered in the same
  // tick (a bridge that answers on a microtask) can never both take it.
  const claim = async (options: CheckedCallOptions): Promise<AuthCode> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      // send rejects with GoPayErrors only; a repeated code is one to skip.
      const authCode = await fetchCode(undefined, options).catch((error: GoPayError) => {
        if (error.code !== 'AUTH_CODE_EXPIRED') throw error;
      });
      if (authCode && !used.has(authCode.code) && !isAuthCodeExpired(authCode, Date.now(), margin)) {
        used.add(authCode.code);
        return authCode;
      }
    }
    throw new GoPayAuthCodeExpiredError('No fresh auth code in 3 tries');
  };

  const withAuthCode = async <T>(fn: (code: string, authCode: AuthCode) => T | Promise<T>, opts?: WithAuthCodeOptions): Promise<T> => {
    const [callOptions, isExpired] = validated(() => {
      checkFunction(fn, 'withAuthCode(fn)');
      const custom = own(opts, 'isExpiredError');
      return [
        readCallOptions(opts, ['isExpiredError']),
        custom === undefined ? looksExpired : checkFunction(custom as typeof looksExpired, 'isExpiredError'),
      ] as const;
    });
    let authCode = await claim(callOptions);
    try {
      return await fn(authCode.code, authCode);
    } catch (error) {
      if (!isExpired(error)) throw error;
      authCode = await claim(callOptions);
      return fn(authCode.code, authCode);
    }
  };

  return { getAuthCode, withAuthCode };
}
