// @vitest-environment node
// Bridge events without a document (src/mock/events.ts): the mock carries them itself, on eventemitter3, behind
// addEventListener/removeEventListener with EventTarget's rules. In a browser they go to `document` (bridge.test.ts,
// sensors.test.ts and the acceptance contract check that).
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { createMockBridge, type MockBridgeEvent } from '../../src/mock/index';

describe('bridge events in Node', () => {
  it('emit() reaches listeners on the mock as { type, detail }', () => {
    const bridge = createMockBridge();
    const seen: MockBridgeEvent[] = [];
    bridge.addEventListener('GPFile.Event.saveSuccess', (event) => seen.push(event));
    bridge.emit('GPFile.Event.saveSuccess', { msg: 'SAVED' });
    bridge.emit('GPFile.Event.saveFailed', { msg: 'NOT FOR THIS LISTENER' });
    expect(seen).toEqual([{ type: 'GPFile.Event.saveSuccess', detail: { msg: 'SAVED' } }]);
  });

  it('the same listener added twice is called once; removing it removes that registration only', () => {
    const bridge = createMockBridge();
    const listener = vi.fn();
    const other = vi.fn();
    bridge.addEventListener('motion.gyro', listener);
    bridge.addEventListener('motion.gyro', listener);
    bridge.addEventListener('motion.gyro', other);
    bridge.addEventListener('motion.shake', listener);
    bridge.emit('motion.gyro', 1);
    expect(listener).toHaveBeenCalledTimes(1);
    bridge.removeEventListener('motion.gyro', listener);
    bridge.removeEventListener('motion.gyro', listener);
    bridge.emit('motion.gyro', 2);
    bridge.emit('motion.shake', 3);
    expect(listener.mock.calls.map(([event]) => event.detail)).toEqual([1, 3]);
    expect(other).toHaveBeenCalledTimes(2);
  });

  it('accepts an object with handleEvent, as EventTarget does', () => {
    const bridge = createMockBridge();
    const handler = { handleEvent: vi.fn() };
    bridge.addEventListener('motion.gyro', handler);
    bridge.emit('motion.gyro', { x: 1, y: 2, z: 3 });
    bridge.removeEventListener('motion.gyro', handler);
    bridge.emit('motion.gyro', {});
    expect(handler.handleEvent).toHaveBeenCalledExactlyOnceWith({ type: 'motion.gyro', detail: { x: 1, y: 2, z: 3 } });
  });

  it('a listener that throws is reported on its own task and stops neither the others nor emit()', () => {
    vi.useFakeTimers();
    try {
      const bridge = createMockBridge();
      const after = vi.fn();
      bridge.addEventListener('motion.gyro', () => {
        throw new Error('listener bug');
      });
      bridge.addEventListener('motion.gyro', after);
      expect(() => bridge.emit('motion.gyro', 1)).not.toThrow();
      expect(after).toHaveBeenCalledTimes(1);
      expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
    } finally {
      vi.useRealTimers();
    }
  });

  it('the core’s watchers and saveFile hear the mock’s own events', async () => {
    const bridge = createMockBridge({ seed: 1 });
    const gp = createGoPay({ bridge });
    await expect(gp.saveFile({ url: 'https://x.test/a.pdf' })).resolves.toEqual({ msg: 'SAVE_SUCCESS' });
    vi.useFakeTimers();
    try {
      const readings: unknown[] = [];
      const stop = await gp.watchShake((reading) => readings.push(reading), { frequency: 100 });
      await vi.advanceTimersByTimeAsync(300);
      expect(readings).toHaveLength(3);
      expect(Object.keys(readings[0] as object).sort()).toEqual(['x', 'y', 'z']);
      await stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
      bridge.destroy();
    }
  });
});
