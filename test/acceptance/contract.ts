/*
 * Acceptance contract for gopay-miniapp-kit, written from the public contract (docs/) (and the envelope shapes,
 * method names and error codes of GoPay's JSAPI pages) only — never from src/.
 *
 * It receives the package's exports (core + mock) and vitest's test API. It runs once, in full, against the
 * ESM build in happy-dom (esm-happy-dom.test.ts); the other build formats get smoke tests of their own
 * (cjs-node.test.ts, umd-chromium.test.ts) and the server entries their own file (server-node.test.ts).
 */

type Fn = (...args: any[]) => any;

export interface TestApi {
  describe: Fn & { skip?: Fn };
  it: Fn & { each?: Fn };
  expect: any;
  vi: any;
}

export interface ContractEnv {
  /** A `document` / `window` exists (happy-dom, a browser). */
  dom: boolean;
}

export const CORE_EXPORTS = [
  'createGoPay',
  'toPaymentDeeplink',
  'isAuthCodeExpired',
  'isGoPayError',
  'GoPayError',
  'GoPayTimeoutError',
  'GoPayAbortError',
  'GoPayUnavailableError',
  'GoPayAuthCodeExpiredError',
  'GoPayBridgeError',
  'GoPayValidationError',
  'VERSION',
] as const;

export const MOCK_EXPORTS = ['createMockBridge', 'installMockBridge'] as const;

/** Every bridge error code of the errors table of docs/browser.md → the GoPayBridgeError `code`. */
export const BRIDGE_CODE_TABLE: Array<[string | number, string]> = [
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

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

export const OK = 'GP_SUCCESS';
export const okEnv = (extra: Record<string, unknown> = {}) => ({ success: true, ret: OK, ...extra });
export const failEnv = (code: string | number, message = 'bridge says no') => ({
  success: false,
  ret: 'GP_EXCEPTION',
  error_type: 'JS_BRIDGE_ERROR',
  error_code: code,
  error_message: message,
});
export const camelFailEnv = (message = 'metaData can not be empty') => ({
  callbackId: 'cb-7',
  ret: 'GP_PARAM_ERR',
  errorCode: 'GP_PARAM_ERR',
  errorMessage: message,
});

/** A 64-character letters-and-digits auth code, distinct per n. */
export const authCodeFor = (n: number) => `AC${n}x`.padEnd(64, 'Q');
export const CODE_RE = /^[A-Za-z0-9]{64}$/;

export interface BridgeCall {
  className: string;
  methodName: string;
  params: any;
  onSuccess: (r?: unknown) => unknown;
  onFailure: (r?: unknown) => unknown;
  timeout: unknown;
}

type Reply = { ok: unknown } | { fail: unknown } | 'never' | undefined;

const SAMPLE_DATA: Record<string, (rec: BridgeCall, n: () => number) => Reply> = {
  'GPMiniAppAuth.getAuthCode': (_r, n) => ({ ok: okEnv({ data: { authCode: authCodeFor(n()) } }) }),
  'GPLocation.getLocation': () => ({ ok: okEnv({ data: { coords: { latitude: -6.2, longitude: 106.8, time: 1700000000000 } } }) }),
  'GPSystem.getSystemInfo': () => ({
    ok: okEnv({
      data: { platform: 'android', is_emulator: false, brand: 'b', model: 'm', product: 'p', uuid: 'u', idfa: '', idfv: '' },
    }),
  }),
  'GPSystem.getRootedDeviceInfo': () => ({ ok: okEnv({ data: { is_rooted: 'false' } }) }),
  'GPSystem.getWifiInfo': () => ({ ok: okEnv({ data: { wifi_bssid: '00:11', wifi_ssid: 'home' } }) }),
  'GP.authorize': (r) => ({ ok: okEnv({ data: { successScope: { [r.params?.scope]: true } } }) }),
  'GPConsent.getUserConsent': (r) => ({ ok: okEnv({ data: { successScope: { [r.params?.scope ?? 'location']: true } } }) }),
  'GPCamera.takePhoto': () => ({ ok: okEnv({ data: { localPath: '/tmp/p.jpg', base64Data: 'QUJDREVGR0g=' } }) }),
  'GP.launchPayment': () => ({ ok: okEnv({ data: { status: 'success' } }) }),
  'GP.getBankAccountToken': () => ({ ok: okEnv({ data: { token: 'bank-token-123' } }) }),
  'GPBase.getLocale': () => ({ ok: okEnv({ app_locale: 'id_ID' }) }),
  'GPAnalytics.trackEvent': () => ({ ok: okEnv({ callbackId: 'cb-1' }) }),
  'GPFile.save': () => ({ ok: okEnv({ msg: 'SAVE_STARTED' }) }),
  'GPMotion.startCompass': () => ({ ok: okEnv({ msg: 'COMPASS_STARTED' }) }),
  'GPMotion.stopCompass': () => ({ ok: okEnv({ msg: 'COMPASS_STOPPED' }) }),
  'GPMotion.startAccelerometer': () => ({ ok: okEnv({ msg: 'ACCELEROMETER_STARTED' }) }),
  'GPMotion.stopAccelerometer': () => ({ ok: okEnv({ msg: 'ACCELEROMETER_STOPPED' }) }),
  'GPMotion.listenGyro': (r) => ({ ok: okEnv({ msg: r.params?.on ? 'GYROSCOPE_STARTED' : 'GYROSCOPE_STOPPED' }) }),
  'GPMotion.listeningShake': (r) => ({ ok: okEnv({ msg: r.params?.on ? 'SHAKE_STARTED' : 'SHAKE_STOPPED' }) }),
};

export interface FakeOptions {
  /** 'async' (default): answer in a microtask; 'sync': answer inside call(); 'manual': never answer. */
  mode?: 'async' | 'sync' | 'manual';
  /** Custom answer; return undefined to fall back to the sample answers, 'never' to not answer. */
  answer?: (rec: BridgeCall) => Reply;
}

/** A fake GpContainer recording every call: `call(className, methodName, params, onSuccess, onFailure, timeout)`. */
export const fakeBridge = (options: FakeOptions = {}) => {
  const calls: BridgeCall[] = [];
  let n = 0;
  const next = () => ++n;
  const bridge = {
    call(className: string, methodName: string, params: any, onSuccess: any, onFailure: any, timeout?: unknown) {
      const rec: BridgeCall = { className, methodName, params, onSuccess, onFailure, timeout };
      calls.push(rec);
      if (options.mode === 'manual') return;
      let reply = options.answer?.(rec);
      if (reply === undefined) {
        const sample = SAMPLE_DATA[`${className}.${methodName}`];
        reply = sample ? sample(rec, next) : { ok: okEnv() };
      }
      if (reply === 'never' || reply === undefined) return;
      const r = reply;
      const deliver = () => ('fail' in r ? onFailure(r.fail) : onSuccess(r.ok));
      if (options.mode === 'sync') deliver();
      else Promise.resolve().then(deliver);
    },
  };
  return { bridge, calls };
};

export const flush = async (rounds = 30) => {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
};

export interface Tracked<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  error?: any;
}
export const track = <T>(p: Promise<T>): Tracked<T> => {
  const s: Tracked<T> = { status: 'pending' };
  p.then(
    (v) => {
      s.status = 'fulfilled';
      s.value = v;
    },
    (e) => {
      s.status = 'rejected';
      s.error = e;
    },
  );
  return s;
};

export const rejectionOf = async (p: Promise<unknown>): Promise<any> => {
  try {
    const v = await p;
    throw Object.assign(new Error(`expected a rejection, got a resolution with ${dump(v)}`), { __notRejected: true });
  } catch (e: any) {
    if (e && e.__notRejected) throw e;
    return e;
  }
};

/** JSON-ish dump that survives cycles, errors and functions (for "never reaches logs/events" checks). */
export const dump = (v: unknown): string => {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(v, (_k, x) => {
        if (typeof x === 'function') return '[fn]';
        if (typeof x === 'bigint') return String(x);
        if (x && typeof x === 'object') {
          if (seen.has(x)) return '[cycle]';
          seen.add(x);
          if (x instanceof Error) {
            const own: Record<string, unknown> = {};
            for (const key of Object.getOwnPropertyNames(x)) own[key] = (x as any)[key];
            return { name: x.name, message: x.message, ...own };
          }
        }
        return x;
      }) ?? String(v)
    );
  } catch {
    return String(v);
  }
};

/**
 * Runs fn and returns the unhandled rejections seen meanwhile (Node's process 'unhandledRejection' and the
 * window's 'unhandledrejection'), after two more task turns for late ones.
 */
export const countUnhandled = async (fn: () => Promise<void>, settleMs = 30): Promise<string[]> => {
  const seen: unknown[] = [];
  const onNode = (reason: unknown) => {
    seen.push(reason);
  };
  const onWindow = (ev: any) => {
    seen.push(ev?.reason);
  };
  const proc = (globalThis as any).process;
  const g = globalThis as any;
  proc?.on?.('unhandledRejection', onNode);
  g.addEventListener?.('unhandledrejection', onWindow);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, settleMs));
    await new Promise((r) => setTimeout(r, settleMs));
  } finally {
    proc?.off?.('unhandledRejection', onNode);
    g.removeEventListener?.('unhandledrejection', onWindow);
  }
  return seen.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : dump(r)));
};

/**
 * Runs fn while Node's uncaught exceptions are routed to a recorder (not to the test runner), and returns them.
 * For errors the SDK may legitimately report asynchronously, such as an exception thrown by a user's listener.
 */
export const captureUncaught = async (fn: () => Promise<void>, settleMs = 30): Promise<unknown[]> => {
  const proc = (globalThis as any).process;
  const saved: Array<(...a: any[]) => void> = proc.listeners('uncaughtException');
  const seen: unknown[] = [];
  const record = (e: unknown) => {
    seen.push(e);
  };
  proc.removeAllListeners('uncaughtException');
  proc.on('uncaughtException', record);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, settleMs));
    await new Promise((r) => setTimeout(r, settleMs));
  } finally {
    proc.off('uncaughtException', record);
    for (const l of saved) proc.on('uncaughtException', l);
  }
  return seen;
};

// ---------------------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------------------

