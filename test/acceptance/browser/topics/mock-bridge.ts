// The mock bridge ('gopay-miniapp-kit/mock'): its controls (set, fail, grant, revoke, emit, calls, reset), its options
// (scenario, latency, consent, authorize, paymentStatus, seed) and installMockBridge. Envelope fidelity, destroy() and
// the ui panel: ./mock-fidelity.ts.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, rawCall, withFakeTimers, type AcceptanceApi, type MockBridgeOptions, type MockScenario } from '../api';
import { CODE_RE, dump, flush, rejectionOf, sleep, track } from '../../helpers';

export function registerMockBridge({ core, mock }: AcceptanceApi): void {
  const { createGoPay } = core;
  const { createMockBridge, installMockBridge } = mock;
  const { asGoPayError, expectBridgeError } = errorChecks(core);

  const client = (options: MockBridgeOptions = {}) => {
    const m = createMockBridge({ latency: 0, ...options });
    return { m, gp: createGoPay({ bridge: m }) };
  };
  const LOCALES = ['en_ID', 'id_ID'];

  describe('mock bridge', () => {
    it('createMockBridge() returns a GpContainer with the documented controls', () => {
      const m = createMockBridge();
      expect(typeof m.call).toBe('function');
      for (const k of ['set', 'fail', 'grant', 'revoke', 'emit', 'reset'] as const) expect(typeof m[k]).toBe('function');
      expect(Array.isArray(m.calls)).toBe(true);
    });

    it('auth codes look like real ones (64 letters and digits) and differ on every call', async () => {
      const gp = createGoPay({ bridge: createMockBridge() });
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await gp.getAuthCode();
        expect(a.code).toMatch(CODE_RE);
        expect(typeof a.issuedAt).toBe('number');
        expect(a.expiresAt - a.issuedAt).toBe(300_000);
        codes.push(a.code);
      }
      expect(new Set(codes).size).toBe(5);
    });

    it('answers every documented method through the client (happy scenario, consent granted)', async () => {
      const { gp } = client({ consent: { location: true, camera: true } });
      expect(await gp.getAuthCode()).toMatchObject({ code: expect.stringMatching(CODE_RE) });
      const loc = await gp.getLocation();
      expect(typeof loc.coords.latitude).toBe('number');
      expect(typeof loc.coords.longitude).toBe('number');
      // GPSystem.* and getBankAccountToken need a consent whose scope name GoPay does not document:
      // they either answer or fail with 300.
      const answersOr300 = async <T>(p: Promise<T>): Promise<T | undefined> => {
        try {
          return await p;
        } catch (e) {
          expect(asGoPayError(e).code).toBe('PERMISSION_DENIED');
          return undefined;
        }
      };
      await answersOr300(gp.getSystemInfo());
      await answersOr300(gp.getRootedDeviceInfo());
      await answersOr300(gp.getWifiInfo());
      expect((await gp.getConsent('location')).granted).toBe(true);
      const photo = await gp.takePhoto({ mode: 'camera', needBase64: true });
      expect(photo.localPath !== undefined || photo.base64Data !== undefined).toBe(true);
      expect(await gp.launchPayment('gopay://merchanttransfer?tref=1')).toMatchObject({ status: 'success' });
      const bank = await answersOr300(gp.getBankAccountToken());
      if (bank !== undefined) expect(typeof bank.token).toBe('string');
      await gp.launchDeeplink('gopay://home');
      await gp.launchUri('https://example.com');
      expect(LOCALES).toContain(await gp.getLocale());
      await gp.copyToClipboard('x');
      await gp.share('x');
      await gp.vibrate(100);
      await gp.toast('x', 2);
      await gp.setNavigationBar({ title: 't' });
      await gp.trackEvent('e', { page_id: 'p' });
      const stop = await gp.watchCompass(() => {});
      await stop();
    });

    it('methods that need consent fail with 300 until granted; getConsent grants (authorize: allow by default)', async () => {
      const { gp } = client();
      expectBridgeError(await rejectionOf(gp.getLocation()), 'PERMISSION_DENIED', '300', 'GPLocation', 'getLocation');
      expectBridgeError(await rejectionOf(gp.takePhoto({ mode: 'camera' })), 'PERMISSION_DENIED', '300');
      const r = await gp.getConsent('location');
      expect(r.granted).toBe(true);
      expect(r.successScope?.location).toBe(true);
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
    });

    it("authorize: 'deny' → getConsent resolves granted:false and consent stays missing", async () => {
      const { gp } = client({ authorize: 'deny' });
      expect((await gp.getConsent('location')).granted).toBe(false);
      expect(asGoPayError(await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
    });

    it('grant() and revoke() change consent', async () => {
      const { m, gp } = client();
      m.grant('location');
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
      m.revoke('location');
      expect(asGoPayError(await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
      m.grant('camera');
      await expect(gp.takePhoto({ mode: 'camera' })).resolves.toBeDefined();
    });

    it("scenario 'permission-denied' → every consent refused; consent methods fail with PERMISSION_DENIED", async () => {
      const { gp } = client({ scenario: 'permission-denied' });
      expect((await gp.getConsent('location')).granted).toBe(false);
      expectBridgeError(await rejectionOf(gp.getLocation()), 'PERMISSION_DENIED', '300');
    });

    it("scenario 'offline' → 401 everywhere (NETWORK)", async () => {
      const { gp } = client({ scenario: 'offline' });
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'NETWORK', '401', 'GPMiniAppAuth', 'getAuthCode');
      expectBridgeError(await rejectionOf(gp.getLocale()), 'NETWORK', '401', 'GPBase', 'getLocale');
      expectBridgeError(await rejectionOf(gp.launchPayment('gopay://merchanttransfer?tref=1')), 'NETWORK', '401');
    });

    it("scenario 'not-registered' → 203 (NOT_REGISTERED)", async () => {
      const { gp } = client({ scenario: 'not-registered' });
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'NOT_REGISTERED', '203', 'GPMiniAppAuth', 'getAuthCode');
    });

    it("scenario 'payment-cancelled' → the user's cancel, which the current docs report as status 'failed'", async () => {
      const { gp } = client({ scenario: 'payment-cancelled' });
      expect((await gp.launchPayment('gopay://merchanttransfer?tref=1')).status).toBe('failed');
    });

    it("scenario 'slow' answers later than 'happy'", async () => {
      await withFakeTimers(async () => {
        const timeToAnswer = async (scenario: MockScenario) => {
          const gp = createGoPay({ bridge: createMockBridge({ scenario }), timeout: false });
          const s = track(gp.getLocale());
          let elapsed = 0;
          while (s.status === 'pending' && elapsed < 120_000) {
            await vi.advanceTimersByTimeAsync(10);
            elapsed += 10;
          }
          expect(s.status).toBe('fulfilled');
          return elapsed;
        };
        const happy = await timeToAnswer('happy');
        expect(await timeToAnswer('slow')).toBeGreaterThan(happy);
      });
    });

    it.each(['success', 'failed', 'pending', 'cancelled'] as const)('paymentStatus %s', async (status) => {
      const { gp } = client({ paymentStatus: status });
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status });
    });

    it('latency: ms delays each answer', async () => {
      await withFakeTimers(async () => {
        const gp = createGoPay({ bridge: createMockBridge({ latency: 500 }), timeout: false });
        const s = track(gp.getLocale());
        await vi.advanceTimersByTimeAsync(400);
        expect(s.status).toBe('pending');
        await vi.advanceTimersByTimeAsync(200);
        expect(s.status).toBe('fulfilled');
      });
    });

    it('latency: [min, max] delays each answer within the range', async () => {
      await withFakeTimers(async () => {
        const gp = createGoPay({ bridge: createMockBridge({ latency: [300, 400] }), timeout: false });
        for (let i = 0; i < 3; i++) {
          const s = track(gp.getLocale());
          await vi.advanceTimersByTimeAsync(250);
          expect(s.status).toBe('pending');
          await vi.advanceTimersByTimeAsync(200);
          expect(s.status).toBe('fulfilled');
        }
      });
    });

    it('seed makes codes reproducible (for the same clock: a mock code carries its issue time for the mock server)', async () => {
      const codes = async (seed: number) => {
        let pair: string[] = [];
        await withFakeTimers(async () => {
          const gp = createGoPay({ bridge: createMockBridge({ seed, latency: 0 }) });
          pair = [(await gp.getAuthCode()).code, (await gp.getAuthCode()).code];
        }, 1_700_000_000_000);
        return pair;
      };
      const a = await codes(42);
      const b = await codes(42);
      const c = await codes(7);
      expect(a).toEqual(b);
      expect(a[0]).not.toBe(a[1]);
      expect(a[0]).toMatch(CODE_RE);
      expect(c[0]).not.toBe(a[0]);
    });

    it('set() answers with the given data (value, function of params, promise)', async () => {
      const { m, gp } = client({ consent: { location: true } });
      m.set('GPSystem.getSystemInfo', { platform: 'ios', model: 'X' });
      await expect(gp.getSystemInfo()).resolves.toEqual({ platform: 'ios', model: 'X' });
      const seen: unknown[] = [];
      m.set('GPLocation.getLocation', (params) => {
        seen.push(params);
        return { coords: { latitude: 1, longitude: 2, time: 3 } };
      });
      await expect(gp.getLocation({ enable_high_accuracy: true })).resolves.toMatchObject({
        coords: { latitude: 1, longitude: 2, time: 3 },
      });
      expect(seen[0]).toMatchObject({ enable_high_accuracy: true });
      m.set('GP.getBankAccountToken', async () => ({ token: 'from-a-promise' }));
      await expect(gp.getBankAccountToken()).resolves.toMatchObject({ token: 'from-a-promise' });
      m.set('GPCustom.thing', (p) => ({ echo: p.v }));
      await expect(gp.call('GPCustom', 'thing', { v: 5 })).resolves.toEqual({ echo: 5 });
    });

    it('fail() answers with the failure envelope for that code', async () => {
      const { m, gp } = client();
      m.fail('GPBase.getLocale', '500', 'super app fell over');
      const e = expectBridgeError(await rejectionOf(gp.getLocale()), 'SUPERAPP', '500', 'GPBase', 'getLocale');
      expect(dump(e.response)).toContain('super app fell over');
      m.fail('GPMiniAppAuth.getAuthCode', '105');
      expectBridgeError(await rejectionOf(gp.getAuthCode()), 'USER_NOT_FOUND', '105');
    });

    it('calls records the history as { className, methodName, params }', async () => {
      const { m, gp } = client();
      await gp.getLocale();
      await gp.copyToClipboard('abc');
      await gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=Q1');
      expect(m.calls).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ className: 'GPBase', methodName: 'getLocale', params: {} }),
          expect.objectContaining({ className: 'GPBase', methodName: 'copyToClipboard', params: { text: 'abc' } }),
          expect.objectContaining({
            className: 'GP',
            methodName: 'launchPayment',
            params: { deeplink: 'gopay://merchanttransfer?tref=Q1' },
          }),
        ]),
      );
    });

    it('reset() goes back to the options given at creation', async () => {
      const { m, gp } = client({ paymentStatus: 'pending' });
      m.fail('GPBase.getLocale', '500');
      m.set('GP.launchPayment', { status: 'success' });
      m.grant('location');
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status: 'success' });
      m.reset();
      expect(LOCALES).toContain(await gp.getLocale());
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status: 'pending' });
      expect(asGoPayError(await rejectionOf(gp.getLocation())).code).toBe('PERMISSION_DENIED');
    });

    it('the mock is not loud on every call (it logs that it is active once at most per mock)', async () => {
      const spies = (['log', 'info', 'warn', 'debug'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
      try {
        const { gp } = client();
        await gp.getLocale();
        await gp.getLocale();
        await gp.getLocale();
        await gp.getAuthCode();
        expect(spies.reduce((n, s) => n + s.mock.calls.length, 0)).toBeLessThanOrEqual(1);
      } finally {
        for (const s of spies) s.mockRestore();
      }
    });

    it('emit() dispatches that document event with the detail', async () => {
      const m = createMockBridge({ latency: 0 });
      const got: unknown[] = [];
      const h = (e: Event) => got.push((e as CustomEvent).detail);
      document.addEventListener('GPFile.Event.saveSuccess', h);
      try {
        m.emit('GPFile.Event.saveSuccess', { msg: 'SAVED' });
        await flush();
        expect(got).toEqual([{ msg: 'SAVED' }]);
      } finally {
        document.removeEventListener('GPFile.Event.saveSuccess', h);
      }
    });

    it('emit() readings reach a client watcher', async () => {
      const { m, gp } = client();
      const listener = vi.fn();
      const stop = await gp.watchCompass(listener);
      m.emit('GPMotion.Event.compass', { direction: 271, timestamp: 5 });
      await flush();
      expect(listener).toHaveBeenCalledWith(expect.objectContaining({ direction: 271 }));
      await stop();
    });

    it('the mock emits compass readings as document events, reproducible with seed', async () => {
      const readings = async (seed: number) => {
        const got: Array<{ direction: number }> = [];
        const h = (e: Event) => got.push((e as CustomEvent).detail);
        document.addEventListener('GPMotion.Event.compass', h);
        try {
          await withFakeTimers(async () => {
            const gp = createGoPay({ bridge: createMockBridge({ seed, latency: 0 }) });
            const fromWatcher: unknown[] = [];
            const stop = await gp.watchCompass((r) => fromWatcher.push(r));
            await vi.advanceTimersByTimeAsync(3_000);
            await stop();
            expect(fromWatcher.length).toBeGreaterThan(0);
          }, 1_700_000_000_000);
        } finally {
          document.removeEventListener('GPMotion.Event.compass', h);
        }
        return got;
      };
      const a = await readings(3);
      const b = await readings(3);
      expect(a.length).toBeGreaterThan(0);
      for (const r of a) {
        expect(r.direction).toBeGreaterThanOrEqual(0);
        expect(r.direction).toBeLessThan(360);
      }
      expect(b.map((r) => r.direction)).toEqual(a.map((r) => r.direction));
    });

    it('saveFile resolves through the mock', async () => {
      const { gp } = client();
      const s = track(gp.saveFile({ url: 'https://example.com/receipt.pdf', name: 'receipt.pdf' }));
      for (let i = 0; i < 100 && s.status === 'pending'; i++) await sleep(10);
      expect(s.status).toBe('fulfilled');
    });

    it('installMockBridge() puts the mock on window.gpContainer and returns it; raw callers and createGoPay() use it', async () => {
      const w = window as { gpContainer?: unknown };
      try {
        const m = installMockBridge({ latency: 0 });
        expect(w.gpContainer).toBe(m);
        expect((await rawCall(m, 'GPBase', 'getLocale')).via).toBe('success');
        const gp = createGoPay({ scriptUrl: 'https://127.0.0.1:9/never-loaded.js', loadTimeout: 100 });
        expect(LOCALES).toContain(await gp.getLocale());
        expect(document.querySelector('script[src="https://127.0.0.1:9/never-loaded.js"]')).toBeNull();
        expect(m.calls.length).toBeGreaterThanOrEqual(2);
      } finally {
        delete w.gpContainer;
      }
    });
  });
}
