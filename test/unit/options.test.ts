// createGoPay options and per-call options: own fields only, every wrong value a GoPayValidationError before the
// bridge or the loader runs, no name silently ignored (the robustness rules of docs/browser.md).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, GoPayValidationError } from '../../src/core/index';
import { fakeBridge, ok } from './fake-bridge';

const proto = Object.prototype as Record<string, unknown>;
afterEach(() => {
  for (const key of ['scriptUrl', 'timeout', 'signal', 'debug', 'interval', 'isExpiredError', 'enable_high_accuracy', 'mode'])
    delete proto[key];
  document.querySelectorAll('script').forEach((s) => s.remove());
});

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => expect.fail('should reject'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoPayValidationError);
  return error as GoPayValidationError;
};

describe('createGoPay options: the documented ones', () => {
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
    expect(() => createGoPay({ bridge: {} as never })).toThrow('bridge must be an object with call(), got [object Object].');
    expect(() => createGoPay({ bridge: null as never })).toThrow(GoPayValidationError);
    expect(() => createGoPay({ bridge: null as never })).toThrow('bridge must be an object with call(), got null.');
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

describe('createGoPay options', () => {
  it('a malformed scriptUrl is refused by createGoPay, before any script is loaded', () => {
    for (const scriptUrl of ['https://', 'http://', 'javascript:alert(1)']) {
      expect(() => createGoPay({ scriptUrl })).toThrow(GoPayValidationError);
      expect(() => createGoPay({ scriptUrl })).toThrow(`scriptUrl must be a URL, got ${JSON.stringify(scriptUrl)}.`);
    }
    expect(document.querySelectorAll('script')).toHaveLength(0);
    // A relative URL is the page's own: accepted.
    expect(() => createGoPay({ scriptUrl: '/vendor/gp-container.min.js' })).not.toThrow();
  });

  it.each([['false'], [1], [null], ['yes']])('debug: %j is refused: only a boolean or a function', (debug) => {
    expect(() => createGoPay({ debug: debug as never })).toThrow('debug must be a boolean or a function, got');
  });

  it('a scriptUrl inherited from Object.prototype is never used', async () => {
    proto.scriptUrl = 'https://evil.test/x.js';
    const append = vi.spyOn(document.head, 'appendChild');
    await createGoPay()
      .ready()
      .catch(() => {});
    expect(append.mock.calls.map(([node]) => (node as HTMLScriptElement).getAttribute('src'))).toEqual([
      'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js',
    ]);
  });

  it('an inherited debug or timeout is never used', async () => {
    proto.debug = 'on';
    proto.timeout = 'never';
    expect(() => createGoPay({ bridge: fakeBridge({}, ok({})) })).not.toThrow();
  });
});

describe('per-call options', () => {
  it.each([
    ['getLocale', [{ timout: 5 }]],
    ['call', ['A', 'b', {}, { signl: null }]],
    ['getAuthCode', [{ timeOut: 5 }]],
    ['withAuthCode', [() => 1, { isExpired: () => true }]],
    ['watchCompass', [() => {}, { frequency: 5 }]],
    ['watchGyro', [() => {}, { interval: 'ui' }]],
    ['saveFile', [{ url: 'https://x.test/a.pdf' }, { timeoutMs: 5 }]],
    ['getConsent', ['location', { retries: 1 }]],
  ])('%s refuses an unknown option name (%j)', async (method, args) => {
    const bridge = fakeBridge({}, ok({ authCode: 'c' }));
    const gp = createGoPay({ bridge }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const error = await rejection(gp[method]!(...args));
    expect(error.message).toMatch(/^(\S+: )?a per-call option must be one of timeout, signal/);
    expect(bridge.calls).toHaveLength(0);
  });

  it.each([[{}], ['signal'], [{ aborted: true }], [Symbol('signal')], [null]])(
    'a signal that is not an AbortSignal (%s) is refused',
    async (signal) => {
      const bridge = fakeBridge({}, ok({ app_locale: 'en_ID' }));
      const gp = createGoPay({ bridge });
      for (const call of [
        () => gp.getLocale({ signal: signal as never }),
        () => gp.call('A', 'b', {}, { signal: signal as never }),
        () => gp.withAuthCode(() => 1, { signal: signal as never }),
        () => gp.watchShake(() => {}, { signal: signal as never }),
        () => gp.saveFile({ url: 'https://x.test/a.pdf' }, { signal: signal as never }),
      ]) {
        expect((await rejection(call())).message).toContain('signal must be an AbortSignal');
      }
      expect(bridge.calls).toHaveLength(0);
    },
  );

  it('inherited timeout, signal and interval are never read', async () => {
    const aborted = new AbortController();
    aborted.abort();
    proto.signal = aborted.signal;
    proto.timeout = 1;
    proto.interval = 'game';
    const bridge = fakeBridge({}, ok({ app_locale: 'en_ID', msg: 'OK' }));
    const gp = createGoPay({ bridge });
    await expect(gp.getLocale({})).resolves.toBe('en_ID');
    await gp.watchCompass(() => {}, {});
    expect(bridge.calls.map((c) => [c.params, c.timeout])).toEqual([
      [{}, 10_000],
      [{}, 10_000],
    ]);
  });

  it('an isExpiredError that is not a function is refused before the bridge is called', async () => {
    const bridge = fakeBridge({}, ok({ authCode: 'c' }));
    const fn = () => 1;
    const error = await rejection(createGoPay({ bridge }).withAuthCode(fn, { isExpiredError: 5 as never }));
    expect(error.message).toContain('isExpiredError must be a function, got 5.');
    expect(bridge.calls).toHaveLength(0);
  });

  it('an inherited isExpiredError is never called', async () => {
    proto.isExpiredError = () => {
      throw new Error('inherited');
    };
    const gp = createGoPay({ bridge: fakeBridge({}, ok({ authCode: 'c' })) });
    await expect(gp.withAuthCode(() => Promise.reject(new Error('backend down')), {})).rejects.toThrow('backend down');
  });
});
