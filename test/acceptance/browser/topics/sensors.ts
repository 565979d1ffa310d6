// Sensors: watchCompass / watchAccelerometer / watchGyro / watchShake start their GPMotion sensor, deliver the
// readings the bridge dispatches on document, and resolve to stop(); watchers share one sensor start.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, withFakeTimers, type AcceptanceApi, type GoPay } from '../api';
import { failEnv, fakeBridge, okEnv } from '../../fake-bridge';
import { flush, rejectionOf, track } from '../../helpers';

type WatchMethod = 'watchCompass' | 'watchAccelerometer' | 'watchGyro' | 'watchShake';
interface Watcher {
  method: WatchMethod;
  event: string;
  start: [string, Record<string, unknown> | undefined];
  stop: [string, Record<string, unknown> | undefined];
  reading: Record<string, unknown>;
}
const watchers: Watcher[] = [
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
/** Starts watcher w on gp (the four methods differ only in their reading's type). */
const watch = (gp: GoPay, w: Watcher, listener: (reading: unknown) => void) => gp[w.method](listener);

export function registerSensors({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const { asGoPayError, expectBridgeError } = errorChecks(core);
  const dispatch = (event: string, detail: unknown) => document.dispatchEvent(new CustomEvent(event, { detail }));

  describe('sensors: watchers (start/stop pairs) and their readings', () => {
    it.each(watchers.map((w) => [w.method, w] as const))(
      '%s resolves to an async stop() once started, and stop() stops the sensor',
      async (_n, w) => {
        const { bridge, calls } = fakeBridge();
        const stop = await watch(createGoPay({ bridge }), w, vi.fn());
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

    it.each(watchers.map((w) => [w.method, w] as const))(
      '%s delivers readings dispatched as document CustomEvents, until stopped',
      async (_n, w) => {
        const { bridge } = fakeBridge();
        const listener = vi.fn();
        const stop = await watch(createGoPay({ bridge }), w, listener);
        dispatch(w.event, w.reading);
        await flush();
        expect(listener).toHaveBeenCalledTimes(1);
        expect(listener.mock.calls[0][0]).toMatchObject(w.reading);
        await stop();
        dispatch(w.event, w.reading);
        await flush();
        expect(listener).toHaveBeenCalledTimes(1);
      },
    );

    it('a reading carried on event.param (older samples) is delivered too', async () => {
      const { bridge } = fakeBridge();
      const listener = vi.fn();
      const stop = await createGoPay({ bridge }).watchCompass(listener);
      document.dispatchEvent(Object.assign(new Event('GPMotion.Event.compass'), { param: { direction: 7, timestamp: 3 } }));
      await flush();
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0][0]).toMatchObject({ direction: 7 });
      await stop();
    });

    it('a reading in JSON text is parsed', async () => {
      const { bridge } = fakeBridge();
      const listener = vi.fn();
      const stop = await createGoPay({ bridge }).watchCompass(listener);
      dispatch('GPMotion.Event.compass', JSON.stringify({ direction: 90, timestamp: 4 }));
      await flush();
      expect(listener).toHaveBeenCalledWith(expect.objectContaining({ direction: 90, timestamp: 4 }));
      await stop();
    });

    it("on() also delivers the bridge's motion events while a watcher runs", async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const viaOn = vi.fn();
      const off = gp.on('GPMotion.Event.compass', viaOn);
      const stop = await gp.watchCompass(() => {});
      dispatch('GPMotion.Event.compass', { direction: 42, timestamp: 2 });
      await flush();
      expect(viaOn).toHaveBeenCalledWith(expect.objectContaining({ direction: 42 }));
      off();
      await stop();
    });
  });

  describe('sensors: a shared start never borrows another watcher’s signal or timeout', () => {
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
      expect(asGoPayError(w1.error).code).toBe('ABORTED');
      expect(w2.status).toBe('pending');
      for (const c of calls.filter((x) => x.methodName === 'startCompass')) c.onSuccess(okEnv({ msg: 'COMPASS_STARTED' }));
      await flush();
      expect(w2.status).toBe('fulfilled');
      expect(calls.filter((x) => x.methodName === 'stopCompass')).toHaveLength(0);
      dispatch('GPMotion.Event.compass', { direction: 12, timestamp: 1 });
      await flush();
      expect(l2).toHaveBeenCalledTimes(1);
      expect(l1).not.toHaveBeenCalled();
      const stopping = w2.value?.();
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
        expect(asGoPayError(w1.error).code).toBe('TIMEOUT');
        expect(w2.status).toBe('pending');
        for (const c of calls.filter((x) => x.methodName === 'startAccelerometer')) c.onSuccess(okEnv({ msg: 'ACCELEROMETER_STARTED' }));
        await flush();
        expect(w2.status).toBe('fulfilled');
        dispatch('GPMotion.Event.accelerometer', { x: 1, y: 2, z: 3 });
        await flush();
        expect(l2).toHaveBeenCalledWith(expect.objectContaining({ x: 1, y: 2, z: 3 }));
      });
    });
  });
}
