// The mock's answers in detail: the messages a developer reads in an error, the validation of every param, the
// shape of the fixtures, callbackIds, pinned seeded sequences and sensor payloads.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createMockBridge, type MockBridge, type MockBridgeOptions } from '../../src/mock/index';
import { createRandom } from '../../src/mock/random';

type Envelope = Record<string, unknown>;
const made: MockBridge[] = [];
const mock = (options?: MockBridgeOptions) => {
  const bridge = createMockBridge(options);
  made.push(bridge);
  return bridge;
};
afterEach(() => {
  made.splice(0).forEach((b) => b.destroy());
  vi.useRealTimers();
});

const raw = (bridge: MockBridge, method: string, params: unknown = {}) =>
  new Promise<['ok' | 'fail', Envelope]>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params as Record<string, unknown>,
      (r) => resolve(['ok', r as Envelope]),
      (r) => resolve(['fail', r as Envelope]),
    );
  });

const failure = (code: string, message: string) => [
  'fail',
  { success: false, ret: 'GP_EXCEPTION', error_type: 'JS_BRIDGE_ERROR', error_code: code, error_message: message },
];
const SUCCESS = { success: true, ret: 'GP_SUCCESS' };

describe('every rejected param answers the failure envelope with a message that says what is wrong', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['GPNope.nothing', {}, '100', 'GPNope.nothing is not a GoPay method'],
    ['GP.authorize', {}, '200', 'scope is required'],
    ['GPConsent.getUserConsent', { scope: '' }, '200', 'scope is required'],
    ['GPLocation.getLocation', { enable_high_accuracy: 'yes' }, '201', 'Invalid parameter type'],
    ['GP.launchPayment', {}, '200', 'deeplink is required'],
    ['GP.launchPayment', { deeplink: 'gopay://home' }, '202', 'Not a GoPay payment deeplink'],
    // The deeplink must start with gopay://merchanttransfer, not merely contain it.
    ['GP.launchPayment', { deeplink: 'https://evil.test/?next=gopay://merchanttransfer?tref=1' }, '202', 'Not a GoPay payment deeplink'],
    ['GPNavigator.launchDeeplink', {}, '200', 'deeplink is required'],
    ['GPNavigator.launchDeeplink', { deeplink: 'https://example.com' }, '202', 'Not a GoPay deeplink'],
    ['GPNavigator.launchDeeplink', { deeplink: 'https://evil.test/?next=gopay://home' }, '202', 'Not a GoPay deeplink'],
    ['GPNavigator.launchUri', {}, '200', 'uri is required'],
    ['GPCamera.takePhoto', { mode: 'camera', needBase64: 'yes' }, '201', 'needBase64 must be a boolean'],
    ['GPMotion.startCompass', { interval: 'turbo' }, '201', 'interval must be game, ui or normal'],
    ['GPMotion.startAccelerometer', { interval: 'fast' }, '201', 'interval must be game, ui or normal'],
    ['GPMotion.listenGyro', {}, '201', 'on must be a boolean'],
    ['GPMotion.listeningShake', { on: 'true' }, '201', 'on must be a boolean'],
    ['GPMotion.listenGyro', { on: true, frequency: 0 }, '201', 'frequency must be a positive number of ms'],
    ['GPMotion.vibrate', {}, '201', 'duration must be a number of ms'],
    ['GPMotion.vibrate', { duration: '100' }, '201', 'duration must be a number of ms'],
    ['GPFile.save', {}, '200', 'url is required'],
    ['GPFile.save', { url: 'https://x.test/a.pdf', name: 5 }, '201', 'name must be a string'],
    [
      'GPFile.save',
      { url: 'https://x.test/a.pdf', destination: 'DESKTOP' },
      '201',
      'destination must be one of DOWNLOADS, DOCUMENTS, PICTURES, DCIM',
    ],
    ['GPShare.share', {}, '200', 'text is required'],
    ['GPShare.share', { text: '' }, '200', 'text is required'],
    ['GPBase.copyToClipboard', {}, '201', 'text must be a string'],
    ['GPBase.copyToClipboard', { text: 5 }, '201', 'text must be a string'],
    ['GPUIToast.toast', {}, '200', 'message is required'],
    ['GPUIToast.toast', { message: 'hi', duration: '2s' }, '201', 'duration must be a number of ms'],
    ['GPNavigationBar.update', { hideBackButton: false }, '201', 'hideBackButton must be a string'],
  ])('%s %j → %s %s', async (method, params, code, message) => {
    expect(await raw(mock({ consent: { location: true, camera: true } }), method, params)).toEqual(failure(code, message));
  });

  it.each<[string, Record<string, unknown>]>([
    ['GPAnalytics.trackEvent', { metaData: { page_name: 'p' } }],
    ['GPAnalytics.trackEvent', { eventName: '', metaData: { page_name: 'p' } }],
  ])('%s %j → GP_PARAM_ERR "eventName can not be empty"', async (method, params) => {
    expect(await raw(mock(), method, params)).toEqual([
      'fail',
      { callbackId: 1, ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'eventName can not be empty' },
    ]);
  });

  it.each(['page', 42, true, null])('trackEvent with a metaData that is not an object (%j) → GP_PARAM_ERR', async (metaData) => {
    expect(await raw(mock(), 'GPAnalytics.trackEvent', { eventName: 'e', metaData })).toEqual([
      'fail',
      { callbackId: 1, ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'metaData can not be empty' },
    ]);
  });

  it('takePhoto with an unknown mode → GP_PARAM_ERR "mode must be camera or photo"', async () => {
    expect(await raw(mock({ consent: { camera: true } }), 'GPCamera.takePhoto', { mode: 'video' })).toEqual([
      'fail',
      { callbackId: 1, ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'mode must be camera or photo' },
    ]);
  });

  it.each([true, false])('getLocation accepts enable_high_accuracy: %s', async (enable_high_accuracy) => {
    expect((await raw(mock({ consent: { location: true } }), 'GPLocation.getLocation', { enable_high_accuracy }))[0]).toBe('ok');
  });

  it.each(['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'])('GPFile.save accepts destination %s', async (destination) => {
    expect(await raw(mock(), 'GPFile.save', { url: 'https://x.test/a.pdf', destination })).toEqual([
      'ok',
      { ...SUCCESS, msg: 'SAVE_STARTED' },
    ]);
  });

  it('GPNavigationBar.update without hideBackButton is accepted', async () => {
    expect(await raw(mock(), 'GPNavigationBar.update', { title: 'Home' })).toEqual(['ok', SUCCESS]);
    expect(await raw(mock(), 'GPNavigationBar.update', {})).toEqual(['ok', SUCCESS]);
  });

  it('params that are not an object are recorded and read as {}', async () => {
    const bridge = mock();
    expect(await raw(bridge, 'GPNavigator.launchUri', null)).toEqual(failure('200', 'uri is required'));
    expect(await raw(bridge, 'GPNavigator.launchUri', 'https://example.com')).toEqual(failure('200', 'uri is required'));
    expect(bridge.calls.map((c) => c.params)).toEqual([{}, {}]);
  });
});

