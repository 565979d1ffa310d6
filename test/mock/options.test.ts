// The options, resolved in one place (src/mock/resolve-options.ts): own properties only, and every name and value
// checked, as createGoPay() checks its own — an unknown name or a misspelt value is a GoPayValidationError that says
// what was wrong and lists what is valid, never a mock that quietly rehearses another scenario.
import { describe, expect, it, vi } from 'vitest';
import { createMockBridge, installMockBridge } from '../../src/mock/index';
import { GoPayValidationError } from '../../src/core/index';
import { raw, SUCCESS, useMocks } from './helpers';

const mock = useMocks();

const NAMES = 'scenario, latency, consent, authorize, paymentStatus, seed, ui, browserApis, server';
const SCENARIOS = 'happy, permission-denied, offline, slow, payment-cancelled, not-registered';
const LATENCY =
  'createMockBridge(options).latency must be milliseconds from 0 to 2147483647, or a [min, max] range of them with min <= max';
const SERVER = "createMockBridge(options).server must be the mock GoPay server's base URL, e.g. 'http://127.0.0.1:8787'";

/** What createMockBridge(options) throws, or undefined (the mock made is destroyed). */
const thrown = (options: unknown): unknown => {
  try {
    createMockBridge(options as never).destroy();
    return undefined;
  } catch (error) {
    return error;
  }
};

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
      // Inherited, so neither read nor refused.
      bogus: 1,
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
      expect((await raw(mock({ scenario: 'happy' }), 'GPBase.getLocale'))[0]).toBe('ok');
      expect((await raw(bridge, 'GPMiniAppAuth.getAuthCode'))[0]).toBe('ok');
      expect(fetch).not.toHaveBeenCalled();
      expect(document.querySelector('.gpmock-bar')).toBeNull();
    } finally {
      for (const key of Object.keys(polluted)) delete proto[key];
    }
  });

  it('own values that are undefined mean the default (as the script tag passes them)', async () => {
    const bridge = mock({
      scenario: undefined,
      paymentStatus: undefined,
      latency: undefined,
      consent: undefined,
      authorize: undefined,
      seed: undefined,
      ui: undefined,
      browserApis: undefined,
      server: undefined,
    });
    expect((await raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }))[1].data).toEqual({ status: 'success' });
  });

  it('a value inherited from another prototype is neither read nor refused', async () => {
    const bridge = mock(Object.create({ scenario: 'ofline', bogus: 1 }) as object);
    expect((await raw(bridge, 'GPBase.getLocale'))[0]).toBe('ok');
  });

  it('an options object without a prototype is read', async () => {
    const options = Object.assign(Object.create(null) as object, { scenario: 'offline' });
    expect(await raw(mock(options), 'GPBase.getLocale')).toEqual(['fail', expect.objectContaining({ error_code: '401' })]);
  });
});

