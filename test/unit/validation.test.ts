// Arguments: every one checked before the bridge is called, refused with a message that names the field, what it
// must be and what it got; and the params the typed methods send.
import { describe, expect, it } from 'vitest';
import { createGoPay, GoPayValidationError, toPaymentDeeplink } from '../../src/core/index';
import { fakeBridge, ok, okTop } from './fake-bridge';

// [method, args, the field the message must name]
const bad: [string, unknown[], string][] = [
  ['call', ['', 'x'], 'className'],
  ['call', ['A', 7], 'methodName'],
  ['call', ['A', 'b', 'params'], 'params'],
  ['call', ['A', 'b', {}, 'opts'], 'opts'],
  ['getLocation', [{ enable_high_accuracy: 'yes' }], 'enable_high_accuracy'],
  ['getConsent', [''], 'scope'],
  ['takePhoto', [{ mode: 'video' }], 'mode'],
  ['takePhoto', [], 'takePhoto(params)'],
  ['launchPayment', [''], 'deeplink'],
  ['launchPayment', [undefined], 'deeplink'],
  ['launchPayment', ['http://gopay.co.id/app/merchanttransfer?tref=1'], 'deeplink'],
  ['launchPayment', ['javascript:alert(1)'], 'deeplink'],
  ['launchPayment', ['https://gopay.co.id/app/merchanttransfer'], 'webRedirectUrl'],
  ['launchDeeplink', [''], 'deeplink'],
  ['launchDeeplink', [' javascript:alert(1)'], 'deeplink'],
  ['launchUri', ['JavaScript:alert(1)'], 'uri'],
  ['launchUri', ['data:text/html,<b>x</b>'], 'uri'],
  ['launchUri', ['no-scheme'], 'uri'],
  ['copyToClipboard', [42], 'text'],
  ['share', [''], 'text'],
  ['vibrate', [-1], 'vibrate(ms)'],
  ['vibrate', [Number.NaN], 'vibrate(ms)'],
  ['toast', ['', 10], 'message'],
  ['toast', ['hi', -5], 'duration'],
  ['setNavigationBar', [{ titleColor: 'red' }], 'titleColor'],
  ['setNavigationBar', [{ backgroundColor: '#12345' }], 'backgroundColor'],
  ['setNavigationBar', [null], 'setNavigationBar(params)'],
  ['saveFile', [{ url: 'javascript:x' }], 'url'],
  ['saveFile', [{ url: 'https://x.test/a', destination: 'DESKTOP' }], 'destination'],
  ['trackEvent', ['', { a: 1 }], 'eventName'],
  ['trackEvent', ['e', {}], 'metaData'],
  ['trackEvent', ['e'], 'metaData'],
  ['watchCompass', ['not a function'], 'listener'],
  ['watchCompass', [() => {}, { interval: 'fast' }], 'interval'],
  ['watchShake', [() => {}, { shakeNum: -1 }], 'shakeNum'],
  ['watchGyro', [() => {}, null], 'opts'],
  ['watchGyro', [() => {}, { frequency: 0 }], 'frequency'],
  ['getSystemInfo', [null], 'opts'],
  ['toast', ['hi', 10, 'fast'], 'opts'],
  ['withAuthCode', ['fn'], 'withAuthCode(fn)'],
  ['getLocale', [{ timeout: 0 }], 'timeout'],
  ['getLocale', [{ timeout: -1 }], 'timeout'],
  ['getLocale', [{ timeout: Number.NaN }], 'timeout'],
  ['getLocale', [{ timeout: 'x' }], 'timeout'],
  ['getLocale', [{ timeout: 2 ** 31 }], 'timeout'],
];

describe('arguments are checked before the bridge is called', () => {
  it.each(bad)('%s(%j) rejects naming %s', async (method, args, field) => {
    const bridge = fakeBridge({}, ok({ status: 'success', authCode: 'c' }));
    const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    let result: Promise<unknown> | undefined;
    expect(() => (result = gp[method]!(...args))).not.toThrow();
    const error = await result!.catch((e) => e);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(field);
    expect(bridge.calls).toHaveLength(0);
  });
});

