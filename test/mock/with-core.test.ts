import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, isGoPayError } from '../../src/core/index';
import { createMockBridge, envelope, type MockBridge, type MockBridgeOptions } from '../../src/mock/index';

const made: MockBridge[] = [];
const setup = (options?: MockBridgeOptions) => {
  const bridge = createMockBridge(options);
  made.push(bridge);
  return { bridge, gp: createGoPay({ bridge }) };
};
afterEach(() => {
  made.splice(0).forEach((b) => b.destroy());
  document.body.innerHTML = '';
});

const click = async (label: string) => {
  for (let i = 0; i < 20 && !document.querySelector('.gpmock-sheet'); i++) await new Promise((r) => setTimeout(r, 0));
  const button = Array.from(document.querySelectorAll<HTMLButtonElement>('.gpmock-sheet button')).find((b) => b.textContent === label);
  if (!button) throw new Error(`no ${label} button in ${document.body.innerHTML}`);
  button.click();
};

describe('the mock through the core SDK', () => {
  it('auth codes: 64 letters and digits, distinct, via withAuthCode too', async () => {
    const { gp } = setup();
    const a = await gp.getAuthCode();
    const b = await gp.withAuthCode((code) => code);
    expect(a.code).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(b).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(b).not.toBe(a.code);
  });

  it('location needs consent: PERMISSION_DENIED, then getConsent, then coordinates', async () => {
    const { gp } = setup();
    const error = await gp.getLocation().catch((e) => e);
    expect(isGoPayError(error, 'PERMISSION_DENIED')).toBe(true);
    expect(error.message).toContain("getConsent('location')");
    await expect(gp.getConsent('location')).resolves.toEqual({ granted: true, successScope: { location: true } });
    await expect(gp.getLocation()).resolves.toEqual({ coords: expect.objectContaining({ latitude: expect.any(Number) }) });
  });

  it('a refused consent resolves granted: false', async () => {
    const { gp } = setup({ authorize: 'deny' });
    await expect(gp.getConsent('camera')).resolves.toEqual({ granted: false, successScope: { camera: false } });
  });

  it.each(['success', 'failed', 'pending', 'cancelled'] as const)('payment status %s from a webRedirectUrl', async (paymentStatus) => {
    const { gp, bridge } = setup({ paymentStatus });
    await expect(gp.launchPayment('https://gopay.co.id/app/merchanttransfer?tref=T1&amount=5000')).resolves.toEqual({
      status: paymentStatus,
    });
    expect(bridge.calls[0]!.params).toEqual({ deeplink: 'gopay://merchanttransfer?tref=T1&amount=5000' });
  });

  it('typed errors for the scenarios', async () => {
    await expect(setup({ scenario: 'offline' }).gp.getLocale()).rejects.toMatchObject({ code: 'NETWORK', bridgeCode: '401' });
    await expect(setup({ scenario: 'not-registered' }).gp.getAuthCode()).rejects.toMatchObject({ code: 'NOT_REGISTERED' });
    await expect(setup().gp.trackEvent('e', { page_name: 'p' })).resolves.toBeUndefined();
    await expect(setup().gp.call('GPAnalytics', 'trackEvent', { eventName: 'e', metaData: {} })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      bridgeCode: 'GP_PARAM_ERR',
    });
  });

  it('watchCompass delivers readings until stopped', async () => {
    vi.useFakeTimers();
    const { gp } = setup({ seed: 3 });
    const readings: { direction: number }[] = [];
    const stop = await gp.watchCompass((r) => readings.push(r), { interval: 'ui' });
    await vi.advanceTimersByTimeAsync(600);
    expect(readings).toHaveLength(10);
    await stop();
    await vi.advanceTimersByTimeAsync(600);
    expect(readings).toHaveLength(10);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it('getLocale reads an app_locale answered beside data with envelope()', async () => {
    const { gp, bridge } = setup();
    bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }));
    await expect(gp.getLocale()).resolves.toBe('id_ID');
  });

  it('saveFile resolves with the mock saveSuccess event', async () => {
    await expect(setup().gp.saveFile({ url: 'https://x.test/a.pdf' })).resolves.toEqual({ msg: 'SAVE_SUCCESS' });
  });
});

