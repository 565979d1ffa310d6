import { describe, expect, it } from 'vitest';
import {
  createGoPay,
  GoPayAbortError,
  GoPayAuthCodeExpiredError,
  GoPayBridgeError,
  GoPayError,
  GoPayTimeoutError,
  GoPayUnavailableError,
  isGoPayError,
} from '../../src/core/index';
import { BRIDGE_CODES } from '../../src/errors/GoPayBridgeError';
import { fakeBridge } from './fake-bridge';

// What an error's message says is what a developer reads in a console: the call, the bridge's words, the code, the fix.

describe('GoPayBridgeError messages', () => {
  const call = { className: 'GPLocation', methodName: 'getLocation' };

  it('name the call, the bridge message, then the code and the bridge code in parentheses', () => {
    const error = new GoPayBridgeError('said so', { ...call, bridgeCode: '105' });
    expect(error.message).toBe('GPLocation.getLocation failed: said so (USER_NOT_FOUND 105)');
  });

  it('without a bridge code: no parentheses and code UNKNOWN', () => {
    const error = new GoPayBridgeError('said so', call);
    expect(error.code).toBe('UNKNOWN');
    expect(error.message).toBe('GPLocation.getLocation failed: said so');
  });

  it('without a bridge message: no colon, still the codes', () => {
    const error = new GoPayBridgeError(undefined, { ...call, bridgeCode: '401' });
    expect(error.message).toBe('GPLocation.getLocation failed (NETWORK 401)');
  });

  it.each([
    ...Object.entries(BRIDGE_CODES).filter(([, code]) => code !== 'PERMISSION_DENIED'),
    ['500', 'SUPERAPP'],
    ['599', 'SUPERAPP'],
    ['999', 'UNKNOWN'],
    ['5000', 'UNKNOWN'],
    ['constructor', 'UNKNOWN'],
  ])('code %s (%s) is named in the message, which ends there', (bridgeCode, code) => {
    const error = new GoPayBridgeError('m', { ...call, bridgeCode });
    expect(error.code).toBe(code);
    expect(error.message).toBe(`GPLocation.getLocation failed: m (${code} ${bridgeCode})`);
  });

  it('PERMISSION_DENIED names the consent scope for GPLocation and GPCamera only; elsewhere it says the call is not permitted', () => {
    expect(new GoPayBridgeError('no', { className: 'GPCamera', methodName: 'takePhoto', bridgeCode: '300' }).message).toBe(
      "GPCamera.takePhoto failed: no (PERMISSION_DENIED 300). Ask consent first: gp.getConsent('camera')",
    );
    expect(new GoPayBridgeError('no', { className: 'GPLocation', methodName: 'getLocation', bridgeCode: '300' }).message).toBe(
      "GPLocation.getLocation failed: no (PERMISSION_DENIED 300). Ask consent first: gp.getConsent('location')",
    );
    // No invented scope name ('navigator', 'system', 'scope'): a deeplink may simply not be whitelisted.
    const notPermitted = '. Not permitted: no consent, or a deeplink not whitelisted';
    for (const [className, methodName] of [
      ['GPNavigator', 'launchDeeplink'],
      ['GPSystem', 'getSystemInfo'],
      ['GP', 'getBankAccountToken'],
      ['constructor', 'x'],
    ]) {
      const error = new GoPayBridgeError('no', { className, methodName, bridgeCode: '300' });
      expect(error.message).toBe(`${className}.${methodName} failed: no (PERMISSION_DENIED 300)${notPermitted}`);
    }
    const noClass = new GoPayBridgeError('no', { bridgeCode: '300' });
    expect(noClass.code).toBe('PERMISSION_DENIED');
    expect(noClass.message).toBe(`GoPay failed: no (PERMISSION_DENIED 300)${notPermitted}`);
  });

  it.each([['1500'], ['x503'], ['5031'], ['50'], ['5ab']])('only a three-digit 5xx is SUPERAPP: %s is UNKNOWN', (bridgeCode) => {
    const error = new GoPayBridgeError('m', { bridgeCode });
    expect(error.code).toBe('UNKNOWN');
    expect(error.message).not.toContain('retry');
  });
});

describe('the other error classes say what happened and what to do', () => {
  it('GoPayAbortError names the call', () => {
    expect(new GoPayAbortError({ className: 'GPBase', methodName: 'getLocale' }).message).toBe('GPBase.getLocale call aborted');
    expect(new GoPayAbortError().message).toBe('GoPay call aborted');
  });

  it('an aborted call rejects with a message naming it', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await createGoPay({ bridge: fakeBridge() })
      .getLocale({ signal: controller.signal })
      .catch((e) => e);
    expect(error.message).toBe('GPBase.getLocale call aborted');
  });

  it('GoPayTimeoutError names the call and the timeout and points to the mock', () => {
    const error = new GoPayTimeoutError(1500, { className: 'GPSystem', methodName: 'getSystemInfo' });
    expect(error.message).toContain('GPSystem.getSystemInfo');
    expect(error.message).toContain('no answer in 1500 ms');
    expect(error.message).toContain('use the mock bridge');
  });

  it('GoPayAuthCodeExpiredError has a default message saying to get a fresh code', () => {
    const error = new GoPayAuthCodeExpiredError();
    expect(error.message).toMatch(/expired/i);
    expect(error.message).toContain('get a fresh one');
    expect(new GoPayAuthCodeExpiredError('custom').message).toBe('custom');
  });

  it.each([
    ['no-window', ['SSR', 'call from a browser', 'pass { bridge }']],
    ['script-load', ['did not load', 'scriptUrl', 'nonce']],
    ['no-container', ['No window.gpContainer', 'gopay-miniapp-kit/mock']],
  ] as const)('GoPayUnavailableError %s says why and what to do', (reason, parts) => {
    const error = new GoPayUnavailableError(reason);
    for (const part of parts) expect(error.message).toContain(part);
    // Without a detail, the hint is the whole message.
    expect(error.message).toMatch(new RegExp(`${parts[parts.length - 1]!.replace(/[{}]/g, '\\$&')}$`));
    expect(new GoPayUnavailableError(reason, 'https://x.test/s.js').message).toBe(`${error.message} (scriptUrl: https://x.test/s.js)`);
  });

  it('GoPayError is named GoPayError', () => {
    const error = new GoPayError('UNKNOWN', 'x');
    expect(error.name).toBe('GoPayError');
    expect(String(error)).toBe('GoPayError: x');
  });
});

describe('isGoPayError', () => {
  it('recognises an SDK error by its brand, whatever its name', () => {
    class AppError extends GoPayError {
      override name = 'AppError';
    }
    const error = new AppError('NETWORK', 'wrapped');
    expect(isGoPayError(error)).toBe(true);
    expect(isGoPayError(error, 'NETWORK')).toBe(true);
    const renamed = new GoPayTimeoutError(5);
    renamed.name = 'Timeout';
    expect(isGoPayError(renamed, 'TIMEOUT')).toBe(true);
  });

  it('an unbranded Error does not count, whatever its name and code', () => {
    const named = Object.assign(new Error('x'), { name: 'GoPayTimeoutError', code: 'TIMEOUT' });
    expect(isGoPayError(named)).toBe(false);
  });

  it('a function carrying the brand is not an error', () => {
    const fn = Object.assign(() => {}, { [Symbol.for('gopay-miniapp-kit.error')]: true, code: 'TIMEOUT' });
    expect(isGoPayError(fn)).toBe(false);
  });
});
