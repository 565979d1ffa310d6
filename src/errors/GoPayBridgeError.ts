import { GoPayError, where, type GoPayErrorCode, type GoPayErrorDetails } from './GoPayError';

/** The codes a `GoPayBridgeError` can carry: every code that is not one of the SDK's own. */
export type BridgeErrorCode = Exclude<
  GoPayErrorCode,
  'TIMEOUT' | 'ABORTED' | 'UNAVAILABLE' | 'AUTH_CODE_EXPIRED' | 'INVALID_ARGUMENT' | 'API' | 'INVALID_SIGNATURE'
>;

/**
 * GoPay's documented error codes (its JSAPI pages), and 1003, which GoPay's bridge answers outside its WebView
 * (undocumented, seen by a public app). 5xx is SUPERAPP; anything else UNKNOWN.
 */
export const BRIDGE_CODES: Readonly<Record<string, BridgeErrorCode>> = {
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
  1003: 'NOT_IN_GOPAY',
};

// The classes whose methods need a consent, and its scope (GoPay's JSAPI pages, "Consent").
const CONSENT_SCOPES: Readonly<Record<string, string>> = { GPLocation: 'location', GPCamera: 'camera' };

/** An own property of a table (a code such as `constructor` is not one). */
function ownEntry(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The bridge answered with a failure; `bridgeCode` and `response` hold what it said. The SDK builds it with secrets
 * already redacted from the message, `response` and `cause` (core/bridge-failure.ts), also from an unreadable answer.
 */
export class GoPayBridgeError extends GoPayError {
  override name = 'GoPayBridgeError';
  declare readonly code: BridgeErrorCode;

  constructor(bridgeMessage: string | undefined, details: GoPayErrorDetails = {}) {
    const { bridgeCode = '', className = '', cause } = details;
    // Own keys only: a code such as `constructor` is UNKNOWN, not a function.
    const code =
      (ownEntry(BRIDGE_CODES, bridgeCode) as BridgeErrorCode | undefined) || (/^5\d\d$/.test(bridgeCode) ? 'SUPERAPP' : 'UNKNOWN');
    // The code's name says what happened (NETWORK, NOT_REGISTERED…); a missing consent also says what to do: ask for
    // it where GoPay documents one, else say what else may be missing.
    const scope = ownEntry(CONSENT_SCOPES, className);
    const hint = scope ? `. Ask consent first: gp.getConsent('${scope}')` : '. Not permitted: no consent, or a deeplink not whitelisted';
    const said = bridgeMessage ? `: ${bridgeMessage}` : '';
    super(code, `${where(details)} failed${said}${bridgeCode && ` (${code} ${bridgeCode})`}${code === 'PERMISSION_DENIED' ? hint : ''}`, {
      ...details,
      cause,
    });
  }
}

/**
 * The bridge answered "success" without the field the method promises: a failure, not a half-filled result. `call`
 * names the call (a result reader is given it).
 */
export function answeredWithout(field: string, { className, methodName }: GoPayErrorDetails): never {
  throw new GoPayBridgeError(`answered without ${field}`, { className, methodName });
}
