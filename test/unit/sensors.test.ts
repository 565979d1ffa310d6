// watch*: watchers of one sensor share its start, which never borrows one watcher's timeout or signal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { failWith, fakeBridge, okTop, type Answer } from './fake-bridge';

afterEach(() => {
  vi.useRealTimers();
});

/** Answers every GPMotion call after `ms`. */
const later =
  (ms: number): Answer =>
  (s) =>
    setTimeout(() => s({ success: true, ret: 'GP_SUCCESS', msg: 'OK' }), ms);

describe('a shared sensor start', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  it("is not aborted by the first watcher's signal while a second watcher waits for it", async () => {
    const bridge = fakeBridge({}, later(100));
    const gp = createGoPay({ bridge });
    const controller = new AbortController();
    const first = gp.watchCompass(() => {}, { signal: controller.signal }).catch((e) => e);
    const readings: unknown[] = [];
    const second = gp.watchCompass((r) => readings.push(r));
    controller.abort();
    expect(await first).toMatchObject({ code: 'ABORTED', methodName: 'startCompass' });
    await vi.advanceTimersByTimeAsync(100);
    const stop = await second;
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass']);
    document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 5 } }));
    expect(readings).toEqual([{ direction: 5 }]);
    const stopping = stop();
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass', 'stopCompass']);
  });

  it("is not timed out by the first watcher's short timeout while a second watcher waits for it", async () => {
    const bridge = fakeBridge({}, later(100));
    const gp = createGoPay({ bridge });
    const first = gp.watchGyro(() => {}, { timeout: 10 }).catch((e) => e);
    const second = gp.watchGyro(() => {});
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toMatchObject({ code: 'TIMEOUT', timeout: 10 });
    await vi.advanceTimersByTimeAsync(90);
    await expect(second).resolves.toBeTypeOf('function');
    // The shared start was sent with the client's timeout, not the first watcher's.
    expect(bridge.calls[0]!.timeout).toBe(10_000);
  });

  it('is stopped once it started when every watcher gave up waiting for it', async () => {
    const bridge = fakeBridge({}, later(100));
    const gp = createGoPay({ bridge });
    const controller = new AbortController();
    const only = gp.watchAccelerometer(() => {}, { signal: controller.signal }).catch((e) => e);
    controller.abort();
    expect(await only).toMatchObject({ code: 'ABORTED' });
    await vi.advanceTimersByTimeAsync(100);
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startAccelerometer', 'stopAccelerometer']);
    // A later watcher starts the sensor afresh.
    const next = gp.watchAccelerometer(() => {});
    await vi.advanceTimersByTimeAsync(200);
    await expect(next).resolves.toBeTypeOf('function');
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startAccelerometer', 'stopAccelerometer', 'startAccelerometer']);
  });

  it('a start that fails rejects every watcher waiting for it; the next watcher starts again', async () => {
    let fail = true;
    const bridge = fakeBridge({}, (s, f) => (fail ? f({ success: false, error_code: '400' }) : s({ success: true, msg: 'OK' })));
    const gp = createGoPay({ bridge });
    const results = await Promise.all([gp.watchShake(() => {}).catch((e) => e), gp.watchShake(() => {}).catch((e) => e)]);
    expect(results).toMatchObject([{ code: 'UNSUPPORTED' }, { code: 'UNSUPPORTED' }]);
    fail = false;
    await expect(gp.watchShake(() => {})).resolves.toBeTypeOf('function');
    expect(bridge.calls.map((c) => c.params)).toEqual([{ on: true }, { on: true }]);
  });
});

describe('sensor events', () => {
  it('a reading that arrives as JSON text is parsed', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, okTop({ msg: 'OK' })) });
    const readings: unknown[] = [];
    await gp.watchGyro((r) => readings.push(r));
    document.dispatchEvent(new CustomEvent('motion.gyro', { detail: '{"x":1,"y":2,"z":3}' }));
    document.dispatchEvent(Object.assign(new Event('motion.gyro'), { param: '{"x":4,"y":5,"z":6}' }));
    expect(readings).toEqual([
      { x: 1, y: 2, z: 3 },
      { x: 4, y: 5, z: 6 },
    ]);
  });
});

