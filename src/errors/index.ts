// The errors, on the ground floor: no error module imports anything but GoPayError. This index adds what needs every
// class at once — the narrowing type of isGoPayError — so that the root class never imports its subclasses.
import { BRAND, type GoPayError, type GoPayErrorCode } from './GoPayError';
import type { GoPayAbortError } from './GoPayAbortError';
import type { GoPayApiError } from './GoPayApiError';
import type { GoPayAuthCodeExpiredError } from './GoPayAuthCodeExpiredError';
import type { GoPayBridgeError } from './GoPayBridgeError';
import type { GoPaySignatureError } from './GoPaySignatureError';
import type { GoPayTimeoutError } from './GoPayTimeoutError';
import type { GoPayUnavailableError } from './GoPayUnavailableError';
import type { GoPayValidationError } from './GoPayValidationError';

export { GoPayError } from './GoPayError';
export type { GoPayErrorCode, GoPayErrorDetails } from './GoPayError';

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
    typeof error === 'object' &&
    (error as Record<symbol, unknown>)[BRAND] === true &&
    (code === undefined || (error as GoPayError).code === code)
  );
}