describe('refusals: a GoPayValidationError that names what is wrong and lists what is valid', () => {
  it.each<[string, unknown, string]>([
    ['options that are null', null, 'createMockBridge(options) must be an object, got null.'],
    // Described, not printed: the same reader takes the server's options, where a string may be a credential.
    ['options that are a string', 'offline', 'createMockBridge(options) must be an object, got a string (not quoted: it may be a secret).'],
    ['options that are an array', ['offline'], 'createMockBridge(options) must be an object, got an array.'],
    ['an unknown name', { bogus: 1 }, `a key of createMockBridge(options) must be one of ${NAMES}, got "bogus".`],
    ['a name in the wrong case', { Scenario: 'offline' }, `a key of createMockBridge(options) must be one of ${NAMES}, got "Scenario".`],
    ['a core option', { timeout: 1000 }, `a key of createMockBridge(options) must be one of ${NAMES}, got "timeout".`],
    ['a misspelt scenario', { scenario: 'ofline' }, `createMockBridge(options).scenario must be one of ${SCENARIOS}, got "ofline".`],
    ['a null scenario', { scenario: null }, `createMockBridge(options).scenario must be one of ${SCENARIOS}, got null.`],
    ['a misspelt authorize', { authorize: 'yes' }, 'createMockBridge(options).authorize must be one of allow, deny, got "yes".'],
    ['a boolean authorize', { authorize: true }, 'createMockBridge(options).authorize must be one of allow, deny, got true.'],
    [
      'a misspelt paymentStatus',
      { paymentStatus: 'succes' },
      'createMockBridge(options).paymentStatus must be one of success, failed, pending, cancelled, got "succes".',
    ],
    [
      "the panel's word for a paymentStatus",
      { paymentStatus: 'paid' },
      'createMockBridge(options).paymentStatus must be one of success, failed, pending, cancelled, got "paid".',
    ],
    ['a latency below 0', { latency: -1 }, `${LATENCY}, got -1.`],
    ['a latency beyond what a timer takes', { latency: 2147483648 }, `${LATENCY}, got 2147483648.`],
    ['a latency in text', { latency: '300' }, `${LATENCY}, got "300".`],
    ['a latency that is NaN', { latency: NaN }, `${LATENCY}, got NaN.`],
    ['a latency range with min > max', { latency: [5, 1] }, `${LATENCY}, got 5,1.`],
    ['a latency range of one', { latency: [100] }, `${LATENCY}, got 100.`],
    ['a latency range of three', { latency: [1, 2, 3] }, `${LATENCY}, got 1,2,3.`],
    ['a latency range with a min below 0', { latency: [-1, 2] }, `${LATENCY}, got -1,2.`],
    ['a latency range with a max beyond a timer', { latency: [1, 2147483648] }, `${LATENCY}, got 1,2147483648.`],
    ['a latency range in text', { latency: ['1', 2] }, `${LATENCY}, got 1,2.`],
    [
      'a consent in text',
      { consent: 'location' },
      'createMockBridge(options).consent must be an object such as { location: true }, got "location".',
    ],
    [
      'a consent list',
      { consent: ['location'] },
      'createMockBridge(options).consent must be an object such as { location: true }, got location.',
    ],
    ['a null consent', { consent: null }, 'createMockBridge(options).consent must be an object such as { location: true }, got null.'],
    [
      'a misspelt consent scope',
      { consent: { locaton: true } },
      'a key of createMockBridge(options).consent must be one of location, camera, system, bank_account, got "locaton".',
    ],
    [
      'a consent given in text',
      { consent: { location: 'yes' } },
      'createMockBridge(options).consent.location must be true or false, got "yes".',
    ],
    ['a consent given as 1', { consent: { camera: 1 } }, 'createMockBridge(options).consent.camera must be true or false, got 1.'],
    ['a seed in text', { seed: '42' }, 'createMockBridge(options).seed must be an integer from 0 to 4294967295, got "42".'],
    ['a fractional seed', { seed: 1.5 }, 'createMockBridge(options).seed must be an integer from 0 to 4294967295, got 1.5.'],
    ['a seed below 0', { seed: -1 }, 'createMockBridge(options).seed must be an integer from 0 to 4294967295, got -1.'],
    ['a seed beyond 32 bits', { seed: 2 ** 32 }, 'createMockBridge(options).seed must be an integer from 0 to 4294967295, got 4294967296.'],
    ['a ui in text', { ui: 'true' }, 'createMockBridge(options).ui must be true or false, got "true".'],
    ['a ui of 1', { ui: 1 }, 'createMockBridge(options).ui must be true or false, got 1.'],
    ['a browserApis in text', { browserApis: 'yes' }, 'createMockBridge(options).browserApis must be true or false, got "yes".'],
  ])('%s', (_, options, message) => {
    const error = thrown(options);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message });
  });

  it('installMockBridge refuses the same, and installs nothing', () => {
    const win = window as { gpContainer?: unknown };
    expect(() => installMockBridge({ scenario: 'ofline' } as never)).toThrow(
      new GoPayValidationError(`createMockBridge(options).scenario must be one of ${SCENARIOS}, got "ofline".`),
    );
    expect(win.gpContainer).toBeUndefined();
  });
});