describe('the panel (ui: true)', () => {
  it('a consent sheet waits for Allow or Deny', async () => {
    const { gp } = setup({ ui: true });
    expect(document.querySelector('.gpmock-bar')).not.toBeNull();
    const asking = gp.getConsent('location');
    await click('Deny');
    await expect(asking).resolves.toMatchObject({ granted: false });
    const again = gp.getConsent('location');
    await click('Allow');
    await expect(again).resolves.toMatchObject({ granted: true });
    await expect(gp.getLocation()).resolves.toHaveProperty('coords');
    expect(document.querySelector('.gpmock-sheet')).toBeNull();
  });

  it('the first button of a sheet is primary, the others secondary (by class, not by position)', async () => {
    const { gp } = setup({ ui: true });
    const asking = gp.getConsent('camera');
    for (let i = 0; i < 20 && !document.querySelector('.gpmock-sheet'); i++) await new Promise((r) => setTimeout(r, 0));
    const classes = Array.from(document.querySelectorAll('.gpmock-sheet button')).map((b) => [b.textContent, b.className]);
    expect(classes).toEqual([
      ['Allow', 'gpmock-primary'],
      ['Deny', 'gpmock-secondary'],
    ]);
    expect(document.querySelector('style')!.textContent).toContain('.gpmock-sheet .gpmock-secondary{');
    await click('Deny');
    await asking;
  });

  it('created before <body> exists (a <script> in <head>), it shows itself on DOMContentLoaded', async () => {
    const body = document.body;
    body.remove();
    expect(document.body).toBeNull();
    try {
      const { bridge } = setup({ ui: true });
      const toasted = new Promise((resolve) => bridge.call('GPUIToast', 'toast', { message: 'early', duration: 1000 }, resolve, resolve));
      const asked = new Promise<unknown>((resolve) => bridge.call('GP', 'authorize', { scope: 'location' }, resolve, resolve));
      await toasted;
      expect(document.querySelector('.gpmock-bar')).toBeNull();
      document.documentElement.append(body);
      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect(document.body.querySelector('.gpmock-bar')).not.toBeNull();
      expect(document.body.querySelector('.gpmock-toast')!.textContent).toBe('early');
      await click('Allow');
      await expect(asked).resolves.toMatchObject({ data: { successScope: { location: true } } });
    } finally {
      if (!document.body) document.documentElement.append(body);
    }
  });

  it.each([
    ['Pay → success', 'success'],
    ['Cancel → failed', 'failed'],
    ['Go back → cancelled', 'cancelled'],
    ['Processing error → pending', 'pending'],
  ])('the payment sheet: %s', async (label, status) => {
    const { gp } = setup({ ui: true });
    const paying = gp.launchPayment('gopay://merchanttransfer?tref=9');
    await click(label);
    await expect(paying).resolves.toEqual({ status });
  });

  it('logs calls with secrets redacted, shows toasts, and destroy() removes it all', async () => {
    vi.useFakeTimers();
    const { gp, bridge } = setup({ ui: true });
    await gp.call('X', 'y', { authCode: 'SECRET-CODE', n: 1 }).catch(() => {});
    await gp.toast('Saved!', 1);
    const log = document.querySelector('.gpmock-log')!.textContent!;
    expect(log).toContain('X.y');
    expect(log).not.toContain('SECRET-CODE');
    expect(document.querySelector('.gpmock-toast')!.textContent).toBe('Saved!');
    await vi.advanceTimersByTimeAsync(1000);
    expect(document.querySelector('.gpmock-toast')).toBeNull();
    bridge.destroy();
    expect(document.querySelector('.gpmock-bar')).toBeNull();
    vi.useRealTimers();
  });
});
