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

// The envelope's own fields, apart from `success` and `ret` (and an empty `data`).
const fields = (answer: Record<string, unknown>): Record<string, unknown> => {
  const rest: Record<string, unknown> = {};
  for (const key in answer) if (key != 'success' && key != 'ret' && key != 'data') rest[key] = answer[key];
  return rest;
};

/**
 * Reads an answer defensively: JSON text, `null`, `success: false` through the success callback, `ret` as a
 * string or an array, snake_case or camelCase failure fields, numeric or empty error codes.
 * `merge` resolves with the top-level fields and `data`'s together (typed methods read both places).
 */
export const readAnswer = (raw: unknown, viaFailure: boolean, where: GoPayErrorDetails, merge?: boolean): Outcome => {
  const answer = parse(raw ?? (viaFailure ? raw : {}));
  const fail = (message: unknown, bridgeCode?: unknown): Outcome => [
    false,
    new GoPayBridgeError(message as string, { ...where, bridgeCode: (bridgeCode as string) || undefined, response: raw }),
  ];
  if (!isRecord(answer)) return fail(viaFailure && answer == null ? 'no details' : `malformed answer (${typeof raw})`);
  const { success, ret: rawRet, data } = answer as BridgeEnvelope;
  const ret = Array.isArray(rawRet) ? rawRet[0] : rawRet;
  if (viaFailure || success === false || (ret != null && ret !== 'GP_SUCCESS')) {
    return fail(
      answer.error_message ?? answer.errorMessage,
      String(answer.error_code ?? answer.errorCode ?? '') || (ret !== 'GP_EXCEPTION' && ret),
    );
  }
  const value = parse(data);
  if (isRecord(value)) return [true, merge ? { ...fields(answer), ...value } : value];
  return value == null ? [true, fields(answer)] : fail(`malformed answer (${typeof raw})`);
};
