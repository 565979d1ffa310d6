// The script-tag build (src/mock/umd.ts): with `data-auto-install` on its <script>, it installs itself on
// window.gpContainer at once, with the options read from the tag's data-* attributes. Each test imports the module
// afresh with a simulated document.currentScript, as the browser sets it while the tag's script runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockBridge, type MockBridge } from '../../src/mock/index';

type Envelope = Record<string, unknown>;
const win = window as { gpContainer?: MockBridge };

/** Imports umd.ts as the browser would run it from `<script ...attributes>`; `null` runs it with no currentScript. */
const load = async (attributes: Record<string, string> | null) => {
  let script: HTMLScriptElement | null = null;
  if (attributes) {
    script = document.createElement('script');
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  }
  Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
  vi.resetModules();
  const umd = await import('../../src/mock/umd');
  delete (document as { currentScript?: unknown }).currentScript;
  return umd;
};

const installed = () => {
  const bridge = win.gpContainer;
  if (!bridge) throw new Error('nothing was installed on window.gpContainer');
  return bridge;
};

const raw = (bridge: MockBridge, method: string, params: Record<string, unknown> = {}) =>
  new Promise<['ok' | 'fail', Envelope]>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params,
      (r) => resolve(['ok', r as Envelope]),
      (r) => resolve(['fail', r as Envelope]),
    );
  });

/** When the answer arrives, in fake ms after the call (undefined: not within `within` ms). */
const answeredAfter = async (bridge: MockBridge, within = 1000) => {
  const start = Date.now();
  let at: number | undefined;
  bridge.call(
    'GPBase',
    'getLocale',
    {},
    () => (at = Date.now() - start),
    () => (at = Date.now() - start),
  );
  // Microtasks first: an answer with no latency arrives before any timer runs.
  for (let i = 0; i < 10; i++) await Promise.resolve();
  if (at !== undefined) return at;
  for (let t = 0; t < within && at === undefined; t++) await vi.advanceTimersByTimeAsync(1);
  return at;
};

beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  win.gpContainer?.destroy();
  delete win.gpContainer;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('the script tag (umd build)', () => {
  it('without data-auto-install it only exports createMockBridge, installMockBridge and envelope', async () => {
    const umd = await load({ src: 'gopay-miniapp-kit.mock.umd.min.js' });
    expect(win.gpContainer).toBeUndefined();
    expect(typeof umd.createMockBridge).toBe('function');
    expect(typeof umd.installMockBridge).toBe('function');
    expect(typeof umd.envelope).toBe('function');
  });

  it('with no current script (imported from a module, not a tag) it installs nothing and does not throw', async () => {
    await expect(load(null)).resolves.toHaveProperty('installMockBridge');
    expect(win.gpContainer).toBeUndefined();
  });

  it('data-auto-install alone installs a happy mock with the defaults: no panel, no consent, answers on a microtask', async () => {
    vi.useFakeTimers();
    await load({ 'data-auto-install': '' });
    const bridge = installed();
    expect(document.querySelector('.gpmock-bar')).toBeNull();
    expect(await answeredAfter(bridge)).toBe(0);
    const [, locale] = await raw(bridge, 'GPBase.getLocale');
    expect(locale).toEqual({ success: true, ret: 'GP_SUCCESS', app_locale: 'en_ID' });
    // No consent by default, as for a post-launch consent.
    const location = raw(bridge, 'GPLocation.getLocation');
    await vi.advanceTimersByTimeAsync(0);
    expect((await location)[1].error_code).toBe('300');
    // authorize defaults to allow, paymentStatus to success.
    const consent = raw(bridge, 'GP.authorize', { scope: 'camera' });
    await vi.advanceTimersByTimeAsync(0);
    expect((await consent)[1].data).toEqual({ successScope: { camera: true } });
    const payment = raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' });
    await vi.advanceTimersByTimeAsync(0);
    expect((await payment)[1].data).toEqual({ status: 'success' });
  });

  it.each([
    ['', true],
    ['true', true],
    ['false', false],
  ])('data-ui="%s" shows the panel: %s', async (value, shown) => {
    await load({ 'data-auto-install': '', 'data-ui': value });
    installed();
    expect(document.querySelector('.gpmock-bar') !== null).toBe(shown);
  });

  it.each([
    ['', true],
    ['false', false],
  ])('data-browser-apis="%s" uses navigator: %s', async (value, used) => {
    const writeText = vi.fn(async () => {});
    const fake = Object.create(navigator);
    Object.defineProperty(fake, 'clipboard', { value: { writeText } });
    vi.stubGlobal('navigator', fake);
    await load({ 'data-auto-install': '', 'data-browser-apis': value });
    expect((await raw(installed(), 'GPBase.copyToClipboard', { text: 'PROMO' }))[0]).toBe('ok');
    expect(writeText).toHaveBeenCalledTimes(used ? 1 : 0);
  });

  it('data-latency="300" delays every answer by 300 ms', async () => {
    vi.useFakeTimers();
    await load({ 'data-auto-install': '', 'data-latency': '300' });
    const bridge = installed();
    expect(await answeredAfter(bridge)).toBe(300);
    expect(await answeredAfter(bridge)).toBe(300);
  });

  it('data-latency="100,500" draws each delay from that range', async () => {
    vi.useFakeTimers();
    await load({ 'data-auto-install': '', 'data-latency': '100,500' });
    const bridge = installed();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) delays.push((await answeredAfter(bridge, 600))!);
    for (const delay of delays) expect(delay >= 100 && delay <= 500).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('data-seed makes the codes those of createMockBridge({ seed }) (their random part: the rest is the issue time)', async () => {
    const randomPart = async (bridge: MockBridge) =>
      ((await raw(bridge, 'GPMiniAppAuth.getAuthCode'))[1].data as { authCode: string }).authCode.slice(0, 40);
    await load({ 'data-auto-install': '', 'data-seed': '42' });
    const fromTag = await randomPart(installed());
    expect(fromTag).toBe(await randomPart(createMockBridge({ seed: 42 })));
    expect(fromTag).not.toBe(await randomPart(createMockBridge({ seed: 43 })));
  });

  it('data-consent="location, camera" grants both scopes (spaces allowed), and no other', async () => {
    await load({ 'data-auto-install': '', 'data-consent': 'location, camera' });
    const bridge = installed();
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
    expect((await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' }))[0]).toBe('ok');
    expect(await raw(bridge, 'GPSystem.getSystemInfo')).toEqual(['fail', expect.objectContaining({ error_code: '300' })]);
  });

  it('data-scenario, data-authorize and data-payment-status set those options', async () => {
    await load({ 'data-auto-install': '', 'data-scenario': 'offline' });
    expect(await raw(installed(), 'GPBase.getLocale')).toEqual(['fail', expect.objectContaining({ error_code: '401' })]);
    installed().destroy();

    await load({ 'data-auto-install': '', 'data-authorize': 'deny', 'data-payment-status': 'pending' });
    const bridge = installed();
    expect((await raw(bridge, 'GP.authorize', { scope: 'location' }))[1].data).toEqual({ successScope: { location: false } });
    expect((await raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }))[1].data).toEqual({ status: 'pending' });
  });

  it('data-server points the mock at a mock GoPay server: auth codes are fetched from it', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ authCode: 'C'.repeat(64), expiresIn: 360 }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    await load({ 'data-auto-install': '', 'data-server': 'http://127.0.0.1:8787' });
    expect((await raw(installed(), 'GPMiniAppAuth.getAuthCode'))[1].data).toEqual({ authCode: 'C'.repeat(64) });
    expect(fetch).toHaveBeenCalledExactlyOnceWith('http://127.0.0.1:8787/mock/auth-codes', expect.objectContaining({ method: 'POST' }));
  });

  it.each<Record<string, string>>([{}, { 'data-server': '' }])(
    'without a data-server value (%j) nothing is fetched',
    async (attributes) => {
      const fetch = vi.fn();
      vi.stubGlobal('fetch', fetch);
      await load({ 'data-auto-install': '', ...attributes });
      expect((await raw(installed(), 'GPMiniAppAuth.getAuthCode'))[0]).toBe('ok');
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});
