import { GoPayError, where, type GoPayErrorCode, type GoPayErrorDetails } from './GoPayError';

/** The codes a `GoPayBridgeError` can carry: every code that is not one of the SDK's own. */
export type BridgeErrorCode = Exclude<GoPayErrorCode, 'TIMEOUT' | 'ABORTED' | 'UNAVAILABLE' | 'AUTH_CODE_EXPIRED' | 'INVALID_ARGUMENT'>;

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
// What the developer can do about the common ones.
const HINTS: Partial<Record<BridgeErrorCode, string>> = {
  UNSUPPORTED: 'Not supported by this app or device',
  NOT_REGISTERED: 'Register the mini app with GoPay',
  // The scope is the class's name: GPLocation needs 'location', GPCamera 'camera', GPSystem 'system'.
  PERMISSION_DENIED: 'Ask consent first: gp.getConsent(',
  NETWORK: 'The phone is offline; retry',
  SUPERAPP: 'GoPay failed; retry',
};

/** The bridge answered with a failure; `bridgeCode` and `response` hold what it said. */
export class GoPayBridgeError extends GoPayError {
  override name = 'GoPayBridgeError';
  declare readonly code: BridgeErrorCode;

  constructor(bridgeMessage: string | undefined, details: GoPayErrorDetails = {}) {
    const bridgeCode = details.bridgeCode || '';
    const code = CODES[bridgeCode] || (/^5\d\d$/.test(bridgeCode) ? 'SUPERAPP' : 'UNKNOWN');
    const scope = details.className?.slice(2).toLowerCase();
    const hint = HINTS[code];
    super(
      code,
      `${where(details)} failed` +
        (bridgeMessage ? `: ${bridgeMessage}` : '') +
        (bridgeCode && ` (${bridgeCode})`) +
        (hint ? `. ${hint}` + (code == 'PERMISSION_DENIED' ? `'${scope || 'scope'}')` : '') : ''),
      details,
    );
  }
}
