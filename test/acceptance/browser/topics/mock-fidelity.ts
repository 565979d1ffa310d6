// The mock bridge's fidelity to GoPay's envelopes (exactly the documented fields, raw), destroy(), the ui panel, and
// that it never switches itself on.
import { describe, expect, it, vi } from 'vitest';
import { rawCall, withFakeTimers, type AcceptanceApi } from '../api';
import { CODE_RE, flush, sleep, track } from '../../helpers';

const BARE = { success: true, ret: 'GP_SUCCESS' };

export function registerMockFidelity({ core, mock }: AcceptanceApi): void {
  const { createGoPay, GoPayBridgeError } = core;
  const { createMockBridge, installMockBridge } = mock;

  describe('mock bridge: fidelity, destroy, ui, no self-activation', () => {
    it.each([
      ['GPBase', 'copyToClipboard', { text: 'x' }],
      ['GPShare', 'share', { text: 'x' }],
      ['GPMotion', 'vibrate', { duration: 100 }],
      ['GPNavigator', 'launchDeeplink', { deeplink: 'gopay://home' }],
      ['GPNavigator', 'launchUri', { uri: 'https://example.com' }],
      ['GPUIToast', 'toast', { message: 'x', duration: 2 }],
      ['GPNavigationBar', 'update', { title: 't' }],
    ])('where the docs give no answer shape (%s.%s) the mock answers the bare success envelope', async (c, m, p) => {
      const r = await rawCall(createMockBridge({ latency: 0 }), c, m, p);
      expect(r.via).toBe('success');
      expect(r.env).toEqual(BARE);
    });

    it('documented answers carry exactly the documented fields (raw calls); a missing consent is the 300 failure envelope', async () => {
      const m = createMockBridge({ latency: 0, consent: { location: true, camera: true } });
      const auth = await rawCall(m, 'GPMiniAppAuth', 'getAuthCode');
      expect(auth.via).toBe('success');
      expect(auth.env).toMatchObject(BARE);
      expect(Object.keys(auth.env).sort()).toEqual(['data', 'ret', 'success']);
      expect(Object.keys(auth.env.data)).toEqual(['authCode']);
      expect(auth.env.data.authCode).toMatch(CODE_RE);
      const locale = await rawCall(m, 'GPBase', 'getLocale');
      expect(locale.via).toBe('success');
      expect(Object.keys(locale.env).sort()).toEqual(['app_locale', 'ret', 'success']);
      expect(['en_ID', 'id_ID']).toContain(locale.env.app_locale);
      const loc = await rawCall(m, 'GPLocation', 'getLocation');
      expect(Object.keys(loc.env.data)).toEqual(['coords']);
      expect(Object.keys(loc.env.data.coords).sort()).toEqual(['latitude', 'longitude', 'time']);
      const pay = await rawCall(m, 'GP', 'launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' });
      expect(Object.keys(pay.env.data)).toEqual(['status']);
      const consent = await rawCall(m, 'GP', 'authorize', { scope: 'location' });
      expect(Object.keys(consent.env.data)).toEqual(['successScope']);
      for (const [method, msg] of [
        ['startCompass', 'COMPASS_STARTED'],
        ['stopCompass', 'COMPASS_STOPPED'],
        ['startAccelerometer', 'ACCELEROMETER_STARTED'],
        ['stopAccelerometer', 'ACCELEROMETER_STOPPED'],
      ]) {
        expect((await rawCall(m, 'GPMotion', method)).env).toEqual({ ...BARE, msg });
      }
      expect((await rawCall(m, 'GPMotion', 'listenGyro', { on: true })).env).toEqual({ ...BARE, msg: 'GYROSCOPE_STARTED' });
      expect((await rawCall(m, 'GPMotion', 'listenGyro', { on: false })).env).toEqual({ ...BARE, msg: 'GYROSCOPE_STOPPED' });
      expect((await rawCall(m, 'GPMotion', 'listeningShake', { on: true })).env).toEqual({ ...BARE, msg: 'SHAKE_STARTED' });
      expect((await rawCall(m, 'GPMotion', 'listeningShake', { on: false })).env).toEqual({ ...BARE, msg: 'SHAKE_STOPPED' });
      const denied = await rawCall(createMockBridge({ latency: 0 }), 'GPLocation', 'getLocation');
      expect(denied.via).toBe('failure');
      expect(denied.env).toMatchObject({ success: false, error_code: '300' });
    });

    it('callbackId is an alphanumeric string (trackEvent, takePhoto)', async () => {
      const m = createMockBridge({ latency: 0, consent: { camera: true } });
      const event = await rawCall(m, 'GPAnalytics', 'trackEvent', { eventName: 'e', metaData: { page_id: 'p' } });
      expect(event.via).toBe('success');
      expect(typeof event.env.callbackId).toBe('string');
      expect(event.env.callbackId).toMatch(/^[A-Za-z0-9]+$/);
      const photo = await rawCall(m, 'GPCamera', 'takePhoto', { mode: 'camera', needBase64: true });
      expect(photo.via).toBe('success');
      expect(typeof photo.env.callbackId).toBe('string');
      expect(photo.env.callbackId).toMatch(/^[A-Za-z0-9]+$/);
    });

    it("takePhoto's localPath/base64Data are where GoPay's sample reads them (the success argument)", async () => {
      const m = createMockBridge({ latency: 0, consent: { camera: true } });
      const photo = await rawCall(m, 'GPCamera', 'takePhoto', { mode: 'camera', needBase64: true });
      expect(typeof photo.env.localPath).toBe('string');
      expect(typeof photo.env.base64Data).toBe('string');
    });

    it('the shake event carries { x, y, z }', async () => {
      const got: unknown[] = [];
      const h = (e: Event) => got.push((e as CustomEvent).detail ?? (e as Event & { param?: unknown }).param);
      document.addEventListener('motion.shake', h);
      try {
        await withFakeTimers(async () => {
          const gp = createGoPay({ bridge: createMockBridge({ latency: 0, seed: 5 }) });
          const fromWatcher: object[] = [];
          const stop = await gp.watchShake((r) => fromWatcher.push(r));
          await vi.advanceTimersByTimeAsync(10_000);
          await stop();
          expect(fromWatcher.length).toBeGreaterThan(0);
          for (const r of fromWatcher) expect(Object.keys(r).sort()).toEqual(['x', 'y', 'z']);
        }, 1_700_000_000_000);
      } finally {
        document.removeEventListener('motion.shake', h);
      }
      expect(got.length).toBeGreaterThan(0);
      for (const r of got) {
        const v = (typeof r === 'string' ? JSON.parse(r) : r) as Record<string, unknown>;
        expect(Object.keys(v).sort()).toEqual(['x', 'y', 'z']);
        for (const k of ['x', 'y', 'z']) expect(typeof v[k]).toBe('number');
      }
    });

    it('destroy() answers every call still waiting with a failure envelope: no promise is left hanging', async () => {
      const m = createMockBridge({ latency: 60_000 });
      expect(typeof m.destroy).toBe('function');
      const gp = createGoPay({ bridge: m, timeout: false });
      const viaClient = track(gp.getLocale());
      const viaPay = track(gp.launchPayment('gopay://merchanttransfer?tref=1'));
      const raw = rawCall(m, 'GPBase', 'getLocale');
      await flush();
      m.destroy();
      const r = await Promise.race([raw, sleep(1_000).then(() => 'hung' as const)]);
      expect(r).not.toBe('hung');
      expect(r).toMatchObject({ via: 'failure', env: { success: false } });
      for (let i = 0; i < 50 && (viaClient.status === 'pending' || viaPay.status === 'pending'); i++) await sleep(10);
      expect(viaClient.status).toBe('rejected');
      expect(viaPay.status).toBe('rejected');
      expect(viaClient.error).toBeInstanceOf(GoPayBridgeError);
    });

    it('ui: true shows an in-page panel that says which payment status is which; the user’s click answers', async () => {
      const before = new Set(Array.from(document.body.children));
      const m = createMockBridge({ latency: 0, ui: true });
      try {
        const gp = createGoPay({ bridge: m });
        const s = track(gp.launchPayment('gopay://merchanttransfer?tref=UI1'));
        let choice: HTMLElement | undefined;
        for (let i = 0; i < 50 && !choice; i++) {
          await sleep(10);
          choice = Array.from(document.querySelectorAll<HTMLElement>('button, [role="button"]')).find((b) =>
            /\bfailed\b/i.test(b.textContent ?? ''),
          );
        }
        const text = document.body.textContent ?? '';
        expect(text).toMatch(/\bfailed\b/i);
        expect(text).toMatch(/\bcancelled\b/i);
        expect(text).toMatch(/\bpending\b/i);
        expect(text).toMatch(/cancel/i);
        expect(text).toMatch(/back/i);
        expect(text).toMatch(/process/i);
        expect(choice).toBeDefined();
        choice?.click();
        for (let i = 0; i < 50 && s.status === 'pending'; i++) await sleep(10);
        expect(s.status).toBe('fulfilled');
        expect(s.value).toEqual({ status: 'failed' });
      } finally {
        m.destroy();
        for (const el of Array.from(document.body.children)) if (!before.has(el)) el.remove();
      }
    });

    it('ui: false adds nothing to the page', async () => {
      const before = document.documentElement.outerHTML;
      const gp = createGoPay({ bridge: createMockBridge({ latency: 0, ui: false }) });
      await gp.getLocale();
      await gp.launchPayment('gopay://merchanttransfer?tref=1');
      await gp.getConsent('location');
      expect(document.documentElement.outerHTML).toBe(before);
    });

    it('every documented option is accepted together', async () => {
      const m = createMockBridge({
        scenario: 'happy',
        latency: [0, 1],
        consent: { location: true },
        authorize: 'deny',
        paymentStatus: 'pending',
        seed: 1,
        ui: false,
      });
      const gp = createGoPay({ bridge: m });
      await expect(gp.getLocation()).resolves.toMatchObject({ coords: expect.any(Object) });
      await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toEqual({ status: 'pending' });
      expect((await gp.getConsent('camera')).granted).toBe(false);
    });

    it('installMockBridge(options) applies the options to the mock it installs', async () => {
      const w = window as { gpContainer?: unknown };
      try {
        const m = installMockBridge({ latency: 0, scenario: 'offline' });
        expect(w.gpContainer).toBe(m);
        const r = await rawCall(m, 'GPBase', 'getLocale');
        expect(r.via).toBe('failure');
        expect(r.env).toMatchObject({ success: false, error_code: '401' });
      } finally {
        delete w.gpContainer;
      }
    });

    it('it never switches itself on: importing and creating mocks leaves window.gpContainer alone', () => {
      createMockBridge();
      createMockBridge({ scenario: 'offline' });
      expect((window as { gpContainer?: unknown }).gpContainer).toBeUndefined();
      expect((globalThis as { gpContainer?: unknown }).gpContainer).toBeUndefined();
    });
  });
}
