// The call pipeline (src/mock/bridge.ts): answered once, never synchronously, after the latency; scenarios; the
// controls (set, fail, calls, reset, emit, destroy); installMockBridge.
import { describe, expect, it, vi } from 'vitest';
import { createGoPay, isGoPayError } from '../../src/core/index';
import { envelope, installMockBridge } from '../../src/mock/index';
import { failure, fire, paramError, raw, SUCCESS, tick, useMocks } from './helpers';

const mock = useMocks();
const DESTROYED = failure('500', 'The mock bridge was destroyed before it answered');

describe('answering', () => {
  it('never answers synchronously inside call()', () => {
    const answered = vi.fn();
    mock().call('GPBase', 'getLocale', {}, answered, answered);
    expect(answered).not.toHaveBeenCalled();
  });

  it('records params that are not an object as {}', async () => {
    const bridge = mock();
    await raw(bridge, 'GPNavigator.launchUri', null);
    await raw(bridge, 'GPNavigator.launchUri', 'https://example.com');
    expect(bridge.calls.map((call) => call.params)).toEqual([{}, {}]);
  });

  it('reads own params only: a param inherited from Object.prototype is missing', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.deeplink = 'gopay://merchanttransfer?tref=1';
    proto.uri = 'https://example.com';
    try {
      expect(await raw(mock(), 'GP.launchPayment', {})).toEqual(['fail', failure('200', 'deeplink is required')]);
      expect(await raw(mock(), 'GPNavigator.launchUri', {})).toEqual(['fail', failure('200', 'uri is required')]);
    } finally {
      delete proto.deeplink;
      delete proto.uri;
    }
  });

  it('a set() fixture receives the params as the caller sent them', async () => {
    const bridge = mock();
    const params = { n: 3 };
    let seen: unknown;
    bridge.set('X.echo', (received) => {
      seen = received;
      return { got: received.n };
    });
    expect(await raw(bridge, 'X.echo', params)).toEqual(['ok', { ...SUCCESS, data: { got: 3 } }]);
    expect(seen).toBe(params);
  });

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
      await tick();
      // The answer arrived on a microtask; the caller's error is queued on a timer of its own.
      expect(vi.getTimerCount()).toBe(1);
      expect(() => vi.runOnlyPendingTimers()).toThrow('bug in the caller');
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('scenarios', () => {
  it('offline answers 401 everywhere, not-registered 203', async () => {
    for (const method of ['GPBase.getLocale', 'GPMiniAppAuth.getAuthCode', 'GP.launchPayment']) {
      expect(await raw(mock({ scenario: 'offline' }), method)).toEqual(['fail', failure('401', 'Network error')]);
      expect(await raw(mock({ scenario: 'not-registered' }), method)).toEqual(['fail', failure('203', 'Mini app is not registered')]);
    }
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

  it('slow with a latency uses the latency', async () => {
    vi.useFakeTimers();
    const answered = vi.fn();
    mock({ scenario: 'slow', latency: 10 }).call('GPBase', 'getLocale', {}, answered, answered);
    await vi.advanceTimersByTimeAsync(10);
    expect(answered).toHaveBeenCalledTimes(1);
  });
});

describe('latency', () => {
  it('a fixed latency delays each answer', async () => {
    vi.useFakeTimers();
    const answered = vi.fn();
    mock({ latency: 300 }).call('GPBase', 'getLocale', {}, answered, answered);
    await vi.advanceTimersByTimeAsync(299);
    expect(answered).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toHaveBeenCalledTimes(1);
  });

  /** When each of `count` calls was answered, in fake ms from now. */
  const answerTimes = async (options: Parameters<typeof mock>[0], count: number, wait: number) => {
    const bridge = mock(options);
    const start = Date.now();
    const times: number[] = [];
    for (let i = 0; i < count; i++)
      bridge.call(
        'GPBase',
        'getLocale',
        {},
        () => times.push(Date.now() - start),
        () => {},
      );
    await vi.advanceTimersByTimeAsync(wait);
    return times;
  };

  it('a latency range stays within its bounds and varies', async () => {
    vi.useFakeTimers();
    const times = await answerTimes({ latency: [100, 200], seed: 7 }, 20, 99);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(101);
    expect(times).toHaveLength(20);
    expect(new Set(times).size).toBeGreaterThan(1);
  });

  it('a seeded latency range is reproducible; without a seed it is not', async () => {
    vi.useFakeTimers();
    const seeded = await answerTimes({ latency: [10, 250], seed: 5 }, 5, 300);
    expect(seeded).toHaveLength(5);
    expect(await answerTimes({ latency: [10, 250], seed: 5 }, 5, 300)).toEqual(seeded);
    expect(await answerTimes({ latency: [0, 1000] }, 10, 1000)).not.toEqual(await answerTimes({ latency: [0, 1000] }, 10, 1000));
  });
});

describe('controls', () => {
  it('set() answers with data or a function of the params; a throwing fixture answers 500', async () => {
    const bridge = mock();
    bridge.set('GPBase.getLocale', { app_locale: 'id_ID' });
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, data: { app_locale: 'id_ID' } }]);
    bridge.set('X.echo', async (params) => ({ got: params.n }));
    expect(await raw(bridge, 'X.echo', { n: 3 })).toEqual(['ok', { ...SUCCESS, data: { got: 3 } }]);
    bridge.set('X.broken', () => {
      throw new Error('fixture bug');
    });
    expect(await raw(bridge, 'X.broken')).toEqual(['fail', failure('500', 'fixture bug')]);
    bridge.set('X.nothing', () => Promise.reject(undefined));
    expect(await raw(bridge, 'X.nothing')).toEqual(['fail', failure('500', 'undefined')]);
  });

  it('set() overrides the scenario and the consent rules', async () => {
    const bridge = mock({ scenario: 'offline' });
    bridge.set('GPLocation.getLocation', { coords: { latitude: 1, longitude: 2, time: 3 } });
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
  });

  it('set() with envelope() answers fields beside data; a plain object stays data', async () => {
    const bridge = mock();
    bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }));
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, app_locale: 'id_ID' }]);
    // A failure that arrives through the success callback, as GoPay documents can happen.
    bridge.set('GPBase.copyToClipboard', envelope({ success: false, ret: 'GP_EXCEPTION', error_code: '500' }));
    expect(await raw(bridge, 'GPBase.copyToClipboard', { text: 'x' })).toEqual([
      'ok',
      { success: false, ret: 'GP_EXCEPTION', error_code: '500' },
    ]);
    bridge.set('X.y', { envelope: { app_locale: 'id_ID' } });
    expect(await raw(bridge, 'X.y')).toEqual(['ok', { ...SUCCESS, data: { envelope: { app_locale: 'id_ID' } } }]);
  });

  it("fail() answers the failure envelope; 'GP_PARAM_ERR' the camelCase form", async () => {
    const bridge = mock();
    bridge.fail('GPBase.getLocale', 401, 'no signal');
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['fail', failure('401', 'no signal')]);
    bridge.fail('GPAnalytics.trackEvent', 'GP_PARAM_ERR', 'bad');
    expect(await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } })).toEqual(['fail', paramError('bad')]);
    bridge.fail('GPAnalytics.trackEvent', 'GP_PARAM_ERR');
    expect(await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } })).toEqual([
      'fail',
      paramError('Invalid parameters'),
    ]);
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

  it('emit() dispatches a CustomEvent on document, as GoPay’s bridge does, and not on the mock', () => {
    const bridge = mock();
    const onBridge = vi.fn();
    bridge.addEventListener('GPMotion.Event.compass', onBridge);
    const seen: unknown[] = [];
    const listener = (event: Event) => seen.push([event instanceof CustomEvent, (event as CustomEvent).detail]);
    document.addEventListener('GPMotion.Event.compass', listener);
    try {
      bridge.emit('GPMotion.Event.compass', { direction: 12, timestamp: 1 });
    } finally {
      document.removeEventListener('GPMotion.Event.compass', listener);
    }
    expect(seen).toEqual([[true, { direction: 12, timestamp: 1 }]]);
    expect(onBridge).not.toHaveBeenCalled();
  });

  it('installMockBridge puts it on window.gpContainer', () => {
    const bridge = installMockBridge();
    try {
      expect((window as { gpContainer?: unknown }).gpContainer).toBe(bridge);
    } finally {
      bridge.destroy();
      delete (window as { gpContainer?: unknown }).gpContainer;
    }
  });
});

