// gp.on(event, listener): ready, call and settle; unsubscribe(); listeners that throw; any event name.
import { describe, expect, it, vi } from 'vitest';
import { loose, type AcceptanceApi } from '../api';
import { failEnv, fakeBridge } from '../../fake-bridge';
import { captureUncaught, CODE_RE, countUnhandled, flush, rejectionOf } from '../../helpers';

export function registerEvents({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('events: on(), ready, call, settle', () => {
    it('on() returns unsubscribe(), which removes exactly this subscription (the same listener subscribed twice)', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const l = vi.fn();
      const off1 = gp.on('call', l);
      expect(typeof off1).toBe('function');
      gp.on('call', l);
      await gp.getLocale();
      const afterTwo = l.mock.calls.length;
      off1();
      off1();
      await gp.getLocale();
      expect(afterTwo).toBe(2);
      expect(l.mock.calls.length).toBe(3);
    });

    it('ready is emitted once the bridge is usable', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const l = vi.fn();
      gp.on('ready', l);
      await gp.ready();
      await flush();
      expect(l).toHaveBeenCalled();
    });

    it('call and settle are emitted for each bridge call, for successes and failures', async () => {
      const { bridge } = fakeBridge({ answer: (r) => (r.methodName === 'getWifiInfo' ? { fail: failEnv('300') } : undefined) });
      const gp = createGoPay({ bridge });
      const call = vi.fn();
      const settle = vi.fn();
      gp.on('call', call);
      gp.on('settle', settle);
      await gp.getLocale();
      await rejectionOf(gp.getWifiInfo());
      expect(call).toHaveBeenCalledTimes(2);
      expect(settle).toHaveBeenCalledTimes(2);
    });

    it('a listener that throws breaks neither the call nor the other listeners', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const other = vi.fn();
      gp.on('call', () => {
        throw new Error('listener bug');
      });
      gp.on('settle', () => {
        throw new Error('listener bug');
      });
      gp.on('call', other);
      let unhandled: string[] = [];
      let result: unknown;
      // The SDK may report the listener's exception asynchronously (as EventTarget does): allowed, and recorded
      // here so that only other errors count.
      const uncaught = await captureUncaught(async () => {
        unhandled = await countUnhandled(async () => {
          result = await gp.getLocale();
        });
      });
      expect(result).toBe('id_ID');
      expect(other).toHaveBeenCalledTimes(1);
      expect(unhandled).toEqual([]);
      for (const e of uncaught) expect(String((e as Error)?.message)).toBe('listener bug');
    });

    it("on('constructor' | '__proto__' | 'toString' | 'hasOwnProperty') behaves like any other name", async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
      const fns = names.map(() => vi.fn());
      const offs = names.map((n, i) => loose(gp).on(n, fns[i]));
      for (const off of offs) expect(typeof off).toBe('function');
      const call = vi.fn();
      gp.on('call', call);
      await expect(gp.getLocale()).resolves.toBe('id_ID');
      await expect(gp.getAuthCode()).resolves.toMatchObject({ code: expect.stringMatching(CODE_RE) });
      expect(call).toHaveBeenCalledTimes(2);
      for (const f of fns) expect(f).not.toHaveBeenCalled();
      for (const off of offs) expect(() => off()).not.toThrow();
      expect({}.constructor).toBe(Object);
      await expect(gp.getLocale()).resolves.toBe('id_ID');
    });
  });
}
