// isInGoPay(opts?): true only when the bridge answers the GPBase.getLocale probe (a result or a documented bridge
// error); false on 1003, on anything else, on silence (2,000 ms by default); never rejects; a true is remembered.
import { describe, expect, it, vi } from 'vitest';
import { withFakeTimers, type AcceptanceApi } from '../api';
import { failEnv, fakeBridge, okEnv, type Reply } from '../../fake-bridge';
import { countUnhandled, flush, track } from '../../helpers';

export function registerInGoPay({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const throwing = {
    call() {
      throw new Error('native exploded');
    },
  };

  describe('isInGoPay', () => {
    it('probes with GPBase.getLocale and resolves true when the bridge answers', async () => {
      const { bridge, calls } = fakeBridge();
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(true);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ className: 'GPBase', methodName: 'getLocale' });
    });

    it.each(['300', '100', '401', '500', '203', 'GP_PARAM_ERR'])(
      'resolves true when the bridge answers with the documented error %s',
      async (code) => {
        const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv(code) }) });
        await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(true);
      },
    );

    it.each([
      ['error_code "1003" (snake_case)', failEnv('1003', 'not a GoPay WebView')],
      ['error_code 1003 (number)', failEnv(1003, 'not a GoPay WebView')],
      ['errorCode 1003 (camelCase)', { success: false, errorCode: 1003, errorMessage: 'not a GoPay WebView' }],
      ['nested { error: { code: 1003 } }', { success: false, error: { code: 1003, message: 'not a GoPay WebView' } }],
    ])('resolves false on bridge code 1003: %s', async (_n, envelope: unknown) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: envelope }) });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(false);
    });

    it('a success without any locale is still an answer: true', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv() }) });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(true);
    });

    it.each([
      ['an undocumented code (999)', { fail: failEnv('999') }],
      ['an empty code', { fail: failEnv('') }],
      ['null through onFailure', { fail: null }],
      ['a string through onFailure', { fail: 'oops' }],
      ['unparsable text through onSuccess', { ok: '<<not json' }],
      ["the native timeout { ret: ['HY_TIMEOUT'] }", { ok: { ret: ['HY_TIMEOUT'] } }],
    ])('only a success or a documented bridge error counts: %s gives false', async (_n, reply: Reply) => {
      const { bridge } = fakeBridge({ answer: () => reply });
      await expect(createGoPay({ bridge }).isInGoPay()).resolves.toBe(false);
    });

    it('resolves false when the bridge stays silent for 2,000 ms (default), whatever the client timeout', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        for (const gp of [createGoPay({ bridge }), createGoPay({ bridge, timeout: 60_000 }), createGoPay({ bridge, timeout: false })]) {
          const s = track(gp.isInGoPay());
          await flush();
          await vi.advanceTimersByTimeAsync(1_990);
          expect(s.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(20);
          expect(s.status).toBe('fulfilled');
          expect(s.value).toBe(false);
        }
      });
    });

    it('opts.timeout sets how long silence is waited for', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s = track(createGoPay({ bridge }).isInGoPay({ timeout: 500 }));
        await flush();
        await vi.advanceTimersByTimeAsync(490);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expect(s.status).toBe('fulfilled');
        expect(s.value).toBe(false);
      });
    });

    it('never rejects: a bridge that throws, or an already-aborted signal, gives false', async () => {
      await expect(createGoPay({ bridge: throwing }).isInGoPay()).resolves.toBe(false);
      const ctrl = new AbortController();
      ctrl.abort();
      const { bridge } = fakeBridge({ mode: 'manual' });
      await expect(createGoPay({ bridge }).isInGoPay({ signal: ctrl.signal, timeout: 50 })).resolves.toBe(false);
    });

    it('a true is remembered: the bridge is not probed again', async () => {
      let silent = false;
      const { bridge, calls } = fakeBridge({ answer: () => (silent ? 'never' : undefined) });
      const gp = createGoPay({ bridge });
      await expect(gp.isInGoPay()).resolves.toBe(true);
      silent = true;
      await expect(gp.isInGoPay({ timeout: 50 })).resolves.toBe(true);
      await expect(gp.isInGoPay({ timeout: 50 })).resolves.toBe(true);
      expect(calls).toHaveLength(1);
    });

    it('leaves no unhandled rejection behind (silence, 1003, throw)', async () => {
      const unhandled = await countUnhandled(async () => {
        const silent = createGoPay({ bridge: fakeBridge({ mode: 'manual' }).bridge });
        const n1003 = createGoPay({ bridge: fakeBridge({ answer: () => ({ fail: failEnv('1003') }) }).bridge });
        const thrower = createGoPay({ bridge: throwing });
        await Promise.all([silent.isInGoPay({ timeout: 20 }), n1003.isInGoPay(), thrower.isInGoPay()]);
      });
      expect(unhandled).toEqual([]);
    });
  });
}
