// Timeouts (10 000 ms by default, the timeout option, per call; none for interactive calls) and AbortSignal.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, withFakeTimers, type AcceptanceApi, type GoPay } from '../api';
import { fakeBridge, okEnv } from '../../fake-bridge';
import { flush, rejectionOf, track } from '../../helpers';

export function registerTimeoutsAbort({ core }: AcceptanceApi): void {
  const { createGoPay, GoPayTimeoutError, GoPayAbortError } = core;
  const { expectGoPayError } = errorChecks(core);

  describe('timeouts and abort', () => {
    it('non-interactive calls time out after 10 000 ms by default with a GoPayTimeoutError', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s = track(createGoPay({ bridge }).getSystemInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(9_990);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expect(s.status).toBe('rejected');
        const e = expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT');
        expect(e.timeout).toBe(10_000);
        expect(e.className).toBe('GPSystem');
        expect(e.methodName).toBe('getSystemInfo');
      });
    });

    it('the timeout option changes the default', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s = track(createGoPay({ bridge, timeout: 2_000 }).getLocale());
        await flush();
        await vi.advanceTimersByTimeAsync(1_990);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(20);
        expect(expectGoPayError(s.error, GoPayTimeoutError, 'TIMEOUT').timeout).toBe(2_000);
      });
    });

    it('timeout: false never times out', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s = track(createGoPay({ bridge, timeout: false }).getWifiInfo());
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s.status).toBe('pending');
      });
    });

    it('per-call { timeout } overrides the default (call and getAuthCode)', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge });
        const a = track(gp.call('GPCustom', 'x', {}, { timeout: 50 }));
        const b = track(gp.getAuthCode({ timeout: 80 }));
        await flush();
        await vi.advanceTimersByTimeAsync(60);
        expect(a.status).toBe('rejected');
        expect(expectGoPayError(a.error, GoPayTimeoutError, 'TIMEOUT').timeout).toBe(50);
        expect(b.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(30);
        expect(b.status).toBe('rejected');
        expect(expectGoPayError(b.error, GoPayTimeoutError, 'TIMEOUT').timeout).toBe(80);
      });
    });

    it('per-call { timeout: false } disables the default', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge, timeout: 1_000 });
        const s = track(gp.call('GPCustom', 'x', {}, { timeout: false }));
        const g = track(gp.getAuthCode({ timeout: false }));
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s.status).toBe('pending');
        expect(g.status).toBe('pending');
      });
    });

    const interactive: Array<[string, (gp: GoPay) => Promise<unknown>]> = [
      ['getConsent', (gp) => gp.getConsent('location')],
      ['launchPayment', (gp) => gp.launchPayment('gopay://merchanttransfer?tref=1')],
      ['takePhoto', (gp) => gp.takePhoto({ mode: 'camera' })],
      ['getBankAccountToken', (gp) => gp.getBankAccountToken()],
      ['share', (gp) => gp.share('hi')],
      ['saveFile', (gp) => gp.saveFile({ url: 'https://example.com/a.pdf' })],
      ['launchDeeplink', (gp) => gp.launchDeeplink('gopay://home')],
      ['launchUri', (gp) => gp.launchUri('https://example.com/help')],
    ];
    it.each(interactive)('interactive %s has no default timeout (even with the timeout option set)', async (_n, run) => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge({ mode: 'manual' });
        const s1 = track(run(createGoPay({ bridge })));
        const s2 = track(run(createGoPay({ bridge, timeout: 1_000 })));
        await flush();
        await vi.advanceTimersByTimeAsync(3_600_000);
        expect(s1.status).toBe('pending');
        expect(s2.status).toBe('pending');
      });
    });

    it('an AbortSignal aborts a pending call with GoPayAbortError (and the late answer is ignored)', async () => {
      const { bridge, calls } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: false });
      const ctrl = new AbortController();
      const s = track(gp.call('GPCustom', 'x', {}, { signal: ctrl.signal }));
      await flush();
      expect(s.status).toBe('pending');
      ctrl.abort();
      await flush();
      expect(s.status).toBe('rejected');
      expectGoPayError(s.error, GoPayAbortError, 'ABORTED');
      expect(() => calls[0]?.onSuccess(okEnv({ data: {} }))).not.toThrow();
      await flush();
      expect(s.status).toBe('rejected');
    });

    it('an already-aborted signal rejects with ABORTED', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const ctrl = new AbortController();
      ctrl.abort();
      expectGoPayError(await rejectionOf(gp.getAuthCode({ signal: ctrl.signal })), GoPayAbortError, 'ABORTED');
      expectGoPayError(await rejectionOf(gp.call('GPBase', 'getLocale', {}, { signal: ctrl.signal })), GoPayAbortError, 'ABORTED');
    });
  });
}
