import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockBridge, envelope, installMockBridge, type MockBridge, type MockBridgeOptions } from '../../src/mock/index';

type Envelope = Record<string, unknown>;
const calls: MockBridge[] = [];
const mock = (options?: MockBridgeOptions) => {
  const bridge = createMockBridge(options);
  calls.push(bridge);
  return bridge;
};
afterEach(() => {
  calls.splice(0).forEach((b) => b.destroy());
  vi.useRealTimers();
});

/** Calls the raw bridge and tells which callback answered with what. */
const raw = (bridge: MockBridge, method: string, params: Record<string, unknown> = {}) =>
  new Promise<['ok' | 'fail', Envelope]>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params,
      (r) => resolve(['ok', r as Envelope]),
      (r) => resolve(['fail', r as Envelope]),
    );
  });

const SUCCESS = { success: true, ret: 'GP_SUCCESS' };
const failure = (code: string) => ({
  success: false,
  ret: 'GP_EXCEPTION',
  error_type: 'JS_BRIDGE_ERROR',
  error_code: code,
  error_message: expect.any(String),
});

describe('answers every documented JSAPI with GoPay envelopes', () => {
  const all = { location: true, camera: true, system: true, bank_account: true };
  it.each<[string, Record<string, unknown>, unknown]>([
    ['GPMiniAppAuth.getAuthCode', {}, { ...SUCCESS, data: { authCode: expect.stringMatching(/^[A-Za-z0-9]{64}$/) } }],
    [
      'GPLocation.getLocation',
      {},
      { ...SUCCESS, data: { coords: { latitude: expect.any(Number), longitude: expect.any(Number), time: expect.any(Number) } } },
    ],
    [
      'GPSystem.getSystemInfo',
      {},
      {
        ...SUCCESS,
        data: expect.objectContaining({
          platform: expect.any(String),
          is_emulator: false,
          brand: expect.any(String),
          model: expect.any(String),
          product: expect.any(String),
          uuid: expect.any(String),
          idfa: '',
          idfv: '',
        }),
      },
    ],
    ['GPSystem.getRootedDeviceInfo', {}, { ...SUCCESS, data: { is_rooted: 'false' } }],
    ['GPSystem.getWifiInfo', {}, { ...SUCCESS, data: { wifi_bssid: expect.any(String), wifi_ssid: expect.any(String) } }],
    ['GP.authorize', { scope: 'location' }, { ...SUCCESS, data: { successScope: { location: true } } }],
    ['GPConsent.getUserConsent', { scope: 'camera' }, { ...SUCCESS, data: { successScope: { camera: true } } }],
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }, { ...SUCCESS, data: { status: 'success' } }],
    ['GP.getBankAccountToken', {}, { ...SUCCESS, data: { token: expect.any(String) } }],
    ['GPNavigator.launchDeeplink', { deeplink: 'gopay://home' }, SUCCESS],
    ['GPNavigator.launchUri', { uri: 'https://example.com' }, SUCCESS],
    [
      'GPCamera.takePhoto',
      { mode: 'camera', needBase64: true },
      { ...SUCCESS, callbackId: expect.any(Number), data: { localPath: expect.any(String), base64Data: expect.any(String) } },
    ],
    ['GPCamera.takePhoto', { mode: 'photo' }, { ...SUCCESS, callbackId: expect.any(Number), data: { localPath: expect.any(String) } }],
    ['GPMotion.startCompass', { interval: 'ui' }, { ...SUCCESS, msg: 'COMPASS_STARTED' }],
    ['GPMotion.stopCompass', {}, { ...SUCCESS, msg: 'COMPASS_STOPPED' }],
    ['GPMotion.startAccelerometer', {}, { ...SUCCESS, msg: 'ACCELEROMETER_STARTED' }],
    ['GPMotion.stopAccelerometer', {}, { ...SUCCESS, msg: 'ACCELEROMETER_STOPPED' }],
    ['GPMotion.listenGyro', { on: true }, { ...SUCCESS, msg: 'GYROSCOPE_STARTED' }],
    ['GPMotion.listenGyro', { on: false }, { ...SUCCESS, msg: 'GYROSCOPE_STOPPED' }],
    ['GPMotion.listeningShake', { on: true }, { ...SUCCESS, msg: 'SHAKE_STARTED' }],
    ['GPMotion.listeningShake', { on: false }, { ...SUCCESS, msg: 'SHAKE_STOPPED' }],
    ['GPMotion.vibrate', { duration: 100 }, SUCCESS],
    ['GPFile.save', { url: 'https://x.test/a.pdf' }, { ...SUCCESS, msg: 'SAVE_STARTED' }],
    ['GPShare.share', { text: 'hi' }, SUCCESS],
    ['GPBase.getLocale', {}, { ...SUCCESS, app_locale: 'en_ID' }],
    ['GPBase.copyToClipboard', { text: 'x' }, SUCCESS],
    ['GPAnalytics.trackEvent', { eventName: 'e', metaData: { page_name: 'p' } }, { ...SUCCESS, callbackId: expect.any(Number) }],
    ['GPUIToast.toast', { message: 'hi', duration: 10 }, SUCCESS],
    ['GPNavigationBar.update', { title: 't', hideBackButton: 'false' }, SUCCESS],
    ['GPNavigationBar.getHeight', {}, { ...SUCCESS, data: { height: expect.any(Number) } }],
  ])('%s %j', async (method, params, envelope) => {
    const bridge = mock({ consent: all });
    expect(await raw(bridge, method, params)).toEqual(['ok', envelope]);
    bridge.destroy();
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['GPNope.nothing', {}, failure('100')],
    ['GP.launchPayment', {}, failure('200')],
    ['GP.launchPayment', { deeplink: 'gopay://home' }, failure('202')],
    ['GP.launchPayment', { deeplink: 'https://evil.test' }, failure('202')],
    ['GPNavigator.launchDeeplink', {}, failure('200')],
    ['GPNavigator.launchDeeplink', { deeplink: 'https://example.com' }, failure('202')],
    ['GP.authorize', {}, failure('200')],
    ['GPMotion.vibrate', { duration: -1 }, failure('201')],
    ['GPMotion.startCompass', { interval: 'turbo' }, failure('201')],
    [
      'GPAnalytics.trackEvent',
      { eventName: 'e' },
      { callbackId: expect.any(Number), ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'metaData can not be empty' },
    ],
    [
      'GPAnalytics.trackEvent',
      { eventName: 'e', metaData: {} },
      { callbackId: expect.any(Number), ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'metaData can not be empty' },
    ],
    [
      'GPCamera.takePhoto',
      { mode: 'video' },
      { callbackId: expect.any(Number), ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: expect.any(String) },
    ],
    // Wrong types answer 201 (invalid parameter type), as GoPay does, instead of misbehaving.
    ['GPMotion.listenGyro', { on: true, frequency: -5 }, failure('201')],
    ['GPMotion.listenGyro', { on: true, frequency: 0 }, failure('201')],
    ['GPMotion.listenGyro', { on: true, frequency: '100' }, failure('201')],
    ['GPMotion.listenGyro', { on: true, frequency: null }, failure('201')],
    ['GPMotion.listeningShake', { on: true, frequency: -1 }, failure('201')],
    ['GPMotion.listeningShake', { on: true, frequency: Number.NaN }, failure('201')],
    ['GPMotion.listeningShake', { on: true, frequency: Infinity }, failure('201')],
    ['GPFile.save', { url: 'https://x.test/a.pdf', destination: 'DESKTOP' }, failure('201')],
    ['GPFile.save', { url: 'https://x.test/a.pdf', destination: 'downloads' }, failure('201')],
    ['GPFile.save', { url: 'https://x.test/a.pdf', name: 5 }, failure('201')],
    ['GPCamera.takePhoto', { mode: 'camera', needBase64: 'yes' }, failure('201')],
    ['GPCamera.takePhoto', { mode: 'photo', needBase64: 1 }, failure('201')],
    ['GPUIToast.toast', { message: 'hi', duration: '2s' }, failure('201')],
    ['GPUIToast.toast', { message: 'hi', duration: -1 }, failure('201')],
  ])('%s %j fails as GoPay does', async (method, params, envelope) => {
    expect(await raw(mock({ consent: { camera: true } }), method, params)).toEqual(['fail', envelope]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['GPMotion.listenGyro', { on: true, frequency: 5 }],
    ['GPMotion.listeningShake', { on: true, frequency: 1500, shakeThreshold: 2 }],
    ['GPFile.save', { url: 'https://x.test/a.pdf', name: 'a.pdf', destination: 'DOCUMENTS' }],
    ['GPFile.save', { url: 'https://x.test/a.jpg', destination: 'DCIM' }],
    ['GPCamera.takePhoto', { mode: 'photo', needBase64: false }],
    ['GPUIToast.toast', { message: 'hi', duration: 0 }],
  ])('%s %j is accepted', async (method, params) => {
    expect((await raw(mock({ consent: { camera: true } }), method, params))[0]).toBe('ok');
  });

  it('a rejected frequency starts no timer (no setInterval at ~1 ms)', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    for (const frequency of [-5, 0, '1'])
      bridge.call(
        'GPMotion',
        'listenGyro',
        { on: true, frequency },
        () => {},
        () => {},
      );
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.calls).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never answers synchronously inside call()', () => {
    const bridge = mock();
    const answered = vi.fn();
    bridge.call('GPBase', 'getLocale', {}, answered, answered);
    expect(answered).not.toHaveBeenCalled();
  });
});