describe('toPaymentDeeplink', () => {
  it.each([
    ['https://gopay.co.id/app/merchanttransfer?tref=ABC&amount=1000', 'gopay://merchanttransfer?tref=ABC&amount=1000'],
    ['https://gopay.co.id/app/merchanttransfer?tref=A%2FB&x=%20#frag', 'gopay://merchanttransfer?tref=A%2FB&x=%20'],
    ['gopay://merchanttransfer?tref=1', 'gopay://merchanttransfer?tref=1'],
  ])('%s → %s', (url, deeplink) => expect(toPaymentDeeplink(url)).toBe(deeplink));

  it.each([['http://gopay.co.id/a?b=1'], ['https://gopay.co.id/a'], [''], [undefined], ['gopay://home?x=1']])('rejects %j', (url) => {
    expect(() => toPaymentDeeplink(url as string)).toThrow(GoPayValidationError);
  });
});

// Every rejection is a GoPayError: arguments of any type, including Symbols, null-prototype objects and throwing
// getters, are refused with a GoPayValidationError before the bridge is called.
describe('hostile arguments', () => {
  const sym = Symbol('x');
  const bare = Object.create(null) as Record<string, unknown>;
  const throwing = {
    get mode(): string {
      throw new TypeError('getter');
    },
    get url(): string {
      throw new TypeError('getter');
    },
  };
  it.each([
    ['launchPayment(sym)', 'launchPayment', [sym]],
    ['launchPayment(bare)', 'launchPayment', [bare]],
    ['launchDeeplink(sym)', 'launchDeeplink', [sym]],
    ['launchUri(bare)', 'launchUri', [bare]],
    ['setNavigationBar({ titleColor: sym })', 'setNavigationBar', [{ titleColor: sym }]],
    ['setNavigationBar({ backgroundColor: bare })', 'setNavigationBar', [{ backgroundColor: bare }]],
    ['setNavigationBar({ titleColor: 7 })', 'setNavigationBar', [{ titleColor: 7 }]],
    ['takePhoto({ mode: sym })', 'takePhoto', [{ mode: sym }]],
    ['takePhoto(throwing)', 'takePhoto', [throwing]],
    ['getLocation({ enable_high_accuracy: sym })', 'getLocation', [{ enable_high_accuracy: sym }]],
    ['copyToClipboard(bare)', 'copyToClipboard', [bare]],
    ['share(sym)', 'share', [sym]],
    ['vibrate(sym)', 'vibrate', [sym]],
    ['toast(sym, sym)', 'toast', [sym, sym]],
    ['trackEvent(sym, bare)', 'trackEvent', [sym, bare]],
    ['getConsent(sym)', 'getConsent', [sym]],
    ['call(sym, b)', 'call', [sym, 'b']],
    ['call(A, b, sym)', 'call', ['A', 'b', sym]],
    ['saveFile({ url: sym })', 'saveFile', [{ url: sym }]],
    ['saveFile(throwing)', 'saveFile', [throwing]],
    ['watchCompass(() => {}, { interval: sym })', 'watchCompass', [() => {}, { interval: sym }]],
    ['watchShake(() => {}, { shakeNum: sym })', 'watchShake', [() => {}, { shakeNum: sym }]],
    ['withAuthCode(sym)', 'withAuthCode', [sym]],
    ['getSystemInfo(sym)', 'getSystemInfo', [sym]],
    ['getLocale({ timeout: sym })', 'getLocale', [{ timeout: sym }]],
  ])('%s rejects with a GoPayValidationError', async (_label, method, args) => {
    const bridge = fakeBridge({}, ok({ status: 'success', authCode: 'c', app_locale: 'en_ID' }));
    const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const error = await gp[method]!(...args).then(
      () => expect.fail('should reject'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GoPayValidationError);
    // The check itself refused the value, naming the field; only a getter that throws is caught by the safety net.
    if (!args.includes(throwing)) expect((error as Error).message).not.toContain('could not be read');
    expect(bridge.calls).toHaveLength(0);
  });

  it('on() with a Symbol or a null-prototype name throws a GoPayValidationError', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    expect(() => gp.on(Symbol('e') as never, () => {})).toThrow(GoPayValidationError);
    expect(() => gp.on(Object.create(null) as never, () => {})).toThrow(GoPayValidationError);
  });
});

type Client = Record<string, (...a: unknown[]) => Promise<unknown>>;
const client = () => {
  const bridge = fakeBridge({}, ok({ status: 'success', app_locale: 'en_ID' }));
  return { bridge, gp: createGoPay({ bridge }) as unknown as Client };
};
const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => expect.fail('should reject'),
    (e: unknown) => e as GoPayValidationError,
  );
  expect(error).toBeInstanceOf(GoPayValidationError);
  return error.message;
};

