import { GoPayBridgeError } from './errors/GoPayBridgeError';
import type { GoPayErrorDetails } from './errors/GoPayError';
import type { BridgeEnvelope } from './types';

/** An answer of the bridge, read: a value to resolve with, or the error to reject with. */
export type Outcome = [ok: true, value: Record<string, unknown>] | [ok: false, error: GoPayBridgeError];

// GoPay app versions below 2.00 answer with JSON text; an unparsable text is a malformed answer.
const parse = (text: unknown): unknown => {
  if (typeof text != 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value == 'object' && !Array.isArray(value);

/**
 * Reads an answer defensively: JSON text, `null`, `success: false` through the success callback, `ret` as a
 * string or an array, snake_case or camelCase failure fields, numeric or empty error codes.
 */
export const readAnswer = (raw: unknown, viaFailure: boolean, where: GoPayErrorDetails, merge?: boolean): Outcome => {
  const answer = parse(raw ?? (viaFailure ? raw : {}));
  const malformed = (): Outcome => [
    false,
    new GoPayBridgeError(`malformed answer (${typeof raw})`, { ...where, response: raw }),
  ];
  if (!isRecord(answer)) return viaFailure && answer == null ? [false, new GoPayBridgeError('no details', { ...where, response: raw })] : malformed();
  const { success, ret: rawRet, data, ...rest } = answer as BridgeEnvelope;
  const ret = Array.isArray(rawRet) ? rawRet[0] : rawRet;
  if (viaFailure || success === false || (ret != null && ret !== 'GP_SUCCESS')) {
    const code = String(answer.error_code ?? answer.errorCode ?? '') || (ret !== 'GP_EXCEPTION' && ret) || undefined;
    const message = answer.error_message ?? answer.errorMessage;
    return [false, new GoPayBridgeError(message as string | undefined, { ...where, bridgeCode: code, response: raw })];
  }
  const value = parse(data);
  if (isRecord(value)) return [true, merge ? { ...rest, ...value } : value];
  return value == null ? [true, rest] : malformed();
};