describe('consent', () => {
  it.each([
    ['GPLocation.getLocation', 'location'],
    ['GPCamera.takePhoto', 'camera'],
    ['GPSystem.getSystemInfo', 'system'],
    ['GPSystem.getRootedDeviceInfo', 'system'],
    ['GPSystem.getWifiInfo', 'system'],
    ['GP.getBankAccountToken', 'bank_account'],
  ])('%s fails with 300 until %s is granted, and again once revoked', async (method, scope) => {
    const bridge = mock();
    const params = { mode: 'camera' };
    expect(await raw(bridge, method, params)).toEqual(['fail', failure('300')]);
    bridge.grant(scope);
    expect((await raw(bridge, method, params))[0]).toBe('ok');
    bridge.revoke(scope);
    expect(await raw(bridge, method, params)).toEqual(['fail', failure('300')]);
  });

  it('GP.authorize grants the scope when the user allows, not when they deny', async () => {
    const allow = mock();
    await raw(allow, 'GP.authorize', { scope: 'location' });
    expect((await raw(allow, 'GPLocation.getLocation'))[0]).toBe('ok');
    const deny = mock({ authorize: 'deny' });
    expect(await raw(deny, 'GP.authorize', { scope: 'location' })).toEqual([
      'ok',
      { ...SUCCESS, data: { successScope: { location: false } } },
    ]);
    expect((await raw(deny, 'GPLocation.getLocation'))[0]).toBe('fail');
  });

  it('pre-granted consents come from the options', async () => {
    expect((await raw(mock({ consent: { location: true } }), 'GPLocation.getLocation'))[0]).toBe('ok');
    expect((await raw(mock({ consent: { location: false } }), 'GPLocation.getLocation'))[0]).toBe('fail');
  });
});

