import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { failWith, fakeBridge, ok, okTop, type Answer } from './fake-bridge';

afterEach(() => {
  delete (window as { gpContainer?: unknown }).gpContainer;
});

// [method, args, className, methodName, params sent, answer, resolved value] — from the samples in GoPay's bridge documentation.
const cases: [string, unknown[], string, string, Record<string, unknown>, Answer, unknown][] = [
  [
    'getAuthCode',
    [],
    'GPMiniAppAuth',
    'getAuthCode',
    {},
    ok({ authCode: 'a'.repeat(64) }),
    expect.objectContaining({ code: 'a'.repeat(64) }),
  ],
  [
    'getLocation',
    [],
    'GPLocation',
    'getLocation',
    {},
    ok({ coords: { latitude: -6.2, longitude: 106.8, time: 1 } }),
    { coords: { latitude: -6.2, longitude: 106.8, time: 1 } },
  ],
  [
    'getLocation',
    [{ enable_high_accuracy: true }],
    'GPLocation',
    'getLocation',
    { enable_high_accuracy: true },
    ok({ coords: { latitude: 1, longitude: 2 } }),
    { coords: { latitude: 1, longitude: 2 } },
  ],
  [
    'getSystemInfo',
    [],
    'GPSystem',
    'getSystemInfo',
    {},
    ok({ platform: 'android', brand: 'x', is_emulator: false }),
    { platform: 'android', brand: 'x', is_emulator: false },
  ],
  ['getRootedDeviceInfo', [], 'GPSystem', 'getRootedDeviceInfo', {}, ok({ is_rooted: 'false' }), { is_rooted: 'false' }],
  ['getWifiInfo', [], 'GPSystem', 'getWifiInfo', {}, ok({ wifi_bssid: 'b', wifi_ssid: 's' }), { wifi_bssid: 'b', wifi_ssid: 's' }],
  [
    'getConsent',
    ['location'],
    'GP',
    'authorize',
    { scope: 'location' },
    ok({ successScope: { location: true } }),
    { granted: true, successScope: { location: true } },
  ],
  [
    'getConsent',
    ['camera'],
    'GP',
    'authorize',
    { scope: 'camera' },
    okTop({ successScope: { camera: 'true' } }),
    { granted: true, successScope: { camera: true } },
  ],
  [
    'getConsent',
    ['location'],
    'GP',
    'authorize',
    { scope: 'location' },
    ok({ successScope: { location: false } }),
    { granted: false, successScope: { location: false } },
  ],
  [
    'getConsent',
    ['location'],
    'GP',
    'authorize',
    { scope: 'location' },
    failWith('300', 'Permission denied'),
    { granted: false, successScope: { location: false } },
  ],
  [
    'takePhoto',
    [{ mode: 'camera', needBase64: true }],
    'GPCamera',
    'takePhoto',
    { mode: 'camera', needBase64: true },
    (s) => s({ success: true, ret: 'GP_SUCCESS', callbackId: 3, data: { localPath: '/p.jpg', base64Data: 'AAA' } }),
    { localPath: '/p.jpg', base64Data: 'AAA' },
  ],
  [
    'takePhoto',
    [{ mode: 'photo' }],
    'GPCamera',
    'takePhoto',
    { mode: 'photo' },
    okTop({ localPath: '/q.jpg', callbackId: 4 }),
    { localPath: '/q.jpg' },
  ],
  [
    'launchPayment',
    ['gopay://merchanttransfer?tref=1'],
    'GP',
    'launchPayment',
    { deeplink: 'gopay://merchanttransfer?tref=1' },
    ok({ status: 'pending' }),
    { status: 'pending' },
  ],
  [
    'launchPayment',
    ['https://gopay.co.id/app/merchanttransfer?tref=A%20B&amount=10'],
    'GP',
    'launchPayment',
    { deeplink: 'gopay://merchanttransfer?tref=A%20B&amount=10' },
    ok({ status: 'success' }),
    { status: 'success' },
  ],
  ['getBankAccountToken', [], 'GP', 'getBankAccountToken', {}, ok({ token: 't0k' }), { token: 't0k' }],
  ['launchDeeplink', ['gopay://home'], 'GPNavigator', 'launchDeeplink', { deeplink: 'gopay://home' }, ok(), undefined],
  ['launchUri', ['https://example.com/x'], 'GPNavigator', 'launchUri', { uri: 'https://example.com/x' }, ok(), undefined],
  ['getLocale', [], 'GPBase', 'getLocale', {}, okTop({ app_locale: 'id_ID' }), 'id_ID'],
  ['getLocale', [], 'GPBase', 'getLocale', {}, ok({ app_locale: 'en_ID' }), 'en_ID'],
  ['copyToClipboard', ['hello'], 'GPBase', 'copyToClipboard', { text: 'hello' }, ok(), undefined],
  ['share', ['look'], 'GPShare', 'share', { text: 'look' }, ok(), undefined],
  ['vibrate', [200], 'GPMotion', 'vibrate', { duration: 200 }, ok(), undefined],
  ['toast', ['Saved', 2000], 'GPUIToast', 'toast', { message: 'Saved', duration: 2000 }, ok(), undefined],
  ['toast', ['Saved'], 'GPUIToast', 'toast', { message: 'Saved' }, ok(), undefined],
  [
    'setNavigationBar',
    [{ title: 'Shop', titleColor: '#112233FF', hideBackButton: false }],
    'GPNavigationBar',
    'update',
    { title: 'Shop', titleColor: '#112233FF', hideBackButton: 'false' },
    ok(),
    undefined,
  ],
  [
    'trackEvent',
    ['checkout', { page_name: 'cart' }],
    'GPAnalytics',
    'trackEvent',
    { eventName: 'checkout', metaData: { page_name: 'cart' } },
    okTop({ callbackId: 9 }),
    undefined,
  ],
];