describe('what is accepted', () => {
  it.each<[string, Record<string, unknown>]>([
    ...SCENARIOS.split(', ').map((scenario): [string, Record<string, unknown>] => [`scenario ${scenario}`, { scenario }]),
    ...['success', 'failed', 'pending', 'cancelled'].map((paymentStatus): [string, Record<string, unknown>] => [
      `paymentStatus ${paymentStatus}`,
      { paymentStatus },
    ]),
    ['authorize allow', { authorize: 'allow' }],
    ['authorize deny', { authorize: 'deny' }],
    ['latency 0', { latency: 0 }],
    ['the longest latency', { latency: 2147483647 }],
    ['the widest latency range', { latency: [0, 2147483647] }],
    ['a latency range of one value', { latency: [3, 3] }],
    ['every scope, given or refused', { consent: { location: true, camera: false, system: true, bank_account: undefined } }],
    ['seed 0', { seed: 0 }],
    ['the largest seed', { seed: 4294967295 }],
    ['ui and browserApis off', { ui: false, browserApis: false }],
    ['ui and browserApis on', { ui: true, browserApis: true }],
  ])('%s', (_, options) => {
    expect(thrown(options)).toBeUndefined();
  });

  it('each consent scope opens the method that waits for it', async () => {
    const methods = {
      location: 'GPLocation.getLocation',
      camera: 'GPCamera.takePhoto',
      system: 'GPSystem.getSystemInfo',
      bank_account: 'GP.getBankAccountToken',
    };
    for (const [scope, method] of Object.entries(methods)) {
      const params = scope === 'camera' ? { mode: 'photo' } : {};
      expect((await raw(mock({ consent: { [scope]: true } }), method, params))[0]).toBe('ok');
      expect((await raw(mock({ consent: { [scope]: false } }), method, params))[0]).toBe('fail');
    }
  });

  it('a latency range is copied: changing the array later changes nothing', async () => {
    vi.useFakeTimers();
    const range: [number, number] = [10, 10];
    const bridge = mock({ latency: range });
    range[0] = range[1] = 60_000;
    const answer = raw(bridge, 'GPBase.getLocale');
    await vi.advanceTimersByTimeAsync(10);
    expect((await answer)[0]).toBe('ok');
  });
});

describe('server', () => {
  it.each<[unknown, string]>([
    ['localhost:8787', '"localhost:8787"'],
    ['127.0.0.1:8787', '"127.0.0.1:8787"'],
    ['ftp://127.0.0.1', '"ftp://127.0.0.1"'],
    ['http://127.0.0.1:8787/?x=1', '"http://127.0.0.1:8787/?x=1"'],
    ['http://127.0.0.1:8787/#a', '"http://127.0.0.1:8787/#a"'],
    ['', '""'],
    [8787, '8787'],
  ])('refuses %j with a GoPayValidationError that shows the expected form', (server, printed) => {
    expect(() => createMockBridge({ server: server as string })).toThrow(new GoPayValidationError(`${SERVER}, got ${printed}.`));
  });

  it('refuses a URL with a user or password (fetch would refuse it), and never quotes it', () => {
    const error = thrown({ server: 'http://me:s3cret@127.0.0.1:8787' });
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect((error as Error).message).toBe(
      'createMockBridge(options).server must not carry a user or password (fetch refuses such URLs): pass the host only.',
    );
  });

  it.each(['http://127.0.0.1:8787', 'http://localhost:8787/', 'https://mock.test/gopay'])('accepts %s', (server) => {
    expect(() => mock({ server })).not.toThrow();
  });
});
