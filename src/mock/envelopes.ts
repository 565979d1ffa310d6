// The envelopes GoPay's bridge answers with as GoPay's JSAPI pages document them, built in one place.
import type { MockEnvelope } from './options';

export const MESSAGES: Record<string, string> = {
  100: 'Method not supported on this platform',
  105: 'User not found',
  200: 'Incomplete parameters',
  201: 'Invalid parameter type',
  202: 'Parameter data not supported',
  203: 'Mini app is not registered',
  300: 'Permission denied',
  303: 'Malformed authorization',
  400: 'Not supported by the device',
  401: 'Network error',
  500: 'Super app internal error',
  900: 'Unable to process',
};

export function success(data?: unknown) {
  return data === undefined ? { success: true, ret: 'GP_SUCCESS' } : { success: true, ret: 'GP_SUCCESS', data };
}

/** For methods that answer beside `data`: getLocale's app_locale, motion's msg, takePhoto's callbackId and photo. */
export function successBeside(fields: Record<string, unknown>, data?: unknown) {
  return { ...success(data), ...fields };
}

export function failure(code: string | number, message?: string) {
  return {
    success: false,
    ret: 'GP_EXCEPTION',
    error_type: 'JS_BRIDGE_ERROR',
    error_code: String(code),
    error_message: message ?? MESSAGES[code] ?? 'Error',
  };
}

/** The second, camelCase form (takePhoto, trackEvent): no `success` field. */
export function paramError(callbackId: string, message: string) {
  return {
    callbackId,
    ret: 'GP_PARAM_ERR',
    errorCode: 'GP_PARAM_ERR',
    errorMessage: message,
  };
}

/** What a mock method handler decides; `fail` answers through onFailure. */
export type Reply = { ok: unknown } | { fail: unknown };

export function ok(envelope: unknown): Reply {
  return { ok: envelope };
}

export function fail(envelope: unknown): Reply {
  return { fail: envelope };
}

// Symbol.for: an envelope made by one copy of the mock (ESM, CJS, UMD) is recognised by another.
const ENVELOPE = Symbol.for('gopay-miniapp-kit/mock.envelope');

/**
 * For `set()`: answer with these envelope fields instead of wrapping the answer in `data`. They are spread over
 * `{ success: true, ret: 'GP_SUCCESS' }` and passed to the success callback as they are, so a field GoPay puts beside
 * `data` (getLocale's `app_locale`, motion's `msg`, a `callbackId`) can be answered; `data` is one field among them.
 * @example bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }));
 * @example bridge.set('GPCamera.takePhoto', () => envelope({ callbackId: 1, data: { localPath: '/tmp/a.jpg' } }));
 */
export function envelope(fields: Record<string, unknown>): MockEnvelope {
  return Object.defineProperty({ envelope: { ...fields } }, ENVELOPE, { value: true });
}

export function isEnvelope(value: unknown): value is MockEnvelope {
  return !!value && (value as Record<symbol, unknown>)[ENVELOPE] === true;
}
