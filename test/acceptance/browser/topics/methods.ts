// Each named method sends the documented bridge call (class, method, params) and resolves with the documented shape.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi, GoPay } from '../api';
import { authCodeFor, fakeBridge, okEnv } from '../../fake-bridge';

interface Case {
  name: string;
  run: (gp: GoPay) => Promise<unknown>;
  className: string;
  methodName: string;
  params: Record<string, unknown>;
  check: (result: unknown) => void;
}

const cases: Case[] = [
  {
    name: 'getAuthCode()',
    run: (gp) => gp.getAuthCode(),
    className: 'GPMiniAppAuth',
    methodName: 'getAuthCode',
    params: {},
    check: (r) => {
      expect(r).toMatchObject({ code: authCodeFor(1), issuedAt: expect.any(Number) });
      const { issuedAt, expiresAt } = r as { issuedAt: number; expiresAt: number };
      expect(expiresAt - issuedAt).toBe(300_000);
    },
  },
  {
    name: 'getLocation()',
    run: (gp) => gp.getLocation(),
    className: 'GPLocation',
    methodName: 'getLocation',
    params: {},
    check: (r) => expect(r).toMatchObject({ coords: { latitude: -6.2, longitude: 106.8, time: 1700000000000 } }),
  },
  {
    name: 'getLocation({ enable_high_accuracy: true })',
    run: (gp) => gp.getLocation({ enable_high_accuracy: true }),
    className: 'GPLocation',
    methodName: 'getLocation',
    params: { enable_high_accuracy: true },
    check: (r) => expect((r as { coords: unknown }).coords).toEqual({ latitude: -6.2, longitude: 106.8, time: 1700000000000 }),
  },
  {
    name: 'getSystemInfo()',
    run: (gp) => gp.getSystemInfo(),
    className: 'GPSystem',
    methodName: 'getSystemInfo',
    params: {},
    check: (r) =>
      expect(r).toEqual({ platform: 'android', is_emulator: false, brand: 'b', model: 'm', product: 'p', uuid: 'u', idfa: '', idfv: '' }),
  },
  {
    name: 'getRootedDeviceInfo()',
    run: (gp) => gp.getRootedDeviceInfo(),
    className: 'GPSystem',
    methodName: 'getRootedDeviceInfo',
    params: {},
    check: (r) => expect(r).toEqual({ is_rooted: 'false' }),
  },
  {
    name: 'getWifiInfo()',
    run: (gp) => gp.getWifiInfo(),
    className: 'GPSystem',
    methodName: 'getWifiInfo',
    params: {},
    check: (r) => expect(r).toEqual({ wifi_bssid: '00:11', wifi_ssid: 'home' }),
  },
  {
    name: "getConsent('location')",
    run: (gp) => gp.getConsent('location'),
    className: 'GP',
    methodName: 'authorize',
    params: { scope: 'location' },
    check: (r) => expect(r).toMatchObject({ granted: true, successScope: { location: true } }),
  },
  {
    name: "takePhoto({ mode: 'camera', needBase64: true })",
    run: (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
    className: 'GPCamera',
    methodName: 'takePhoto',
    params: { mode: 'camera', needBase64: true },
    check: (r) => expect(r).toMatchObject({ localPath: '/tmp/p.jpg', base64Data: 'QUJDREVGR0g=' }),
  },
  {
    name: 'launchPayment(gopay deeplink)',
    run: (gp) => gp.launchPayment('gopay://merchanttransfer?tref=T1&amount=5000'),
    className: 'GP',
    methodName: 'launchPayment',
    params: { deeplink: 'gopay://merchanttransfer?tref=T1&amount=5000' },
    check: (r) => expect(r).toMatchObject({ status: 'success' }),
  },
  {
    name: 'launchPayment(https webRedirectUrl)',
    run: (gp) => gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=T2&amount=7000'),
    className: 'GP',
    methodName: 'launchPayment',
    params: { deeplink: 'gopay://merchanttransfer?tref=T2&amount=7000' },
    check: (r) => expect(r).toMatchObject({ status: 'success' }),
  },
  {
    name: 'getBankAccountToken()',
    run: (gp) => gp.getBankAccountToken(),
    className: 'GP',
    methodName: 'getBankAccountToken',
    params: {},
    check: (r) => expect(r).toMatchObject({ token: 'bank-token-123' }),
  },
  {
    name: 'launchDeeplink(deeplink)',
    run: (gp) => gp.launchDeeplink('gopay://home'),
    className: 'GPNavigator',
    methodName: 'launchDeeplink',
    params: { deeplink: 'gopay://home' },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'launchUri(uri)',
    run: (gp) => gp.launchUri('https://example.com/help'),
    className: 'GPNavigator',
    methodName: 'launchUri',
    params: { uri: 'https://example.com/help' },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'getLocale()',
    run: (gp) => gp.getLocale(),
    className: 'GPBase',
    methodName: 'getLocale',
    params: {},
    check: (r) => expect(r).toBe('id_ID'),
  },
  {
    name: 'copyToClipboard(text)',
    run: (gp) => gp.copyToClipboard('VOUCHER-1'),
    className: 'GPBase',
    methodName: 'copyToClipboard',
    params: { text: 'VOUCHER-1' },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'share(text)',
    run: (gp) => gp.share('look at this'),
    className: 'GPShare',
    methodName: 'share',
    params: { text: 'look at this' },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'vibrate(ms)',
    run: (gp) => gp.vibrate(250),
    className: 'GPMotion',
    methodName: 'vibrate',
    params: { duration: 250 },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'toast(message, duration in seconds)',
    run: (gp) => gp.toast('Saved', 5),
    className: 'GPUIToast',
    methodName: 'toast',
    params: { message: 'Saved', duration: 5 },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'setNavigationBar(params)',
    run: (gp) => gp.setNavigationBar({ title: 'Shop', titleColor: '#112233FF', backgroundColor: '#FFFFFFFF' }),
    className: 'GPNavigationBar',
    methodName: 'update',
    params: { title: 'Shop', titleColor: '#112233FF', backgroundColor: '#FFFFFFFF' },
    check: (r) => expect(r).toBeUndefined(),
  },
  {
    name: 'trackEvent(eventName, metaData)',
    run: (gp) => gp.trackEvent('page_view', { page_id: 'home', mini_app_id: 'm1' }),
    className: 'GPAnalytics',
    methodName: 'trackEvent',
    params: { eventName: 'page_view', metaData: { page_id: 'home', mini_app_id: 'm1' } },
    check: (r) => expect(r).toBeUndefined(),
  },
];

export function registerMethods({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('methods send the documented bridge call and resolve with the documented shape', () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { bridge, calls } = fakeBridge();
      const result = await c.run(createGoPay({ bridge }));
      expect(calls).toHaveLength(1);
      expect(calls[0].className).toBe(c.className);
      expect(calls[0].methodName).toBe(c.methodName);
      expect(calls[0].params).toEqual(c.params);
      expect(typeof calls[0].onSuccess).toBe('function');
      expect(typeof calls[0].onFailure).toBe('function');
      c.check(result);
    });

    it('toast(message) sends the message to GPUIToast.toast', async () => {
      const { bridge, calls } = fakeBridge();
      await expect(createGoPay({ bridge }).toast('Hello')).resolves.toBeUndefined();
      expect(calls[0]).toMatchObject({ className: 'GPUIToast', methodName: 'toast', params: { message: 'Hello' } });
    });

    it('takePhoto also reads localPath/base64Data from the success argument itself', async () => {
      const { bridge } = fakeBridge({
        answer: () => ({ ok: okEnv({ callbackId: 'c1', localPath: '/p/a.jpg', base64Data: 'QQ==' }) }),
      });
      await expect(createGoPay({ bridge }).takePhoto({ mode: 'photo', needBase64: true })).resolves.toMatchObject({
        localPath: '/p/a.jpg',
        base64Data: 'QQ==',
      });
    });

    it('ready() resolves with undefined when a bridge is given, without calling it', async () => {
      const { bridge, calls } = fakeBridge();
      await expect(createGoPay({ bridge }).ready()).resolves.toBeUndefined();
      expect(calls).toHaveLength(0);
    });
  });
}
