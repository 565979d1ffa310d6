// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/index';
import { createMockBridge, installMockBridge } from '../../src/mock/index';

describe('the mock in Node, without a DOM', () => {
  it('answers calls and dispatches events on itself', async () => {
    const bridge = createMockBridge({ seed: 1 });
    const gp = createGoPay({ bridge });
    await expect(gp.getAuthCode()).resolves.toMatchObject({ code: expect.stringMatching(/^[A-Za-z0-9]{64}$/) });
    await expect(gp.saveFile({ url: 'https://x.test/a.pdf' })).resolves.toEqual({ msg: 'SAVE_SUCCESS' });
    vi.useFakeTimers();
    const readings: unknown[] = [];
    const stop = await gp.watchAccelerometer((r) => readings.push(r), { interval: 'game' });
    await vi.advanceTimersByTimeAsync(100);
    expect(readings).toHaveLength(5);
    await stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it('installMockBridge says how to use it in Node', () => {
    expect(() => installMockBridge()).toThrow(/createGoPay\(\{ bridge \}\)/);
  });
});
