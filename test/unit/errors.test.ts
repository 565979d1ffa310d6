import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import {
  createGoPay,
  GoPayAbortError,
  GoPayAuthCodeExpiredError,
  GoPayBridgeError,
  GoPayError,
  GoPayTimeoutError,
  GoPayUnavailableError,
  GoPayValidationError,
  isGoPayError,
} from '../../src/core/index';
import { BRIDGE_CODES } from '../../src/errors/GoPayBridgeError';
import { fakeBridge } from './fake-bridge';

const rejectWith = async (envelope: unknown, via: 'success' | 'failure' = 'failure', method = 'getLocation', args: unknown[] = []) => {
  const bridge = fakeBridge({}, (s, f) => (via === 'success' ? s : f)(envelope));
  const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  return gp[method]!(...args).then(
    () => expect.fail('should reject'),
    (e: unknown) => e as GoPayBridgeError,
  );
};

// The table under test is src's own (GoPay's documented codes and 1003), plus the ranges it does not list.
const CODE_CASES: [string, string][] = [
  ...Object.entries(BRIDGE_CODES),
  ['500', 'SUPERAPP'],
  ['503', 'SUPERAPP'],
  ['999', 'UNKNOWN'],
  ['5000', 'UNKNOWN'],
  // Codes that name a property of Object.prototype are just unknown codes.
  ['constructor', 'UNKNOWN'],
  ['__proto__', 'UNKNOWN'],
  ['toString', 'UNKNOWN'],
  ['hasOwnProperty', 'UNKNOWN'],
];

describe('bridge error codes', () => {
  it('the table maps every documented code, and 1003 to NOT_IN_GOPAY', () => {
    expect(BRIDGE_CODES).toMatchObject({
      100: 'UNSUPPORTED',
      300: 'PERMISSION_DENIED',
      1003: 'NOT_IN_GOPAY',
      GP_PARAM_ERR: 'INVALID_PARAMS',
    });
  });

  it.each(CODE_CASES)('error_code %s is %s (snake_case, string)', async (bridgeCode, code) => {
    const envelope = {
      success: false,
      ret: 'GP_EXCEPTION',
      error_type: 'JS_BRIDGE_ERROR',
      error_code: bridgeCode,
      error_message: 'said so',
    };
    const error = await rejectWith(envelope);
    expect(error).toBeInstanceOf(GoPayBridgeError);
    expect(error).toBeInstanceOf(GoPayError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'GoPayBridgeError',
      code,
      bridgeCode,
      className: 'GPLocation',
      methodName: 'getLocation',
      response: envelope,
    });
    expect(error.message).toContain('GPLocation.getLocation');
    expect(error.message).toContain('said so');
    expect(isGoPayError(error, code as never)).toBe(true);
  });

  it('reads the nested failure form of the older npm SDK: { success: false, error: { code, message } }', async () => {
    const error = await rejectWith({ success: false, error: { code: 300, message: 'no consent' } }, 'success');
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', bridgeCode: '300' });
    expect(error.message).toBe(
      "GPLocation.getLocation failed: no consent (PERMISSION_DENIED 300). Ask consent first: gp.getConsent('location')",
    );
  });

  it("bridge code 1003 (outside GoPay's WebView) is NOT_IN_GOPAY, as a number or a string", async () => {
    for (const errorCode of [1003, '1003']) {
      const error = await rejectWith({ errorCode, errorMessage: 'not a GoPay WebView' });
      expect(error).toMatchObject({ code: 'NOT_IN_GOPAY', bridgeCode: '1003' });
      expect(isGoPayError(error, 'NOT_IN_GOPAY')).toBe(true);
    }
  });

  it('an error code inherited from Object.prototype is not read', async () => {
    (Object.prototype as Record<string, unknown>).error_code = '300';
    try {
      const error = await rejectWith({ success: false, error_message: 'plain' });
      expect(error).toMatchObject({ code: 'UNKNOWN', bridgeCode: undefined });
    } finally {
      delete (Object.prototype as Record<string, unknown>).error_code;
    }
  });

  it('reads camelCase failure fields and numeric codes', async () => {
    const error = await rejectWith(
      { callbackId: 1, ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'metaData can not be empty' },
      'success',
    );
    expect(error).toMatchObject({ code: 'INVALID_PARAMS', bridgeCode: 'GP_PARAM_ERR' });
    expect(error.message).toContain('metaData can not be empty');
    const numeric = await rejectWith({ success: false, errorCode: 300, errorMessage: 'no' });
    expect(numeric).toMatchObject({ code: 'PERMISSION_DENIED', bridgeCode: '300' });
  });

  it('an empty code is UNKNOWN without a bridgeCode', async () => {
    const error = await rejectWith({ success: false, ret: 'GP_EXCEPTION', error_code: '', error_message: 'hm' });
    expect(error.code).toBe('UNKNOWN');
    expect(error.bridgeCode).toBeUndefined();
  });

  it('ret other than GP_SUCCESS (string or array) is a failure, even through the success callback', async () => {
    expect(await rejectWith({ ret: ['HY_TIMEOUT'] }, 'success')).toMatchObject({ code: 'UNKNOWN', bridgeCode: 'HY_TIMEOUT' });
    expect(await rejectWith({ success: false, ret: 'GP_EXCEPTION', error_code: '401' }, 'success')).toMatchObject({ code: 'NETWORK' });
  });

  it('messages say what to do', async () => {
    expect((await rejectWith({ success: false, error_code: '300' })).message).toContain("getConsent('location')");
    expect((await rejectWith({ success: false, error_code: '300' }, 'failure', 'takePhoto', [{ mode: 'camera' }])).message).toContain(
      "getConsent('camera')",
    );
    expect(new GoPayBridgeError('m', { bridgeCode: '203' }).message).toBe('GoPay failed: m (NOT_REGISTERED 203)');
    const unavailable = new GoPayUnavailableError('no-container');
    expect(unavailable.message).toMatch(/mock/);
    expect(unavailable).toMatchObject({ code: 'UNAVAILABLE', reason: 'no-container', name: 'GoPayUnavailableError' });
  });
});