describe('watch*', () => {
  const sensors: [string, string, Record<string, unknown>, string, Record<string, unknown>, string, unknown][] = [
    ['watchCompass', 'startCompass', { interval: 'ui' }, 'stopCompass', {}, 'GPMotion.Event.compass', { direction: 90, timestamp: 1 }],
    [
      'watchAccelerometer',
      'startAccelerometer',
      { interval: 'game' },
      'stopAccelerometer',
      {},
      'GPMotion.Event.accelerometer',
      { x: 1, y: 2, z: 3 },
    ],
    ['watchGyro', 'listenGyro', { on: true, frequency: 50 }, 'listenGyro', { on: false }, 'motion.gyro', { x: 0, y: 1, z: 0 }],
    ['watchShake', 'listeningShake', { on: true, shakeNum: 2 }, 'listeningShake', { on: false }, 'motion.shake', { count: 1 }],
  ];

  it.each(sensors)(
    '%s starts with %s, delivers readings, and stops with %s',
    async (method, start, startParams, stop, stopParams, event, reading) => {
      const bridge = fakeBridge({}, okTop({ msg: 'STARTED' }));
      const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<() => Promise<void>>>;
      const seen: unknown[] = [];
      const opts = { ...startParams };
      delete opts.on;
      const stopWatching = await gp[method]!((r: unknown) => seen.push(r), opts);
      expect(bridge.calls[0]).toMatchObject({ className: 'GPMotion', methodName: start, params: startParams });
      document.dispatchEvent(new CustomEvent(event, { detail: reading }));
      const legacy = Object.assign(new Event(event), { param: reading });
      document.dispatchEvent(legacy);
      expect(seen).toEqual([reading, reading]);
      await stopWatching();
      expect(bridge.calls[1]).toMatchObject({ className: 'GPMotion', methodName: stop, params: stopParams });
      document.dispatchEvent(new CustomEvent(event, { detail: reading }));
      expect(seen).toHaveLength(2);
      await stopWatching();
      expect(bridge.calls).toHaveLength(2);
    },
  );

  it('two watchers share one sensor, which stops after the last one', async () => {
    const bridge = fakeBridge({}, okTop({ msg: 'OK' }));
    const gp = createGoPay({ bridge });
    const a: unknown[] = [];
    const b: unknown[] = [];
    const [stopA, stopB] = await Promise.all([gp.watchCompass((r) => a.push(r)), gp.watchCompass((r) => b.push(r))]);
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass']);
    document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 1 } }));
    await stopA();
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass']);
    document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 2 } }));
    await stopB();
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass', 'stopCompass']);
    expect(a).toEqual([{ direction: 1 }]);
    expect(b).toEqual([{ direction: 1 }, { direction: 2 }]);
  });

  it('a failed start rejects and leaves no document listener', async () => {
    const spyAdd = vi.spyOn(document, 'addEventListener');
    const spyRemove = vi.spyOn(document, 'removeEventListener');
    const gp = createGoPay({ bridge: fakeBridge({}, failWith('400', 'no sensor')) });
    await expect(gp.watchAccelerometer(() => {})).rejects.toMatchObject({ code: 'UNSUPPORTED', bridgeCode: '400' });
    expect(spyAdd).toHaveBeenCalledTimes(1);
    expect(spyRemove).toHaveBeenCalledWith(spyAdd.mock.calls[0]![0], spyAdd.mock.calls[0]![1]);
  });
});

describe('watchers', () => {
  it('calling stop() twice does not stop the sensor another watcher still uses', async () => {
    const bridge = fakeBridge({}, okTop({ msg: 'OK' }));
    const gp = createGoPay({ bridge });
    const seen: unknown[] = [];
    const stopA = await gp.watchCompass(() => {});
    const stopB = await gp.watchCompass((r) => seen.push(r));
    await stopA();
    await stopA();
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass']);
    document.dispatchEvent(new CustomEvent('GPMotion.Event.compass', { detail: { direction: 3 } }));
    await stopB();
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startCompass', 'stopCompass']);
    expect(seen).toEqual([{ direction: 3 }]);
  });

  it('after a stop() called twice, the next watcher still stops the sensor', async () => {
    const bridge = fakeBridge({}, okTop({ msg: 'OK' }));
    const gp = createGoPay({ bridge });
    const stop = await gp.watchGyro(() => {});
    await stop();
    await stop();
    await (
      await gp.watchGyro(() => {})
    )();
    expect(bridge.calls.map((c) => c.params)).toEqual([{ on: true }, { on: false }, { on: true }, { on: false }]);
  });

  it('after a failed start, the next watcher starts and stops the sensor', async () => {
    const bridge = fakeBridge({ 'GPMotion.startAccelerometer': failWith('400', 'no sensor') }, okTop({ msg: 'OK' }));
    const gp = createGoPay({ bridge });
    await expect(gp.watchAccelerometer(() => {})).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    bridge.answers['GPMotion.startAccelerometer'] = okTop({ msg: 'ACCELEROMETER_STARTED' });
    const stop = await gp.watchAccelerometer(() => {});
    await stop();
    expect(bridge.calls.map((c) => c.methodName)).toEqual(['startAccelerometer', 'startAccelerometer', 'stopAccelerometer']);
  });
});
