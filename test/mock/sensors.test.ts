// GPMotion: each sensor dispatches readings as document events at its interval until stopped; the readings are
// plausible and shaped as GoPay documents them ({ direction, timestamp }, { x, y, z }).
import { describe, expect, it, vi } from 'vitest';
import { fire, listen, raw, tick, useMocks } from './helpers';

const mock = useMocks();

describe('start and stop', () => {
  it.each([
    ['GPMotion.startCompass', { interval: 'game' }, 'GPMotion.stopCompass', {}, 'GPMotion.Event.compass', 20],
    ['GPMotion.startAccelerometer', { interval: 'ui' }, 'GPMotion.stopAccelerometer', {}, 'GPMotion.Event.accelerometer', 60],
    ['GPMotion.startCompass', {}, 'GPMotion.stopCompass', {}, 'GPMotion.Event.compass', 200],
    ['GPMotion.listenGyro', { on: true, frequency: 50 }, 'GPMotion.listenGyro', { on: false }, 'motion.gyro', 50],
    ['GPMotion.listenGyro', { on: true }, 'GPMotion.listenGyro', { on: false }, 'motion.gyro', 200],
    ['GPMotion.listeningShake', { on: true }, 'GPMotion.listeningShake', { on: false }, 'motion.shake', 2000],
  ] as const)('%s %j emits every %s ms until stopped', async (start, startParams, stop, stopParams, event, every) => {
    vi.useFakeTimers();
    const bridge = mock();
    const seen = listen(event);
    fire(bridge, start, startParams);
    await vi.advanceTimersByTimeAsync(every * 5);
    expect(seen).toHaveLength(5);
    fire(bridge, stop, stopParams);
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(every * 5);
    expect(seen).toHaveLength(5);
  });

  it('starting a sensor again restarts it at the new interval instead of adding a second one', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    const seen = listen('GPMotion.Event.compass');
    fire(bridge, 'GPMotion.startCompass', { interval: 'normal' });
    fire(bridge, 'GPMotion.startCompass', { interval: 'ui' });
    await vi.advanceTimersByTimeAsync(600);
    expect(vi.getTimerCount()).toBe(1);
    expect(seen).toHaveLength(10);
  });

  it('a rejected param starts no timer', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    for (const frequency of [-5, 0, '1']) fire(bridge, 'GPMotion.listenGyro', { on: true, frequency });
    fire(bridge, 'GPMotion.listeningShake', { on: true, shakeNum: 0 });
    fire(bridge, 'GPMotion.startCompass', { interval: 'turbo' });
    await tick();
    expect(bridge.calls).toHaveLength(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reset() and destroy() stop every sensor', async () => {
    vi.useFakeTimers();
    const bridge = mock();
    fire(bridge, 'GPMotion.startCompass');
    fire(bridge, 'GPMotion.startAccelerometer');
    await tick();
    expect(vi.getTimerCount()).toBe(2);
    bridge.reset();
    expect(vi.getTimerCount()).toBe(0);
    fire(bridge, 'GPMotion.listenGyro', { on: true });
    await tick();
    expect(vi.getTimerCount()).toBe(1);
    bridge.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('readings', () => {
  it('the compass gives a direction in [0, 360) and a timestamp, drifting by a varying step both ways', async () => {
    vi.useFakeTimers();
    const compass = listen('GPMotion.Event.compass');
    fire(mock({ seed: 5 }), 'GPMotion.startCompass', { interval: 'game' });
    await vi.advanceTimersByTimeAsync(20 * 30);
    for (const r of compass) {
      expect(Object.keys(r).sort()).toEqual(['direction', 'timestamp']);
      expect(r.direction! >= 0 && r.direction! < 360).toBe(true);
      expect(r.timestamp).toBe(Date.now() - 20 * (compass.length - 1 - compass.indexOf(r)));
    }
    const steps = compass.slice(1).map((r, i) => Number((((r.direction! - compass[i]!.direction! + 540) % 360) - 180).toFixed(1)));
    for (const step of steps) expect(Math.abs(step) <= 4.1).toBe(true);
    expect(new Set(steps).size).toBeGreaterThan(5);
    expect(steps.some((s) => s < 0) && steps.some((s) => s > 0)).toBe(true);
  });

  it('the accelerometer is a phone lying still: { x, y, z } with noise both ways around 0 and 9.81', async () => {
    vi.useFakeTimers();
    const accel = listen('GPMotion.Event.accelerometer');
    fire(mock({ seed: 9 }), 'GPMotion.startAccelerometer', { interval: 'game' });
    await vi.advanceTimersByTimeAsync(20 * 50);
    for (const r of accel) {
      expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
      expect(Math.abs(r.x!) <= 0.05 && Math.abs(r.y!) <= 0.05 && Math.abs(r.z! - 9.81) <= 0.05).toBe(true);
    }
    expect(accel.some((r) => r.x! < 0) && accel.some((r) => r.x! > 0)).toBe(true);
    expect(accel.some((r) => r.z! < 9.81) && accel.some((r) => r.z! > 9.81)).toBe(true);
  });

  it('the gyroscope gives { x, y, z } of small noise', async () => {
    vi.useFakeTimers();
    const gyro = listen('motion.gyro');
    fire(mock(), 'GPMotion.listenGyro', { on: true, frequency: 100 });
    await vi.advanceTimersByTimeAsync(300);
    expect(gyro).toHaveLength(3);
    for (const r of gyro) {
      expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
      for (const v of Object.values(r)) expect(Math.abs(v) <= 0.05).toBe(true);
    }
  });

  it('a shake is { x, y, z }: a jolt of 12 to 20 m/s² either way on x and y, gravity on z', async () => {
    vi.useFakeTimers();
    const shake = listen('motion.shake');
    fire(mock({ seed: 4 }), 'GPMotion.listeningShake', { on: true, frequency: 10 });
    await vi.advanceTimersByTimeAsync(10 * 40);
    expect(shake).toHaveLength(40);
    for (const r of shake) {
      expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
      for (const v of [r.x!, r.y!]) expect(Math.abs(v) >= 12 && Math.abs(v) < 20).toBe(true);
      expect(Math.abs(r.z! - 9.81) <= 0.05).toBe(true);
    }
    expect(shake.some((r) => r.x! < 0) && shake.some((r) => r.x! > 0)).toBe(true);
  });
});

describe('GPMotion.vibrate', () => {
  it('answers at once, without touching navigator unless browserApis is on', async () => {
    const vibrate = vi.fn(() => true);
    const fake = Object.create(navigator);
    Object.defineProperty(fake, 'vibrate', { value: vibrate });
    vi.stubGlobal('navigator', fake);
    expect((await raw(mock(), 'GPMotion.vibrate', { duration: 50 }))[0]).toBe('ok');
    expect(vibrate).not.toHaveBeenCalled();
    expect((await raw(mock({ browserApis: true }), 'GPMotion.vibrate', { duration: 50 }))[0]).toBe('ok');
    expect(vibrate).toHaveBeenCalledWith(50);
  });
});
