// Failure envelopes and the errors table of docs/browser.md: every bridge code → a GoPayBridgeError `code`, whatever
// the envelope's form (snake_case, camelCase, nested, JSON text; through onFailure or the success callback).
import { describe, expect, it } from 'vitest';
import { errorChecks, type AcceptanceApi, type GoPayErrorCode } from '../api';
import { camelFailEnv, failEnv, fakeBridge } from '../../fake-bridge';
import { rejectionOf } from '../../helpers';

/** Every bridge error code of the errors table of docs/browser.md → the GoPayBridgeError `code`. */
const BRIDGE_CODE_TABLE: Array<[string, GoPayErrorCode]> = [
  ['100', 'UNSUPPORTED'],
  ['400', 'UNSUPPORTED'],
  ['105', 'USER_NOT_FOUND'],
  ['200', 'INVALID_PARAMS'],
  ['201', 'INVALID_PARAMS'],
  ['202', 'INVALID_PARAMS'],
  ['GP_PARAM_ERR', 'INVALID_PARAMS'],
  ['203', 'NOT_REGISTERED'],
  ['300', 'PERMISSION_DENIED'],
  ['303', 'MALFORMED_AUTHORIZATION'],
  ['401', 'NETWORK'],
  ['500', 'SUPERAPP'],
  ['502', 'SUPERAPP'],
  ['503', 'SUPERAPP'],
  ['599', 'SUPERAPP'],
  ['900', 'UNPROCESSABLE'],
  ['1003', 'NOT_IN_GOPAY'],
  ['999', 'UNKNOWN'],
  ['constructor', 'UNKNOWN'],
  ['toString', 'UNKNOWN'],
  ['__proto__', 'UNKNOWN'],
  ['hasOwnProperty', 'UNKNOWN'],
  ['valueOf', 'UNKNOWN'],
  ['301', 'UNKNOWN'],
  ['WHATEVER', 'UNKNOWN'],
  ['', 'UNKNOWN'],
];

