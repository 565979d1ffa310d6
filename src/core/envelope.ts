import type { GoPayBridgeError } from '../errors/GoPayBridgeError';
import { bridgeFailure } from './bridge-failure';
import { isRecord, own } from '../shared/checks';

/** An answer of the bridge, read: a value to resolve with, or the error to reject with (no tuple: the hot path). */
export type Outcome = Record<string, unknown> | GoPayBridgeError;

/** GoPay app versions below 2.00 answer (and fire events) with JSON text; an unparsable text stays as it is. */
export function parse(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}

// The envelope's own fields beside `data`, without `success` and `ret`. Rest syntax defines them as own fields,
// also one named `__proto__`, where an assignment would set the copy's prototype.
function beside({ success: _success, ret: _ret, data: _data, ...fields }: Record<string, unknown>) {
  return fields;
}

/**
 * Reads an answer defensively: JSON text, `null`, `success: false` through the success callback, `ret` as a
 * string or an array, snake_case, camelCase or nested failure fields, numeric or empty error codes. Only the
 * answer's own fields count. Resolves with `data`, else the fields beside it; with `merge` (typed methods), with
 * both together, since GoPay puts some results beside `data` (getLocale's `app_locale`, motion's `msg`).
 */
export function readAnswer(raw: unknown, viaFailure: boolean, className: string, methodName: string, merge?: boolean): Outcome {
  const fail = (message: unknown, bridgeCode?: unknown) =>
    bridgeFailure(message as string, { className, methodName, bridgeCode: (bridgeCode as string) || undefined, response: raw });
  const answer = parse(raw ?? (viaFailure ? raw : {}));
  if (!isRecord(answer)) {
    return fail(viaFailure && answer == null ? 'no details' : `malformed answer (${typeof raw})`);
  }
  const rawRet = own(answer, 'ret');
  const ret = Array.isArray(rawRet) ? rawRet[0] : rawRet;
  if (viaFailure || own(answer, 'success') === false || (ret != null && ret !== 'GP_SUCCESS')) {
    // Snake_case, camelCase, or nested as the older npm SDK sent them (`error: { code, message }`).
    const nested = own(answer, 'error');
    const code = own(answer, 'error_code') ?? own(answer, 'errorCode') ?? own(nested, 'code');
    const message = own(answer, 'error_message') ?? own(answer, 'errorMessage') ?? own(nested, 'message');
    return fail(message, String(code ?? '') || (ret !== 'GP_EXCEPTION' && ret));
  }
  const value = parse(own(answer, 'data'));
  if (value == null) return beside(answer);
  if (!isRecord(value)) return fail(`malformed answer (${typeof raw})`);
  return merge ? { ...beside(answer), ...value } : value;
}
