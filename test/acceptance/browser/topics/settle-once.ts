// Every promise settles exactly once: late, repeated or contradictory callbacks, and a bridge.call that throws.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, withFakeTimers, type AcceptanceApi, type GoPayOptions } from '../api';
import { failEnv, fakeBridge, okEnv } from '../../fake-bridge';
import { flush, rejectionOf, track } from '../../helpers';

export function registerSettleOnce({ core }: AcceptanceApi): void {
  const { createGoPay, GoPayTimeoutError } = core;
  const { expectGoPayError, asGoPayError } = errorChecks(core);

  describe('every promise settles exactly once', () => {
    const setup = (options: GoPayOptions = {}) => {
      const fake = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge: fake.bridge, ...options });
      const settles: unknown[] = [];
      gp.on('settle', (x) => settles.push(x));
      return { ...fake, gp, settles };
    };

    it('a late callback after a timeout is ignored', async () => {
      await withFakeTimers(async () => {
        const { gp, calls, settles } = setup({ timeout: 1_000 });
        const s = track(gp.getSystemInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(1_000);
        expect(s.status).toBe('rejected');
        expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT');
        expect(() => calls[0].onSuccess(okEnv({ data: { late: true } }))).not.toThrow();
        expect(() => calls[0].onFailure(failEnv('500'))).not.toThrow();
        await flush();
        expect(s.status).toBe('rejected');
        expect(settles).toHaveLength(1);
      });
    });

    it('success then failure callback: resolves once', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onSuccess(okEnv({ data: { first: true } }));
      expect(() => calls[0].onFailure(failEnv('500'))).not.toThrow();
      await flush();
      expect(s.status).toBe('fulfilled');
      expect(s.value).toEqual({ first: true });
      expect(settles).toHaveLength(1);
    });

    it('failure then success callback: rejects once', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onFailure(failEnv('300'));
      expect(() => calls[0].onSuccess(okEnv({ data: {} }))).not.toThrow();
      await flush();
      expect(s.status).toBe('rejected');
      expect(asGoPayError(s.error).code).toBe('PERMISSION_DENIED');
      expect(settles).toHaveLength(1);
    });

    it('a second success callback is ignored', async () => {
      const { gp, calls, settles } = setup();
      const s = track(gp.call('GPCustom', 'x'));
      await flush();
      calls[0].onSuccess(okEnv({ data: { n: 1 } }));
      expect(() => calls[0].onSuccess(okEnv({ data: { n: 2 } }))).not.toThrow();
      await flush();
      expect(s.value).toEqual({ n: 1 });
      expect(settles).toHaveLength(1);
    });

    it('a synchronous throw from bridge.call rejects with a GoPayError', async () => {
      const bridge = {
        call() {
          throw new Error('native exploded');
        },
      };
      const gp = createGoPay({ bridge });
      const settles: unknown[] = [];
      gp.on('settle', (x) => settles.push(x));
      const p = gp.getLocale();
      expect(typeof p.then).toBe('function');
      asGoPayError(await rejectionOf(p));
      await flush();
      expect(settles).toHaveLength(1);
    });

    it('a synchronous throw after a synchronous success answer still resolves once', async () => {
      const bridge = {
        call(_c: string, _m: string, _p: unknown, ok: (r: unknown) => void) {
          ok(okEnv({ data: { v: 1 } }));
          throw new Error('late native error');
        },
      };
      await expect(createGoPay({ bridge }).call('GPCustom', 'x')).resolves.toEqual({ v: 1 });
    });
  });
}