describe('scenarios', () => {
  it('offline answers 401 everywhere', async () => {
    expect(await raw(mock({ scenario: 'offline' }), 'GPBase.getLocale')).toEqual(['fail', failure('401')]);
    expect(await raw(mock({ scenario: 'offline' }), 'GPMiniAppAuth.getAuthCode')).toEqual(['fail', failure('401')]);
  });
  it('not-registered answers 203 everywhere', async () => {
    expect(await raw(mock({ scenario: 'not-registered' }), 'GPMiniAppAuth.getAuthCode')).toEqual(['fail', failure('203')]);
  });
  it('permission-denied refuses consent and every consent-needing method', async () => {
    const bridge = mock({ scenario: 'permission-denied', consent: { location: true } });
    expect(await raw(bridge, 'GP.authorize', { scope: 'location' })).toEqual([
      'ok',
      { ...SUCCESS, data: { successScope: { location: false } } },
    ]);
    expect(await raw(bridge, 'GPLocation.getLocation')).toEqual(['fail', failure('300')]);
    expect((await raw(bridge, 'GPBase.getLocale'))[0]).toBe('ok');
  });
  it.each(['success', 'failed', 'pending', 'cancelled'] as const)('paymentStatus %s', async (paymentStatus) => {
    expect(await raw(mock({ paymentStatus }), 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?a=1' })).toEqual([
      'ok',
      { ...SUCCESS, data: { status: paymentStatus } },
    ]);
  });
  it('payment-cancelled answers cancelled', async () => {
    expect(
      (await raw(mock({ scenario: 'payment-cancelled' }), 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?a=1' }))[1].data,
    ).toEqual({ status: 'cancelled' });
  });
  it('slow answers after 1.5 to 3 s', async () => {
    vi.useFakeTimers();
    const answered = vi.fn();
    mock({ scenario: 'slow' }).call('GPBase', 'getLocale', {}, answered, answered);
    await vi.advanceTimersByTimeAsync(1499);
    expect(answered).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1501);
    expect(answered).toHaveBeenCalledTimes(1);
  });
});

describe('latency and seed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  it('a fixed latency delays each answer', async () => {
    const answered = vi.fn();
    mock({ latency: 300 }).call('GPBase', 'getLocale', {}, answered, answered);
    await vi.advanceTimersByTimeAsync(299);
    expect(answered).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toHaveBeenCalledTimes(1);
  });
  it('a latency range stays within its bounds', async () => {
    const bridge = mock({ latency: [100, 200], seed: 7 });
    const times: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 20; i++)
      bridge.call(
        'GPBase',
        'getLocale',
        {},
        () => times.push(Date.now() - start),
        () => {},
      );
    await vi.advanceTimersByTimeAsync(99);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(101);
    expect(times).toHaveLength(20);
    expect(new Set(times).size).toBeGreaterThan(1);
  });

  /** Two codes, a token, a location and five compass readings: every seeded draw the mock makes. */
  const sample = async (bridge: MockBridge) => {
    const answer = async (method: string, params?: Record<string, unknown>) => {
      const reply = raw(bridge, method, params);
      await vi.advanceTimersByTimeAsync(300);
      return (await reply)[1].data as Record<string, unknown>;
    };
    const codes = [(await answer('GPMiniAppAuth.getAuthCode')).authCode, (await answer('GPMiniAppAuth.getAuthCode')).authCode];
    const token = (await answer('GP.getBankAccountToken')).token;
    const { coords } = (await answer('GPLocation.getLocation')) as { coords: { latitude: number; longitude: number } };
    const readings: unknown[] = [];
    const listener = (e: Event) => readings.push((e as CustomEvent).detail.direction);
    document.addEventListener('GPMotion.Event.compass', listener);
    await answer('GPMotion.startCompass', { interval: 'game' });
    await vi.advanceTimersByTimeAsync(100);
    await answer('GPMotion.stopCompass');
    document.removeEventListener('GPMotion.Event.compass', listener);
    return { codes, token, coords: [coords.latitude, coords.longitude], readings: readings.slice(0, 5) };
  };

  it('reset() returns to the creation state: the same codes and readings as a fresh mock with the same seed', async () => {
    const options = { seed: 11, consent: { location: true, bank_account: true } };
    const fresh = await sample(mock(options));
    expect(fresh.readings).toHaveLength(5);
    const used = mock(options);
    await sample(used);
    used.reset();
    expect(await sample(used)).toEqual(fresh);
  });

  it('the same seed gives the same codes and readings with or without a latency range', async () => {
    const consent = { location: true, bank_account: true };
    const plain = await sample(mock({ seed: 21, consent }));
    expect(await sample(mock({ seed: 21, consent, latency: [10, 250] }))).toEqual(plain);
    expect(await sample(mock({ seed: 21, consent, latency: 120 }))).toEqual(plain);
    expect(await sample(mock({ seed: 22, consent, latency: [10, 250] }))).not.toEqual(plain);
  });

  it('a seeded latency range is itself reproducible', async () => {
    const delays = async () => {
      const bridge = mock({ latency: [10, 250], seed: 5 });
      const start = Date.now();
      const times: number[] = [];
      for (let i = 0; i < 5; i++)
        bridge.call(
          'GPBase',
          'getLocale',
          {},
          () => times.push(Date.now() - start),
          () => {},
        );
      await vi.advanceTimersByTimeAsync(300);
      return times;
    };
    const first = await delays();
    expect(first).toHaveLength(5);
    expect(await delays()).toEqual(first);
  });

  it('the same seed gives the same codes and readings; another seed differs', async () => {
    vi.useRealTimers();
    const run = async (seed: number) => {
      const bridge = mock({ seed, consent: { location: true } });
      const codes = [await raw(bridge, 'GPMiniAppAuth.getAuthCode'), await raw(bridge, 'GPMiniAppAuth.getAuthCode')].map(
        ([, e]) => (e.data as { authCode: string }).authCode,
      );
      const { coords } = (await raw(bridge, 'GPLocation.getLocation'))[1].data as { coords: { latitude: number } };
      return [...codes, coords.latitude];
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(await run(43)).not.toEqual(a);
    expect(a[0]).not.toBe(a[1]);
  });
});

