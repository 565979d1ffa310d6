import { GoPayError, where, type GoPayErrorCode, type GoPayErrorDetails } from './GoPayError';

/** The codes a `GoPayBridgeError` can carry: every code that is not one of the SDK's own. */
export type BridgeErrorCode = Exclude<
  GoPayErrorCode,
  'TIMEOUT' | 'ABORTED' | 'UNAVAILABLE' | 'AUTH_CODE_EXPIRED' | 'INVALID_ARGUMENT' | 'API' | 'INVALID_SIGNATURE'
>;

// GoPay's documented error codes (gopay-bridge.md); 5xx is SUPERAPP, anything else UNKNOWN.
const CODES: Record<string, BridgeErrorCode> = {
  100: 'UNSUPPORTED',
  105: 'USER_NOT_FOUND',
  200: 'INVALID_PARAMS',
  201: 'INVALID_PARAMS',
  202: 'INVALID_PARAMS',
  GP_PARAM_ERR: 'INVALID_PARAMS',
  203: 'NOT_REGISTERED',
  300: 'PERMISSION_DENIED',
  303: 'MALFORMED_AUTHORIZATION',
  400: 'UNSUPPORTED',
  401: 'NETWORK',
  900: 'UNPROCESSABLE',
};
/** The bridge answered with a failure; `bridgeCode` and `response` hold what it said. */
export class GoPayBridgeError extends GoPayError {
  override name = 'GoPayBridgeError';
  declare readonly code: BridgeErrorCode;

  constructor(bridgeMessage: string | undefined, details: GoPayErrorDetails = {}) {
    const bridgeCode = details.bridgeCode || '';
    const code = CODES[bridgeCode] || (/^5\d\d$/.test(bridgeCode) ? 'SUPERAPP' : 'UNKNOWN');
    // The code's name says what happened (NETWORK, NOT_REGISTERED…); a missing consent also says what to do. Its
    // scope is the class's name: GPLocation needs 'location', GPCamera 'camera'.
    super(
      code,
      `${where(details)} failed${bridgeMessage ? `: ${bridgeMessage}` : ''}${bridgeCode && ` (${code} ${bridgeCode})`}` +
        (code == 'PERMISSION_DENIED'
          ? `. Ask consent first: gp.getConsent('${details.className?.slice(2).toLowerCase() || 'scope'}')`
          : ''),
      details,
    );
  }
}

/** The bridge answered "success" without the field the method promises: a failure, not a half-filled result. */
export function answeredWithout(field: string, className: string, methodName: string): never {
  throw new GoPayBridgeError(`answered without ${field}`, { className, methodName });
}
