// The auth-code guard: getAuthCode shares one bridge call between concurrent callers; withAuthCode hands fn a fresh,
// unexpired code nobody else gets, whatever the bridge's timing, and retries once when fn says the code expired.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, withFakeTimers, type AcceptanceApi } from '../api';
import { authCodeFor, failEnv, fakeBridge, okEnv } from '../../fake-bridge';
import { CODE_RE, flush, rejectionOf, track } from '../../helpers';

export function registerAuthCode({ core }: AcceptanceApi): void {
  const { createGoPay, GoPayAuthCodeExpiredError, GoPayAbortError, GoPayTimeoutError } = core;
  const { asGoPayError, expectGoPayError, expectBridgeError } = errorChecks(core);

  /** A fake whose first getAuthCode answers authCodeFor(100), then moves the clock on by `jump` ms before fn can run. */
  const jumpAfterFirstCode = (jump: number) => {
    let first = true;
    return fakeBridge({
      answer: (rec) => {
        if (rec.methodName !== 'getAuthCode' || !first) return undefined;
        first = false;
        Promise.resolve().then(() => {
          rec.onSuccess(okEnv({ data: { authCode: authCodeFor(100) } }));
          vi.setSystemTime(Date.now() + jump);
        });
        return 'never';
      },
    });
  };
  const useCode = async (code: string) => code;

  describe('the auth-code guard', () => {
    it('concurrent getAuthCode() calls share one bridge call', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const [a, b, c] = await Promise.all([gp.getAuthCode(), gp.getAuthCode(), gp.getAuthCode()]);
      expect(calls).toHaveLength(1);
      expect(a.code).toBe(authCodeFor(1));
      expect(b.code).toBe(a.code);
      expect(c.code).toBe(a.code);
    });

    it('concurrent getAuthCode() callers share a failure too', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('203') }) });
      const gp = createGoPay({ bridge });
      const results = await Promise.allSettled([gp.getAuthCode(), gp.getAuthCode()]);
      expect(calls).toHaveLength(1);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect(asGoPayError((r as PromiseRejectedResult).reason).code).toBe('NOT_REGISTERED');
      }
    });

    it('withAuthCode hands fn(code, authCode) the code and resolves with fn’s result', async () => {
      const { bridge, calls } = fakeBridge();
      const fn = vi.fn(async (code: string) => `exchanged:${code}`);
      await expect(createGoPay({ bridge }).withAuthCode(fn)).resolves.toBe(`exchanged:${authCodeFor(1)}`);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fn).toHaveBeenCalledWith(authCodeFor(1), expect.objectContaining({ code: authCodeFor(1) }));
      expect(calls.filter((c) => c.methodName === 'getAuthCode')).toHaveLength(1);
    });

    it('withAuthCode fetches a new code when the one it got is already expired', async () => {
      await withFakeTimers(async () => {
        const { bridge, calls } = jumpAfterFirstCode(400_000);
        const fn = vi.fn(useCode);
        const used = await createGoPay({ bridge }).withAuthCode(fn);
        expect(fn).toHaveBeenCalledTimes(1);
        expect(used).not.toBe(authCodeFor(100));
        expect(used).toMatch(CODE_RE);
        expect(calls.filter((c) => c.methodName === 'getAuthCode')).toHaveLength(2);
      }, 1_700_000_000_000);
    });

    it('withAuthCode uses authCodeTtl/authCodeMargin for that check (defaults 300 s / 30 s, then custom)', async () => {
      await withFakeTimers(async () => {
        // Defaults: good 265 s after issue, expired 275 s after issue (300 s - 30 s).
        expect(await createGoPay({ bridge: jumpAfterFirstCode(265_000).bridge }).withAuthCode(useCode)).toBe(authCodeFor(100));
        expect(await createGoPay({ bridge: jumpAfterFirstCode(275_000).bridge }).withAuthCode(useCode)).not.toBe(authCodeFor(100));
        // ttl 60 s, margin 10 s: 45 s later the code is still good…
        const short = { authCodeTtl: 60_000, authCodeMargin: 10_000 };
        expect(await createGoPay({ bridge: jumpAfterFirstCode(45_000).bridge, ...short }).withAuthCode(useCode)).toBe(authCodeFor(100));
        // …55 s later it counts as expired.
        expect(await createGoPay({ bridge: jumpAfterFirstCode(55_000).bridge, ...short }).withAuthCode(useCode)).not.toBe(authCodeFor(100));
      }, 1_700_000_000_000);
    });

    it('withAuthCode retries once with a fresh code when fn rejects with GoPayAuthCodeExpiredError', async () => {
      const { bridge } = fakeBridge();
      const seen: string[] = [];
      const expired = expectGoPayError(new GoPayAuthCodeExpiredError(), GoPayAuthCodeExpiredError, 'AUTH_CODE_EXPIRED');
      const fn = vi.fn(async (code: string) => {
        seen.push(code);
        if (seen.length === 1) throw expired;
        return 'second time lucky';
      });
      await expect(createGoPay({ bridge }).withAuthCode(fn)).resolves.toBe('second time lucky');
      expect(fn).toHaveBeenCalledTimes(2);
      expect(seen[0]).not.toBe(seen[1]);
    });

    it.each(['Auth code expired', 'AuthCode Not Found', 'auth code is invalid'])(
      'withAuthCode retries once when fn rejects with an error whose message matches (%s)',
      async (message) => {
        const { bridge } = fakeBridge();
        let n = 0;
        const fn = vi.fn(async () => {
          if (++n === 1) throw new Error(message);
          return n;
        });
        await expect(createGoPay({ bridge }).withAuthCode(fn)).resolves.toBe(2);
      },
    );

    it('withAuthCode retries only once', async () => {
      const { bridge } = fakeBridge();
      const fn = vi.fn(async () => {
        throw new Error('auth code expired');
      });
      await expect(createGoPay({ bridge }).withAuthCode(fn)).rejects.toThrow('auth code expired');
      expect(fn).toHaveBeenCalledTimes(2);
    });

    it('withAuthCode does not retry other errors, even a message with "expired" but without "auth code"', async () => {
      for (const message of ['backend is down', 'session expired']) {
        const { bridge, calls } = fakeBridge();
        const fn = vi.fn(async () => {
          throw new Error(message);
        });
        await expect(createGoPay({ bridge }).withAuthCode(fn)).rejects.toThrow(message);
        expect(fn).toHaveBeenCalledTimes(1);
        expect(calls).toHaveLength(1);
      }
    });

    it('withAuthCode: opts.isExpiredError replaces the default recognition', async () => {
      const { bridge } = fakeBridge();
      const fn = vi.fn(async () => {
        throw new Error('auth code expired');
      });
      await expect(createGoPay({ bridge }).withAuthCode(fn, { isExpiredError: () => false })).rejects.toThrow('auth code expired');
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('withAuthCode honours opts.isExpiredError', async () => {
      const { bridge } = fakeBridge();
      class TokenGone extends Error {}
      let n = 0;
      const fn = vi.fn(async () => {
        if (++n === 1) throw new TokenGone('HTTP 401 from backend');
        return 'ok';
      });
      await expect(createGoPay({ bridge }).withAuthCode(fn, { isExpiredError: (e) => e instanceof TokenGone })).resolves.toBe('ok');
      expect(fn).toHaveBeenCalledTimes(2);
    });

    it('withAuthCode rejects with the bridge error when no code can be had, without calling fn', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('105') }) });
      const fn = vi.fn();
      const e = await rejectionOf(createGoPay({ bridge }).withAuthCode(fn));
      expectBridgeError(e, 'USER_NOT_FOUND', '105', 'GPMiniAppAuth', 'getAuthCode');
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe('a one-time auth code reaches one withAuthCode callback only (never shared, never handed out again)', () => {
    const timedBridge = (mode: 'sync' | 'microtask' | 'task') => {
      let n = 0;
      return {
        call(_c: string, methodName: string, _p: unknown, ok: (r: unknown) => void) {
          const env = methodName === 'getAuthCode' ? okEnv({ data: { authCode: authCodeFor(++n) } }) : okEnv({ app_locale: 'id_ID' });
          if (mode === 'sync') ok(env);
          else if (mode === 'microtask') queueMicrotask(() => ok(env));
          else setTimeout(() => ok(env), 0);
        },
      };
    };

    it.each(['sync', 'microtask', 'task'] as const)(
      'with a %s bridge: sequential, concurrent and among getAuthCode callers',
      async (mode) => {
        const gp = createGoPay({ bridge: timedBridge(mode) });
        const handed: string[] = [];
        const peeked: string[] = [];
        const fn = async (code: string) => {
          handed.push(code);
          await Promise.resolve();
          return code;
        };
        const work: Promise<unknown>[] = [];
        for (let i = 0; i < 4; i++) {
          work.push(gp.withAuthCode(fn));
          work.push(gp.getAuthCode().then((a) => peeked.push(a.code)));
        }
        await Promise.all(work);
        await gp.withAuthCode(fn);
        await Promise.all([gp.withAuthCode(fn), gp.withAuthCode(fn)]);
        peeked.push((await gp.getAuthCode()).code);
        expect(handed).toHaveLength(7);
        expect(new Set(handed).size).toBe(7);
        for (const h of handed) expect(h).toMatch(CODE_RE);
        for (const h of handed) expect(peeked).not.toContain(h);
      },
    );

    it('with a bridge that answers synchronously inside call() while another call is in flight', async () => {
      let n = 0;
      const pending: Array<() => void> = [];
      const bridge = {
        call(_c: string, _m: string, _p: unknown, ok: (r: unknown) => void) {
          const env = okEnv({ data: { authCode: authCodeFor(++n) } });
          if (n % 2) pending.push(() => ok(env));
          else ok(env);
        },
      };
      const gp = createGoPay({ bridge });
      const handed: string[] = [];
      const fn = async (code: string) => {
        handed.push(code);
      };
      const a = gp.withAuthCode(fn);
      const b = gp.withAuthCode(fn);
      const c = gp.getAuthCode();
      await flush();
      for (let i = 0; i < 10 && pending.length; i++) {
        pending.shift()?.();
        await flush();
      }
      await Promise.all([a, b, c]);
      expect(new Set(handed).size).toBe(handed.length);
      expect(handed).not.toContain((await c).code);
    });
  });

  describe('a shared getAuthCode never borrows another caller’s signal or timeout', () => {
    it("one caller's abort does not abort the other (either order)", async () => {
      for (const abortFirst of [true, false]) {
        const { bridge, calls } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: false });
        const ctrl = new AbortController();
        const first = track(abortFirst ? gp.getAuthCode({ signal: ctrl.signal }) : gp.getAuthCode());
        const second = track(abortFirst ? gp.getAuthCode() : gp.getAuthCode({ signal: ctrl.signal }));
        await flush();
        ctrl.abort();
        await flush();
        const [aborted, kept] = abortFirst ? [first, second] : [second, first];
        expect(aborted.status).toBe('rejected');
        expectGoPayError(aborted.error, GoPayAbortError, 'ABORTED');
        expect(kept.status).toBe('pending');
        calls.forEach((c, i) => c.onSuccess(okEnv({ data: { authCode: authCodeFor(60 + i) } })));
        await flush();
        expect(kept.status).toBe('fulfilled');
        expect(kept.value?.code).toMatch(CODE_RE);
      }
    });

    it("one caller's timeout does not time out the other (either order)", async () => {
      await withFakeTimers(async () => {
        for (const shortFirst of [true, false]) {
          const { bridge, calls } = fakeBridge({ mode: 'manual' });
          const gp = createGoPay({ bridge });
          const early = shortFirst ? track(gp.getAuthCode({ timeout: 100 })) : undefined;
          const long = track(gp.getAuthCode({ timeout: false }));
          const short = early ?? track(gp.getAuthCode({ timeout: 100 }));
          await flush();
          await vi.advanceTimersByTimeAsync(150);
          expect(short.status).toBe('rejected');
          expectGoPayError(short.error, GoPayTimeoutError, 'TIMEOUT');
          expect(long.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(60_000);
          expect(long.status).toBe('pending');
          calls.forEach((c, i) => c.onSuccess(okEnv({ data: { authCode: authCodeFor(70 + i) } })));
          await flush();
          expect(long.status).toBe('fulfilled');
        }
      });
    });
  });
}