describe('the failure envelope of each GoPay code (fail() without a message)', () => {
  it.each([
    [100, 'Method not supported on this platform'],
    [105, 'User not found'],
    [200, 'Incomplete parameters'],
    [201, 'Invalid parameter type'],
    [202, 'Parameter data not supported'],
    [203, 'Mini app is not registered'],
    [300, 'Permission denied'],
    [303, 'Malformed authorization'],
    [400, 'Not supported by the device'],
    [401, 'Network error'],
    [500, 'Super app internal error'],
    [900, 'Unable to process'],
    [999, 'Error'],
  ])('%s → %s', async (code, message) => {
    const bridge = mock();
    bridge.fail('GPBase.getLocale', code);
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(failure(String(code), message));
    bridge.fail('GPBase.getLocale', String(code));
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(failure(String(code), message));
  });

  it('the scenarios use those messages: offline 401, not-registered 203, a missing consent 300', async () => {
    expect(await raw(mock({ scenario: 'offline' }), 'GPBase.getLocale')).toEqual(failure('401', 'Network error'));
    expect(await raw(mock({ scenario: 'not-registered' }), 'GPBase.getLocale')).toEqual(failure('203', 'Mini app is not registered'));
    expect(await raw(mock(), 'GPLocation.getLocation')).toEqual(failure('300', 'Permission denied'));
  });

  it("fail(method, 'GP_PARAM_ERR') without a message answers the camelCase form with 'Invalid parameters'", async () => {
    const bridge = mock();
    bridge.fail('GPAnalytics.trackEvent', 'GP_PARAM_ERR');
    expect(await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } })).toEqual([
      'fail',
      { callbackId: 1, ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'Invalid parameters' },
    ]);
  });

  it('a success without data has no data field at all', async () => {
    for (const [method, params] of [
      ['GPNavigator.launchUri', { uri: 'https://example.com' }],
      ['GPShare.share', { text: 'hi' }],
    ] as const) {
      const [, answer] = await raw(mock(), method, params);
      expect(Object.keys(answer)).toEqual(['success', 'ret']);
    }
  });

  it('a set() fixture that rejects with no Error at all still answers 500', async () => {
    const bridge = mock();
    bridge.set('X.nothing', () => Promise.reject(undefined));
    expect(await raw(bridge, 'X.nothing')).toEqual(failure('500', 'undefined'));
    bridge.set('X.null', () => Promise.reject(null));
    expect(await raw(bridge, 'X.null')).toEqual(failure('500', 'null'));
  });

  it('an envelope() made by another copy of the mock (the UMD or CJS build) is recognised', async () => {
    const bridge = mock();
    const foreign = Object.defineProperty({ envelope: { app_locale: 'id_ID' } }, Symbol.for('gopay-miniapp-kit/mock.envelope'), {
      value: true,
    });
    bridge.set('GPBase.getLocale', foreign);
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, app_locale: 'id_ID' }]);
  });
});