describe('destroy()', () => {
  it('answers a call still waiting for its latency at once, with a failure envelope, and clears its timer', async () => {
    vi.useFakeTimers();
    const bridge = mock({ latency: 5000 });
    const answer = raw(bridge, 'GPBase.getLocale');
    expect(vi.getTimerCount()).toBe(1);
    bridge.destroy();
    expect(await answer).toEqual(['fail', DESTROYED]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers a call whose answer is still being made, once: the late answer is dropped', async () => {
    const bridge = mock();
    let release!: (value: unknown) => void;
    bridge.set('X.slow', () => new Promise((resolve) => (release = resolve as (value: unknown) => void)));
    const onSuccess = vi.fn();
    const onFailure = vi.fn();
    bridge.call('X', 'slow', {}, onSuccess, onFailure);
    await tick();
    bridge.destroy();
    expect(onFailure).toHaveBeenCalledWith(DESTROYED);
    release({ late: true });
    await tick();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('answers a consent and a payment sheet left open', async () => {
    const bridge = mock({ ui: true });
    const consent = raw(bridge, 'GP.authorize', { scope: 'location' });
    const payment = raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' });
    await tick();
    expect(document.querySelectorAll('.gpmock-sheet')).toHaveLength(2);
    bridge.destroy();
    expect(await consent).toEqual(['fail', DESTROYED]);
    expect(await payment).toEqual(['fail', DESTROYED]);
    expect(document.querySelector('.gpmock-shade')).toBeNull();
  });

  it('leaves no promise of the core hanging: a payment in progress rejects with a GoPayError', async () => {
    const bridge = mock({ ui: true });
    const gp = createGoPay({ bridge });
    const paying = gp.launchPayment('gopay://merchanttransfer?tref=9').catch((error: unknown) => error);
    await tick();
    bridge.destroy();
    const error = await paying;
    expect(isGoPayError(error, 'SUPERAPP')).toBe(true);
    expect((error as Error).message).toContain('destroyed');
  });

  it('answers later calls with the same failure, on a microtask, and shows no panel again', async () => {
    const bridge = mock({ ui: true });
    bridge.destroy();
    const answered = vi.fn();
    bridge.call('GP', 'authorize', { scope: 'camera' }, answered, answered);
    expect(answered).not.toHaveBeenCalled();
    await tick();
    expect(answered).toHaveBeenCalledWith(DESTROYED);
    expect(document.querySelector('.gpmock-bar')).toBeNull();
    expect(document.querySelector('.gpmock-sheet')).toBeNull();
  });

  it('stops pending file events and sensors; calling it twice is harmless', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    fire(bridge, 'GPMotion.startCompass');
    fire(bridge, 'GPMotion.listenGyro', { on: true });
    fire(bridge, 'GPFile.save', { url: 'https://x.test/a.pdf' });
    await tick();
    expect(vi.getTimerCount()).toBe(3);
    bridge.destroy();
    bridge.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });
});