describe('callbacks that throw', () => {
  it.each([
    ['onSuccess', 'GPBase.getLocale'],
    ['onFailure', 'GPNope.nothing'],
  ])('an %s that throws is rethrown on its own task, never an unhandled rejection', async (_, method) => {
    vi.useFakeTimers();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const [className, methodName] = method.split('.') as [string, string];
      const boom = () => {
        throw new Error('bug in the caller');
      };
      mock().call(className, methodName, {}, boom, boom);
      // The answer arrives on a microtask; the caller's error is then queued on a timer of its own.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(vi.getTimerCount()).toBe(1);
      expect(() => vi.runOnlyPendingTimers()).toThrow('bug in the caller');
      // Give Node a turn to report an unhandled rejection, had there been one.
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('controls', () => {
  it('set() answers with data or a function of the params; fail() with the failure envelope', async () => {
    const bridge = mock();
    bridge.set('GPBase.getLocale', { app_locale: 'id_ID' });
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, data: { app_locale: 'id_ID' } }]);
    bridge.set('X.echo', async (params) => ({ got: params.n }));
    expect(await raw(bridge, 'X.echo', { n: 3 })).toEqual(['ok', { ...SUCCESS, data: { got: 3 } }]);
    bridge.set('X.broken', () => {
      throw new Error('fixture bug');
    });
    expect(await raw(bridge, 'X.broken')).toEqual(['fail', { ...failure('500'), error_message: 'fixture bug' }]);
    bridge.fail('GPBase.getLocale', 401, 'no signal');
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['fail', { ...failure('401'), error_message: 'no signal' }]);
    bridge.fail('GPAnalytics.trackEvent', 'GP_PARAM_ERR', 'bad');
    expect(await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } })).toEqual([
      'fail',
      { callbackId: expect.any(Number), ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'bad' },
    ]);
  });

  it('set() with envelope() answers fields beside data; a plain object stays data', async () => {
    const bridge = mock();
    bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }));
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, app_locale: 'id_ID' }]);
    bridge.set('GPCamera.takePhoto', async (params) => envelope({ callbackId: 9, data: { localPath: `/tmp/${params.mode}.jpg` } }));
    expect(await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' })).toEqual([
      'ok',
      { ...SUCCESS, callbackId: 9, data: { localPath: '/tmp/photo.jpg' } },
    ]);
    // A failure that arrives through the success callback, as GoPay documents can happen.
    bridge.set('GPBase.copyToClipboard', envelope({ success: false, ret: 'GP_EXCEPTION', error_code: '500' }));
    expect(await raw(bridge, 'GPBase.copyToClipboard', { text: 'x' })).toEqual([
      'ok',
      { success: false, ret: 'GP_EXCEPTION', error_code: '500' },
    ]);
    // Only envelope() escapes `data`: an object that merely has an `envelope` field is data.
    bridge.set('X.y', { envelope: { app_locale: 'id_ID' } });
    expect(await raw(bridge, 'X.y')).toEqual(['ok', { ...SUCCESS, data: { envelope: { app_locale: 'id_ID' } } }]);
  });

  it('calls records every call in order; reset() restores the creation options', async () => {
    const bridge = mock({ consent: { location: true } });
    bridge.fail('GPBase.getLocale', 500);
    bridge.revoke('location');
    await raw(bridge, 'GPBase.getLocale', { a: 1 });
    await raw(bridge, 'GPLocation.getLocation');
    expect(bridge.calls).toEqual([
      { className: 'GPBase', methodName: 'getLocale', params: { a: 1 } },
      { className: 'GPLocation', methodName: 'getLocation', params: {} },
    ]);
    bridge.reset();
    expect(bridge.calls).toEqual([]);
    expect((await raw(bridge, 'GPBase.getLocale'))[0]).toBe('ok');
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
  });

  it('emit() dispatches a document event with detail', () => {
    const seen: unknown[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent).detail);
    document.addEventListener('GPMotion.Event.compass', listener);
    mock().emit('GPMotion.Event.compass', { direction: 12, timestamp: 1 });
    document.removeEventListener('GPMotion.Event.compass', listener);
    expect(seen).toEqual([{ direction: 12, timestamp: 1 }]);
  });

  it('installMockBridge puts it on window.gpContainer', () => {
    const bridge = installMockBridge();
    calls.push(bridge);
    expect((window as { gpContainer?: unknown }).gpContainer).toBe(bridge);
    delete (window as { gpContainer?: unknown }).gpContainer;
  });
});