describe('fixtures', () => {
  const all = { location: true, camera: true, system: true, bank_account: true };

  it('getSystemInfo describes an Android phone with a 32-hex uuid; getWifiInfo a MAC and a name', async () => {
    const bridge = mock({ consent: all });
    const info = (await raw(bridge, 'GPSystem.getSystemInfo'))[1].data as Record<string, unknown>;
    expect(info).toEqual({
      platform: 'android',
      is_emulator: false,
      brand: 'GoPayMock',
      model: 'Mock Phone',
      product: 'mock',
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      idfa: '',
      idfv: '',
    });
    expect((await raw(bridge, 'GPSystem.getWifiInfo'))[1].data).toEqual({ wifi_bssid: '02:00:00:00:00:00', wifi_ssid: 'GoPay Mock Wi-Fi' });
  });

  it('getBankAccountToken answers a token marked as a mock', async () => {
    const token = ((await raw(mock({ consent: all }), 'GP.getBankAccountToken'))[1].data as { token: string }).token;
    expect(token).toMatch(/^mock-[A-Za-z0-9]{24}$/);
  });

  it('takePhoto answers a local path and, with needBase64, a real JPEG', async () => {
    const [, answer] = await raw(mock({ consent: all }), 'GPCamera.takePhoto', { mode: 'camera', needBase64: true });
    const data = answer.data as { localPath: string; base64Data: string };
    expect(data.localPath).toBe(`/storage/emulated/0/GoPayMock/IMG_${answer.callbackId}.jpg`);
    const bytes = Uint8Array.from(atob(data.base64Data), (c) => c.charCodeAt(0));
    // JPEG: starts with SOI (FF D8) and ends with EOI (FF D9).
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
  });

  it('callbackIds count up from 1 across takePhoto, trackEvent and GP_PARAM_ERR failures; reset() restarts them', async () => {
    const bridge = mock({ consent: all });
    const ids = async () => [
      (await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' }))[1].callbackId,
      (await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } }))[1].callbackId,
      (await raw(bridge, 'GPCamera.takePhoto', { mode: 'video' }))[1].callbackId,
      (await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e' }))[1].callbackId,
    ];
    expect(await ids()).toEqual([1, 2, 3, 4]);
    bridge.fail('GPCamera.takePhoto', 'GP_PARAM_ERR', 'bad');
    expect((await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' }))[1].callbackId).toBe(5);
    bridge.reset();
    expect(await ids()).toEqual([1, 2, 3, 4]);
  });
});

describe('sensors and timings', () => {
  const listen = (name: string) => {
    const seen: Record<string, number>[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent).detail);
    document.addEventListener(name, listener);
    onTestFinished(() => document.removeEventListener(name, listener));
    return seen;
  };
  const on = (bridge: MockBridge, method: string, params: Record<string, unknown>) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params,
      () => {},
      () => {},
    );
  };

  it('the gyroscope emits { x, y, z } of small noise; the shake event carries a timestamp', async () => {
    vi.useFakeTimers();
    const gyro = listen('motion.gyro');
    const shake = listen('motion.shake');
    const bridge = mock();
    on(bridge, 'GPMotion.listenGyro', { on: true, frequency: 100 });
    on(bridge, 'GPMotion.listeningShake', { on: true, frequency: 100 });
    await vi.advanceTimersByTimeAsync(300);
    expect(gyro).toHaveLength(3);
    for (const r of gyro) {
      expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
      for (const v of Object.values(r)) expect(Math.abs(v) <= 0.05).toBe(true);
    }
    expect(shake).toEqual([{ timestamp: Date.now() - 200 }, { timestamp: Date.now() - 100 }, { timestamp: Date.now() }]);
  });

  it('the compass drifts by a varying amount, never a constant step', async () => {
    vi.useFakeTimers();
    const compass = listen('GPMotion.Event.compass');
    on(mock({ seed: 5 }), 'GPMotion.startCompass', { interval: 'game' });
    await vi.advanceTimersByTimeAsync(20 * 30);
    const steps = compass.slice(1).map((r, i) => +(((r.direction! - compass[i]!.direction! + 540) % 360) - 180).toFixed(1));
    for (const step of steps) expect(Math.abs(step) <= 4.1).toBe(true);
    expect(new Set(steps).size).toBeGreaterThan(5);
    expect(steps.some((s) => s < 0) && steps.some((s) => s > 0)).toBe(true);
  });

  it('accelerometer noise goes both ways around 0 and 9.81', async () => {
    vi.useFakeTimers();
    const accel = listen('GPMotion.Event.accelerometer');
    on(mock({ seed: 9 }), 'GPMotion.startAccelerometer', { interval: 'game' });
    await vi.advanceTimersByTimeAsync(20 * 50);
    expect(accel.some((r) => r.x! < 0) && accel.some((r) => r.x! > 0)).toBe(true);
    expect(accel.some((r) => r.z! < 9.81) && accel.some((r) => r.z! > 9.81)).toBe(true);
  });

  it('destroy() stops every sensor', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    on(bridge, 'GPMotion.startCompass', {});
    on(bridge, 'GPMotion.listenGyro', { on: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(2);
    bridge.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a toast without a duration is shown for 2 s', async () => {
    vi.useFakeTimers();
    const bridge = mock({ ui: true });
    on(bridge, 'GPUIToast.toast', { message: 'Saved' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(document.querySelector('.gpmock-toast')?.textContent).toBe('Saved');
    await vi.advanceTimersByTimeAsync(1);
    expect(document.querySelector('.gpmock-toast')).toBeNull();
  });
});

describe('seeded reproducibility', () => {
  it('createRandom is mulberry32: the published first values for seeds 0, 1 and 42', () => {
    const first = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.next(), random.next()];
    };
    expect(first(0)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(first(1)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(first(42)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('without a seed, two mocks answer different codes', async () => {
    const a = await raw(mock(), 'GPMiniAppAuth.getAuthCode');
    const b = await raw(mock(), 'GPMiniAppAuth.getAuthCode');
    expect(a[1].data).not.toEqual(b[1].data);
  });

  it('without a seed, two mocks draw different delays from a latency range', async () => {
    vi.useFakeTimers();
    const delays = async () => {
      const bridge = mock({ latency: [0, 1000] });
      const start = Date.now();
      const times: number[] = [];
      for (let i = 0; i < 10; i++)
        bridge.call(
          'GPBase',
          'getLocale',
          {},
          () => times.push(Date.now() - start),
          () => {},
        );
      await vi.advanceTimersByTimeAsync(1000);
      return times;
    };
    expect(await delays()).not.toEqual(await delays());
  });

  it('seed 42 replays the same codes, coordinates and readings from one release to the next', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const bridge = mock({ seed: 42, consent: { location: true, system: true, bank_account: true } });
    const answer = async (method: string, params: Record<string, unknown> = {}) => {
      const reply = raw(bridge, method, params);
      await vi.advanceTimersByTimeAsync(0);
      return (await reply)[1].data as Record<string, unknown>;
    };
    expect((await answer('GPMiniAppAuth.getAuthCode')).authCode).toBe('b0pKgQm1dP2uTMfqlAdzDkBQDLwgBK0eyTbCDikPoMSt1fMRSEoqq5F6a6IGAWdl');
    expect((await answer('GPLocation.getLocation')).coords).toEqual({ latitude: -6.200809, longitude: 106.837152, time: 0 });
    expect((await answer('GPSystem.getSystemInfo')).uuid).toBe('be4b28d1f9e69595b47dbfe6841b5ce1');
    expect((await answer('GP.getBankAccountToken')).token).toBe('mock-dyI8LrrNZKoUMm2UxYI1WAtn');
    const events: Record<string, unknown[]> = {};
    const listeners = ['GPMotion.Event.compass', 'GPMotion.Event.accelerometer', 'motion.gyro'].map((name) => {
      events[name] = [];
      const listener = (e: Event) => events[name]!.push((e as CustomEvent).detail);
      document.addEventListener(name, listener);
      return () => document.removeEventListener(name, listener);
    });
    await answer('GPMotion.startCompass', { interval: 'normal' });
    await answer('GPMotion.startAccelerometer', { interval: 'normal' });
    await answer('GPMotion.listenGyro', { on: true });
    await vi.advanceTimersByTimeAsync(600);
    listeners.forEach((off) => off());
    expect(events).toEqual({
      'GPMotion.Event.compass': [
        { direction: 219.4, timestamp: 200 },
        { direction: 221, timestamp: 400 },
        { direction: 225, timestamp: 600 },
      ],
      'GPMotion.Event.accelerometer': [
        { x: 0.041, y: -0.029, z: 9.82 },
        { x: 0.021, y: -0.021, z: 9.788 },
        { x: 0.007, y: 0.049, z: 9.776 },
      ],
      'motion.gyro': [
        { x: -0.001, y: -0.032, z: -0.045 },
        { x: -0.016, y: -0.047, z: -0.028 },
        { x: -0.033, y: 0.006, z: -0.021 },
      ],
    });
  });
});
