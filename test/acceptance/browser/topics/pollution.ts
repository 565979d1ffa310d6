// Object.prototype pollution is never used: inherited options, per-call options and params are ignored (only own
// properties are read). The loader's own case (scriptUrl / nonce / loadTimeout) is in ./loader.ts.
import { describe, expect, it, vi } from 'vitest';
import type { AcceptanceApi } from '../api';
import { fakeBridge, sampleReply } from '../../fake-bridge';
import { CODE_RE } from '../../helpers';

type Settled = { ok: true; v: unknown } | { ok: false; code?: unknown; message: string };

/** Sets the keys on Object.prototype (as a polluting library would), runs fn, always cleans up. */
const polluted = async (keys: Record<string, unknown>, fn: () => Promise<void>) => {
  const proto = Object.prototype as Record<string, unknown>;
  const entries = Object.entries(keys);
  for (const [k] of entries) if (Object.prototype.hasOwnProperty.call(proto, k)) throw new Error(`already polluted: ${k}`);
  try {
    for (const [k, v] of entries) proto[k] = v;
    await fn();
  } finally {
    for (const [k] of entries) delete proto[k];
  }
};
const within = <T>(p: Promise<T>, ms = 2_000): Promise<T | 'hung'> =>
  Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);
const settled = async (p: Promise<unknown>): Promise<Settled> => {
  try {
    return { ok: true, v: await within(p) };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown } | undefined;
    return { ok: false, code: err?.code, message: String(err?.message) };
  }
};
/** A fake answering as the samples do, `ms` later: after any polluted timeout (1 or 5 ms) would have fired. */
const answerLater = (ms = 15) =>
  fakeBridge({
    answer: (rec) => {
      const r = sampleReply(rec, () => 1);
      setTimeout(() => {
        if (typeof r !== 'object') return;
        if ('ok' in r) rec.onSuccess(r.ok);
        else rec.onFailure(r.fail);
      }, ms);
      return 'never';
    },
  });

export function registerPollution({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('Object.prototype pollution is never used', () => {
    it('inherited createGoPay options (timeout, bridge, debug, authCodeTtl, authCodeMargin, scriptUrl) are ignored', async () => {
      const w = window as { gpContainer?: unknown };
      const good = answerLater();
      const evil = fakeBridge();
      w.gpContainer = good.bridge;
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      const results: Settled[] = [];
      try {
        await polluted(
          {
            timeout: 5,
            loadTimeout: 5,
            bridge: evil.bridge,
            debug: true,
            authCodeTtl: 1_000,
            authCodeMargin: 999_999_999,
            scriptUrl: 'https://evil.example/gp.js',
            nonce: 'evil',
          },
          async () => {
            const gp = createGoPay({});
            results.push(await settled(gp.getLocale()));
            results.push(await settled(gp.getAuthCode()));
            results.push(await settled(gp.withAuthCode(async (code) => code)));
          },
        );
        const [locale, code, withCode] = results;
        expect(locale).toEqual({ ok: true, v: 'id_ID' });
        expect(code).toMatchObject({ ok: true, v: { code: expect.stringMatching(CODE_RE) } });
        const { issuedAt, expiresAt } = (code as { v: { issuedAt: number; expiresAt: number } }).v;
        expect(expiresAt - issuedAt).toBe(300_000);
        expect(withCode).toEqual({ ok: true, v: expect.stringMatching(CODE_RE) });
        expect(evil.calls).toHaveLength(0);
        expect(spy).not.toHaveBeenCalled();
        expect(document.querySelector('script[src="https://evil.example/gp.js"]')).toBeNull();
      } finally {
        spy.mockRestore();
        delete w.gpContainer;
      }
    });

    it('inherited per-call options (signal, timeout, isExpiredError) are ignored', async () => {
      const { bridge, calls } = answerLater();
      const ctrl = new AbortController();
      ctrl.abort();
      const results: Settled[] = [];
      let fnCalls = 0;
      await polluted({ signal: ctrl.signal, timeout: 1, isExpiredError: () => true }, async () => {
        const gp = createGoPay({ bridge });
        results.push(await settled(gp.call('GPCustom', 'x', {}, {})));
        results.push(await settled(gp.getAuthCode({})));
        results.push(await settled(gp.getAuthCode()));
        results.push(
          await settled(
            gp.withAuthCode(async () => {
              fnCalls++;
              throw new Error('backend is down');
            }, {}),
          ),
        );
        results.push(await settled(gp.isInGoPay({})));
      });
      expect(results[0]).toEqual({ ok: true, v: {} });
      expect(results[1].ok).toBe(true);
      expect(results[2].ok).toBe(true);
      expect(results[3]).toMatchObject({ ok: false, message: 'backend is down' });
      expect(fnCalls).toBe(1);
      expect(results[4]).toEqual({ ok: true, v: true });
      expect(calls.length).toBeGreaterThan(0);
    });

    it('inherited params are not sent to the bridge', async () => {
      const { bridge, calls } = fakeBridge();
      const keys: string[][] = [];
      await polluted({ enable_high_accuracy: true, needBase64: true, destination: 'DCIM', evil: 1 }, async () => {
        const gp = createGoPay({ bridge });
        await settled(gp.getLocation());
        await settled(gp.getLocation({}));
        await settled(gp.takePhoto({ mode: 'camera' }));
        await settled(gp.call('GPCustom', 'x', { a: 1 }));
        for (const c of calls) keys.push(Object.keys(c.params ?? {}));
      });
      expect(keys).toEqual([[], [], ['mode'], ['a']]);
    });
  });
}