describe('every documented JSAPI', () => {
  it.each(cases)('%s(%j) sends %s.%s', async (method, args, className, methodName, params, answer, expected) => {
    const bridge = fakeBridge({ [`${className}.${methodName}`]: answer });
    const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await expect(gp[method]!(...args)).resolves.toEqual(expected);
    expect(bridge.calls.map(({ timeout: _t, ...call }) => call)).toEqual([{ className, methodName, params }]);
  });

  it('falls back to GPConsent.getUserConsent when GP.authorize answers 100, sending consent_name too', async () => {
    const bridge = fakeBridge({
      'GP.authorize': failWith('100', 'not supported'),
      'GPConsent.getUserConsent': ok({ successScope: { location: true } }),
    });
    await expect(createGoPay({ bridge }).getConsent('location')).resolves.toEqual({ granted: true, successScope: { location: true } });
    expect(bridge.calls.map(({ className, methodName, params }) => [`${className}.${methodName}`, params])).toEqual([
      ['GP.authorize', { scope: 'location' }],
      ['GPConsent.getUserConsent', { scope: 'location', consent_name: 'location' }],
    ]);
  });

  it.each([
    [ok({ consent_name: 'camera', has_consent: true }), true],
    [okTop({ consent_name: 'camera', has_consent: 'true' }), true],
    [ok({ consent_name: 'camera', has_consent: false }), false],
    [ok({ consent_name: 'location', has_consent: true }), false],
  ])('reads the older { consent_name, has_consent } answer (%#)', async (answer, granted) => {
    const bridge = fakeBridge({ 'GP.authorize': failWith('100'), 'GPConsent.getUserConsent': answer });
    const result = await createGoPay({ bridge }).getConsent('camera');
    expect(result.granted).toBe(granted);
  });

  it('a refused consent (300) on either way is granted: false', async () => {
    const bridge = fakeBridge({ 'GP.authorize': failWith('100'), 'GPConsent.getUserConsent': failWith('300') });
    await expect(createGoPay({ bridge }).getConsent('camera')).resolves.toEqual({ granted: false, successScope: { camera: false } });
  });

  it('call() resolves with data, else with the envelope minus success/ret', async () => {
    const bridge = fakeBridge({ 'A.withData': ok({ x: 1 }), 'A.top': okTop({ msg: 'COMPASS_STARTED', callbackId: 2 }) });
    const gp = createGoPay({ bridge });
    await expect(gp.call('A', 'withData', { p: 1 })).resolves.toEqual({ x: 1 });
    await expect(gp.call('A', 'top')).resolves.toEqual({ msg: 'COMPASS_STARTED', callbackId: 2 });
    expect(bridge.calls[0]!.params).toEqual({ p: 1 });
    expect(bridge.calls[1]!.params).toEqual({});
  });

  it('passes the timeout to the bridge in ms, and none for interactive calls', async () => {
    const bridge = fakeBridge({}, ok({ status: 'success', x: 1 }));
    const gp = createGoPay({ bridge, timeout: 1234 });
    await gp.call('A', 'b');
    await gp.launchPayment('gopay://merchanttransfer?x=1');
    expect(bridge.calls.map((c) => c.timeout)).toEqual([1234, undefined]);
  });

  it.each([
    ['app_locale at the top level', okTop({ app_locale: 'id_ID' })],
    ['appLocale at the top level', okTop({ appLocale: 'id_ID' })],
    ['app_locale in data', ok({ app_locale: 'id_ID' })],
    ['appLocale in data', ok({ appLocale: 'id_ID' })],
    ['data as JSON text', ok('{"app_locale":"id_ID"}')],
  ])('getLocale reads %s', async (_where, answer) => {
    await expect(createGoPay({ bridge: fakeBridge({}, answer) }).getLocale()).resolves.toBe('id_ID');
  });

  it.each([
    ['getLocale', [], ok({}), 'app_locale'],
    ['getLocale', [], okTop({ app_locale: '' }), 'app_locale'],
    ['getLocation', [], ok({ latitude: 1 }), 'coords'],
    ['getBankAccountToken', [], ok({}), 'token'],
    ['getBankAccountToken', [], okTop({ token: null }), 'token'],
  ])('%s rejects an answer without its field', async (method, args, answer, field) => {
    const gp = createGoPay({ bridge: fakeBridge({}, answer) }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const error = await gp[method]!(...args).catch((e) => e);
    expect(error).toMatchObject({ name: 'GoPayBridgeError', code: 'UNKNOWN', methodName: method });
    expect(error.message).toContain(`answered without ${field}`);
  });

  it('a field inherited from Object.prototype is not an answer', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.token = 'polluted';
    proto.app_locale = 'polluted';
    try {
      const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
      await expect(gp.getBankAccountToken()).rejects.toMatchObject({ code: 'UNKNOWN' });
      await expect(gp.getLocale()).rejects.toMatchObject({ code: 'UNKNOWN' });
    } finally {
      delete proto.token;
      delete proto.app_locale;
    }
  });

  it('launchDeeplink and launchUri leave the mini app: no default timeout', async () => {
    vi.useFakeTimers();
    const bridge = fakeBridge();
    const gp = createGoPay({ bridge });
    let settled = false;
    void Promise.all([gp.launchDeeplink('gojek://home'), gp.launchUri('https://x.test')]).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    expect(bridge.calls.map((c) => c.timeout)).toEqual([undefined, undefined]);
    vi.useRealTimers();
  });

  it('launchPayment rejects an answer without a status', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
    await expect(gp.launchPayment('gopay://merchanttransfer?x=1')).rejects.toMatchObject({ code: 'UNKNOWN', methodName: 'launchPayment' });
  });
});