describe('error classes', () => {
  it.each([
    [new GoPayTimeoutError(5, { className: 'A', methodName: 'b' }), 'GoPayTimeoutError', 'TIMEOUT'],
    [new GoPayAbortError({ className: 'A', methodName: 'b' }), 'GoPayAbortError', 'ABORTED'],
    [new GoPayUnavailableError('no-window'), 'GoPayUnavailableError', 'UNAVAILABLE'],
    [new GoPayAuthCodeExpiredError(), 'GoPayAuthCodeExpiredError', 'AUTH_CODE_EXPIRED'],
    [new GoPayValidationError('x must be y'), 'GoPayValidationError', 'INVALID_ARGUMENT'],
    [new GoPayBridgeError('m', { bridgeCode: '203' }), 'GoPayBridgeError', 'NOT_REGISTERED'],
  ])('%s has its name and code', (error, name, code) => {
    expect(error).toBeInstanceOf(GoPayError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(isGoPayError(error)).toBe(true);
    expect(isGoPayError(error, code as never)).toBe(true);
    expect(isGoPayError(error, 'UNKNOWN')).toBe(code === 'UNKNOWN');
  });

  it('keeps cause and timeout', () => {
    const cause = new Error('root');
    expect(new GoPayAbortError({ cause }).cause).toBe(cause);
    expect(new GoPayTimeoutError(1500).timeout).toBe(1500);
  });

  it('isGoPayError works across realms and rejects look-alikes', () => {
    // Another realm's copy of the SDK: the brand is a registered symbol, shared by every realm.
    const foreign = runInNewContext(
      `class E extends Error { code = 'TIMEOUT'; get [Symbol.for('gopay-miniapp-kit.error')]() { return true; } }; new E('x')`,
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isGoPayError(foreign, 'TIMEOUT')).toBe(true);
    expect(isGoPayError(runInNewContext(`const e = new Error('x'); e.name = 'GoPayTimeoutError'; e.code = 'TIMEOUT'; e`))).toBe(false);
    const branded = runInNewContext(`const e = {}; e[Symbol.for('gopay-miniapp-kit.error')] = true; e.code = 'ABORTED'; e`);
    expect(isGoPayError(branded, 'ABORTED')).toBe(true);
    expect(isGoPayError({ code: 'TIMEOUT' })).toBe(false);
    expect(isGoPayError({ name: 'GoPayTimeoutError', code: 'TIMEOUT' })).toBe(false);
    expect(isGoPayError(new Error('plain'))).toBe(false);
    expect(isGoPayError(null)).toBe(false);
    expect(isGoPayError('GoPayError')).toBe(false);
  });
});