describe('sensors and files', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  const listen = (name: string) => {
    const seen: Record<string, number>[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent).detail);
    document.addEventListener(name, listener);
    return { seen, off: () => document.removeEventListener(name, listener) };
  };

  it.each([
    ['GPMotion.startCompass', { interval: 'game' }, 'GPMotion.stopCompass', {}, 'GPMotion.Event.compass', 20],
    ['GPMotion.startAccelerometer', { interval: 'ui' }, 'GPMotion.stopAccelerometer', {}, 'GPMotion.Event.accelerometer', 60],
    ['GPMotion.startCompass', {}, 'GPMotion.stopCompass', {}, 'GPMotion.Event.compass', 200],
    ['GPMotion.listenGyro', { on: true, frequency: 50 }, 'GPMotion.listenGyro', { on: false }, 'motion.gyro', 50],
    ['GPMotion.listeningShake', { on: true }, 'GPMotion.listeningShake', { on: false }, 'motion.shake', 2000],
  ])('%s %j emits every %s ms until stopped', async (start, startParams, stop, stopParams, event, every) => {
    const bridge = mock();
    const { seen, off } = listen(event as string);
    bridge.call(
      ...(start.split('.') as [string, string]),
      startParams,
      () => {},
      () => {},
    );
    await vi.advanceTimersByTimeAsync((every as number) * 5);
    expect(seen).toHaveLength(5);
    bridge.call(
      ...(stop.split('.') as [string, string]),
      stopParams,
      () => {},
      () => {},
    );
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync((every as number) * 5);
    expect(seen).toHaveLength(5);
    off();
  });

  it('readings are plausible', async () => {
    const bridge = mock({ seed: 1 });
    const compass = listen('GPMotion.Event.compass');
    const accel = listen('GPMotion.Event.accelerometer');
    bridge.call(
      'GPMotion',
      'startCompass',
      { interval: 'game' },
      () => {},
      () => {},
    );
    bridge.call(
      'GPMotion',
      'startAccelerometer',
      { interval: 'game' },
      () => {},
      () => {},
    );
    await vi.advanceTimersByTimeAsync(2000);
    expect(compass.seen.length).toBeGreaterThan(50);
    for (const r of compass.seen) expect(r.direction! >= 0 && r.direction! < 360 && typeof r.timestamp == 'number').toBe(true);
    for (const r of accel.seen) expect(Math.abs(r.z! - 9.81) < 0.1 && Math.abs(r.x!) < 0.1).toBe(true);
    bridge.reset();
    expect(vi.getTimerCount()).toBe(0);
    compass.off();
    accel.off();
  });

  it('GPFile.save fires saveSuccess, or saveFailed for a URL it cannot fetch', async () => {
    const bridge = mock();
    const ok = listen('GPFile.Event.saveSuccess');
    const failed = listen('GPFile.Event.saveFailed');
    bridge.call(
      'GPFile',
      'save',
      { url: 'https://x.test/a.pdf' },
      () => {},
      () => {},
    );
    bridge.call(
      'GPFile',
      'save',
      { url: 'ftp://x.test/a.pdf' },
      () => {},
      () => {},
    );
    await vi.advanceTimersByTimeAsync(1);
    expect(ok.seen).toEqual([{ msg: 'SAVE_SUCCESS' }]);
    expect(failed.seen).toEqual([{ msg: 'SAVE_FAILED' }]);
    ok.off();
    failed.off();
  });
});