describe('saveFile', () => {
  const fire = (name: string, detail: unknown) => document.dispatchEvent(new CustomEvent(name, { detail }));

  it('resolves on GPFile.Event.saveSuccess and detaches its listeners', async () => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const saving = gp.saveFile({ url: 'https://x.test/a.pdf', name: 'a.pdf', destination: 'DOWNLOADS' });
    await Promise.resolve();
    expect(bridge.calls[0]).toMatchObject({
      className: 'GPFile',
      methodName: 'save',
      params: { url: 'https://x.test/a.pdf', name: 'a.pdf', destination: 'DOWNLOADS' },
    });
    fire('GPFile.Event.saveSuccess', { msg: 'SAVED' });
    await expect(saving).resolves.toEqual({ msg: 'SAVED' });
    const after: unknown[] = [];
    gp.on('GPFile.Event.saveSuccess', (p) => after.push(p));
    fire('GPFile.Event.saveSuccess', { msg: 'again' });
    expect(after).toEqual([{ msg: 'again' }]);
  });

  it('rejects on GPFile.Event.saveFailed with a GoPayBridgeError', async () => {
    const gp = createGoPay({ bridge: fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) }) });
    const saving = gp.saveFile({ url: 'https://x.test/a.pdf' });
    await Promise.resolve();
    fire('GPFile.Event.saveFailed', { msg: 'disk full' });
    await expect(saving).rejects.toMatchObject({
      name: 'GoPayBridgeError',
      className: 'GPFile',
      methodName: 'save',
      response: { msg: 'disk full' },
    });
  });

  it("saves run one at a time: a second save is sent only once the first settled (GoPay's save events carry no id)", async () => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const first = gp.saveFile({ url: 'https://x.test/1.pdf' });
    const second = gp.saveFile({ url: 'https://x.test/2.pdf' });
    const third = gp.saveFile({ url: 'https://x.test/3.pdf' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf']);
    fire('GPFile.Event.saveFailed', { msg: 'one' });
    await expect(first).rejects.toMatchObject({ response: { msg: 'one' } });
    await new Promise((resolve) => setTimeout(resolve));
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf', 'https://x.test/2.pdf']);
    fire('GPFile.Event.saveSuccess', { msg: 'two' });
    await expect(second).resolves.toEqual({ msg: 'two' });
    await new Promise((resolve) => setTimeout(resolve));
    fire('GPFile.Event.saveSuccess', { msg: 'three' });
    await expect(third).resolves.toEqual({ msg: 'three' });
  });

  it('a queued save gives up on its own signal without ending the save before it', async () => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const first = gp.saveFile({ url: 'https://x.test/1.pdf' });
    const controller = new AbortController();
    const second = gp.saveFile({ url: 'https://x.test/2.pdf' }, { signal: controller.signal }).catch((e) => e);
    const third = gp.saveFile({ url: 'https://x.test/3.pdf' });
    controller.abort();
    expect(await second).toMatchObject({ code: 'ABORTED' });
    await new Promise((resolve) => setTimeout(resolve));
    // The third still waits for the first.
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf']);
    fire('GPFile.Event.saveSuccess', { msg: 'one' });
    await first;
    await new Promise((resolve) => setTimeout(resolve));
    fire('GPFile.Event.saveSuccess', { msg: 'three' });
    await expect(third).resolves.toEqual({ msg: 'three' });
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf', 'https://x.test/3.pdf']);
  });

  it('a queued save that times out is never sent, names GPFile.save, and leaves no listener behind', async () => {
    const add = vi.spyOn(document, 'addEventListener');
    const remove = vi.spyOn(document, 'removeEventListener');
    const saveEvents = (spy: typeof add) => spy.mock.calls.filter(([name]) => String(name).startsWith('GPFile.Event.save')).length;
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const first = gp.saveFile({ url: 'https://x.test/1.pdf' });
    const second = gp.saveFile({ url: 'https://x.test/2.pdf' }, { timeout: 5 }).catch((e) => e);
    expect(await second).toMatchObject({ code: 'TIMEOUT', className: 'GPFile', methodName: 'save', timeout: 5 });
    fire('GPFile.Event.saveSuccess', { msg: 'one' });
    await first;
    await new Promise((resolve) => setTimeout(resolve));
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf']);
    expect(saveEvents(add)).toBeGreaterThan(0);
    expect(saveEvents(remove)).toBe(saveEvents(add));
  });

  it('a save whose caller aborts as the one before it settles is not sent', async () => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const controller = new AbortController();
    const first = gp.saveFile({ url: 'https://x.test/1.pdf' });
    // Runs after the queue moved on and before the aborted save's own clean-up.
    void first.then(() => controller.abort());
    const second = gp.saveFile({ url: 'https://x.test/2.pdf' }, { signal: controller.signal }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve));
    fire('GPFile.Event.saveSuccess', { msg: 'one' });
    expect(await second).toMatchObject({ code: 'ABORTED', className: 'GPFile', methodName: 'save' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(bridge.calls.map((c) => c.params.url)).toEqual(['https://x.test/1.pdf']);
  });

  it('once the queue has drained, a save is sent at once; a save asked for while another runs waits for it', async () => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const gp = createGoPay({ bridge });
    const urls = () => bridge.calls.map((c) => c.params.url);
    const first = gp.saveFile({ url: 'https://x.test/1.pdf' });
    const second = gp.saveFile({ url: 'https://x.test/2.pdf' });
    fire('GPFile.Event.saveSuccess', { msg: 'one' });
    await first;
    await new Promise((resolve) => setTimeout(resolve));
    expect(urls()).toEqual(['https://x.test/1.pdf', 'https://x.test/2.pdf']);
    // Asked for after the first settled, while the second runs.
    const third = gp.saveFile({ url: 'https://x.test/3.pdf' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(urls()).toHaveLength(2);
    fire('GPFile.Event.saveSuccess', { msg: 'two' });
    await second;
    await new Promise((resolve) => setTimeout(resolve));
    fire('GPFile.Event.saveSuccess', { msg: 'three' });
    await third;
    await new Promise((resolve) => setTimeout(resolve));
    const fourth = gp.saveFile({ url: 'https://x.test/4.pdf' });
    expect(urls()).toEqual(['https://x.test/1.pdf', 'https://x.test/2.pdf', 'https://x.test/3.pdf', 'https://x.test/4.pdf']);
    fire('GPFile.Event.saveSuccess', { msg: 'four' });
    await expect(fourth).resolves.toEqual({ msg: 'four' });
  });

  it('rejects when the bridge refuses to start the save', async () => {
    const gp = createGoPay({ bridge: fakeBridge({ 'GPFile.save': failWith('400') }) });
    await expect(gp.saveFile({ url: 'https://x.test/a.pdf' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
