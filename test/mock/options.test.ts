// The options, resolved in one place (src/mock/resolve-options.ts): own properties only, and a `server` that must be
// a base URL.
import { describe, expect, it, vi } from 'vitest';
import { createMockBridge } from '../../src/mock/index';
import { GoPayValidationError } from '../../src/index';
import { raw, SUCCESS, useMocks } from './helpers';

const mock = useMocks();

describe('options are read from own properties only', () => {
  it('values a polluting library left on Object.prototype change nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const proto = Object.prototype as Record<string, unknown>;
    const polluted = {
      scenario: 'offline',
      authorize: 'deny',
      paymentStatus: 'failed',
      latency: 60_000,
      ui: true,
      server: 'http://127.0.0.1:9',
      consent: { location: true },
    };
    Object.assign(proto, polluted);
    try {
      const bridge = mock();
      expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, app_locale: 'en_ID' }]);
      expect((await raw(bridge, 'GP.authorize', { scope: 'camera' }))[1].data).toEqual({ successScope: { camera: true } });
      expect((await raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }))[1].data).toEqual({
        status: 'success',
      });
      expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('fail');
      expect((await raw(mock({ consent: {} }), 'GPLocation.getLocation'))[0]).toBe('fail');
      expect((await raw(bridge, 'GPMiniAppAuth.getAuthCode'))[0]).toBe('ok');
      expect(fetch).not.toHaveBeenCalled();
      expect(document.querySelector('.gpmock-bar')).toBeNull();
    } finally {
      for (const key of Object.keys(polluted)) delete proto[key];
    }
  });

  it('own values that are undefined mean the default (as the script tag passes them)', async () => {
    const bridge = mock({ scenario: undefined, paymentStatus: undefined, latency: undefined });
    expect((await raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }))[1].data).toEqual({ status: 'success' });
  });
});

describe('server', () => {
  it.each(['localhost:8787', '127.0.0.1:8787', 'ftp://127.0.0.1', 'http://127.0.0.1:8787/?x=1', 'http://127.0.0.1:8787/#a', '', 8787])(
    'refuses %j with a GoPayValidationError that shows the expected form',
    (server) => {
      expect(() => createMockBridge({ server: server as string })).toThrow(
        new GoPayValidationError(
          `createMockBridge: server must be the mock GoPay server's base URL, e.g. 'http://127.0.0.1:8787'; got ${server}`,
        ),
      );
    },
  );

  it.each(['http://127.0.0.1:8787', 'http://localhost:8787/', 'https://mock.test/gopay'])('accepts %s', (server) => {
    expect(() => mock({ server })).not.toThrow();
  });
});
