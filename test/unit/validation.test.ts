import { describe, expect, it } from 'vitest';
import { createGoPay, GoPayValidationError, toPaymentDeeplink } from '../../src/index';
import { fakeBridge, ok } from './fake-bridge';

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

describe('createGoPay options', () => {
  it.each([
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: 'slow' }, 'timeout'],
    [{ loadTimeout: -1 }, 'loadTimeout'],
    [{ scriptUrl: '' }, 'scriptUrl'],
    [{ authCodeTtl: 0 }, 'authCodeTtl'],
    [{ authCodeMargin: -1 }, 'authCodeMargin'],
    [{ authCodeTtl: 1000, authCodeMargin: 1000 }, 'authCodeMargin'],
    [{ bridge: {} }, 'bridge'],
    [{ nonce: 3 }, 'nonce'],
    [{ timout: 5 }, 'timout'],
    ['fast', 'options'],
  ])('%j throws a GoPayValidationError naming %s', (options, field) => {
    expect(() => createGoPay(options as never)).toThrow(GoPayValidationError);
    expect(() => createGoPay(options as never)).toThrow(field);
  });

  it('the option messages say what the value must be', () => {
    expect(() => createGoPay({ authCodeTtl: 1000, authCodeMargin: 1000 })).toThrow(
      'authCodeMargin must be a number from 0 to 999, got 1000.',
    );
    expect(() => createGoPay({ bridge: {} as never })).toThrow('bridge must be an object with a call() method, got [object Object].');
    expect(() => createGoPay({ bridge: null as never })).toThrow(GoPayValidationError);
    expect(() => createGoPay({ bridge: null as never })).toThrow('bridge must be an object with a call() method, got null.');
    // A typo lists the options there are.
    expect(() => createGoPay({ timeOut: 5 } as never)).toThrow(
      'a createGoPay() option must be one of scriptUrl, loadTimeout, timeout, authCodeTtl, authCodeMargin, debug, bridge, nonce, got "timeOut".',
    );
  });

  it('accepts every documented option and undefined values', () => {
    expect(() =>
      createGoPay({
        scriptUrl: 'https://x.test/gp.js',
        bridge: fakeBridge(),
        loadTimeout: 1,
        timeout: false,
        nonce: 'abc',
        authCodeTtl: 360_000,
        authCodeMargin: 0,
        debug: () => {},
      }),
    ).not.toThrow();
    expect(() => createGoPay({ timeout: undefined, debug: undefined })).not.toThrow();
    expect(() => createGoPay()).not.toThrow();
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
