import type { GoPayAbortError } from './GoPayAbortError';
import type { GoPayApiError } from './GoPayApiError';
import type { GoPayAuthCodeExpiredError } from './GoPayAuthCodeExpiredError';
import type { GoPayBridgeError } from './GoPayBridgeError';
import type { GoPaySignatureError } from './GoPaySignatureError';
import type { GoPayTimeoutError } from './GoPayTimeoutError';
import type { GoPayUnavailableError } from './GoPayUnavailableError';
import type { GoPayValidationError } from './GoPayValidationError';

/** Every `code` a `GoPayError` can carry. */
export type GoPayErrorCode =
  | 'TIMEOUT'
  | 'ABORTED'
  | 'UNAVAILABLE'
  | 'AUTH_CODE_EXPIRED'
  | 'INVALID_ARGUMENT'
  | 'UNSUPPORTED'
  | 'USER_NOT_FOUND'
  | 'INVALID_PARAMS'
  | 'NOT_REGISTERED'
  | 'PERMISSION_DENIED'
  | 'MALFORMED_AUTHORIZATION'
  | 'NETWORK'
  | 'SUPERAPP'
  | 'UNPROCESSABLE'
  | 'NOT_IN_GOPAY'
  | 'UNKNOWN'
  // The server entries' own codes (gopay-miniapp-kit/server).
  | 'API'
  | 'INVALID_SIGNATURE';

export interface GoPayErrorDetails {
  bridgeCode?: string;
  className?: string;
  methodName?: string;
  response?: unknown;
  cause?: unknown;
}

/** "Class.method" for messages, or "GoPay" when the error is not about one call. */
export const where = (details: GoPayErrorDetails = {}): string =>
  details.className ? `${details.className}.${details.methodName}` : 'GoPay';

// A brand survives realms (iframes, webviews) where `instanceof` does not.
const BRAND = Symbol.for('gopay-miniapp-kit.error');

/** The root of every error the SDK rejects with. Check with `isGoPayError(e, code?)`. */
export class GoPayError extends Error {
  override name = 'GoPayError';
  /** The bridge's own `error_code`/`errorCode` (or `ret`), as a string. */
  declare bridgeCode?: string;
  declare className?: string;
  declare methodName?: string;
  /** The raw answer of the bridge, when there was one. */
  declare response?: unknown;
  declare cause?: unknown;

  constructor(
    readonly code: GoPayErrorCode,
    message: string,
    details?: object,
  ) {
    super(message);
    Object.assign(this, details);
  }

  /** @internal */
  get [BRAND]() {
    return true;
  }
}

/** The class of the errors that carry `code`: what `isGoPayError(e, code)` narrows to. */
export type GoPayErrorOf<C extends GoPayErrorCode> = C extends 'TIMEOUT'
  ? GoPayTimeoutError
  : C extends 'ABORTED'
    ? GoPayAbortError
    : C extends 'UNAVAILABLE'
      ? GoPayUnavailableError
      : C extends 'AUTH_CODE_EXPIRED'
        ? GoPayAuthCodeExpiredError
        : C extends 'INVALID_ARGUMENT'
          ? GoPayValidationError
          : C extends 'API'
            ? GoPayApiError
            : C extends 'INVALID_SIGNATURE'
              ? GoPaySignatureError
              : GoPayBridgeError & { readonly code: C };

/**
 * Whether `error` is a `GoPayError` (with a `code`: one with that code, narrowed to its class, so that `e.timeout`
 * type-checks after `'TIMEOUT'` and `e.reason` after `'UNAVAILABLE'`), also across realms: the brand is a
 * `Symbol.for` symbol, which every iframe and every copy of this package share, where `instanceof` fails.
 * @example if (isGoPayError(e, 'PERMISSION_DENIED')) await gp.getConsent('location');
 * @example if (isGoPayError(e, 'TIMEOUT')) console.warn(`no answer in ${e.timeout} ms`);
 */
export function isGoPayError<C extends GoPayErrorCode>(error: unknown, code: C): error is GoPayErrorOf<C>;
export function isGoPayError(error: unknown): error is GoPayError;
export function isGoPayError(error: unknown, code?: GoPayErrorCode): boolean {
  return (
    !!error &&
    typeof error == 'object' &&
    (error as Record<symbol, unknown>)[BRAND] === true &&
    (code === undefined || (error as GoPayError).code === code)
  );
}
