// Answers read defensively: JSON text, null, nothing at all, through either callback; where getLocale,
// getLocation and getBankAccountToken find their value, and a GoPayError when it is missing.
import { describe, expect, it } from 'vitest';
import { errorChecks, type AcceptanceApi } from '../api';
import { failEnv, fakeBridge, okEnv } from '../../fake-bridge';
import { flush, rejectionOf, track } from '../../helpers';

export function registerAnswers({ core }: AcceptanceApi): void {
  const { createGoPay, isGoPayError } = core;
  const { asGoPayError, expectBridgeError } = errorChecks(core);

  describe('malformed payloads', () => {
    const manual = () => {
      const fake = fakeBridge({ mode: 'manual' });
      return { ...fake, gp: createGoPay({ bridge: fake.bridge, timeout: false }) };
    };

    it('a JSON-text envelope is parsed', async () => {
      const { gp, calls } = manual();
      const p = gp.call('GPCustom', 'x');
      await flush();
      expect(() => calls[0].onSuccess(JSON.stringify(okEnv({ data: { v: 42 } })))).not.toThrow();
      await expect(p).resolves.toEqual({ v: 42 });
    });

    it('a JSON-text data field is parsed', async () => {
      const { gp, calls } = manual();
      const p = gp.getSystemInfo();
      await flush();
      calls[0].onSuccess(okEnv({ data: JSON.stringify({ platform: 'ios' }) }));
      await expect(p).resolves.toEqual({ platform: 'ios' });
    });

    it('unparsable text through the success callback rejects with a GoPayError', async () => {
      const { gp, calls } = manual();
      const p = gp.call('GPCustom', 'x');
      await flush();
      expect(() => calls[0].onSuccess('<<not json>>')).not.toThrow();
      asGoPayError(await rejectionOf(p));
    });

    it.each([
      ['null', [null]],
      ['no argument at all', []],
    ])('%s through the success callback settles (a GoPayError if it rejects) without throwing into the bridge', async (_n, args) => {
      const { gp, calls } = manual();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      expect(() => calls[0].onSuccess(...args)).not.toThrow();
      await flush();
      expect(s.status).not.toBe('pending');
      if (s.status === 'rejected') expect(isGoPayError(s.error)).toBe(true);
    });

    it.each([
      ['null', null],
      ['a string', 'something went wrong'],
      ['undefined', undefined],
    ])('%s through the failure callback rejects with a GoPayError', async (_n, payload) => {
      const { gp, calls } = manual();
      const p = gp.call('GPCustom', 'x');
      await flush();
      expect(() => calls[0].onFailure(payload)).not.toThrow();
      const e = asGoPayError(await rejectionOf(p));
      expect(e.className).toBe('GPCustom');
      expect(e.methodName).toBe('x');
    });

    it('JSON text through the failure callback is parsed for its code', async () => {
      const { gp, calls } = manual();
      const p = gp.call('GPLocation', 'getLocation');
      await flush();
      calls[0].onFailure(JSON.stringify(failEnv('300')));
      expectBridgeError(await rejectionOf(p), 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
    });
  });

  describe('answers read defensively: getLocale, getLocation, getBankAccountToken', () => {
    it.each([
      ['app_locale at the top level', okEnv({ app_locale: 'en_ID' })],
      ['appLocale at the top level', okEnv({ appLocale: 'en_ID' })],
      ['app_locale in data', okEnv({ data: { app_locale: 'en_ID' } })],
      ['appLocale in data', okEnv({ data: { appLocale: 'en_ID' } })],
      ['appLocale in JSON-text data', okEnv({ data: JSON.stringify({ appLocale: 'en_ID' }) })],
      ['the whole answer as JSON text', JSON.stringify(okEnv({ appLocale: 'en_ID' }))],
    ])('getLocale reads %s', async (_n, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      await expect(createGoPay({ bridge }).getLocale()).resolves.toBe('en_ID');
    });

    it.each([
      ['no locale field at all', okEnv()],
      ['an unrelated field in data', okEnv({ data: { locale: 'en_ID' } })],
      ['empty data', okEnv({ data: {} })],
    ])('getLocale rejects with a GoPayError when there is %s', async (_n, envelope) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      asGoPayError(await rejectionOf(createGoPay({ bridge }).getLocale()));
    });

    it.each([
      ['empty data', okEnv({ data: {} })],
      ['no data', okEnv()],
      ['data with other fields', okEnv({ data: { latitude: 1, longitude: 2 } })],
    ])('getLocation rejects when the answer has no coords (%s)', async (_n, envelope) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      asGoPayError(await rejectionOf(createGoPay({ bridge }).getLocation()));
    });

    it.each([
      ['empty data', okEnv({ data: {} })],
      ['no data', okEnv()],
    ])('getBankAccountToken rejects when the answer has no token (%s)', async (_n, envelope) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      asGoPayError(await rejectionOf(createGoPay({ bridge }).getBankAccountToken()));
    });
  });
}