// A validation message says which field, what it must be, and what it got (strings quoted, other values as they print).
describe('validation messages: field, expectation, and the value received', () => {
  it.each([
    ['call', ['A', 'b', 7], 'params must be an object, got 7.'],
    ['getLocation', [null], 'getLocation(params) must be an object, got null.'],
    ['getLocation', [{ enable_high_accuracy: 'yes' }], 'enable_high_accuracy must be a boolean, got "yes".'],
    ['takePhoto', [{ mode: 'video' }], 'mode must be one of camera, photo, got "video".'],
    ['copyToClipboard', [42], 'text must be a string, got 42.'],
    ['share', ['   '], 'text must be a non-empty string, got "   ".'],
    ['toast', ['\n\t', 100], 'message must be a non-empty string, got "\\n\\t".'],
    ['vibrate', [-1], 'vibrate(ms) must be a number from 0 to 2147483647, got -1.'],
    ['vibrate', [Number.NaN], 'vibrate(ms) must be a number from 0 to 2147483647, got NaN.'],
    ['vibrate', ['200'], 'vibrate(ms) must be a number from 0 to 2147483647, got "200".'],
    ['getLocale', [{ timeout: 0 }], 'timeout must be a number from 1 to 2147483647, got 0.'],
    ['setNavigationBar', [{ titleColor: 'red' }], 'titleColor must be #RRGGBB or #RRGGBBAA, got "red".'],
    ['trackEvent', ['checkout', {}], 'metaData must be a non-empty object, got "{}".'],
    ['saveFile', [null], 'saveFile(params) must be an object, got null.'],
    [
      'saveFile',
      [{ url: 'https://x.test/a', destination: 'DESKTOP' }],
      'destination must be one of DOWNLOADS, DOCUMENTS, PICTURES, DCIM, got "DESKTOP".',
    ],
    ['watchCompass', [() => {}, { interval: 'fast' }], 'interval must be one of game, ui, normal, got "fast".'],
    ['watchCompass', ['not a function'], 'GPMotion.Event.compass listener must be a function, got "not a function".'],
    ['watchShake', [undefined], 'motion.shake listener must be a function, got undefined.'],
    ['watchGyro', [() => {}, { frequency: 0 }], 'frequency must be a number from 1 to 2147483647, got 0.'],
    ['watchShake', [() => {}, { frequency: 0 }], 'frequency must be a number from 1 to 2147483647, got 0.'],
    ['withAuthCode', ['fn'], 'withAuthCode(fn) must be a function, got "fn".'],
  ])('%s(%j): %s', async (method, args, message) => {
    const { gp, bridge } = client();
    expect(await rejection(gp[method]!(...args))).toBe(message);
    expect(bridge.calls).toHaveLength(0);
  });

  it('a non-string value prints as itself, not as JSON', async () => {
    const { gp } = client();
    expect(await rejection(gp.vibrate!({}))).toMatch(/got \[object Object\]\.$/);
    expect(await rejection(gp.copyToClipboard!(undefined))).toMatch(/got undefined\.$/);
  });

  it('a link names the schemes it refuses', async () => {
    const { gp } = client();
    const message = await rejection(gp.launchUri!('javascript:alert(1)'));
    expect(message).toContain('uri must be a link with a scheme, not javascript:, data:, vbscript:');
    expect(message).toContain('got "javascript:alert(1)"');
  });

  it('on() names the listener it needed', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    expect(() => gp.on('settle', 'nope' as never)).toThrow('on(event, listener) must be a function, got "nope".');
  });
});

describe('toPaymentDeeplink input', () => {
  it('names webRedirectUrl when it is not a string', () => {
    expect(() => toPaymentDeeplink(42 as never)).toThrow('webRedirectUrl must be a non-empty string, got 42.');
  });

  it('trims the link it returns', () => {
    expect(toPaymentDeeplink('  gopay://merchanttransfer?tref=1 ')).toBe('gopay://merchanttransfer?tref=1');
    expect(toPaymentDeeplink(' https://gopay.co.id/app/merchanttransfer?tref=2\n')).toBe('gopay://merchanttransfer?tref=2');
  });
});