export function registerBridgeCodes({ core }: AcceptanceApi): void {
  const { createGoPay, isGoPayError, GoPayBridgeError } = core;
  const { expectGoPayError, expectBridgeError } = errorChecks(core);
  const viaOkOrFail = (via: 'ok' | 'fail', envelope: unknown) =>
    fakeBridge({ answer: () => (via === 'ok' ? { ok: envelope } : { fail: envelope }) });

  describe('failure envelopes and error codes', () => {
    it.each(BRIDGE_CODE_TABLE.map(([b, c]) => [b || "''", c, b] as const))(
      'error_code %s → %s (snake_case envelope through onFailure)',
      async (_label, code, bridgeCode) => {
        const envelope = failEnv(bridgeCode);
        const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
        const raw = await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo'));
        // An empty bridge code may be reported as '' or left out (bridgeCode is optional).
        const reported = bridgeCode === '' && (raw as { bridgeCode?: string }).bridgeCode === undefined ? undefined : bridgeCode;
        const e = expectBridgeError(raw, code, reported, 'GPSystem', 'getWifiInfo');
        expect(e.response).toEqual(envelope);
      },
    );

    it.each([
      ['PERMISSION_DENIED', 300],
      ['NETWORK', 401],
      ['SUPERAPP', 500],
      ['NOT_REGISTERED', 203],
    ] as const)('accepts a numeric error_code (%s ← %s)', async (code, n) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv(n) }) });
      const e = expectGoPayError(await rejectionOf(createGoPay({ bridge }).getSystemInfo()), GoPayBridgeError, code);
      expect(e.bridgeCode).toBe(String(n)); // bridgeCode?: string
    });

    it('camelCase GP_PARAM_ERR envelope (no success field) through onFailure → INVALID_PARAMS', async () => {
      const envelope = camelFailEnv();
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).call('GPAnalytics', 'trackEvent', { eventName: 'e', metaData: { a: 1 } }));
      expect(expectBridgeError(e, 'INVALID_PARAMS', 'GP_PARAM_ERR', 'GPAnalytics', 'trackEvent').response).toEqual(envelope);
    });

    it('camelCase GP_PARAM_ERR envelope through the success callback is a failure', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: camelFailEnv('mode is invalid') }) });
      const e = await rejectionOf(createGoPay({ bridge }).takePhoto({ mode: 'camera' }));
      expectBridgeError(e, 'INVALID_PARAMS', 'GP_PARAM_ERR', 'GPCamera', 'takePhoto');
    });

    it('older camelCase failure fields (errorCode with success:false) are read too', async () => {
      const envelope = { success: false, ret: 'GP_EXCEPTION', errorType: 'JS_BRIDGE_ERROR', errorCode: '300', errorMessage: 'no' };
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      expectBridgeError(await rejectionOf(createGoPay({ bridge }).getLocation()), 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
    });

    it('success:false delivered through the success callback is a failure', async () => {
      const envelope = failEnv('401', 'offline');
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocale());
      expect(expectBridgeError(e, 'NETWORK', '401', 'GPBase', 'getLocale').response).toEqual(envelope);
    });

    it('a ret other than GP_SUCCESS through the success callback is a failure (string or array ret)', async () => {
      for (const ret of ['GP_EXCEPTION', ['HY_TIMEOUT']]) {
        const { bridge } = fakeBridge({ answer: () => ({ ok: { ret } }) });
        expect(isGoPayError(await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo')))).toBe(true);
      }
    });

    it("an array ret (['GP_SUCCESS']) with success:true is a success", async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: { success: true, ret: ['GP_SUCCESS'], data: { v: 1 } } }) });
      await expect(createGoPay({ bridge }).call('GPCustom', 'x')).resolves.toEqual({ v: 1 });
    });

    it('a named method’s rejection carries its className, methodName and the response', async () => {
      const envelope = failEnv('500', 'boom');
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getBankAccountToken());
      expect(expectBridgeError(e, 'SUPERAPP', '500', 'GP', 'getBankAccountToken').response).toEqual(envelope);
    });

    it.each([
      ['numeric code through onFailure', 'fail', { success: false, error: { code: 300, message: 'no' } }, 'PERMISSION_DENIED', '300'],
      ['string code through onFailure', 'fail', { success: false, error: { code: '401', message: 'offline' } }, 'NETWORK', '401'],
      ['through the success callback', 'ok', { success: false, error: { code: 203, message: 'who?' } }, 'NOT_REGISTERED', '203'],
      ['1003', 'fail', { success: false, error: { code: 1003, message: 'not GoPay' } }, 'NOT_IN_GOPAY', '1003'],
      ['as JSON text', 'fail', JSON.stringify({ success: false, error: { code: 500, message: 'x' } }), 'SUPERAPP', '500'],
    ] as const)(
      'the nested failure form { success: false, error: { code, message } } is read (%s)',
      async (_n, via, envelope, code, bridgeCode) => {
        const { bridge } = viaOkOrFail(via, envelope);
        const e = await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo'));
        expectBridgeError(e, code, bridgeCode, 'GPSystem', 'getWifiInfo');
      },
    );

    it.each([
      [
        'camelCase errorCode constructor (success callback)',
        'ok',
        { callbackId: 'c1', ret: 'GP_EXCEPTION', errorCode: 'constructor', errorMessage: 'x' },
      ],
      ['nested code __proto__', 'fail', { success: false, error: { code: '__proto__', message: 'x' } }],
      ['nested code toString', 'fail', { success: false, error: { code: 'toString', message: 'x' } }],
      ['error_code hasOwnProperty (success callback)', 'ok', { ...failEnv('hasOwnProperty') }],
    ] as const)('a code naming an Object.prototype property is UNKNOWN (%s)', async (_n, via, envelope) => {
      const { bridge } = viaOkOrFail(via, envelope);
      const e = expectGoPayError(await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo')), GoPayBridgeError, 'UNKNOWN');
      expect(typeof e.code).toBe('string');
    });
  });
}
