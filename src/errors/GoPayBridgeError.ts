import { GoPayError, where, type GoPayErrorCode, type GoPayErrorDetails } from './GoPayError';

/** The codes a `GoPayBridgeError` can carry: every code that is not one of the SDK's own. */
export type BridgeErrorCode = Exclude<GoPayErrorCode, 'TIMEOUT' | 'ABORTED' | 'UNAVAILABLE' | 'AUTH_CODE_EXPIRED' | 'INVALID_ARGUMENT'>;

// GoPay's documented error codes (gopay-bridge.md), and what the developer can do about the common ones.
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
const HINTS: Partial<Record<BridgeErrorCode, string>> = {
  UNSUPPORTED: 'Not supported by this app or device',
  NOT_REGISTERED: 'Register the mini app with GoPay',
  PERMISSION_DENIED: 'Ask consent first: gp.getConsent(SCOPE)',
  NETWORK: 'The phone is offline; retry',
  SUPERAPP: 'GoPay failed; retry',
};
// The consent scope each class needs, for the PERMISSION_DENIED hint.
const SCOPES: Record<string, string> = { GPLocation: "'location'", GPCamera: "'camera'" };

/** Maps a bridge error code (string or number, maybe empty) to our `code`. */
export const toBridgeErrorCode = (bridgeCode = ''): BridgeErrorCode =>
  CODES[bridgeCode] || (/^5\d\d$/.test(bridgeCode) ? 'SUPERAPP' : 'UNKNOWN');

/** The bridge answered with a failure; `bridgeCode` and `response` hold what it said. */
export class GoPayBridgeError extends GoPayError {
  override name = 'GoPayBridgeError';
  declare readonly code: BridgeErrorCode;

  constructor(bridgeMessage: string | undefined, details: GoPayErrorDetails = {}) {
    const code = toBridgeErrorCode(details.bridgeCode);
    const hint = HINTS[code]?.replace('SCOPE', SCOPES[details.className!] || 'scope');
    super(
      code,
      `${where(details)} failed` +
        (bridgeMessage ? `: ${bridgeMessage}` : '') +
        (details.bridgeCode ? ` (${details.bridgeCode})` : '') +
        (hint ? `. ${hint}` : ''),
      details,
    );
  }
}