export function registerContract(core: any, mock: any, t: TestApi, env: ContractEnv): void {
  const { describe, it, expect, vi } = t;
  const {
    createGoPay,
    toPaymentDeeplink,
    isAuthCodeExpired,
    isGoPayError,
    GoPayError,
    GoPayTimeoutError,
    GoPayAbortError,
    GoPayUnavailableError,
    GoPayAuthCodeExpiredError,
    GoPayBridgeError,
    GoPayValidationError,
  } = core;

  const withFakeTimers = async (fn: () => Promise<void>, now?: number) => {
    vi.useFakeTimers();
    if (now !== undefined) vi.setSystemTime(now);
    try {
      await fn();
    } finally {
      vi.useRealTimers();
    }
  };

  const expectGoPayError = (e: any, cls: any, code: string) => {
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(GoPayError);
    expect(e).toBeInstanceOf(cls);
    expect(e.code).toBe(code);
    expect(isGoPayError(e)).toBe(true);
    expect(isGoPayError(e, code)).toBe(true);
  };

  const expectValidation = (e: any) => expectGoPayError(e, GoPayValidationError, 'INVALID_ARGUMENT');

  const expectBridgeError = (e: any, code: string, bridgeCode: string | undefined, className?: string, methodName?: string) => {
    expectGoPayError(e, GoPayBridgeError, code);
    expect(e.bridgeCode).toBe(bridgeCode);
    if (className) expect(e.className).toBe(className);
    if (methodName) expect(e.methodName).toBe(methodName);
  };

  const codeOf = (arg: any): string => (typeof arg === 'string' ? arg : arg?.code);

  const newExpiredError = () => {
    try {
      return new GoPayAuthCodeExpiredError();
    } catch {
      return new GoPayAuthCodeExpiredError('auth code expired');
    }
  };

  // -------------------------------------------------------------------------------------------------------
  describe('exports', () => {
    it.each(CORE_EXPORTS.map((n) => [n]))('core exports %s', (name: string) => {
      expect(core[name]).toBeDefined();
    });

    it('core functions and classes have the right kinds', () => {
      for (const name of CORE_EXPORTS) {
        if (name === 'VERSION') continue;
        expect(typeof core[name]).toBe('function');
      }
      expect(typeof core.VERSION).toBe('string');
      expect(core.VERSION.length).toBeGreaterThan(0);
    });

    it('every error class extends GoPayError, which extends Error', () => {
      expect(GoPayError.prototype).toBeInstanceOf(Error);
      for (const cls of [
        GoPayTimeoutError,
        GoPayAbortError,
        GoPayUnavailableError,
        GoPayAuthCodeExpiredError,
        GoPayBridgeError,
        GoPayValidationError,
      ]) {
        expect(cls.prototype).toBeInstanceOf(GoPayError);
      }
    });

    it.each(MOCK_EXPORTS.map((n) => [n]))('mock exports %s as a function', (name: string) => {
      expect(typeof mock[name]).toBe('function');
    });

    it('the core does not carry the mock', () => {
      for (const name of MOCK_EXPORTS) expect(core[name]).toBeUndefined();
    });

    it('importing ran nothing: no gpContainer was installed by either module', () => {
      expect((globalThis as any).gpContainer).toBeUndefined();
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('toPaymentDeeplink / isAuthCodeExpired / isGoPayError', () => {
    it('toPaymentDeeplink turns an https webRedirectUrl into gopay://merchanttransfer + its query string', () => {
      expect(toPaymentDeeplink('https://gwk.gopayapi.com/app/merchanttransfer?tref=ABC123&amount=10000')).toBe(
        'gopay://merchanttransfer?tref=ABC123&amount=10000',
      );
      expect(toPaymentDeeplink('https://pay.example.com/some/path?x=1&y=a%20b#frag')).toMatch(/^gopay:\/\/merchanttransfer\?x=1&y=a%20b/);
    });

    const ac = { code: authCodeFor(1), issuedAt: 1_000_000, expiresAt: 1_300_000 };

    it('isAuthCodeExpired compares now against expiresAt minus the margin', () => {
      expect(isAuthCodeExpired(ac, 1_000_001, 0)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_299_000, 0)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_300_001, 0)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_269_000, 30_000)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_271_000, 30_000)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_200_000, 150_000)).toBe(true);
    });

    it.each([
      ['undefined', undefined],
      ['null', null],
      ['{}', {}],
      ['a string', 'AC1'],
      ['expiresAt NaN', { code: 'x', issuedAt: 0, expiresAt: Number.NaN }],
      ['expiresAt Infinity', { code: 'x', issuedAt: 0, expiresAt: Number.POSITIVE_INFINITY }],
      ["expiresAt '9999999999999' (text)", { code: 'x', issuedAt: 0, expiresAt: '9999999999999' }],
    ])('isAuthCodeExpired: anything without a finite expiresAt counts as expired (%s)', (_n: string, v: unknown) => {
      expect(isAuthCodeExpired(v)).toBe(true);
      expect(isAuthCodeExpired(v, 0, 0)).toBe(true);
    });

    it('isAuthCodeExpired defaults the margin to 30 s and now to Date.now()', async () => {
      expect(isAuthCodeExpired(ac, 1_100_000)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_280_000)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_400_000)).toBe(true);
      await withFakeTimers(async () => {
        expect(isAuthCodeExpired(ac)).toBe(false);
        vi.setSystemTime(1_290_000);
        expect(isAuthCodeExpired(ac)).toBe(true);
      }, 1_000_500);
    });

    it('isGoPayError recognises GoPayErrors (optionally by code) and nothing else', async () => {
      const { bridge } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: 5 });
      const e = await rejectionOf(gp.getLocale());
      expect(isGoPayError(e)).toBe(true);
      expect(isGoPayError(e, 'TIMEOUT')).toBe(true);
      expect(isGoPayError(e, 'ABORTED')).toBe(false);
      expect(isGoPayError(new Error('TIMEOUT'))).toBe(false);
      expect(isGoPayError(null)).toBe(false);
      expect(isGoPayError(undefined)).toBe(false);
      expect(isGoPayError('TIMEOUT')).toBe(false);
      expect(isGoPayError({ code: 'TIMEOUT', name: 'GoPayTimeoutError', message: 'x' })).toBe(false);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('createGoPay options', () => {
    it('createGoPay() with no options does not throw and runs nothing', () => {
      expect(() => createGoPay()).not.toThrow();
      expect(() => createGoPay({})).not.toThrow();
    });

    it('accepts every documented option with valid values', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({
        scriptUrl: 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js',
        bridge,
        loadTimeout: 5_000,
        timeout: 2_000,
        nonce: 'n0nce',
        authCodeTtl: 360_000,
        authCodeMargin: 10_000,
        debug: () => {},
      });
      await expect(gp.getLocale()).resolves.toBe('id_ID');
      const gp2 = createGoPay({ bridge, timeout: false, debug: false });
      await expect(gp2.getLocale()).resolves.toBe('id_ID');
    });

    const badOptions: Array<[string, () => Record<string, unknown>]> = [
      ['timeout: -1', () => ({ timeout: -1 })],
      ["timeout: 'soon'", () => ({ timeout: 'soon' })],
      ['timeout: NaN', () => ({ timeout: Number.NaN })],
      ['timeout: true', () => ({ timeout: true })],
      ['loadTimeout: -1', () => ({ loadTimeout: -1 })],
      ["loadTimeout: 'x'", () => ({ loadTimeout: 'x' })],
      ['authCodeTtl: -1', () => ({ authCodeTtl: -1 })],
      ['authCodeMargin: -1', () => ({ authCodeMargin: -1 })],
      ['scriptUrl: 42', () => ({ scriptUrl: 42 })],
      ['nonce: 42', () => ({ nonce: 42 })],
    ];
    it.each(badOptions)('rejects a bad option value (%s) with GoPayValidationError', async (_n: string, make: () => any) => {
      const { bridge, calls } = fakeBridge();
      let gp: any;
      try {
        gp = createGoPay({ bridge, ...make() });
      } catch (e) {
        expectValidation(e);
        return;
      }
      // Not thrown at creation: the first call must then reject with the validation error.
      expectValidation(await rejectionOf(gp.getLocale()));
      expect(calls).toHaveLength(0);
    });

    it.each([
      ['an object without call()', {}],
      ['call that is not a function', { call: 'nope' }],
    ])('rejects a bridge option that is %s with GoPayValidationError', async (_n: string, bad: unknown) => {
      let gp: any;
      try {
        gp = createGoPay({ bridge: bad });
      } catch (e) {
        expectValidation(e);
        return;
      }
      expectValidation(await rejectionOf(gp.getLocale()));
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('methods send the documented bridge call and resolve with the documented shape', () => {
    interface Case {
      name: string;
      run: (gp: any) => Promise<unknown>;
      className: string;
      methodName: string;
      params: Record<string, unknown>;
      check: (result: any) => void;
    }
    const cases: Case[] = [
      {
        name: 'getAuthCode()',
        run: (gp) => gp.getAuthCode(),
        className: 'GPMiniAppAuth',
        methodName: 'getAuthCode',
        params: {},
        check: (r) => {
          expect(r.code).toBe(authCodeFor(1));
          expect(typeof r.issuedAt).toBe('number');
          expect(r.expiresAt - r.issuedAt).toBe(300_000);
        },
      },
      {
        name: 'getLocation()',
        run: (gp) => gp.getLocation(),
        className: 'GPLocation',
        methodName: 'getLocation',
        params: {},
        check: (r) => expect(r).toMatchObject({ coords: { latitude: -6.2, longitude: 106.8, time: 1700000000000 } }),
      },
      {
        name: 'getLocation({ enable_high_accuracy: true })',
        run: (gp) => gp.getLocation({ enable_high_accuracy: true }),
        className: 'GPLocation',
        methodName: 'getLocation',
        params: { enable_high_accuracy: true },
        check: (r) => expect(r.coords).toEqual({ latitude: -6.2, longitude: 106.8, time: 1700000000000 }),
      },
      {
        name: 'getSystemInfo()',
        run: (gp) => gp.getSystemInfo(),
        className: 'GPSystem',
        methodName: 'getSystemInfo',
        params: {},
        check: (r) =>
          expect(r).toEqual({
            platform: 'android',
            is_emulator: false,
            brand: 'b',
            model: 'm',
            product: 'p',
            uuid: 'u',
            idfa: '',
            idfv: '',
          }),
      },
      {
        name: 'getRootedDeviceInfo()',
        run: (gp) => gp.getRootedDeviceInfo(),
        className: 'GPSystem',
        methodName: 'getRootedDeviceInfo',
        params: {},
        check: (r) => expect(r).toEqual({ is_rooted: 'false' }),
      },
      {
        name: 'getWifiInfo()',
        run: (gp) => gp.getWifiInfo(),
        className: 'GPSystem',
        methodName: 'getWifiInfo',
        params: {},
        check: (r) => expect(r).toEqual({ wifi_bssid: '00:11', wifi_ssid: 'home' }),
      },
      {
        name: "getConsent('location')",
        run: (gp) => gp.getConsent('location'),
        className: 'GP',
        methodName: 'authorize',
        params: { scope: 'location' },
        check: (r) => {
          expect(r.granted).toBe(true);
          expect(r.successScope).toEqual({ location: true });
        },
      },
      {
        name: "takePhoto({ mode: 'camera', needBase64: true })",
        run: (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
        className: 'GPCamera',
        methodName: 'takePhoto',
        params: { mode: 'camera', needBase64: true },
        check: (r) => expect(r).toMatchObject({ localPath: '/tmp/p.jpg', base64Data: 'QUJDREVGR0g=' }),
      },
      {
        name: 'launchPayment(gopay deeplink)',
        run: (gp) => gp.launchPayment('gopay://merchanttransfer?tref=T1&amount=5000'),
        className: 'GP',
        methodName: 'launchPayment',
        params: { deeplink: 'gopay://merchanttransfer?tref=T1&amount=5000' },
        check: (r) => expect(r).toMatchObject({ status: 'success' }),
      },
      {
        name: 'launchPayment(https webRedirectUrl)',
        run: (gp) => gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=T2&amount=7000'),
        className: 'GP',
        methodName: 'launchPayment',
        params: { deeplink: 'gopay://merchanttransfer?tref=T2&amount=7000' },
        check: (r) => expect(r).toMatchObject({ status: 'success' }),
      },
      {
        name: 'getBankAccountToken()',
        run: (gp) => gp.getBankAccountToken(),
        className: 'GP',
        methodName: 'getBankAccountToken',
        params: {},
        check: (r) => expect(r).toMatchObject({ token: 'bank-token-123' }),
      },
      {
        name: 'launchDeeplink(deeplink)',
        run: (gp) => gp.launchDeeplink('gopay://home'),
        className: 'GPNavigator',
        methodName: 'launchDeeplink',
        params: { deeplink: 'gopay://home' },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'launchUri(uri)',
        run: (gp) => gp.launchUri('https://example.com/help'),
        className: 'GPNavigator',
        methodName: 'launchUri',
        params: { uri: 'https://example.com/help' },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'getLocale()',
        run: (gp) => gp.getLocale(),
        className: 'GPBase',
        methodName: 'getLocale',
        params: {},
        check: (r) => expect(r).toBe('id_ID'),
      },
      {
        name: 'copyToClipboard(text)',
        run: (gp) => gp.copyToClipboard('VOUCHER-1'),
        className: 'GPBase',
        methodName: 'copyToClipboard',
        params: { text: 'VOUCHER-1' },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'share(text)',
        run: (gp) => gp.share('look at this'),
        className: 'GPShare',
        methodName: 'share',
        params: { text: 'look at this' },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'vibrate(ms)',
        run: (gp) => gp.vibrate(250),
        className: 'GPMotion',
        methodName: 'vibrate',
        params: { duration: 250 },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'toast(message, duration in seconds)',
        run: (gp) => gp.toast('Saved', 5),
        className: 'GPUIToast',
        methodName: 'toast',
        params: { message: 'Saved', duration: 5 },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'setNavigationBar(params)',
        run: (gp) => gp.setNavigationBar({ title: 'Shop', titleColor: '#112233FF', backgroundColor: '#FFFFFFFF' }),
        className: 'GPNavigationBar',
        methodName: 'update',
        params: { title: 'Shop', titleColor: '#112233FF', backgroundColor: '#FFFFFFFF' },
        check: (r) => expect(r).toBeUndefined(),
      },
      {
        name: 'trackEvent(eventName, metaData)',
        run: (gp) => gp.trackEvent('page_view', { page_id: 'home', mini_app_id: 'm1' }),
        className: 'GPAnalytics',
        methodName: 'trackEvent',
        params: { eventName: 'page_view', metaData: { page_id: 'home', mini_app_id: 'm1' } },
        check: (r) => expect(r).toBeUndefined(),
      },
    ];

    it.each(cases.map((c) => [c.name, c]))('%s', async (_name: string, c: Case) => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const result = await c.run(gp);
      expect(calls).toHaveLength(1);
      expect(calls[0].className).toBe(c.className);
      expect(calls[0].methodName).toBe(c.methodName);
      expect(calls[0].params).toEqual(c.params);
      expect(typeof calls[0].onSuccess).toBe('function');
      expect(typeof calls[0].onFailure).toBe('function');
      c.check(result);
    });

    it('toast(message) sends the message to GPUIToast.toast', async () => {
      const { bridge, calls } = fakeBridge();
      await expect(createGoPay({ bridge }).toast('Hello')).resolves.toBeUndefined();
      expect(calls[0]).toMatchObject({ className: 'GPUIToast', methodName: 'toast', params: { message: 'Hello' } });
    });

    it('launchPayment sends exactly toPaymentDeeplink(webRedirectUrl)', async () => {
      const url = 'https://app.gopay.example/merchanttransfer?tref=Z9&amount=1&sig=abc';
      const { bridge, calls } = fakeBridge();
      await createGoPay({ bridge }).launchPayment(url);
      expect(calls[0].params).toEqual({ deeplink: toPaymentDeeplink(url) });
    });

    it.each(['success', 'failed', 'pending', 'cancelled'])('launchPayment passes status %s through', async (status: string) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { status } }) }) });
      await expect(createGoPay({ bridge }).launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status });
    });

    it('takePhoto also reads localPath/base64Data from the success argument itself', async () => {
      const { bridge } = fakeBridge({
        answer: () => ({ ok: okEnv({ callbackId: 'c1', localPath: '/p/a.jpg', base64Data: 'QQ==' }) }),
      });
      await expect(createGoPay({ bridge }).takePhoto({ mode: 'photo', needBase64: true })).resolves.toMatchObject({
        localPath: '/p/a.jpg',
        base64Data: 'QQ==',
      });
    });

    it('getConsent: a refusal is granted:false, not a rejection', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { successScope: { location: false } } }) }) });
      const r = await createGoPay({ bridge }).getConsent('location');
      expect(r.granted).toBe(false);
      expect(r.successScope).toEqual({ location: false });
    });

    it('getConsent reads successScope at the top level too', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ successScope: { camera: true } }) }) });
      const r = await createGoPay({ bridge }).getConsent('camera');
      expect(r.granted).toBe(true);
      expect(r.successScope).toEqual({ camera: true });
    });

    it('getConsent falls back to GPConsent.getUserConsent when GP.authorize answers 100', async () => {
      const { bridge, calls } = fakeBridge({
        answer: (r) => (r.methodName === 'authorize' ? { fail: failEnv('100', 'not supported') } : undefined),
      });
      const r = await createGoPay({ bridge }).getConsent('location');
      expect(calls.map((c) => `${c.className}.${c.methodName}`)).toEqual(['GP.authorize', 'GPConsent.getUserConsent']);
      expect(calls[0].params).toEqual({ scope: 'location' });
      expect(r.granted).toBe(true);
    });

    it('getConsent rejects (it is not a refusal) when the bridge fails for another reason', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('401', 'offline') }) });
      const e = await rejectionOf(createGoPay({ bridge }).getConsent('location'));
      expectBridgeError(e, 'NETWORK', '401');
      expect(calls).toHaveLength(1);
    });

    it('ready() resolves with undefined when a bridge is given, without calling it', async () => {
      const { bridge, calls } = fakeBridge();
      await expect(createGoPay({ bridge }).ready()).resolves.toBeUndefined();
      expect(calls).toHaveLength(0);
    });

    it('a failing method rejects with a GoPayBridgeError naming the class and method', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('300', 'Permission denied') }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocation());
      expectBridgeError(e, 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('call()', () => {
    it('sends any className/methodName/params and resolves with data', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { a: 1, b: [2] } }) }) });
      const gp = createGoPay({ bridge });
      await expect(gp.call('GPCustom', 'doThing', { x: 'y' })).resolves.toEqual({ a: 1, b: [2] });
      expect(calls[0]).toMatchObject({ className: 'GPCustom', methodName: 'doThing', params: { x: 'y' } });
    });

    it('sends {} when params are omitted', async () => {
      const { bridge, calls } = fakeBridge();
      await createGoPay({ bridge }).call('GPBase', 'getLocale');
      expect(calls[0].params).toEqual({});
    });

    it('resolves with the envelope without success/ret when there is no data', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ msg: 'COMPASS_STARTED', callbackId: 'c9' }) }) });
      await expect(createGoPay({ bridge }).call('GPMotion', 'startCompass', {})).resolves.toEqual({
        msg: 'COMPASS_STARTED',
        callbackId: 'c9',
      });
      const { bridge: b2 } = fakeBridge({ answer: () => ({ ok: okEnv({ app_locale: 'en_ID' }) }) });
      await expect(createGoPay({ bridge: b2 }).call('GPBase', 'getLocale')).resolves.toEqual({ app_locale: 'en_ID' });
    });

    it('handles a bridge that answers synchronously inside call()', async () => {
      const { bridge } = fakeBridge({ mode: 'sync' });
      await expect(createGoPay({ bridge }).getLocale()).resolves.toBe('id_ID');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('failure envelopes and error codes', () => {
    it.each(BRIDGE_CODE_TABLE.map(([b, c]) => [String(b) || "''", b, c]))(
      'error_code %s → %s (snake_case envelope through onFailure)',
      async (_label: string, bridgeCode: string, code: string) => {
        const envelope = failEnv(bridgeCode);
        const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
        const e = await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo'));
        // An empty bridge code may be reported as '' or left out (bridgeCode is optional).
        expectBridgeError(
          e,
          code,
          bridgeCode === '' && e.bridgeCode === undefined ? undefined : String(bridgeCode),
          'GPSystem',
          'getWifiInfo',
        );
        expect(e.response).toEqual(envelope);
        expect(e.code).toBe(code);
      },
    );

    it.each([
      ['PERMISSION_DENIED', 300],
      ['NETWORK', 401],
      ['SUPERAPP', 500],
      ['NOT_REGISTERED', 203],
    ])('accepts a numeric error_code (%s ← %s)', async (code: string, n: number) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv(n) }) });
      const e = await rejectionOf(createGoPay({ bridge }).getSystemInfo());
      expectGoPayError(e, GoPayBridgeError, code);
      expect(e.bridgeCode).toBe(String(n)); // bridgeCode?: string
    });

    it('camelCase GP_PARAM_ERR envelope (no success field) through onFailure → INVALID_PARAMS', async () => {
      const envelope = camelFailEnv();
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).call('GPAnalytics', 'trackEvent', { eventName: 'e', metaData: { a: 1 } }));
      expectBridgeError(e, 'INVALID_PARAMS', 'GP_PARAM_ERR', 'GPAnalytics', 'trackEvent');
      expect(e.response).toEqual(envelope);
    });

    it('camelCase GP_PARAM_ERR envelope through the success callback is a failure', async () => {
      const envelope = camelFailEnv('mode is invalid');
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).takePhoto({ mode: 'camera' }));
      expectBridgeError(e, 'INVALID_PARAMS', 'GP_PARAM_ERR', 'GPCamera', 'takePhoto');
    });

    it('older camelCase failure fields (errorCode with success:false) are read too', async () => {
      const envelope = { success: false, ret: 'GP_EXCEPTION', errorType: 'JS_BRIDGE_ERROR', errorCode: '300', errorMessage: 'no' };
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocation());
      expectBridgeError(e, 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
    });

    it('success:false delivered through the success callback is a failure', async () => {
      const envelope = failEnv('401', 'offline');
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocale());
      expectBridgeError(e, 'NETWORK', '401', 'GPBase', 'getLocale');
      expect(e.response).toEqual(envelope);
    });

    it('a ret other than GP_SUCCESS through the success callback is a failure (string or array ret)', async () => {
      for (const ret of ['GP_EXCEPTION', ['HY_TIMEOUT']]) {
        const { bridge } = fakeBridge({ answer: () => ({ ok: { ret } }) });
        const e = await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo'));
        expect(isGoPayError(e)).toBe(true);
      }
    });

    it("an array ret (['GP_SUCCESS']) with success:true is a success", async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: { success: true, ret: ['GP_SUCCESS'], data: { v: 1 } } }) });
      await expect(createGoPay({ bridge }).call('GPCustom', 'x')).resolves.toEqual({ v: 1 });
    });

    it('every rejection carries className, methodName and response', async () => {
      const envelope = failEnv('500', 'boom');
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getBankAccountToken());
      expectBridgeError(e, 'SUPERAPP', '500', 'GP', 'getBankAccountToken');
      expect(e.response).toEqual(envelope);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('malformed payloads', () => {
    const manual = () => {
      const fake = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge: fake.bridge, timeout: false });
      return { ...fake, gp };
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

    it('JSON-text getLocale answer (app_locale at the top level) is parsed', async () => {
      const { gp, calls } = manual();
      const p = gp.getLocale();
      await flush();
      calls[0].onSuccess(JSON.stringify(okEnv({ app_locale: 'en_ID' })));
      await expect(p).resolves.toBe('en_ID');
    });

    it('unparsable text through the success callback rejects with a GoPayError', async () => {
      const { gp, calls } = manual();
      const p = gp.call('GPCustom', 'x');
      await flush();
      expect(() => calls[0].onSuccess('<<not json>>')).not.toThrow();
      const e = await rejectionOf(p);
      expect(isGoPayError(e)).toBe(true);
    });

    it('null through the success callback settles (a GoPayError if it rejects) without throwing into the bridge', async () => {
      const { gp, calls } = manual();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      expect(() => calls[0].onSuccess(null)).not.toThrow();
      await flush();
      expect(s.status).not.toBe('pending');
      if (s.status === 'rejected') expect(isGoPayError(s.error)).toBe(true);
    });

    it('no argument at all through the success callback settles', async () => {
      const { gp, calls } = manual();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      expect(() => calls[0].onSuccess()).not.toThrow();
      await flush();
      expect(s.status).not.toBe('pending');
      if (s.status === 'rejected') expect(isGoPayError(s.error)).toBe(true);
    });

    it.each([
      ['null', null],
      ['a string', 'something went wrong'],
      ['undefined', undefined],
    ])('%s through the failure callback rejects with a GoPayError', async (_n: string, payload: unknown) => {
      const { gp, calls } = manual();
      const p = gp.call('GPCustom', 'x');
      await flush();
      expect(() => calls[0].onFailure(payload)).not.toThrow();
      const e = await rejectionOf(p);
      expect(isGoPayError(e)).toBe(true);
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

  // -------------------------------------------------------------------------------------------------------
  describe('every promise settles exactly once', () => {
    const setup = (options: Record<string, unknown> = {}) => {
      const fake = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge: fake.bridge, ...options });
      const settles: unknown[] = [];
      gp.on('settle', (x: unknown) => settles.push(x));
      return { ...fake, gp, settles };
    };

    it('a late callback after a timeout is ignored', async () => {
      await withFakeTimers(async () => {
        const { gp, calls, settles } = setup({ timeout: 1_000 });
        const s = track(gp.getSystemInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(1_000);
        expect(s.status).toBe('rejected');
        expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT');
        expect(() => calls[0].onSuccess(okEnv({ data: { late: true } }))).not.toThrow();
        expect(() => calls[0].onFailure(failEnv('500'))).not.toThrow();
        await flush();
        expect(s.status).toBe('rejected');
        expect(settles).toHaveLength(1);
      });
    });

    it('success then failure callback: resolves once', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onSuccess(okEnv({ data: { first: true } }));
      expect(() => calls[0].onFailure(failEnv('500'))).not.toThrow();
      await flush();
      expect(s.status).toBe('fulfilled');
      expect(s.value).toEqual({ first: true });
      expect(settles).toHaveLength(1);
    });

    it('failure then success callback: rejects once', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onFailure(failEnv('300'));
      expect(() => calls[0].onSuccess(okEnv({ data: {} }))).not.toThrow();
      await flush();
      expect(s.status).toBe('rejected');
      expect(s.error.code).toBe('PERMISSION_DENIED');
      expect(settles).toHaveLength(1);
    });

    it('a second success callback is ignored', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onSuccess(okEnv({ data: { n: 1 } }));
      expect(() => calls[0].onSuccess(okEnv({ data: { n: 2 } }))).not.toThrow();
      await flush();
      expect(s.value).toEqual({ n: 1 });
      expect(settles).toHaveLength(1);
    });

    it('a synchronous throw from bridge.call rejects with a GoPayError', async () => {
      const bridge = {
        call() {
          throw new Error('native exploded');
        },
      };
      const gp = createGoPay({ bridge });
      const settles: unknown[] = [];
      gp.on('settle', (x: unknown) => settles.push(x));
      const p = gp.getLocale();
      expect(typeof p.then).toBe('function');
      const e = await rejectionOf(p);
      expect(isGoPayError(e)).toBe(true);
      expect(e).toBeInstanceOf(GoPayError);
      await flush();
      expect(settles).toHaveLength(1);
    });

    it('a synchronous throw after a synchronous success answer still resolves once', async () => {
      const bridge = {
        call(_c: string, _m: string, _p: unknown, ok: (r: unknown) => void) {
          ok(okEnv({ data: { v: 1 } }));
          throw new Error('late native error');
        },
      };
      const gp = createGoPay({ bridge });
      await expect(gp.call('GPCustom', 'x')).resolves.toEqual({ v: 1 });
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('timeouts and abort', () => {
    it('non-interactive calls time out after 10 000 ms by default with a GoPayTimeoutError', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge });
        const s = track(gp.getSystemInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(9_990);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expect(s.status).toBe('rejected');
        expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT');
        expect(s.error.timeout).toBe(10_000);
        expect(s.error.className).toBe('GPSystem');
        expect(s.error.methodName).toBe('getSystemInfo');
      });
    });

    it('the timeout option changes the default', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: 2_000 });
        const s = track(gp.getLocale());
        await flush();
        await vi.advanceTimersByTimeAsync(1_990);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT');
        expect(s.error.timeout).toBe(2_000);
      });
    });

    it('timeout: false never times out', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: false });
        const s = track(gp.getWifiInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s.status).toBe('pending');
      });
    });

    it('per-call { timeout } overrides the default (call and getAuthCode)', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge });
        const a = track(gp.call('GPCustom', 'x', {}, { timeout: 50 }));
        const b = track(gp.getAuthCode({ timeout: 80 }));
        await flush();
        await vi.advanceTimersByTimeAsync(60);
        expect(a.status).toBe('rejected');
        expect(a.error.code).toBe('TIMEOUT');
        expect(a.error.timeout).toBe(50);
        expect(b.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(30);
        expect(b.status).toBe('rejected');
        expectGoPayError(b.error, GoPayTimeoutError, 'TIMEOUT');
        expect(b.error.timeout).toBe(80);
      });
    });

    it('per-call { timeout: false } disables the default', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: 1_000 });
        const s = track(gp.call('GPCustom', 'x', {}, { timeout: false }));
        const g = track(gp.getAuthCode({ timeout: false }));
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s.status).toBe('pending');
        expect(g.status).toBe('pending');
      });
    });

    const interactive: Array<[string, (gp: any) => Promise<unknown>]> = [
      ['getConsent', (gp) => gp.getConsent('location')],
      ['launchPayment', (gp) => gp.launchPayment('gopay://merchanttransfer?tref=1')],
      ['takePhoto', (gp) => gp.takePhoto({ mode: 'camera' })],
      ['getBankAccountToken', (gp) => gp.getBankAccountToken()],
      ['share', (gp) => gp.share('hi')],
      ['saveFile', (gp) => gp.saveFile({ url: 'https://example.com/a.pdf' })],
      ['launchDeeplink', (gp) => gp.launchDeeplink('gopay://home')],
      ['launchUri', (gp) => gp.launchUri('https://example.com/help')],
    ];
    it.each(interactive)('interactive %s has no default timeout (even with the timeout option set)', async (_n: string, run: any) => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s1 = track(run(createGoPay({ bridge })));
        const s2 = track(run(createGoPay({ bridge, timeout: 1_000 })));
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s1.status).toBe('pending');
        expect(s2.status).toBe('pending');
      });
    });

    it('an AbortSignal aborts a pending call with GoPayAbortError (and the late answer is ignored)', async () => {
      const { bridge, calls } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: false });
      const ctrl = new AbortController();
      const s = track(gp.call('GPCustom', 'x', {}, { signal: ctrl.signal }));
      await flush();
      expect(s.status).toBe('pending');
      ctrl.abort();
      await flush();
      expect(s.status).toBe('rejected');
      expectGoPayError(s.error, GoPayAbortError, 'ABORTED');
      expect(() => calls[0]?.onSuccess(okEnv({ data: {} }))).not.toThrow();
      await flush();
      expect(s.status).toBe('rejected');
    });

    it('an already-aborted signal rejects with ABORTED', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const ctrl = new AbortController();
      ctrl.abort();
      expectGoPayError(await rejectionOf(gp.getAuthCode({ signal: ctrl.signal })), GoPayAbortError, 'ABORTED');
      expectGoPayError(await rejectionOf(gp.call('GPBase', 'getLocale', {}, { signal: ctrl.signal })), GoPayAbortError, 'ABORTED');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('validation: our own checks reject before the bridge is called', () => {
    const bad: Array<[string, (gp: any) => Promise<unknown>]> = [
      ['launchPayment() without a deeplink', (gp) => gp.launchPayment(undefined)],
      ["launchPayment('')", (gp) => gp.launchPayment('')],
      ['launchPayment(non-gopay link)', (gp) => gp.launchPayment('ovo://payment?tref=1')],
      ['launchDeeplink() without a deeplink', (gp) => gp.launchDeeplink(undefined)],
      ["launchDeeplink('')", (gp) => gp.launchDeeplink('')],
      ['launchUri(javascript:)', (gp) => gp.launchUri('javascript:alert(1)')],
      ['trackEvent with empty metaData', (gp) => gp.trackEvent('page_view', {})],
      ['trackEvent without metaData', (gp) => gp.trackEvent('page_view', undefined)],
      ['vibrate(-1)', (gp) => gp.vibrate(-1)],
      ['per-call timeout: -1', (gp) => gp.call('GPBase', 'getLocale', {}, { timeout: -1 })],
    ];
    it.each(bad)('%s → GoPayValidationError, bridge not called', async (_n: string, run: any) => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const p = run(gp);
      expect(typeof p?.then).toBe('function'); // a promise, not a synchronous throw
      expectValidation(await rejectionOf(p));
      expect(calls).toHaveLength(0);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('the auth-code guard', () => {
    it('concurrent getAuthCode() calls share one bridge call', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const [a, b, c] = await Promise.all([gp.getAuthCode(), gp.getAuthCode(), gp.getAuthCode()]);
      expect(calls).toHaveLength(1);
      expect(a.code).toBe(authCodeFor(1));
      expect(b.code).toBe(a.code);
      expect(c.code).toBe(a.code);
    });

    it('concurrent getAuthCode() callers share a failure too', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('203') }) });
      const gp = createGoPay({ bridge });
      const results = await Promise.allSettled([gp.getAuthCode(), gp.getAuthCode()]);
      expect(calls).toHaveLength(1);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason.code).toBe('NOT_REGISTERED');
      }
    });

    it('getAuthCode stamps issuedAt/expiresAt with authCodeTtl (default 300 000 ms)', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge();
        const a = await createGoPay({ bridge }).getAuthCode();
        expect(a.issuedAt).toBe(1_700_000_000_000);
        expect(a.expiresAt).toBe(1_700_000_300_000);
        const b = await createGoPay({ bridge, authCodeTtl: 360_000 }).getAuthCode();
        expect(b.expiresAt - b.issuedAt).toBe(360_000);
      }, 1_700_000_000_000);
    });

    it('a fresh code from getAuthCode is not expired; isAuthCodeExpired honours the margin', async () => {
      const { bridge } = fakeBridge();
      const a = await createGoPay({ bridge }).getAuthCode();
      expect(isAuthCodeExpired(a)).toBe(false);
      expect(isAuthCodeExpired(a, a.expiresAt - 29_000)).toBe(true);
      expect(isAuthCodeExpired(a, a.expiresAt - 31_000)).toBe(false);
    });

    it('withAuthCode hands the code to fn and resolves with fn’s result', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const fn = vi.fn(async (arg: unknown) => `exchanged:${codeOf(arg)}`);
      await expect(gp.withAuthCode(fn)).resolves.toBe(`exchanged:${authCodeFor(1)}`);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(calls.filter((c) => c.methodName === 'getAuthCode')).toHaveLength(1);
    });

    it('withAuthCode never hands the same code out twice (sequential and concurrent)', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const seen: string[] = [];
      const fn = async (arg: unknown) => {
        seen.push(codeOf(arg));
        return 'ok';
      };
      await gp.withAuthCode(fn);
      await gp.withAuthCode(fn);
      await Promise.all([gp.withAuthCode(fn), gp.withAuthCode(fn), gp.withAuthCode(fn)]);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      for (const c of seen) expect(c).toMatch(CODE_RE);
    });

    it('a code handed to fn is not shared with a concurrent getAuthCode() caller', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const [a, used] = await Promise.all([gp.getAuthCode(), gp.withAuthCode(async (arg: unknown) => codeOf(arg))]);
      expect(used).toMatch(CODE_RE);
      expect(used).not.toBe(a.code);
    });

    it('a code handed to fn is not handed out again by a later getAuthCode()', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      let used = '';
      await gp.withAuthCode(async (arg: unknown) => {
        used = codeOf(arg);
      });
      const next = await gp.getAuthCode();
      expect(next.code).not.toBe(used);
    });

    it('withAuthCode fetches a new code when the one it got is already expired', async () => {
      await withFakeTimers(async () => {
        let first = true;
        const { bridge, calls } = fakeBridge({
          answer: (rec) => {
            if (rec.methodName !== 'getAuthCode' || !first) return undefined;
            first = false;
            Promise.resolve().then(() => {
              rec.onSuccess(okEnv({ data: { authCode: authCodeFor(100) } }));
              // The clock jumps past the code's lifetime before fn can be called.
              vi.setSystemTime(Date.now() + 400_000);
            });
            return 'never';
          },
        });
        const gp = createGoPay({ bridge });
        const fn = vi.fn(async (arg: unknown) => codeOf(arg));
        const used = await gp.withAuthCode(fn);
        expect(fn).toHaveBeenCalledTimes(1);
        expect(used).not.toBe(authCodeFor(100));
        expect(used).toMatch(CODE_RE);
        expect(calls.filter((c) => c.methodName === 'getAuthCode')).toHaveLength(2);
      }, 1_700_000_000_000);
    });

    it('withAuthCode uses authCodeTtl/authCodeMargin for that check (defaults 300 s / 30 s, then custom)', async () => {
      await withFakeTimers(async () => {
        const jumpFirst = (jump: number) => {
          let first = true;
          return fakeBridge({
            answer: (rec) => {
              if (rec.methodName !== 'getAuthCode' || !first) return undefined;
              first = false;
              Promise.resolve().then(() => {
                rec.onSuccess(okEnv({ data: { authCode: authCodeFor(100) } }));
                vi.setSystemTime(Date.now() + jump);
              });
              return 'never';
            },
          });
        };
        // Defaults: good 265 s after issue, expired 275 s after issue (300 s - 30 s).
        const d1 = jumpFirst(265_000);
        expect(await createGoPay({ bridge: d1.bridge }).withAuthCode(async (arg: unknown) => codeOf(arg))).toBe(authCodeFor(100));
        const d2 = jumpFirst(275_000);
        expect(await createGoPay({ bridge: d2.bridge }).withAuthCode(async (arg: unknown) => codeOf(arg))).not.toBe(authCodeFor(100));
        // ttl 60 s, margin 10 s: 45 s later the code is still good…
        const a = jumpFirst(45_000);
        const usedA = await createGoPay({ bridge: a.bridge, authCodeTtl: 60_000, authCodeMargin: 10_000 }).withAuthCode(
          async (arg: unknown) => codeOf(arg),
        );
        expect(usedA).toBe(authCodeFor(100));
        // …55 s later it counts as expired.
        const b = jumpFirst(55_000);
        const usedB = await createGoPay({ bridge: b.bridge, authCodeTtl: 60_000, authCodeMargin: 10_000 }).withAuthCode(
          async (arg: unknown) => codeOf(arg),
        );
        expect(usedB).not.toBe(authCodeFor(100));
      }, 1_700_000_000_000);
    });

    it('withAuthCode retries once with a fresh code when fn rejects with GoPayAuthCodeExpiredError', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const seen: string[] = [];
      const expired = newExpiredError();
      expectGoPayError(expired, GoPayAuthCodeExpiredError, 'AUTH_CODE_EXPIRED');
      const fn = vi.fn(async (arg: unknown) => {
        seen.push(codeOf(arg));
        if (seen.length === 1) throw expired;
        return 'second time lucky';
      });
      await expect(gp.withAuthCode(fn)).resolves.toBe('second time lucky');
      expect(fn).toHaveBeenCalledTimes(2);
      expect(seen[0]).not.toBe(seen[1]);
    });

    it.each(['Auth code expired', 'AuthCode Not Found', 'auth code is invalid'])(
      'withAuthCode retries once when fn rejects with an error whose message matches (%s)',
      async (message: string) => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge });
        let n = 0;
        const fn = vi.fn(async () => {
          if (++n === 1) throw new Error(message);
          return n;
        });
        await expect(gp.withAuthCode(fn)).resolves.toBe(2);
      },
    );

    it('withAuthCode retries only once', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const fn = vi.fn(async () => {
        throw new Error('auth code expired');
      });
      await expect(gp.withAuthCode(fn)).rejects.toBeDefined();
      expect(fn).toHaveBeenCalledTimes(2);
    });

    it('withAuthCode does not retry other errors', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const fn = vi.fn(async () => {
        throw new Error('backend is down');
      });
      await expect(gp.withAuthCode(fn)).rejects.toBeDefined();
      expect(fn).toHaveBeenCalledTimes(1);
      expect(calls).toHaveLength(1);
    });

    it('withAuthCode: opts.isExpiredError replaces the default recognition', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const fn = vi.fn(async () => {
        throw new Error('auth code expired');
      });
      await expect(gp.withAuthCode(fn, { isExpiredError: () => false })).rejects.toBeDefined();
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('withAuthCode does not retry a message without "auth code" in it', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const fn = vi.fn(async () => {
        throw new Error('session expired');
      });
      await expect(gp.withAuthCode(fn)).rejects.toBeDefined();
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('withAuthCode honours opts.isExpiredError', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      class TokenGone extends Error {}
      let n = 0;
      const fn = vi.fn(async () => {
        if (++n === 1) throw new TokenGone('HTTP 401 from backend');
        return 'ok';
      });
      await expect(gp.withAuthCode(fn, { isExpiredError: (e: unknown) => e instanceof TokenGone })).resolves.toBe('ok');
      expect(fn).toHaveBeenCalledTimes(2);
    });

    it('withAuthCode rejects with the bridge error when no code can be had, without calling fn', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('105') }) });
      const fn = vi.fn();
      const e = await rejectionOf(createGoPay({ bridge }).withAuthCode(fn));
      expectBridgeError(e, 'USER_NOT_FOUND', '105', 'GPMiniAppAuth', 'getAuthCode');
      expect(fn).not.toHaveBeenCalled();
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('events: on(), ready, call, settle', () => {
    it('on() is synchronous and returns an unsubscribe function', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const l = vi.fn();
      const off = gp.on('call', l);
      expect(typeof off).toBe('function');
      await gp.getLocale();
      expect(l).toHaveBeenCalledTimes(1);
      off();
      await gp.getLocale();
      expect(l).toHaveBeenCalledTimes(1);
    });

    it('ready is emitted once the bridge is usable', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const l = vi.fn();
      gp.on('ready', l);
      await gp.ready();
      await flush();
      expect(l).toHaveBeenCalled();
    });

    it('call and settle are emitted for each bridge call, for successes and failures', async () => {
      const { bridge } = fakeBridge({ answer: (r) => (r.methodName === 'getWifiInfo' ? { fail: failEnv('300') } : undefined) });
      const gp = createGoPay({ bridge });
      const call = vi.fn();
      const settle = vi.fn();
      gp.on('call', call);
      gp.on('settle', settle);
      await gp.getLocale();
      await rejectionOf(gp.getWifiInfo());
      expect(call).toHaveBeenCalledTimes(2);
      expect(settle).toHaveBeenCalledTimes(2);
    });

    it('auth codes never reach call/settle events (nor the console)', async () => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const payloads: unknown[] = [];
      gp.on('call', (...a: unknown[]) => payloads.push(a));
      gp.on('settle', (...a: unknown[]) => payloads.push(a));
      gp.on('ready', (...a: unknown[]) => payloads.push(a));
      await gp.getAuthCode();
      await gp.withAuthCode(async () => 'ok');
      expect(payloads.length).toBeGreaterThan(0);
      const text = dump(payloads) + dump(spies.map((sp) => sp.mock.calls));
      for (const sp of spies) sp.mockRestore();
      expect(text).not.toContain(authCodeFor(1));
      expect(text).not.toContain(authCodeFor(2));
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('debug option', () => {
    const secretsScenario = async (gp: any) => {
      await gp.getAuthCode();
      await gp.getBankAccountToken();
      await gp.takePhoto({ mode: 'camera', needBase64: true });
      await gp.getLocale();
    };
    const SECRETS = [authCodeFor(1), 'bank-token-123', 'QUJDREVGR0g='];

    it('debug: true logs each call through console.debug, with auth codes, tokens and base64 redacted', async () => {
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      try {
        const { bridge } = fakeBridge();
        await secretsScenario(createGoPay({ bridge, debug: true }));
        expect(spy.mock.calls.length).toBeGreaterThanOrEqual(4);
        const text = dump(spy.mock.calls);
        for (const s of SECRETS) expect(text).not.toContain(s);
        expect(text).toContain('getLocale');
      } finally {
        spy.mockRestore();
      }
    });

    it('debug entries give the method, the params, the outcome and the ms of each call', async () => {
      const entries: any[] = [];
      const { bridge } = fakeBridge({ answer: (r) => (r.methodName === 'getWifiInfo' ? { fail: failEnv('300') } : undefined) });
      const gp = createGoPay({ bridge, debug: (e: unknown) => entries.push(e) });
      await gp.copyToClipboard('VOUCHER-77');
      await rejectionOf(gp.getWifiInfo());
      const okEntry = entries.find((e) => dump(e).includes('copyToClipboard'));
      const failEntry = entries.find((e) => dump(e).includes('getWifiInfo'));
      expect(okEntry).toBeDefined();
      expect(failEntry).toBeDefined();
      expect(dump(okEntry)).toContain('VOUCHER-77');
      expect(dump(failEntry)).toMatch(/PERMISSION_DENIED|300/);
      const hasNumber = (x: unknown): boolean =>
        typeof x === 'number' || (!!x && typeof x === 'object' && Object.values(x as object).some(hasNumber));
      expect(hasNumber(okEntry)).toBe(true);
    });

    it('debug: fn receives an entry per call, redacted', async () => {
      const entries: unknown[] = [];
      const { bridge } = fakeBridge();
      await secretsScenario(createGoPay({ bridge, debug: (e: unknown) => entries.push(e) }));
      expect(entries.length).toBeGreaterThanOrEqual(4);
      const text = dump(entries);
      for (const s of SECRETS) expect(text).not.toContain(s);
      expect(text).toContain('getAuthCode');
      expect(text).toContain('getLocale');
    });

    it('debug: false (default) logs nothing through console.debug', async () => {
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      try {
        const { bridge } = fakeBridge();
        await secretsScenario(createGoPay({ bridge }));
        expect(spy).not.toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('watchers (start/stop pairs)', () => {
    interface W {
      method: string;
      event: string;
      start: [string, Record<string, unknown> | undefined];
      stop: [string, Record<string, unknown> | undefined];
      reading: Record<string, unknown>;
    }
    const watchers: W[] = [
      {
        method: 'watchCompass',
        event: 'GPMotion.Event.compass',
        start: ['startCompass', undefined],
        stop: ['stopCompass', undefined],
        reading: { direction: 123.5, timestamp: 1 },
      },
      {
        method: 'watchAccelerometer',
        event: 'GPMotion.Event.accelerometer',
        start: ['startAccelerometer', undefined],
        stop: ['stopAccelerometer', undefined],
        reading: { x: 0.1, y: 9.8, z: 0.2 },
      },
      {
        method: 'watchGyro',
        event: 'motion.gyro',
        start: ['listenGyro', { on: true }],
        stop: ['listenGyro', { on: false }],
        reading: { x: 1, y: 2, z: 3 },
      },
      {
        method: 'watchShake',
        event: 'motion.shake',
        start: ['listeningShake', { on: true }],
        stop: ['listeningShake', { on: false }],
        reading: { shaken: true },
      },
    ];

    it.each(watchers.map((w) => [w.method, w]))(
      '%s resolves to an async stop() once started, and stop() stops the sensor',
      async (_n: string, w: W) => {
        const { bridge, calls } = fakeBridge();
        const gp = createGoPay({ bridge });
        const stop = await gp[w.method](vi.fn());
        expect(typeof stop).toBe('function');
        expect(calls).toHaveLength(1);
        expect(calls[0].className).toBe('GPMotion');
        expect(calls[0].methodName).toBe(w.start[0]);
        expect(calls[0].params).toMatchObject(w.start[1] ?? {});
        const stopped = stop();
        expect(typeof stopped?.then).toBe('function');
        await stopped;
        expect(calls).toHaveLength(2);
        expect(calls[1].className).toBe('GPMotion');
        expect(calls[1].methodName).toBe(w.stop[0]);
        expect(calls[1].params).toMatchObject(w.stop[1] ?? {});
      },
    );

    it('a watcher whose start fails rejects with the bridge error', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('400', 'no compass') }) });
      const e = await rejectionOf(createGoPay({ bridge }).watchCompass(() => {}));
      expectBridgeError(e, 'UNSUPPORTED', '400', 'GPMotion', 'startCompass');
    });

    if (env.dom) {
      it.each(watchers.map((w) => [w.method, w]))(
        '%s delivers readings dispatched as document CustomEvents, until stopped',
        async (_n: string, w: W) => {
          const { bridge } = fakeBridge();
          const gp = createGoPay({ bridge });
          const listener = vi.fn();
          const stop = await gp[w.method](listener);
          document.dispatchEvent(new CustomEvent(w.event, { detail: w.reading }));
          await flush();
          expect(listener).toHaveBeenCalledTimes(1);
          expect(listener.mock.calls[0][0]).toMatchObject(w.reading);
          await stop();
          document.dispatchEvent(new CustomEvent(w.event, { detail: w.reading }));
          await flush();
          expect(listener).toHaveBeenCalledTimes(1);
        },
      );

      it('a reading carried on event.param (older samples) is delivered too', async () => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge });
        const listener = vi.fn();
        const stop = await gp.watchCompass(listener);
        const ev = new Event('GPMotion.Event.compass');
        (ev as any).param = { direction: 7, timestamp: 3 };
        document.dispatchEvent(ev);
        await flush();
        expect(listener).toHaveBeenCalledTimes(1);
        expect(listener.mock.calls[0][0]).toMatchObject({ direction: 7 });
        await stop();
      });

      it("on() also delivers the bridge's motion events while a watcher runs", async () => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge });
        const viaOn = vi.fn();
        const off = gp.on('GPMotion.Event.compass', viaOn);
        const stop = await gp.watchCompass(() => {});
        document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 42, timestamp: 2 } }));
        await flush();
        expect(viaOn).toHaveBeenCalledWith(expect.objectContaining({ direction: 42 }));
        off();
        await stop();
      });

      it('saveFile sends GPFile.save and resolves on GPFile.Event.saveSuccess', async () => {
        const { bridge, calls } = fakeBridge();
        const gp = createGoPay({ bridge });
        const params = { url: 'https://example.com/receipt.pdf', name: 'receipt.pdf', destination: 'DOWNLOADS' };
        const s = track(gp.saveFile(params));
        await flush();
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({ className: 'GPFile', methodName: 'save', params });
        expect(s.status).toBe('pending');
        document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
        await flush();
        expect(s.status).toBe('fulfilled');
      });

      it('saveFile rejects with a GoPayError on GPFile.Event.saveFailed', async () => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge });
        const s = track(gp.saveFile({ url: 'https://example.com/receipt.pdf' }));
        await flush();
        document.dispatchEvent(new CustomEvent('GPFile.Event.saveFailed', { detail: { msg: 'DISK_FULL' } }));
        await flush();
        expect(s.status).toBe('rejected');
        expect(isGoPayError(s.error)).toBe(true);
      });

      it("on() delivers the bridge's file events with the payload from detail", async () => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge });
        const ok = vi.fn();
        const failed = vi.fn();
        const off1 = gp.on('GPFile.Event.saveSuccess', ok);
        const off2 = gp.on('GPFile.Event.saveFailed', failed);
        const s = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
        await flush();
        document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
        await flush();
        expect(s.status).toBe('fulfilled');
        expect(ok).toHaveBeenCalledWith(expect.objectContaining({ msg: 'SAVED' }));
        expect(failed).not.toHaveBeenCalled();
        off1();
        off2();
      });

      it('saveFile rejects when GPFile.save itself fails', async () => {
        const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('400', 'iOS only') }) });
        const e = await rejectionOf(createGoPay({ bridge }).saveFile({ url: 'https://example.com/a.pdf' }));
        expectBridgeError(e, 'UNSUPPORTED', '400', 'GPFile', 'save');
      });

      it('auth codes never reach web storage or cookies', async () => {
        const { bridge } = fakeBridge();
        const gp = createGoPay({ bridge, debug: () => {} });
        await gp.getAuthCode();
        await gp.withAuthCode(async () => 'ok');
        const stored: string[] = [document.cookie];
        for (const store of [globalThis.localStorage, globalThis.sessionStorage]) {
          if (!store) continue;
          for (let i = 0; i < store.length; i++) stored.push(String(store.getItem(store.key(i) as string)));
        }
        const text = stored.join('\n');
        expect(text).not.toContain(authCodeFor(1));
        expect(text).not.toContain(authCodeFor(2));
      });
    }
  });

  // -------------------------------------------------------------------------------------------------------
  describe('mock bridge', () => {
    const { createMockBridge, installMockBridge } = mock;

    const raw = (bridge: any, className: string, methodName: string, params: unknown = {}) =>
      new Promise<{ via: 'success' | 'failure'; env: any }>((resolve) => {
        bridge.call(
          className,
          methodName,
          params,
          (env: unknown) => resolve({ via: 'success', env }),
          (env: unknown) => resolve({ via: 'failure', env }),
          10_000,
        );
      });
    const parsed = (x: any) => (typeof x === 'string' ? JSON.parse(x) : x);

    const client = (options: Record<string, unknown> = {}) => {
      const m = createMockBridge({ latency: 0, ...options });
      return { m, gp: createGoPay({ bridge: m }) };
    };

    it('createMockBridge() returns a GpContainer with the documented controls', () => {
      const m = createMockBridge();
      expect(typeof m.call).toBe('function');
      for (const k of ['set', 'fail', 'grant', 'revoke', 'emit', 'reset']) expect(typeof m[k]).toBe('function');
      expect(Array.isArray(m.calls)).toBe(true);
    });

    it('creating a mock never installs it on its own', () => {
      createMockBridge();
      expect((globalThis as any).gpContainer).toBeUndefined();
    });

    it('auth codes look like real ones (64 letters and digits) and differ on every call', async () => {
      const gp = createGoPay({ bridge: createMockBridge() });
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await gp.getAuthCode();
        expect(a.code).toMatch(CODE_RE);
        expect(typeof a.issuedAt).toBe('number');
        expect(a.expiresAt - a.issuedAt).toBe(300_000);
        codes.push(a.code);
      }
      expect(new Set(codes).size).toBe(5);
    });

    it('answers with the documented envelope shapes (raw calls)', async () => {
      const m = createMockBridge({ latency: 0 });
      const auth = await raw(m, 'GPMiniAppAuth', 'getAuthCode');
      expect(auth.via).toBe('success');
      expect(parsed(auth.env)).toMatchObject({ success: true, ret: 'GP_SUCCESS' });
      expect(parsed(auth.env).data.authCode).toMatch(CODE_RE);

      const locale = await raw(m, 'GPBase', 'getLocale');
      expect(locale.via).toBe('success');
      expect(['en_ID', 'id_ID']).toContain(parsed(locale.env).app_locale);

      const denied = await raw(m, 'GPLocation', 'getLocation', {});
      expect(denied.via).toBe('failure');
      expect(parsed(denied.env)).toMatchObject({ success: false, error_code: '300' });

      const compass = await raw(m, 'GPMotion', 'startCompass', {});
      expect(parsed(compass.env)).toMatchObject({ success: true, ret: 'GP_SUCCESS', msg: 'COMPASS_STARTED' });
      const compassOff = await raw(m, 'GPMotion', 'stopCompass', {});
      expect(parsed(compassOff.env).msg).toBe('COMPASS_STOPPED');
    });

    it('answers every documented method through the client (happy scenario, consent granted)', async () => {
      const { gp } = client({ consent: { location: true, camera: true } });
      expect(await gp.getAuthCode()).toMatchObject({ code: expect.stringMatching(CODE_RE) });
      const loc = await gp.getLocation();
      expect(typeof loc.coords.latitude).toBe('number');
      expect(typeof loc.coords.longitude).toBe('number');
      // GPSystem.* and getBankAccountToken need a consent whose scope name GoPay does not document:
      // they either answer or fail with 300.
      const answersOr300 = async (p: Promise<unknown>) => {
        try {
          return await p;
        } catch (e: any) {
          expect(e.code).toBe('PERMISSION_DENIED');
          return undefined;
        }
      };
      await answersOr300(gp.getSystemInfo());
      await answersOr300(gp.getRootedDeviceInfo());
      await answersOr300(gp.getWifiInfo());
      expect((await gp.getConsent('location')).granted).toBe(true);
      const photo = await gp.takePhoto({ mode: 'camera', needBase64: true });
      expect(photo.localPath !== undefined || photo.base64Data !== undefined).toBe(true);
      expect(await gp.launchPayment('gopay://merchanttransfer?tref=1')).toMatchObject({ status: 'success' });
      const bank: any = await answersOr300(gp.getBankAccountToken());
      if (bank !== undefined) expect(typeof bank.token).toBe('string');
      await gp.launchDeeplink('gopay://home');
      await gp.launchUri('https://example.com');
      expect(['en_ID', 'id_ID']).toContain(await gp.getLocale());
      await gp.copyToClipboard('x');
      await gp.share('x');
      await gp.vibrate(100);
      await gp.toast('x', 2);
      await gp.setNavigationBar({ title: 't' });
      await gp.trackEvent('e', { page_id: 'p' });
      const stop = await gp.watchCompass(() => {});
      await stop();
    });

    it('methods that need consent fail with 300 until granted; getConsent grants (authorize: allow by default)', async () => {
      const { gp } = client();
      expectBridgeError(await rejectionOf(gp.getLocation()), 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
      expectBridgeError(await rejectionOf(gp.takePhoto({ mode: 'camera' })), 'PERMISSION_DENIED', '300');
      const r = await gp.getConsent('location');
      expect(r.granted).toBe(true);
      expect(r.successScope?.location).toBe(true);
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
    });

    it("authorize: 'deny' → getConsent resolves granted:false and consent stays missing", async () => {
      const { gp } = client({ authorize: 'deny' });
      const r = await gp.getConsent('location');
      expect(r.granted).toBe(false);
      expect((await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
    });

    it('consent option grants scopes from the start', async () => {
      const { gp } = client({ consent: { location: true } });
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
    });

    it('grant() and revoke() change consent', async () => {
      const { m, gp } = client();
      m.grant('location');
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
      m.revoke('location');
      expect((await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
      m.grant('camera');
      await expect(gp.takePhoto({ mode: 'camera' })).resolves.toBeDefined();
    });

    it("scenario 'permission-denied' → consent methods fail with PERMISSION_DENIED", async () => {
      const { gp } = client({ scenario: 'permission-denied' });
      expectBridgeError(await rejectionOf(gp.getLocation()), 'PERMISSION_DENIED', '300');
    });

    it("scenario 'offline' → 401 everywhere (NETWORK)", async () => {
      const { gp } = client({ scenario: 'offline' });
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'NETWORK', '401', 'GPMiniAppAuth', 'getAuthCode');
      expectBridgeError(await rejectionOf(gp.getLocale()), 'NETWORK', '401', 'GPBase', 'getLocale');
      expectBridgeError(await rejectionOf(gp.launchPayment('gopay://merchanttransfer?tref=1')), 'NETWORK', '401');
    });

    it("scenario 'not-registered' → 203 (NOT_REGISTERED)", async () => {
      const { gp } = client({ scenario: 'not-registered' });
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'NOT_REGISTERED', '203', 'GPMiniAppAuth', 'getAuthCode');
    });

    it("scenario 'payment-cancelled' → the user's cancel, which the current docs report as status 'failed'", async () => {
      const { gp } = client({ scenario: 'payment-cancelled' });
      const r = await gp.launchPayment('gopay://merchanttransfer?tref=1');
      expect(r.status).toBe('failed');
    });

    it("scenario 'slow' answers later than 'happy'", async () => {
      await withFakeTimers(async () => {
        const timeToAnswer = async (scenario: string) => {
          const gp = createGoPay({ bridge: createMockBridge({ scenario }), timeout: false });
          const s = track(gp.getLocale());
          let elapsed = 0;
          while (s.status === 'pending' && elapsed < 120_000) {
            await vi.advanceTimersByTimeAsync(10);
            elapsed += 10;
          }
          expect(s.status).toBe('fulfilled');
          return elapsed;
        };
        const happy = await timeToAnswer('happy');
        const slow = await timeToAnswer('slow');
        expect(slow).toBeGreaterThan(happy);
      });
    });

    it.each(['success', 'failed', 'pending', 'cancelled'])('paymentStatus %s', async (status: string) => {
      const { gp } = client({ paymentStatus: status });
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status });
    });

    it('latency: ms delays each answer', async () => {
      await withFakeTimers(async () => {
        const gp = createGoPay({ bridge: createMockBridge({ latency: 500 }), timeout: false });
        const s = track(gp.getLocale());
        await vi.advanceTimersByTimeAsync(400);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(200);
        expect(s.status).toBe('fulfilled');
      });
    });

    it('latency: [min, max] delays each answer within the range', async () => {
      await withFakeTimers(async () => {
        const gp = createGoPay({ bridge: createMockBridge({ latency: [300, 400] }), timeout: false });
        for (let i = 0; i < 3; i++) {
          const s = track(gp.getLocale());
          await vi.advanceTimersByTimeAsync(250);
          expect(s.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(200);
          expect(s.status).toBe('fulfilled');
        }
      });
    });

    it('seed makes codes reproducible (for the same clock: a mock code carries its issue time for the mock server)', async () => {
      const codes = async (seed: number) => {
        let pair: string[] = [];
        await withFakeTimers(async () => {
          const gp = createGoPay({ bridge: createMockBridge({ seed, latency: 0 }) });
          pair = [(await gp.getAuthCode()).code, (await gp.getAuthCode()).code];
        }, 1_700_000_000_000);
        return pair;
      };
      const a = await codes(42);
      const b = await codes(42);
      const c = await codes(7);
      expect(a).toEqual(b);
      expect(a[0]).not.toBe(a[1]);
      expect(a[0]).toMatch(CODE_RE);
      expect(c[0]).not.toBe(a[0]);
    });

    it('set() answers with the given data (value, function of params, promise)', async () => {
      const { m, gp } = client({ consent: { location: true } });
      m.set('GPSystem.getSystemInfo', { platform: 'ios', model: 'X' });
      await expect(gp.getSystemInfo()).resolves.toEqual({ platform: 'ios', model: 'X' });
      const seen: unknown[] = [];
      m.set('GPLocation.getLocation', (params: unknown) => {
        seen.push(params);
        return { coords: { latitude: 1, longitude: 2, time: 3 } };
      });
      await expect(gp.getLocation({ enable_high_accuracy: true })).resolves.toMatchObject({
        coords: { latitude: 1, longitude: 2, time: 3 },
      });
      expect(seen[0]).toMatchObject({ enable_high_accuracy: true });
      m.set('GP.getBankAccountToken', async () => ({ token: 'from-a-promise' }));
      await expect(gp.getBankAccountToken()).resolves.toMatchObject({ token: 'from-a-promise' });
      m.set('GPCustom.thing', (p: any) => ({ echo: p.v }));
      await expect(gp.call('GPCustom', 'thing', { v: 5 })).resolves.toEqual({ echo: 5 });
    });

    it('fail() answers with the failure envelope for that code', async () => {
      const { m, gp } = client();
      m.fail('GPBase.getLocale', '500', 'super app fell over');
      const e = await rejectionOf(gp.getLocale());
      expectBridgeError(e, 'SUPERAPP', '500', 'GPBase', 'getLocale');
      expect(dump(e.response)).toContain('super app fell over');
      m.fail('GPMiniAppAuth.getAuthCode', '105');
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'USER_NOT_FOUND', '105');
    });

    it('calls records the history as { className, methodName, params }', async () => {
      const { m, gp } = client();
      await gp.getLocale();
      await gp.copyToClipboard('abc');
      await gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=Q1');
      expect(m.calls).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ className: 'GPBase', methodName: 'getLocale', params: {} }),
          expect.objectContaining({ className: 'GPBase', methodName: 'copyToClipboard', params: { text: 'abc' } }),
          expect.objectContaining({
            className: 'GP',
            methodName: 'launchPayment',
            params: { deeplink: 'gopay://merchanttransfer?tref=Q1' },
          }),
        ]),
      );
    });

    it('reset() goes back to the options given at creation', async () => {
      const { m, gp } = client({ paymentStatus: 'pending' });
      m.fail('GPBase.getLocale', '500');
      m.set('GP.launchPayment', { status: 'success' });
      m.grant('location');
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status: 'success' });
      m.reset();
      expect(['en_ID', 'id_ID']).toContain(await gp.getLocale());
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status: 'pending' });
      expect((await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
    });

    it('the mock is not loud on every call (it logs that it is active once at most per mock)', async () => {
      const spies = (['log', 'info', 'warn', 'debug'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
      try {
        const { gp } = client();
        await gp.getLocale();
        await gp.getLocale();
        await gp.getLocale();
        await gp.getAuthCode();
        const total = spies.reduce((n, s) => n + s.mock.calls.length, 0);
        expect(total).toBeLessThanOrEqual(1);
      } finally {
        for (const s of spies) s.mockRestore();
      }
    });

    if (env.dom) {
      it('emit() dispatches that document event with the detail', async () => {
        const m = createMockBridge({ latency: 0 });
        const got: unknown[] = [];
        const h = (e: Event) => got.push((e as CustomEvent).detail);
        document.addEventListener('GPFile.Event.saveSuccess', h);
        try {
          m.emit('GPFile.Event.saveSuccess', { msg: 'SAVED' });
          await flush();
          expect(got).toEqual([{ msg: 'SAVED' }]);
        } finally {
          document.removeEventListener('GPFile.Event.saveSuccess', h);
        }
      });

      it('emit() readings reach a client watcher', async () => {
        const { m, gp } = client();
        const listener = vi.fn();
        const stop = await gp.watchCompass(listener);
        m.emit('GPMotion.Event.compass', { direction: 271, timestamp: 5 });
        await flush();
        expect(listener).toHaveBeenCalledWith(expect.objectContaining({ direction: 271 }));
        await stop();
      });

      it('the mock emits compass readings as document events, reproducible with seed', async () => {
        const readings = async (seed: number) => {
          const got: any[] = [];
          const h = (e: Event) => got.push((e as CustomEvent).detail);
          document.addEventListener('GPMotion.Event.compass', h);
          try {
            await withFakeTimers(async () => {
              const gp = createGoPay({ bridge: createMockBridge({ seed, latency: 0 }) });
              const fromWatcher: any[] = [];
              const stop = await gp.watchCompass((r: unknown) => fromWatcher.push(r));
              await vi.advanceTimersByTimeAsync(3_000);
              await stop();
              expect(fromWatcher.length).toBeGreaterThan(0);
            }, 1_700_000_000_000);
          } finally {
            document.removeEventListener('GPMotion.Event.compass', h);
          }
          return got;
        };
        const a = await readings(3);
        const b = await readings(3);
        expect(a.length).toBeGreaterThan(0);
        for (const r of a) {
          expect(r.direction).toBeGreaterThanOrEqual(0);
          expect(r.direction).toBeLessThan(360);
        }
        expect(b.map((r) => r.direction)).toEqual(a.map((r) => r.direction));
      });

      it('saveFile resolves through the mock', async () => {
        const { gp } = client();
        const s = track(gp.saveFile({ url: 'https://example.com/receipt.pdf', name: 'receipt.pdf' }));
        for (let i = 0; i < 100 && s.status === 'pending'; i++) await new Promise((r) => setTimeout(r, 10));
        expect(s.status).toBe('fulfilled');
      });

      it('installMockBridge() puts the mock on window.gpContainer and returns it; raw callers work', async () => {
        const w = window as any;
        try {
          const m = installMockBridge({ latency: 0 });
          expect(w.gpContainer).toBe(m);
          const locale = await raw(w.gpContainer, 'GPBase', 'getLocale');
          expect(locale.via).toBe('success');
          const gp = createGoPay({ scriptUrl: 'https://127.0.0.1:9/never-loaded.js', loadTimeout: 500 });
          expect(['en_ID', 'id_ID']).toContain(await gp.getLocale());
          expect(document.querySelector('script[src="https://127.0.0.1:9/never-loaded.js"]')).toBeNull();
          expect(m.calls.length).toBeGreaterThanOrEqual(2);
        } finally {
          delete w.gpContainer;
        }
      });
    }
  });

  // -------------------------------------------------------------------------------------------------------
  describe('isInGoPay', () => {
    it('probes with GPBase.getLocale and resolves true when the bridge answers', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      await expect(gp.isInGoPay()).resolves.toBe(true);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ className: 'GPBase', methodName: 'getLocale' });
    });

    it.each(['300', '100', '401', '500', '203', 'GP_PARAM_ERR'])(
      'resolves true when the bridge answers with the documented error %s',
      async (code: string) => {
        const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv(code) }) });
        await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(true);
      },
    );

    it.each([
      ['error_code "1003" (snake_case)', failEnv('1003', 'not a GoPay WebView')],
      ['error_code 1003 (number)', failEnv(1003, 'not a GoPay WebView')],
      ['errorCode 1003 (camelCase)', { success: false, errorCode: 1003, errorMessage: 'not a GoPay WebView' }],
      ['nested { error: { code: 1003 } }', { success: false, error: { code: 1003, message: 'not a GoPay WebView' } }],
    ])('resolves false on bridge code 1003: %s', async (_n: string, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(false);
    });

    it('a success without any locale is still an answer: true', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv() }) });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(true);
    });

    it.each([
      ['an undocumented code (999)', { fail: failEnv('999') }],
      ['an empty code', { fail: failEnv('') }],
      ['null through onFailure', { fail: null }],
      ['a string through onFailure', { fail: 'oops' }],
      ['unparsable text through onSuccess', { ok: '<<not json' }],
      ["the native timeout { ret: ['HY_TIMEOUT'] }", { ok: { ret: ['HY_TIMEOUT'] } }],
    ])('only a success or a documented bridge error counts: %s gives false', async (_n: string, reply: Reply) => {
      const { bridge } = fakeBridge({ answer: () => reply });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(false);
    });

    it('resolves false when the bridge stays silent for 2,000 ms (default), whatever the client timeout', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        for (const gp of [createGoPay({ bridge }), createGoPay({ bridge, timeout: 60_000 }), createGoPay({ bridge, timeout: false })]) {
          const s = track(gp.isInGoPay());
          await flush();
          await vi.advanceTimersByTimeAsync(1_990);
          expect(s.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(20);
          expect(s.status).toBe('fulfilled');
          expect(s.value).toBe(false);
        }
      });
    });

    it('opts.timeout sets how long silence is waited for', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s = track(createGoPay({ bridge }).isInGoPay({ timeout: 500 }));
        await flush();
        await vi.advanceTimersByTimeAsync(490);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expect(s.status).toBe('fulfilled');
        expect(s.value).toBe(false);
      });
    });

    it('never rejects: a bridge that throws, or an already-aborted signal, gives false', async () => {
      const throwing = {
        call() {
          throw new Error('native exploded');
        },
      };
      await expect(createGoPay({ bridge: throwing }).isInGoPay()).resolves.toBe(false);
      const ctrl = new AbortController();
      ctrl.abort();
      const { bridge } = fakeBridge({ mode: 'manual' });
      await expect(createGoPay({ bridge }).isInGoPay({ signal: ctrl.signal, timeout: 50 })).resolves.toBe(false);
    });

    it('a true is remembered: the bridge is not probed again', async () => {
      let silent = false;
      const { bridge, calls } = fakeBridge({ answer: () => (silent ? 'never' : undefined) });
      const gp = createGoPay({ bridge });
      await expect(gp.isInGoPay()).resolves.toBe(true);
      silent = true;
      await expect(gp.isInGoPay({ timeout: 50 })).resolves.toBe(true);
      await expect(gp.isInGoPay({ timeout: 50 })).resolves.toBe(true);
      expect(calls).toHaveLength(1);
    });

    it('leaves no unhandled rejection behind (silence, 1003, throw)', async () => {
      const unhandled = await countUnhandled(async () => {
        const silent = createGoPay({ bridge: fakeBridge({ mode: 'manual' }).bridge });
        const n1003 = createGoPay({ bridge: fakeBridge({ answer: () => ({ fail: failEnv('1003') }) }).bridge });
        const thrower = createGoPay({
          bridge: {
            call() {
              throw new Error('x');
            },
          },
        });
        await Promise.all([silent.isInGoPay({ timeout: 20 }), n1003.isInGoPay(), thrower.isInGoPay()]);
      });
      expect(unhandled).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('answers read defensively: getLocale, getLocation, getBankAccountToken, nested failures', () => {
    it.each([
      ['app_locale at the top level', okEnv({ app_locale: 'en_ID' })],
      ['appLocale at the top level', okEnv({ appLocale: 'en_ID' })],
      ['app_locale in data', okEnv({ data: { app_locale: 'en_ID' } })],
      ['appLocale in data', okEnv({ data: { appLocale: 'en_ID' } })],
      ['appLocale in JSON-text data', okEnv({ data: JSON.stringify({ appLocale: 'en_ID' }) })],
      ['the whole answer as JSON text', JSON.stringify(okEnv({ appLocale: 'en_ID' }))],
    ])('getLocale reads %s', async (_n: string, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      await expect(createGoPay({ bridge }).getLocale()).resolves.toBe('en_ID');
    });

    it.each([
      ['no locale field at all', okEnv()],
      ['an unrelated field in data', okEnv({ data: { locale: 'en_ID' } })],
      ['empty data', okEnv({ data: {} })],
    ])('getLocale rejects with a GoPayError when there is %s', async (_n: string, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocale());
      expect(isGoPayError(e)).toBe(true);
      expect(e).toBeInstanceOf(GoPayError);
    });

    it.each([
      ['empty data', okEnv({ data: {} })],
      ['no data', okEnv()],
      ['data with other fields', okEnv({ data: { latitude: 1, longitude: 2 } })],
    ])('getLocation rejects when the answer has no coords (%s)', async (_n: string, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getLocation());
      expect(isGoPayError(e)).toBe(true);
    });

    it.each([
      ['empty data', okEnv({ data: {} })],
      ['no data', okEnv()],
    ])('getBankAccountToken rejects when the answer has no token (%s)', async (_n: string, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).getBankAccountToken());
      expect(isGoPayError(e)).toBe(true);
    });

    it.each([
      ['numeric code through onFailure', 'fail', { success: false, error: { code: 300, message: 'no' } }, 'PERMISSION_DENIED', '300'],
      ['string code through onFailure', 'fail', { success: false, error: { code: '401', message: 'offline' } }, 'NETWORK', '401'],
      ['through the success callback', 'ok', { success: false, error: { code: 203, message: 'who?' } }, 'NOT_REGISTERED', '203'],
      ['1003', 'fail', { success: false, error: { code: 1003, message: 'not GoPay' } }, 'NOT_IN_GOPAY', '1003'],
      ['as JSON text', 'fail', JSON.stringify({ success: false, error: { code: 500, message: 'x' } }), 'SUPERAPP', '500'],
    ])(
      'the nested failure form { success: false, error: { code, message } } is read (%s)',
      async (_n: string, via: 'ok' | 'fail', envelope: unknown, code: string, bridgeCode: string) => {
        const { bridge } = fakeBridge({ answer: () => (via === 'ok' ? { ok: envelope } : { fail: envelope }) });
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
    ])('a code naming an Object.prototype property is UNKNOWN (%s)', async (_n: string, via: 'ok' | 'fail', envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => (via === 'ok' ? { ok: envelope } : { fail: envelope }) });
      const e = await rejectionOf(createGoPay({ bridge }).call('GPSystem', 'getWifiInfo'));
      expectGoPayError(e, GoPayBridgeError, 'UNKNOWN');
      expect(typeof e.code).toBe('string');
    });

    it('NOT_IN_GOPAY (1003) is a GoPayBridgeError with that code', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('1003') }) });
      const e = await rejectionOf(createGoPay({ bridge }).getAuthCode());
      expectBridgeError(e, 'NOT_IN_GOPAY', '1003', 'GPMiniAppAuth', 'getAuthCode');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('consent: fallback and older answer fields; 300 hints', () => {
    const authorizeUnsupported = (then: Reply) =>
      fakeBridge({ answer: (r) => (r.methodName === 'authorize' ? { fail: failEnv('100', 'not supported') } : then) });

    it('the fallback GPConsent.getUserConsent is sent { scope, consent_name: scope }', async () => {
      const { bridge, calls } = authorizeUnsupported(undefined);
      await createGoPay({ bridge }).getConsent('camera');
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({ className: 'GP', methodName: 'authorize' });
      expect(calls[0].params).toEqual({ scope: 'camera' });
      expect(calls[1]).toMatchObject({ className: 'GPConsent', methodName: 'getUserConsent' });
      expect(calls[1].params).toEqual({ scope: 'camera', consent_name: 'camera' });
    });

    it.each([
      ['{ consent_name, has_consent: true } in data', okEnv({ data: { consent_name: 'location', has_consent: true } }), true],
      ['{ consent_name, has_consent: false } in data', okEnv({ data: { consent_name: 'location', has_consent: false } }), false],
      ['{ consent_name, has_consent: true } at the top level', okEnv({ consent_name: 'location', has_consent: true }), true],
      ['successScope at the top level', okEnv({ successScope: { location: true } }), true],
      ['successScope in data, refused', okEnv({ data: { successScope: { location: false } } }), false],
    ])('the fallback answer %s is read', async (_n: string, envelope: unknown, granted: boolean) => {
      const { bridge } = authorizeUnsupported({ ok: envelope });
      const r = await createGoPay({ bridge }).getConsent('location');
      expect(r.granted).toBe(granted);
    });

    it.each([
      ['has_consent: true in data', okEnv({ data: { consent_name: 'camera', has_consent: true } }), true],
      ['has_consent: false at the top level', okEnv({ consent_name: 'camera', has_consent: false }), false],
    ])('GP.authorize answering the older { consent_name, has_consent } is read too (%s)', async (_n: string, env: unknown, g: boolean) => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ ok: env }) });
      const r = await createGoPay({ bridge }).getConsent('camera');
      expect(r.granted).toBe(g);
      expect(calls).toHaveLength(1);
    });

    const consentHint = (scope: string) => new RegExp(`getConsent\\(\\s*['"\`]${scope}['"\`]\\s*\\)`);
    it.each([
      ['getLocation', (gp: any) => gp.getLocation(), 'location'],
      ['takePhoto', (gp: any) => gp.takePhoto({ mode: 'camera' }), 'camera'],
    ])("a 300 on %s hints gp.getConsent('%s')", async (_n: string, run: (gp: any) => Promise<unknown>, scope: string) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('300', 'Permission denied') }) });
      const e = await rejectionOf(run(createGoPay({ bridge })));
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message).toMatch(consentHint(scope));
    });

    it.each([
      ['getSystemInfo', (gp: any) => gp.getSystemInfo()],
      ['getBankAccountToken', (gp: any) => gp.getBankAccountToken()],
      ['launchDeeplink', (gp: any) => gp.launchDeeplink('gopay://home')],
      ['call(GPCustom.thing)', (gp: any) => gp.call('GPCustom', 'thing')],
    ])(
      'a 300 on %s says the call is not permitted, without inventing a scope name',
      async (_n: string, run: (gp: any) => Promise<unknown>) => {
        const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('300', 'Permission denied') }) });
        const e = await rejectionOf(run(createGoPay({ bridge })));
        expect(e.code).toBe('PERMISSION_DENIED');
        expect(e.message).toMatch(/not permitted|not allowed|permission/i);
        expect(e.message).not.toMatch(/getConsent\(\s*['"`]/);
      },
    );
  });

  // -------------------------------------------------------------------------------------------------------
  describe('saveFile runs one at a time per client', () => {
    it('a second save waits for the first to settle, then runs', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const a = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
      const b = track(gp.saveFile({ url: 'https://example.com/b.pdf' }));
      await flush();
      expect(calls.filter((c) => c.methodName === 'save')).toHaveLength(1);
      expect(calls[0].params).toMatchObject({ url: 'https://example.com/a.pdf' });
      document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
      await flush();
      expect(a.status).toBe('fulfilled');
      expect(b.status).toBe('pending');
      expect(calls.filter((c) => c.methodName === 'save')).toHaveLength(2);
      expect(calls[1].params).toMatchObject({ url: 'https://example.com/b.pdf' });
      document.dispatchEvent(new CustomEvent('GPFile.Event.saveFailed', { detail: { msg: 'DISK_FULL' } }));
      await flush();
      expect(b.status).toBe('rejected');
      expect(isGoPayError(b.error)).toBe(true);
    });

    it('a first save that fails at the bridge lets the second one run', async () => {
      let n = 0;
      const { bridge, calls } = fakeBridge({
        answer: (r) => (r.methodName === 'save' && ++n === 1 ? { fail: failEnv('400') } : undefined),
      });
      const gp = createGoPay({ bridge });
      const a = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
      const b = track(gp.saveFile({ url: 'https://example.com/b.pdf' }));
      await flush();
      expect(a.status).toBe('rejected');
      expect(calls).toHaveLength(2);
      document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
      await flush();
      expect(b.status).toBe('fulfilled');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('events: subscriptions and payloads', () => {
    it('unsubscribe() removes exactly this subscription (the same listener subscribed twice)', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const l = vi.fn();
      const off1 = gp.on('call', l);
      gp.on('call', l);
      await gp.getLocale();
      const afterTwo = l.mock.calls.length;
      off1();
      off1();
      await gp.getLocale();
      expect(afterTwo).toBe(2);
      expect(l.mock.calls.length).toBe(3);
    });

    it('a listener that throws breaks neither the call nor the other listeners', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const other = vi.fn();
      gp.on('call', () => {
        throw new Error('listener bug');
      });
      gp.on('settle', () => {
        throw new Error('listener bug');
      });
      gp.on('call', other);
      let unhandled: string[] = [];
      let result: unknown;
      // The SDK may report the listener's exception asynchronously (as EventTarget does): allowed, and recorded
      // here so that only other errors count.
      const uncaught = await captureUncaught(async () => {
        unhandled = await countUnhandled(async () => {
          result = await gp.getLocale();
        });
      });
      expect(result).toBe('id_ID');
      expect(other).toHaveBeenCalledTimes(1);
      expect(unhandled).toEqual([]);
      for (const e of uncaught) expect(String((e as Error)?.message)).toBe('listener bug');
    });

    it("on('constructor' | '__proto__' | 'toString' | 'hasOwnProperty') behaves like any other name", async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
      const fns = names.map(() => vi.fn());
      const offs = names.map((n, i) => gp.on(n, fns[i]));
      for (const off of offs) expect(typeof off).toBe('function');
      const call = vi.fn();
      gp.on('call', call);
      await expect(gp.getLocale()).resolves.toBe('id_ID');
      await expect(gp.getAuthCode()).resolves.toMatchObject({ code: expect.stringMatching(CODE_RE) });
      expect(call).toHaveBeenCalledTimes(2);
      for (const f of fns) expect(f).not.toHaveBeenCalled();
      for (const off of offs) expect(() => off()).not.toThrow();
      expect({}.constructor).toBe(Object);
      await expect(gp.getLocale()).resolves.toBe('id_ID');
    });

    it('a bridge event payload in JSON text is parsed', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const listener = vi.fn();
      const stop = await gp.watchCompass(listener);
      document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: JSON.stringify({ direction: 90, timestamp: 4 }) }));
      await flush();
      expect(listener).toHaveBeenCalledWith(expect.objectContaining({ direction: 90, timestamp: 4 }));
      await stop();
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: every rejection is a GoPayError, wrong arguments of any type', () => {
    const S = Symbol('hostile');
    const expectRefusedBeforeBridge = async (run: (gp: any) => unknown) => {
      const { bridge, calls } = fakeBridge();
      const scripts = document.querySelectorAll('script').length;
      let p: any;
      try {
        p = run(createGoPay({ bridge }));
      } catch (e) {
        throw new Error(`threw synchronously instead of returning a rejected promise: ${String((e as Error)?.message)}`);
      }
      expect(typeof p?.then).toBe('function');
      expectValidation(await rejectionOf(p));
      await flush();
      expect(calls).toHaveLength(0);
      expect(document.querySelectorAll('script').length).toBe(scripts);
    };

    const symbolCases: Array<[string, (gp: any) => unknown]> = [
      ['call(Symbol, name)', (gp) => gp.call(S, 'getLocale')],
      ['call(class, Symbol)', (gp) => gp.call('GPBase', S)],
      ['call params = Symbol', (gp) => gp.call('GPBase', 'getLocale', S)],
      ['call opts = Symbol', (gp) => gp.call('GPBase', 'getLocale', {}, S)],
      ['call opts.timeout = Symbol', (gp) => gp.call('GPBase', 'getLocale', {}, { timeout: S })],
      ['getAuthCode opts.signal = Symbol', (gp) => gp.getAuthCode({ signal: S })],
      ['getAuthCode opts.timeout = Symbol', (gp) => gp.getAuthCode({ timeout: S })],
      ['getConsent(Symbol)', (gp) => gp.getConsent(S)],
      ['launchPayment(Symbol)', (gp) => gp.launchPayment(S)],
      ['launchDeeplink(Symbol)', (gp) => gp.launchDeeplink(S)],
      ['launchUri(Symbol)', (gp) => gp.launchUri(S)],
      ['copyToClipboard(Symbol)', (gp) => gp.copyToClipboard(S)],
      ['share(Symbol)', (gp) => gp.share(S)],
      ['vibrate(Symbol)', (gp) => gp.vibrate(S)],
      ['toast(Symbol)', (gp) => gp.toast(S)],
      ["toast('x', Symbol)", (gp) => gp.toast('x', S)],
      ['trackEvent(Symbol, metaData)', (gp) => gp.trackEvent(S, { page_id: 'p' })],
      ["trackEvent('e', Symbol)", (gp) => gp.trackEvent('e', S)],
      ['takePhoto(Symbol)', (gp) => gp.takePhoto(S)],
      ['takePhoto({ mode: Symbol })', (gp) => gp.takePhoto({ mode: S })],
      ['saveFile(Symbol)', (gp) => gp.saveFile(S)],
      ['saveFile({ url: Symbol })', (gp) => gp.saveFile({ url: S })],
      ['setNavigationBar(Symbol)', (gp) => gp.setNavigationBar(S)],
      ['getLocation(Symbol)', (gp) => gp.getLocation(S)],
      ['withAuthCode(Symbol)', (gp) => gp.withAuthCode(S)],
      ['withAuthCode(fn, Symbol)', (gp) => gp.withAuthCode(async () => 1, S)],
      ['watchCompass(Symbol)', (gp) => gp.watchCompass(S)],
      ['watchShake(fn, { signal: Symbol })', (gp) => gp.watchShake(() => {}, { signal: S })],
    ];
    it.each(symbolCases)('%s → GoPayValidationError, before the bridge is called', async (_n: string, run: any) => {
      await expectRefusedBeforeBridge(run);
    });

    it('wrong arguments are refused before the script is loaded (no bridge, no container)', async () => {
      const w = window as any;
      delete w.gpContainer;
      const before = document.querySelectorAll('script').length;
      const gp = createGoPay({ scriptUrl: 'https://cdn.example.test/never-loaded.js', loadTimeout: 1_000 });
      const runs = [
        () => gp.getConsent(S),
        () => gp.launchPayment(S),
        () => gp.call('GPBase', 'getLocale', {}, { signal: {} }),
        () => gp.getAuthCode({ timeOut: 1 }),
        () => gp.withAuthCode(async () => 1, { isExpiredError: 'no' }),
        () => gp.share(S),
      ];
      for (const run of runs) expectValidation(await rejectionOf(run()));
      await flush();
      expect(document.querySelectorAll('script').length).toBe(before);
    });

    it.each([
      ['timeout', { timeout: S }],
      ['loadTimeout', { loadTimeout: S }],
      ['scriptUrl', { scriptUrl: S }],
      ['nonce', { nonce: S }],
      ['bridge', { bridge: S }],
      ['authCodeTtl', { authCodeTtl: S }],
      ['authCodeMargin', { authCodeMargin: S }],
      ['debug', { debug: S }],
      ['the options themselves', S],
    ])('createGoPay with a Symbol for %s → GoPayValidationError', async (_n: string, options: unknown) => {
      let gp: any;
      try {
        gp = createGoPay(options);
      } catch (e) {
        expectValidation(e);
        return;
      }
      expectValidation(await rejectionOf(gp.getLocale()));
    });

    const boom = () => {
      throw new Error('hostile getter');
    };
    it.each([
      ['createGoPay({ timeout: 10n })', (g: any) => g(createGoPay({ timeout: BigInt(10) }))],
      [
        'per-call opts with a throwing getter',
        (g: any) =>
          g(createGoPay({ bridge: fakeBridge().bridge })).getAuthCode(Object.defineProperty({}, 'signal', { get: boom, enumerable: true })),
      ],
      [
        'per-call timeout 10n',
        (g: any) => g(createGoPay({ bridge: fakeBridge().bridge })).call('GPBase', 'getLocale', {}, { timeout: BigInt(10) }),
      ],
    ])('%s → GoPayValidationError (thrown by createGoPay, or a rejection)', async (_n: string, run: (g: (x: any) => any) => any) => {
      let result: any;
      try {
        // g() passes the client through; calls on it must return a rejected promise, never throw.
        result = run((x: any) => x);
      } catch (e) {
        expectValidation(e);
        return;
      }
      if (result && typeof result.then === 'function') expectValidation(await rejectionOf(result));
      else expectValidation(await rejectionOf(result.getLocale()));
    });

    it.each([
      ["debug: 'yes'", { debug: 'yes' }],
      ['debug: 1', { debug: 1 }],
      ['debug: {}', { debug: {} }],
      ['debug: null', { debug: null }],
      ['an unknown option (scriptURL)', { scriptURL: 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js' }],
      ['an unknown option (timeOut)', { timeOut: 5 }],
    ])('createGoPay refuses %s with GoPayValidationError', async (_n: string, options: Record<string, unknown>) => {
      const { bridge, calls } = fakeBridge();
      let gp: any;
      try {
        gp = createGoPay({ bridge, ...options });
      } catch (e) {
        expectValidation(e);
        return;
      }
      expectValidation(await rejectionOf(gp.getLocale()));
      expect(calls).toHaveLength(0);
    });

    const notSignals: Array<[string, unknown]> = [
      ['{}', {}],
      ["'abort'", 'abort'],
      ['{ aborted: true }', { aborted: true }],
      ['42', 42],
      ['an AbortController', new AbortController()],
    ];
    it.each(notSignals)('a signal that is not an AbortSignal (%s) → GoPayValidationError', async (_n: string, signal: unknown) => {
      await expectRefusedBeforeBridge((gp) => gp.call('GPBase', 'getLocale', {}, { signal }));
      await expectRefusedBeforeBridge((gp) => gp.getAuthCode({ signal }));
      await expectRefusedBeforeBridge((gp) => gp.withAuthCode(async () => 1, { signal }));
      await expectRefusedBeforeBridge((gp) => gp.watchCompass(() => {}, { signal }));
    });

    it.each([
      ['true', true],
      ["'yes'", 'yes'],
      ['{}', {}],
      ['a RegExp', /auth code/i],
    ])('an isExpiredError that is not a function (%s) → GoPayValidationError, fn never called', async (_n: string, bad: unknown) => {
      const fn = vi.fn(async () => 1);
      await expectRefusedBeforeBridge((gp) => gp.withAuthCode(fn, { isExpiredError: bad }));
      expect(fn).not.toHaveBeenCalled();
    });

    it.each([
      ['call opts.timeOut', (gp: any) => gp.call('GPBase', 'getLocale', {}, { timeOut: 5 })],
      ['getAuthCode opts.sginal', (gp: any) => gp.getAuthCode({ sginal: new AbortController().signal })],
      ['withAuthCode opts.isExpired', (gp: any) => gp.withAuthCode(async () => 1, { isExpired: () => true })],
      ['watchCompass opts.timeOut', (gp: any) => gp.watchCompass(() => {}, { timeOut: 5 })],
    ])('an unknown per-call option name (%s) is refused', async (_n: string, run: any) => {
      await expectRefusedBeforeBridge(run);
    });

    // (A relative URL such as '/vendor/gp.js' is a valid script src, resolved against the page: not malformed.)
    it.each(['https://', 'http://', 'https://exa mple.com/gp.js', 'https://[gwk.gopayapi.com/x.js', 'http://:80/x.js'])(
      'a malformed scriptUrl (%s) → GoPayValidationError before any script is loaded',
      async (scriptUrl: string) => {
        const w = window as any;
        delete w.gpContainer;
        const before = document.querySelectorAll('script').length;
        let gp: any;
        try {
          gp = createGoPay({ scriptUrl });
        } catch (e) {
          expectValidation(e);
          expect(document.querySelectorAll('script').length).toBe(before);
          return;
        }
        const e = await rejectionOf(gp.ready());
        expectValidation(e);
        expect(document.querySelectorAll('script').length).toBe(before);
        expectValidation(await rejectionOf(gp.getLocale()));
        expect(document.querySelectorAll('script').length).toBe(before);
      },
    );
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: Object.prototype pollution is never used', () => {
    /** Sets the keys on Object.prototype (as a polluting library would), runs fn, always cleans up. */
    const polluted = async (keys: Record<string, unknown>, fn: () => Promise<void>) => {
      const proto = Object.prototype as any;
      const entries = Object.entries(keys);
      for (const [k] of entries) if (Object.prototype.hasOwnProperty.call(proto, k)) throw new Error(`already polluted: ${k}`);
      try {
        for (const [k, v] of entries) proto[k] = v;
        await fn();
      } finally {
        for (const [k] of entries) delete proto[k];
      }
    };
    const within = <T>(p: Promise<T>, ms = 2_000): Promise<T | 'hung'> =>
      Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);
    const settled = async (p: Promise<unknown>) => {
      try {
        return { ok: true, v: await within(p) };
      } catch (e: any) {
        return { ok: false, code: e?.code, message: String(e?.message) };
      }
    };
    const answerLater = (ms = 30) =>
      fakeBridge({
        answer: (rec) => {
          const sample = SAMPLE_DATA[`${rec.className}.${rec.methodName}`];
          const r = sample ? sample(rec, () => 1) : { ok: okEnv() };
          setTimeout(() => (r && typeof r === 'object' && 'ok' in r ? rec.onSuccess(r.ok) : rec.onFailure((r as any).fail)), ms);
          return 'never';
        },
      });

    it('inherited createGoPay options (timeout, bridge, debug, authCodeTtl, authCodeMargin, scriptUrl) are ignored', async () => {
      const w = window as any;
      const good = answerLater(30);
      const evil = fakeBridge();
      w.gpContainer = good.bridge;
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      let locale: any;
      let code: any;
      let withCode: any;
      try {
        await polluted(
          {
            timeout: 5,
            loadTimeout: 5,
            bridge: evil.bridge,
            debug: true,
            authCodeTtl: 1_000,
            authCodeMargin: 999_999_999,
            scriptUrl: 'https://evil.example/gp.js',
            nonce: 'evil',
          },
          async () => {
            const gp = createGoPay({});
            locale = await settled(gp.getLocale());
            code = await settled(gp.getAuthCode());
            withCode = await settled(gp.withAuthCode(async (c: unknown) => codeOf(c)));
          },
        );
        expect(locale).toEqual({ ok: true, v: 'id_ID' });
        expect(code.ok).toBe(true);
        expect(code.v.expiresAt - code.v.issuedAt).toBe(300_000);
        expect(withCode.ok).toBe(true);
        expect(withCode.v).toMatch(CODE_RE);
        expect(evil.calls).toHaveLength(0);
        expect(spy).not.toHaveBeenCalled();
        expect(document.querySelector('script[src="https://evil.example/gp.js"]')).toBeNull();
      } finally {
        spy.mockRestore();
        delete w.gpContainer;
      }
    });

    it('inherited per-call options (signal, timeout, isExpiredError) are ignored', async () => {
      const { bridge, calls } = answerLater(30);
      const ctrl = new AbortController();
      ctrl.abort();
      const results: any[] = [];
      let fnCalls = 0;
      await polluted({ signal: ctrl.signal, timeout: 1, isExpiredError: () => true }, async () => {
        const gp = createGoPay({ bridge });
        results.push(await settled(gp.call('GPCustom', 'x', {}, {})));
        results.push(await settled(gp.getAuthCode({})));
        results.push(await settled(gp.getAuthCode()));
        results.push(
          await settled(
            gp.withAuthCode(async () => {
              fnCalls++;
              throw new Error('backend is down');
            }, {}),
          ),
        );
        results.push(await settled(gp.isInGoPay({})));
      });
      expect(results[0]).toEqual({ ok: true, v: {} });
      expect(results[1].ok).toBe(true);
      expect(results[2].ok).toBe(true);
      expect(results[3]).toMatchObject({ ok: false, message: 'backend is down' });
      expect(fnCalls).toBe(1);
      expect(results[4]).toEqual({ ok: true, v: true });
      expect(calls.length).toBeGreaterThan(0);
    });

    it('inherited params are not sent to the bridge', async () => {
      const { bridge, calls } = fakeBridge();
      const keys: string[][] = [];
      await polluted({ enable_high_accuracy: true, needBase64: true, destination: 'DCIM', evil: 1 }, async () => {
        const gp = createGoPay({ bridge });
        await settled(gp.getLocation());
        await settled(gp.getLocation({}));
        await settled(gp.takePhoto({ mode: 'camera' }));
        await settled(gp.call('GPCustom', 'x', { a: 1 }));
        for (const c of calls) keys.push(Object.keys(c.params ?? {}));
      });
      expect(keys).toEqual([[], [], ['mode'], ['a']]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: no unhandled rejection, ever', () => {
    it('timeouts, aborts, failures, validation errors and shared failures leave no unhandled rejection', async () => {
      const unhandled = await countUnhandled(async () => {
        const manual = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge: manual.bridge, timeout: 10 });
        const aborted = new AbortController();
        aborted.abort();
        const live = new AbortController();
        const ps: Promise<unknown>[] = [
          gp.getLocale(),
          gp.getAuthCode({ signal: aborted.signal }),
          gp.getAuthCode({ signal: live.signal }),
          gp.getAuthCode(),
          gp.withAuthCode(async () => 1, { signal: aborted.signal }),
          gp.call('GPBase', 'getLocale', {}, { signal: aborted.signal }),
          gp.watchCompass(() => {}, { signal: live.signal }),
          gp.launchPayment(''),
          gp.vibrate(-1),
          gp.isInGoPay({ timeout: 10 }),
        ];
        live.abort();
        await Promise.allSettled(ps);
        const failing = createGoPay({ bridge: fakeBridge({ answer: () => ({ fail: failEnv('500') }) }).bridge });
        await Promise.allSettled([failing.getAuthCode(), failing.getAuthCode(), failing.withAuthCode(async () => 1)]);
      });
      expect(unhandled).toEqual([]);
    });

    it('a caller that never awaits a rejected call does not cause an unhandled rejection inside the SDK', async () => {
      // The caller's own promise is handled here; anything else unhandled would come from the SDK.
      const unhandled = await countUnhandled(async () => {
        const gp = createGoPay({ bridge: fakeBridge({ mode: 'manual' }).bridge, timeout: 5 });
        const ctrl = new AbortController();
        const p1 = gp.getAuthCode({ signal: ctrl.signal });
        const p2 = gp.getAuthCode({ timeout: 5 });
        ctrl.abort();
        await Promise.allSettled([p1, p2]);
        await new Promise((r) => setTimeout(r, 30));
      });
      expect(unhandled).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: a one-time auth code reaches one withAuthCode callback only', () => {
    const timedBridge = (mode: 'sync' | 'microtask' | 'task') => {
      let n = 0;
      const calls: string[] = [];
      const bridge = {
        call(className: string, methodName: string, _p: unknown, ok: (r: unknown) => void) {
          calls.push(`${className}.${methodName}`);
          const env = methodName === 'getAuthCode' ? okEnv({ data: { authCode: authCodeFor(++n) } }) : okEnv({ app_locale: 'id_ID' });
          if (mode === 'sync') ok(env);
          else if (mode === 'microtask') queueMicrotask(() => ok(env));
          else setTimeout(() => ok(env), 0);
        },
      };
      return { bridge, calls };
    };

    it.each(['sync', 'microtask', 'task'] as const)('with a %s bridge', async (mode) => {
      const { bridge } = timedBridge(mode);
      const gp = createGoPay({ bridge });
      const handed: string[] = [];
      const peeked: string[] = [];
      const fn = async (arg: unknown) => {
        handed.push(codeOf(arg));
        await Promise.resolve();
        return codeOf(arg);
      };
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 4; i++) {
        work.push(gp.withAuthCode(fn));
        work.push(gp.getAuthCode().then((a: any) => peeked.push(a.code)));
      }
      await Promise.all(work);
      await gp.withAuthCode(fn);
      await Promise.all([gp.withAuthCode(fn), gp.withAuthCode(fn)]);
      peeked.push((await gp.getAuthCode()).code);
      expect(handed).toHaveLength(7);
      expect(new Set(handed).size).toBe(7);
      for (const h of handed) expect(peeked).not.toContain(h);
    });

    it('with a bridge that answers synchronously inside call() while another call is in flight', async () => {
      let n = 0;
      const pending: Array<() => void> = [];
      const bridge = {
        call(_c: string, _m: string, _p: unknown, ok: (r: unknown) => void) {
          const env = okEnv({ data: { authCode: authCodeFor(++n) } });
          if (n % 2) pending.push(() => ok(env));
          else ok(env);
        },
      };
      const gp = createGoPay({ bridge });
      const handed: string[] = [];
      const fn = async (arg: unknown) => {
        handed.push(codeOf(arg));
      };
      const a = gp.withAuthCode(fn);
      const b = gp.withAuthCode(fn);
      const c = gp.getAuthCode();
      await flush();
      for (let i = 0; i < 10 && pending.length; i++) {
        pending.shift()!();
        await flush();
      }
      await Promise.all([a, b, c]);
      expect(new Set(handed).size).toBe(handed.length);
      expect(handed).not.toContain((await c).code);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: shared work never borrows another caller’s options', () => {
    it("a shared getAuthCode is not aborted by one caller's signal", async () => {
      const { bridge, calls } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: false });
      const ctrl = new AbortController();
      const a = track(gp.getAuthCode({ signal: ctrl.signal }));
      const b = track(gp.getAuthCode());
      await flush();
      ctrl.abort();
      await flush();
      expect(a.status).toBe('rejected');
      expectGoPayError(a.error, GoPayAbortError, 'ABORTED');
      expect(b.status).toBe('pending');
      calls.forEach((c, i) => c.onSuccess(okEnv({ data: { authCode: authCodeFor(50 + i) } })));
      await flush();
      expect(b.status).toBe('fulfilled');
      expect(b.value.code).toMatch(CODE_RE);
    });

    it('the first caller aborting does not abort a later caller (either order)', async () => {
      for (const abortFirst of [true, false]) {
        const { bridge, calls } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: false });
        const ctrl = new AbortController();
        const first = track(abortFirst ? gp.getAuthCode({ signal: ctrl.signal }) : gp.getAuthCode());
        const second = track(abortFirst ? gp.getAuthCode() : gp.getAuthCode({ signal: ctrl.signal }));
        await flush();
        ctrl.abort();
        await flush();
        calls.forEach((c, i) => c.onSuccess(okEnv({ data: { authCode: authCodeFor(60 + i) } })));
        await flush();
        const [aborted, kept] = abortFirst ? [first, second] : [second, first];
        expect(aborted.status).toBe('rejected');
        expect(aborted.error.code).toBe('ABORTED');
        expect(kept.status).toBe('fulfilled');
      }
    });

    it("a shared getAuthCode is not timed out by one caller's timeout", async () => {
      await withFakeTimers(async () => {
        for (const shortFirst of [true, false]) {
          const { bridge, calls } = fakeBridge({ mode: 'manual' });
          const gp = createGoPay({ bridge });
          const short = shortFirst ? track(gp.getAuthCode({ timeout: 100 })) : undefined;
          const long = track(gp.getAuthCode({ timeout: false }));
          const short2 = shortFirst ? short! : track(gp.getAuthCode({ timeout: 100 }));
          await flush();
          await vi.advanceTimersByTimeAsync(150);
          expect(short2.status).toBe('rejected');
          expectGoPayError(short2.error, GoPayTimeoutError, 'TIMEOUT');
          expect(long.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(60_000);
          expect(long.status).toBe('pending');
          calls.forEach((c, i) => c.onSuccess(okEnv({ data: { authCode: authCodeFor(70 + i) } })));
          await flush();
          expect(long.status).toBe('fulfilled');
        }
      });
    });

    it("a shared sensor start is not aborted by one watcher's signal while another waits", async () => {
      const { bridge, calls } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: false });
      const ctrl = new AbortController();
      const l1 = vi.fn();
      const l2 = vi.fn();
      const w1 = track(gp.watchCompass(l1, { signal: ctrl.signal }));
      const w2 = track(gp.watchCompass(l2));
      await flush();
      ctrl.abort();
      await flush();
      expect(w1.status).toBe('rejected');
      expect(w1.error.code).toBe('ABORTED');
      expect(w2.status).toBe('pending');
      for (const c of calls.filter((x) => x.methodName === 'startCompass')) c.onSuccess(okEnv({ msg: 'COMPASS_STARTED' }));
      await flush();
      expect(w2.status).toBe('fulfilled');
      expect(calls.filter((x) => x.methodName === 'stopCompass')).toHaveLength(0);
      document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 12, timestamp: 1 } }));
      await flush();
      expect(l2).toHaveBeenCalledTimes(1);
      expect(l1).not.toHaveBeenCalled();
      const stopping = w2.value();
      await flush();
      for (const c of calls.filter((x) => x.methodName === 'stopCompass')) c.onSuccess(okEnv({ msg: 'COMPASS_STOPPED' }));
      await stopping;
    });

    it("a shared sensor start is not timed out by one watcher's timeout while another waits", async () => {
      await withFakeTimers(async () => {
        const { bridge, calls } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge });
        const l2 = vi.fn();
        const w1 = track(gp.watchAccelerometer(() => {}, { timeout: 100 }));
        const w2 = track(gp.watchAccelerometer(l2, { timeout: false }));
        await flush();
        await vi.advanceTimersByTimeAsync(150);
        expect(w1.status).toBe('rejected');
        expect(w1.error.code).toBe('TIMEOUT');
        expect(w2.status).toBe('pending');
        for (const c of calls.filter((x) => x.methodName === 'startAccelerometer')) c.onSuccess(okEnv({ msg: 'ACCELEROMETER_STARTED' }));
        await flush();
        expect(w2.status).toBe('fulfilled');
        document.dispatchEvent(new CustomEvent('GPMotion.Event.accelerometer', { detail: { x: 1, y: 2, z: 3 } }));
        await flush();
        expect(l2).toHaveBeenCalledWith(expect.objectContaining({ x: 1, y: 2, z: 3 }));
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('robustness: secrets never leak, also from malformed or failed answers', () => {
    const CODE = authCodeFor(777);
    const TOKEN = 'bank-token-SECRET-4242';
    const B64 = 'U0VDUkVUQkFTRTY0REFUQVNFQ1JFVA==';
    const leaks: Array<[string, (gp: any) => Promise<unknown>, Reply, string]> = [
      [
        'getAuthCode: failure envelope carrying the code',
        (gp) => gp.getAuthCode(),
        { fail: { ...failEnv('500'), data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: success:false through onSuccess carrying the code',
        (gp) => gp.getAuthCode(),
        { ok: { success: false, ret: 'GP_EXCEPTION', error_code: '401', data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: array ret HY_TIMEOUT with the code',
        (gp) => gp.getAuthCode(),
        { ok: { ret: ['HY_TIMEOUT'], data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: unparsable JSON text with the code',
        (gp) => gp.getAuthCode(),
        { ok: `{"success":true,"data":{"authCode":"${CODE}"` },
        CODE,
      ],
      [
        'getAuthCode: unparsable JSON text through onFailure',
        (gp) => gp.getAuthCode(),
        { fail: `{"success":false,"data":{"authCode":"${CODE}"},` },
        CODE,
      ],
      [
        'getAuthCode: nested failure with the code',
        (gp) => gp.getAuthCode(),
        { fail: { success: false, error: { code: 500, message: 'x', authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: camelCase failure with the code at the top level',
        (gp) => gp.getAuthCode(),
        { ok: { callbackId: 'c1', ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'x', authCode: CODE } },
        CODE,
      ],
      [
        'call(GPMiniAppAuth.getAuthCode): failure with the code',
        (gp) => gp.call('GPMiniAppAuth', 'getAuthCode'),
        { fail: { ...failEnv('500'), data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getBankAccountToken: failure with the token',
        (gp) => gp.getBankAccountToken(),
        { fail: { ...failEnv('300'), data: { token: TOKEN } } },
        TOKEN,
      ],
      ['getBankAccountToken: unparsable JSON text', (gp) => gp.getBankAccountToken(), { ok: `{"data":{"token":"${TOKEN}"}` }, TOKEN],
      [
        'getBankAccountToken: success:false through onSuccess',
        (gp) => gp.getBankAccountToken(),
        { ok: { success: false, ret: 'GP_EXCEPTION', error_code: '500', token: TOKEN } },
        TOKEN,
      ],
      [
        'takePhoto: failure with base64Data',
        (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
        { fail: { ...failEnv('400'), base64Data: B64 } },
        B64,
      ],
      [
        'takePhoto: camelCase GP_PARAM_ERR with base64Data',
        (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
        { ok: { callbackId: 'c2', ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'x', base64Data: B64 } },
        B64,
      ],
    ];

    it.each(leaks)('%s', async (_n: string, run: (gp: any) => Promise<unknown>, reply: Reply, secret: string) => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
      try {
        const { bridge } = fakeBridge({ answer: () => reply });
        const entries: unknown[] = [];
        const events: unknown[] = [];
        const gp = createGoPay({ bridge, debug: (e: unknown) => entries.push(e) });
        const gp2 = createGoPay({ bridge, debug: true });
        for (const name of ['call', 'settle', 'ready']) gp.on(name, (...a: unknown[]) => events.push(a));
        const e = await rejectionOf(run(gp));
        const e2 = await rejectionOf(run(gp2));
        expect(isGoPayError(e)).toBe(true);
        for (const err of [e, e2]) {
          expect(String(err.message)).not.toContain(secret);
          expect(dump(err.response)).not.toContain(secret);
          expect(dump(err.cause)).not.toContain(secret);
          expect(JSON.stringify(err) ?? '').not.toContain(secret);
          expect(dump(err)).not.toContain(secret);
          expect(String(err)).not.toContain(secret);
        }
        expect(dump(events)).not.toContain(secret);
        expect(dump(entries)).not.toContain(secret);
        expect(dump(spies.map((s) => s.mock.calls))).not.toContain(secret);
      } finally {
        for (const s of spies) s.mockRestore();
      }
    });

    it('secrets in successful answers do not reach events or debug output (auth code, token, base64)', async () => {
      const { bridge } = fakeBridge({
        answer: (r) =>
          r.methodName === 'getAuthCode'
            ? { ok: okEnv({ data: { authCode: CODE } }) }
            : r.methodName === 'getBankAccountToken'
              ? { ok: okEnv({ data: { token: TOKEN } }) }
              : r.methodName === 'takePhoto'
                ? { ok: okEnv({ callbackId: 'c3', localPath: '/x.jpg', base64Data: B64 }) }
                : undefined,
      });
      const entries: unknown[] = [];
      const events: unknown[] = [];
      const gp = createGoPay({ bridge, debug: (e: unknown) => entries.push(e) });
      for (const name of ['call', 'settle', 'ready']) gp.on(name, (...a: unknown[]) => events.push(a));
      expect((await gp.getAuthCode()).code).toBe(CODE);
      expect((await gp.getBankAccountToken()).token).toBe(TOKEN);
      expect((await gp.takePhoto({ mode: 'camera', needBase64: true })).base64Data).toBe(B64);
      await gp.call('GPMiniAppAuth', 'getAuthCode');
      const text = dump(events) + dump(entries);
      expect(entries.length).toBeGreaterThan(0);
      for (const s of [CODE, TOKEN, B64]) expect(text).not.toContain(s);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('mock bridge: fidelity, destroy, ui, no self-activation', () => {
    const { createMockBridge } = mock;
    const rawCall = (bridge: any, className: string, methodName: string, params: unknown = {}) =>
      new Promise<{ via: 'success' | 'failure'; env: any }>((resolve) => {
        bridge.call(
          className,
          methodName,
          params,
          (env: unknown) => resolve({ via: 'success', env: typeof env === 'string' ? JSON.parse(env) : env }),
          (env: unknown) => resolve({ via: 'failure', env: typeof env === 'string' ? JSON.parse(env) : env }),
          10_000,
        );
      });
    const BARE = { success: true, ret: 'GP_SUCCESS' };

    it.each([
      ['GPBase', 'copyToClipboard', { text: 'x' }],
      ['GPShare', 'share', { text: 'x' }],
      ['GPMotion', 'vibrate', { duration: 100 }],
      ['GPNavigator', 'launchDeeplink', { deeplink: 'gopay://home' }],
      ['GPNavigator', 'launchUri', { uri: 'https://example.com' }],
      ['GPUIToast', 'toast', { message: 'x', duration: 2 }],
      ['GPNavigationBar', 'update', { title: 't' }],
    ])(
      'where the docs give no answer shape (%s.%s) the mock answers the bare success envelope',
      async (c: string, m: string, p: unknown) => {
        const r = await rawCall(createMockBridge({ latency: 0 }), c, m, p);
        expect(r.via).toBe('success');
        expect(r.env).toEqual(BARE);
      },
    );

    it('documented answers carry exactly the documented fields', async () => {
      const m = createMockBridge({ latency: 0, consent: { location: true, camera: true } });
      const auth = await rawCall(m, 'GPMiniAppAuth', 'getAuthCode');
      expect(Object.keys(auth.env).sort()).toEqual(['data', 'ret', 'success']);
      expect(Object.keys(auth.env.data)).toEqual(['authCode']);
      const locale = await rawCall(m, 'GPBase', 'getLocale');
      expect(Object.keys(locale.env).sort()).toEqual(['app_locale', 'ret', 'success']);
      const loc = await rawCall(m, 'GPLocation', 'getLocation');
      expect(Object.keys(loc.env.data)).toEqual(['coords']);
      expect(Object.keys(loc.env.data.coords).sort()).toEqual(['latitude', 'longitude', 'time']);
      const pay = await rawCall(m, 'GP', 'launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' });
      expect(Object.keys(pay.env.data)).toEqual(['status']);
      const consent = await rawCall(m, 'GP', 'authorize', { scope: 'location' });
      expect(Object.keys(consent.env.data)).toEqual(['successScope']);
      for (const [method, msg] of [
        ['startCompass', 'COMPASS_STARTED'],
        ['stopCompass', 'COMPASS_STOPPED'],
        ['startAccelerometer', 'ACCELEROMETER_STARTED'],
        ['stopAccelerometer', 'ACCELEROMETER_STOPPED'],
      ]) {
        const r = await rawCall(m, 'GPMotion', method);
        expect(r.env).toEqual({ ...BARE, msg });
      }
      expect((await rawCall(m, 'GPMotion', 'listenGyro', { on: true })).env).toEqual({ ...BARE, msg: 'GYROSCOPE_STARTED' });
      expect((await rawCall(m, 'GPMotion', 'listenGyro', { on: false })).env).toEqual({ ...BARE, msg: 'GYROSCOPE_STOPPED' });
      expect((await rawCall(m, 'GPMotion', 'listeningShake', { on: true })).env).toEqual({ ...BARE, msg: 'SHAKE_STARTED' });
      expect((await rawCall(m, 'GPMotion', 'listeningShake', { on: false })).env).toEqual({ ...BARE, msg: 'SHAKE_STOPPED' });
    });

    it('callbackId is an alphanumeric string (trackEvent, takePhoto)', async () => {
      const m = createMockBridge({ latency: 0, consent: { camera: true } });
      const track1 = await rawCall(m, 'GPAnalytics', 'trackEvent', { eventName: 'e', metaData: { page_id: 'p' } });
      expect(track1.via).toBe('success');
      expect(typeof track1.env.callbackId).toBe('string');
      expect(track1.env.callbackId).toMatch(/^[A-Za-z0-9]+$/);
      const photo = await rawCall(m, 'GPCamera', 'takePhoto', { mode: 'camera', needBase64: true });
      expect(photo.via).toBe('success');
      expect(typeof photo.env.callbackId).toBe('string');
      expect(photo.env.callbackId).toMatch(/^[A-Za-z0-9]+$/);
    });

    it("takePhoto's localPath/base64Data are where GoPay's sample reads them (the success argument)", async () => {
      const m = createMockBridge({ latency: 0, consent: { camera: true } });
      const photo = await rawCall(m, 'GPCamera', 'takePhoto', { mode: 'camera', needBase64: true });
      expect(typeof photo.env.localPath).toBe('string');
      expect(typeof photo.env.base64Data).toBe('string');
    });

    it('the shake event carries { x, y, z }', async () => {
      const got: any[] = [];
      const h = (e: Event) => got.push((e as CustomEvent).detail ?? (e as any).param);
      document.addEventListener('motion.shake', h);
      try {
        await withFakeTimers(async () => {
          const m = createMockBridge({ latency: 0, seed: 5 });
          const gp = createGoPay({ bridge: m });
          const fromWatcher: any[] = [];
          const stop = await gp.watchShake((r: unknown) => fromWatcher.push(r));
          await vi.advanceTimersByTimeAsync(10_000);
          await stop();
          expect(fromWatcher.length).toBeGreaterThan(0);
          for (const r of fromWatcher) expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
        }, 1_700_000_000_000);
      } finally {
        document.removeEventListener('motion.shake', h);
      }
      expect(got.length).toBeGreaterThan(0);
      for (const r of got) {
        const v = typeof r === 'string' ? JSON.parse(r) : r;
        expect(Object.keys(v).sort()).toEqual(['x', 'y', 'z']);
        for (const k of ['x', 'y', 'z']) expect(typeof v[k]).toBe('number');
      }
    });

    it('destroy() answers every call still waiting with a failure envelope: no promise is left hanging', async () => {
      const m = createMockBridge({ latency: 60_000 });
      expect(typeof m.destroy).toBe('function');
      const gp = createGoPay({ bridge: m, timeout: false });
      const viaClient = track(gp.getLocale());
      const viaPay = track(gp.launchPayment('gopay://merchanttransfer?tref=1'));
      const raw = rawCall(m, 'GPBase', 'getLocale');
      await flush();
      m.destroy();
      const r = await Promise.race([raw, new Promise<'hung'>((res) => setTimeout(() => res('hung'), 1_000))]);
      expect(r).not.toBe('hung');
      expect((r as any).via).toBe('failure');
      expect((r as any).env.success).toBe(false);
      for (let i = 0; i < 50 && (viaClient.status === 'pending' || viaPay.status === 'pending'); i++)
        await new Promise((res) => setTimeout(res, 10));
      expect(viaClient.status).toBe('rejected');
      expect(viaPay.status).toBe('rejected');
      expect(viaClient.error).toBeInstanceOf(GoPayBridgeError);
    });

    it('ui: true shows an in-page panel that says which payment status is which; the user’s click answers', async () => {
      const before = new Set(Array.from(document.body.children));
      const m = createMockBridge({ latency: 0, ui: true });
      try {
        const gp = createGoPay({ bridge: m });
        const s = track(gp.launchPayment('gopay://merchanttransfer?tref=UI1'));
        let choice: HTMLElement | undefined;
        for (let i = 0; i < 50 && !choice; i++) {
          await new Promise((r) => setTimeout(r, 10));
          choice = Array.from(document.querySelectorAll<HTMLElement>('button, [role="button"]')).find((b) =>
            /\bfailed\b/i.test(b.textContent ?? ''),
          );
        }
        const text = document.body.textContent ?? '';
        expect(text).toMatch(/\bfailed\b/i);
        expect(text).toMatch(/\bcancelled\b/i);
        expect(text).toMatch(/\bpending\b/i);
        expect(text).toMatch(/cancel/i);
        expect(text).toMatch(/back/i);
        expect(text).toMatch(/process/i);
        expect(choice).toBeDefined();
        choice!.click();
        for (let i = 0; i < 50 && s.status === 'pending'; i++) await new Promise((r) => setTimeout(r, 10));
        expect(s.status).toBe('fulfilled');
        expect(s.value).toEqual({ status: 'failed' });
      } finally {
        m.destroy?.();
        for (const el of Array.from(document.body.children)) if (!before.has(el)) el.remove();
      }
    });

    it('ui: false adds nothing to the page', async () => {
      const before = document.documentElement.outerHTML;
      const m = createMockBridge({ latency: 0, ui: false });
      const gp = createGoPay({ bridge: m });
      await gp.getLocale();
      await gp.launchPayment('gopay://merchanttransfer?tref=1');
      await gp.getConsent('location');
      expect(document.documentElement.outerHTML).toBe(before);
    });

    it('every documented option is accepted together', async () => {
      const m = createMockBridge({
        scenario: 'happy',
        latency: [0, 1],
        consent: { location: true },
        authorize: 'deny',
        paymentStatus: 'pending',
        seed: 1,
        ui: false,
      });
      const gp = createGoPay({ bridge: m });
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toEqual({ status: 'pending' });
      expect((await gp.getConsent('camera')).granted).toBe(false);
    });

    it('installMockBridge(options) applies the options to the mock it installs', async () => {
      const w = window as any;
      try {
        const m = mock.installMockBridge({ latency: 0, scenario: 'offline' });
        expect(w.gpContainer).toBe(m);
        const r = await rawCall(w.gpContainer, 'GPBase', 'getLocale');
        expect(r.via).toBe('failure');
        expect(r.env).toMatchObject({ success: false, error_code: '401' });
      } finally {
        delete w.gpContainer;
      }
    });

    it('it never switches itself on: importing and creating mocks leaves window.gpContainer alone', () => {
      createMockBridge();
      createMockBridge({ scenario: 'offline' });
      expect((window as any).gpContainer).toBeUndefined();
      expect((globalThis as any).gpContainer).toBeUndefined();
    });
  });
}
