// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
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

  it('ui: true is ignored in Node (no document to show a panel in): the mock still answers', async () => {
    const bridge = createMockBridge({ ui: true });
    const answer = await new Promise((resolve) => bridge.call('GPNavigationBar', 'update', { title: 'Home' }, resolve, resolve));
    expect(answer).toEqual({ success: true, ret: 'GP_SUCCESS' });
    bridge.destroy();
  });

  it('the script-tag build can be required in Node (SSR): it installs nothing and exports the factories', async () => {
    const umd = await import('../../src/mock/umd');
    expect(typeof umd.createMockBridge).toBe('function');
    expect(typeof umd.envelope).toBe('function');
    expect((globalThis as { gpContainer?: unknown }).gpContainer).toBeUndefined();
  });

  it('installMockBridge says how to use it in Node', () => {
    expect(() => installMockBridge()).toThrow(/createGoPay\(\{ bridge \}\)/);
  });
});
