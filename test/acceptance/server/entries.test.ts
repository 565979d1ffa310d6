// @vitest-environment node
// The server entries in Node: their names, no use of `window`, the browser build’s error brand, snapTimestamp().
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it, vi } from 'vitest';
import { core, rejectionOf, S, TS_RE, watchWindow, windowTouches } from './helpers';
import { M } from './mock';
import { miniApp, ok, stand, useStandIns } from './stand-in';

useStandIns();

describe('server entries: names and environment', () => {
  it('dist/server.mjs exports the documented names', () => {
    for (const name of [
      'createGoPayServer',
      'createSnapClient',
      'verifyNotification',
      'snapTimestamp',
      'isGoPayError',
      'GoPayApiError',
      'GoPaySignatureError',
      'GoPayAuthCodeExpiredError',
      'GoPayTimeoutError',
      'GoPayAbortError',
      'GoPayValidationError',
    ])
      expect(typeof S[name], name).toBe('function');
    expect(S.NOTIFICATION_ACK).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
  });

  it('dist/mock-server.mjs exports createMockGoPayServer', () => {
    expect(typeof M.createMockGoPayServer).toBe('function');
  });

  it('no server entry touches window (import, requests, verification, the mock server)', async () => {
    const unwatch = watchWindow();
    try {
      stand.reset([ok({ auth_token: 't', gopay_account_id: 'a' })]);
      await miniApp().getAuthToken('A'.repeat(64));
      const mock = await M.createMockGoPayServer();
      const url = await mock.listen(0);
      await rejectionOf(S.createGoPayServer({ credentials: 'wrong', baseUrl: url, retries: 0 }).getAuthToken('B'.repeat(64)));
      await mock.close();
    } finally {
      unwatch();
    }
    expect(windowTouches).toEqual([]);
  });

  it('server errors share the browser build’s brand (core isGoPayError, and the server’s own)', async () => {
    stand.reset([{ status: 400, body: { success: false, error: { description: 'Bad Request' } } }]);
    const e = await rejectionOf(miniApp().getAuthToken('C'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.code).toBe('API');
    expect(core.isGoPayError(e)).toBe(true);
    expect(core.isGoPayError(e, 'API')).toBe(true);
    expect(S.isGoPayError(e, 'API')).toBe(true);
    expect(e).toBeInstanceOf(Error);
  });

  it('snapTimestamp(): Jakarta time with +07:00 and no milliseconds', () => {
    const t = S.snapTimestamp();
    expect(t).toMatch(TS_RE);
    expect(Math.abs(Date.parse(t) - Date.now())).toBeLessThan(5_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2026, 10, 30, 7, 30, 0, 456));
      expect(S.snapTimestamp()).toBe('2026-11-30T14:30:00+07:00');
      vi.setSystemTime(Date.UTC(2026, 11, 31, 20, 0, 5));
      expect(S.snapTimestamp()).toBe('2027-01-01T03:00:05+07:00');
    } finally {
      vi.useRealTimers();
    }
  });
});
