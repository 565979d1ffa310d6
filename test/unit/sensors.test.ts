// watch*: watchers of one sensor share its start, which never borrows one watcher's timeout or signal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/index';
import { fakeBridge, okTop, type Answer } from './fake-bridge';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Answers every GPMotion call after `ms`. */
const later =
  (ms: number): Answer =>
  (s) =>
    setTimeout(() => s({ success: true, ret: 'GP_SUCCESS', msg: 'OK' }), ms);

describe('a shared sensor start', () => {
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
