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
export function where(details: GoPayErrorDetails = {}): string {
  return details.className ? `${details.className}.${details.methodName}` : 'GoPay';
}

// A brand survives realms (iframes, webviews) where `instanceof` does not. Read by isGoPayError (errors/index.ts).
export const BRAND = Symbol.for('gopay-miniapp-kit.error');

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