describe('number boundaries', () => {
  it('2147483647 (the largest timer delay) is accepted; 2147483648 is not', async () => {
    const { gp, bridge } = client();
    await gp.vibrate!(2147483647);
    await gp.toast!('hi', 2147483647);
    await gp.getLocale!({ timeout: 2147483647 });
    expect(bridge.calls.map((c) => c.params)).toEqual([{ duration: 2147483647 }, { message: 'hi', duration: 2147483647 }, {}]);
    expect(bridge.calls[2]!.timeout).toBe(2147483647);
    await rejection(gp.vibrate!(2147483648));
    await rejection(gp.getLocale!({ timeout: 2147483648 }));
  });

  it('the minimum is included: vibrate(0), timeout 1, frequency 1, shakeThreshold and shakeNum 0', async () => {
    const { gp, bridge } = client();
    await gp.vibrate!(0);
    await gp.getLocale!({ timeout: 1 });
    await gp.watchGyro!(() => {}, { frequency: 1 });
    await gp.watchShake!(() => {}, { frequency: 1, shakeThreshold: 0, shakeNum: 0 });
    expect(bridge.calls.map((c) => c.params)).toEqual([
      { duration: 0 },
      {},
      { on: true, frequency: 1 },
      { on: true, frequency: 1, shakeThreshold: 0, shakeNum: 0 },
    ]);
  });
});

describe('links', () => {
  it.each([
    ['launchDeeplink', ' javascript:alert(1)'],
    ['launchDeeplink', '\n\tjavascript:alert(1)'],
    ['launchUri', 'VBScript:msgbox(1)'],
    ['launchUri', ' data:text/html,x'],
    ['launchUri', '/relative?next=https://x.test'],
    ['launchUri', 'see https://x.test'],
    ['launchDeeplink', '1gopay://home'],
  ])('%s refuses %j', async (method, link) => {
    const { gp, bridge } = client();
    expect(await rejection(gp[method]!(link))).toMatch(/^(deeplink|uri) must be a link/);
    expect(bridge.calls).toHaveLength(0);
  });

  it('a safe link may carry javascript: or data: further on, e.g. in its query', async () => {
    const { gp, bridge } = client();
    await gp.launchUri!('https://x.test/?next=javascript:void(0)&img=data:image/png');
    expect(bridge.calls[0]!.params).toEqual({ uri: 'https://x.test/?next=javascript:void(0)&img=data:image/png' });
  });

  it('surrounding whitespace is trimmed before the link is sent', async () => {
    const { gp, bridge } = client();
    await gp.launchDeeplink!('  gopay://home\n');
    await gp.launchUri!('\thttps://x.test/a ');
    expect(bridge.calls.map((c) => c.params)).toEqual([{ deeplink: 'gopay://home' }, { uri: 'https://x.test/a' }]);
  });
});

describe('launchPayment links', () => {
  it('an https webRedirectUrl with leading whitespace is still converted', async () => {
    const { gp, bridge } = client();
    await gp.launchPayment!('  https://gopay.co.id/app/merchanttransfer?tref=1');
    expect(bridge.calls[0]!.params).toEqual({ deeplink: 'gopay://merchanttransfer?tref=1' });
  });

  it('a gopay: deeplink carrying an https URL further on is sent as it is', async () => {
    const { gp, bridge } = client();
    await gp.launchPayment!('gopay://merchanttransfer?tref=1&return=https://shop.test/done');
    await gp.launchPayment!('gopay://promo?return=https://shop.test');
    expect(bridge.calls.map((c) => c.params)).toEqual([
      { deeplink: 'gopay://merchanttransfer?tref=1&return=https://shop.test/done' },
      { deeplink: 'gopay://promo?return=https://shop.test' },
    ]);
  });

  it('refuses a link whose scheme is not gopay:, even if it contains gopay: later', async () => {
    const { gp, bridge } = client();
    expect(await rejection(gp.launchPayment!('myapp://open?next=gopay://merchanttransfer?x=1'))).toContain('deeplink');
    expect(bridge.calls).toHaveLength(0);
  });

  it('launchPayment without a status names the call', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
    const error = await gp.launchPayment('gopay://merchanttransfer?x=1').catch((e) => e);
    expect(error).toMatchObject({ name: 'GoPayBridgeError', code: 'UNKNOWN', className: 'GP', methodName: 'launchPayment' });
    expect(error.message).toBe('GP.launchPayment failed: answered without status');
  });
});

describe('toPaymentDeeplink anchors', () => {
  it.each([
    ['x-gopay://merchanttransfer?tref=1'],
    ['http://x.test/?u=https://gopay.co.id/app/merchanttransfer?tref=1'],
    ['see https://gopay.co.id/app/merchanttransfer?tref=1'],
  ])('refuses %j', (url) => {
    expect(() => toPaymentDeeplink(url)).toThrow(GoPayValidationError);
    expect(() => toPaymentDeeplink(url)).toThrow('webRedirectUrl must be an https URL with a query');
  });

  it('takes only a string, not an object that prints as a link', () => {
    expect(() => toPaymentDeeplink(new URL('gopay://merchanttransfer?tref=1') as never)).toThrow(GoPayValidationError);
    expect(() => toPaymentDeeplink({ toString: () => 'gopay://merchanttransfer?tref=1' } as never)).toThrow(GoPayValidationError);
  });

  it('trims surrounding whitespace from an https URL', () => {
    expect(toPaymentDeeplink('\n https://gopay.co.id/app/merchanttransfer?tref=ABC ')).toBe('gopay://merchanttransfer?tref=ABC');
  });
});

describe('typed methods send exactly the documented params', () => {
  it.each([['#112233'], ['#AbCdEf'], ['#112233ff'], ['#11223344']])('setNavigationBar accepts the color %s', async (color) => {
    const { gp, bridge } = client();
    await gp.setNavigationBar!({ titleColor: color, backgroundColor: color });
    expect(bridge.calls[0]!.params).toEqual({ titleColor: color, backgroundColor: color });
  });

  it.each([['x#112233'], ['#112233 '], ['#1122334'], ['#112233GG'], ['#11223'], ['112233']])(
    'setNavigationBar refuses the color %j',
    async (color) => {
      const { gp } = client();
      expect(await rejection(gp.setNavigationBar!({ titleColor: color }))).toContain('titleColor must be #RRGGBB');
    },
  );

  it('setNavigationBar sends no hideBackButton unless given', async () => {
    const { gp, bridge } = client();
    await gp.setNavigationBar!({ title: 'Shop' });
    expect(bridge.calls[0]!.params).toStrictEqual({ title: 'Shop' });
  });

  it('takePhoto resolves with only the fields GoPay sent', async () => {
    const bridge = fakeBridge({}, okTop({ localPath: '/p.jpg' }));
    const gp = createGoPay({ bridge });
    expect(Object.keys(await gp.takePhoto({ mode: 'camera' }))).toEqual(['localPath']);
    bridge.answers['GPCamera.takePhoto'] = ok({ base64Data: 'AAA' });
    expect(Object.keys(await gp.takePhoto({ mode: 'photo', needBase64: true }))).toEqual(['base64Data']);
  });

  it.each([['DOWNLOADS'], ['DOCUMENTS'], ['PICTURES'], ['DCIM']])('saveFile accepts destination %s', async (destination) => {
    const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
    const saving = createGoPay({ bridge }).saveFile({ url: 'https://x.test/a.pdf', destination: destination as never });
    await Promise.resolve();
    expect(bridge.calls[0]!.params).toEqual({ url: 'https://x.test/a.pdf', destination });
    document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
    await expect(saving).resolves.toEqual({ msg: 'SAVED' });
  });

  it.each([['http://x.test/a.pdf'], ['blob:https://x.test/1'], ['data:application/pdf;base64,JVBERi0=']])(
    'saveFile accepts the url %s',
    async (url) => {
      const bridge = fakeBridge({ 'GPFile.save': okTop({ msg: 'SAVE_STARTED' }) });
      const saving = createGoPay({ bridge }).saveFile({ url });
      await Promise.resolve();
      expect(bridge.calls[0]!.params).toEqual({ url });
      document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
      await saving;
    },
  );

  it.each([['file:///x?https://x.test'], ['ftp://x.test/a'], ['javascript:https://x']])('saveFile refuses the url %j', async (url) => {
    const { gp, bridge } = client();
    expect(await rejection(gp.saveFile!({ url }))).toContain('url must be an http(s), blob: or data: link');
    expect(bridge.calls).toHaveLength(0);
  });

  it('watchCompass accepts every documented interval', async () => {
    const { gp, bridge } = client();
    for (const interval of ['game', 'ui', 'normal'])
      await ((await gp.watchCompass!(() => {}, { interval })) as unknown as () => Promise<void>)();
    expect(bridge.calls.filter((c) => c.methodName === 'startCompass').map((c) => c.params)).toEqual([
      { interval: 'game' },
      { interval: 'ui' },
      { interval: 'normal' },
    ]);
  });

  it('watchShake sends frequency, shakeThreshold and shakeNum', async () => {
    const { gp, bridge } = client();
    await gp.watchShake!(() => {}, { frequency: 20, shakeThreshold: 3.5, shakeNum: 2 });
    expect(bridge.calls[0]!.params).toEqual({ on: true, frequency: 20, shakeThreshold: 3.5, shakeNum: 2 });
  });
});
