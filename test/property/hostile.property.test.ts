// Property tests, the attacker's view: random hostile bridges × random hostile arguments (Symbols, keys named after
// Object.prototype's members, wrong types, aborted or fake signals, null-prototype objects). Every promise settles
// once, with a value or a GoPayError; no rejection goes unhandled; no secret reaches an error, an event or debug.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, isGoPayError, type GoPay, type GpContainer } from '../../src/core/index';

const SECRET = 'SeCrEt' + 'x9'.repeat(20);
const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'] as const;

beforeEach(() => {
  // setImmediate stays real: it lets Node report unhandled rejections between runs.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** An object with these own enumerable fields, `__proto__` included (an object literal would set the prototype). */
const withOwn = (entries: [string, unknown][], bare = false): Record<string, unknown> => {
  const object: Record<string, unknown> = bare ? Object.create(null) : {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  return object;
};

const abortedSignal = () => {
  const controller = new AbortController();
  controller.abort('already');
  return controller.signal;
};

const leaf = fc.oneof(
  fc.constant(Symbol('hostile')),
  fc.constantFrom(...PROTO_NAMES),
  fc.constantFrom('', ' ', 'https://', 'javascript:alert(1)', 'gopay://merchanttransfer?x=1', 'https://x.test/a?b=1', '#112233', 'camera'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined, Number.NaN, -1, 0, 2 ** 31),
  fc.constant(() => 1),
);
const key = fc.oneof(
  fc.constantFrom(...PROTO_NAMES),
  fc.constantFrom('timeout', 'signal', 'mode', 'url', 'interval', 'frequency', 'isExpiredError', 'destination', 'titleColor', 'scope'),
  fc.string({ maxLength: 5 }),
);
const hostileObject = fc
  .tuple(
    fc.array(fc.tuple(key, fc.oneof(leaf, fc.constant(abortedSignal()), fc.constant({ aborted: true }))), { maxLength: 4 }),
    fc.boolean(),
  )
  .map(([entries, bare]) => withOwn(entries, bare));
const argument = fc.oneof(
  leaf,
  hostileObject,
  fc.constant(abortedSignal()),
  fc.constant({ signal: abortedSignal() }),
  fc.constant({ timeout: 5 }),
);

const METHODS = [
  'ready',
  'isInGoPay',
  'call',
  'getAuthCode',
  'withAuthCode',
  'getLocation',
  'getSystemInfo',
  'getConsent',
  'takePhoto',
  'launchPayment',
  'getBankAccountToken',
  'launchDeeplink',
  'launchUri',
  'getLocale',
  'copyToClipboard',
  'share',
  'vibrate',
  'toast',
  'setNavigationBar',
  'saveFile',
  'trackEvent',
  'watchCompass',
  'watchGyro',
  'watchShake',
] as const;

const INTERACTIVE: readonly string[] = [
  'getConsent',
  'takePhoto',
  'launchPayment',
  'getBankAccountToken',
  'share',
  'saveFile',
  'launchDeeplink',
  'launchUri',
];

// What a hostile bridge answers: secrets under their names, in objects, JSON text and text cut short; codes named
// after Object.prototype's members; 1003; malformed payloads.
const secretField = fc.constantFrom('authCode', 'token', 'base64Data', 'auth_code', 'accessToken');
const code = fc.oneof(fc.constantFrom(...PROTO_NAMES, '1003', '300', '100', '', 'GP_PARAM_ERR'), fc.integer({ min: 0, max: 1100 }));
const secretAnswer = fc
  .tuple(secretField, code, fc.constantFrom('object', 'json', 'cut', 'nested', 'message'), fc.boolean())
  .map(([field, errorCode, form, failed]) => {
    const data = { [field]: SECRET };
    const envelope = failed ? { success: false, error_code: errorCode, data } : { success: true, ret: 'GP_SUCCESS', data };
    switch (form) {
      case 'json':
        return JSON.stringify(envelope);
      case 'cut':
        return JSON.stringify(envelope).slice(0, -2);
      case 'nested':
        return { success: false, error: { code: errorCode, message: 'no' }, ...data };
      case 'message':
        return { success: false, error_code: errorCode, error_message: `bad ${field}=${SECRET}` };
      default:
        return envelope;
    }
  });
const payload = fc.oneof(
  secretAnswer,
  fc.record({ success: fc.constant(false), error_code: code, error_message: fc.string({ maxLength: 8 }) }),
  fc.record({ errorCode: code }),
  fc.constantFrom(null, undefined, 'text', 42, [], { success: true, ret: 'GP_SUCCESS', data: { app_locale: 'en_ID', status: 'success' } }),
  fc.constant(
    withOwn([
      ['__proto__', { success: false }],
      ['constructor', 'x'],
    ]),
  ),
);
const act = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    via: fc.constantFrom('ok' as const, 'fail' as const),
    payload,
    at: fc.nat({ max: 30 }),
  }),
  fc.record({ kind: fc.constant('microtask' as const), via: fc.constantFrom('ok' as const, 'fail' as const), payload }),
  fc.record({ kind: fc.constant('throw' as const), payload: fc.oneof(payload, fc.constant(new Error(`bad token=${SECRET}`))) }),
);

const hostileBridge = (behaviour: { kind: string; via?: string; payload: unknown; at?: number }[]): GpContainer => ({
  call(_c, _m, _p, ok, fail) {
    for (const step of behaviour) {
      if (step.kind === 'throw') throw step.payload;
      const callback = step.via === 'ok' ? ok : fail;
      if (step.kind === 'microtask') queueMicrotask(() => callback(step.payload));
      else if (step.at === 0) callback(step.payload);
      else setTimeout(() => callback(step.payload), step.at);
    }
  },
});

/** Every text that leaves the SDK besides a resolved value: the error's fields, and what events and debug saw. */
const exposed = (error: unknown, seen: unknown[]): string => {
  const e = error as { message?: unknown; response?: unknown; cause?: unknown } | undefined;
  const texts = [JSON.stringify(seen, (_k, v) => (typeof v === 'symbol' ? String(v) : v))];
  if (e && typeof e === 'object') {
    texts.push(String(e.message), JSON.stringify(error), JSON.stringify(e.response), String((e.cause as Error | undefined)?.message));
  }
  return texts.join('\n');
};

describe('hostile bridges × hostile arguments', () => {
  it('every promise settles once with a value or a GoPayError; nothing unhandled; no secret leaves', async () => {
    // happy-dom reports each script it refuses to load on the console.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(act, { maxLength: 3 }),
          fc.constantFrom(...METHODS),
          fc.array(argument, { maxLength: 4 }),
          // Without a bridge, GoPay's script is loaded, and fails to (happy-dom loads no files).
          fc.boolean(),
          async (behaviour, method, args, loadScript) => {
            const seen: unknown[] = [];
            const debug = (entry: unknown) => seen.push(entry);
            const gp = createGoPay(loadScript ? { debug } : { bridge: hostileBridge(behaviour), debug });
            gp.on('call', (e) => seen.push(e));
            gp.on('settle', (e) => seen.push(e));
            const outcomes: [string, unknown][] = [];
            let pending: unknown;
            try {
              pending = (gp as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
            } catch (thrown) {
              expect.fail(`${method} threw instead of rejecting: ${String(thrown)}`);
            }
            expect(pending).toBeInstanceOf(Promise);
            (pending as Promise<unknown>).then(
              (value) => outcomes.push(['ok', value]),
              (error) => outcomes.push(['error', error]),
            );
            await vi.advanceTimersByTimeAsync(60_000);
            // The user may take any time over an interactive call: a silent bridge rightly leaves it waiting.
            // So may a call whose options say `timeout: false`.
            const waitsForever = args.some(
              (a) => !!a && typeof a === 'object' && Object.getOwnPropertyDescriptor(a, 'timeout')?.value === false,
            );
            if (!outcomes.length && (INTERACTIVE.includes(method) || waitsForever)) return;
            expect(outcomes).toHaveLength(1);
            const [kind, value] = outcomes[0]!;
            if (kind === 'error') {
              expect(isGoPayError(value)).toBe(true);
              expect(exposed(value, seen)).not.toContain(SECRET);
            } else {
              expect(exposed(undefined, seen)).not.toContain(SECRET);
              if (method === 'isInGoPay') expect(typeof value).toBe('boolean');
            }
            // A late answer changes nothing.
            await vi.advanceTimersByTimeAsync(100);
            expect(outcomes).toHaveLength(1);
            await new Promise((resolve) => setImmediate(resolve));
            document.querySelectorAll('script').forEach((script) => script.remove());
          },
        ),
        { numRuns: Number(process.env.HOSTILE_RUNS) || 300 },
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('on() with hostile names and listeners returns an unsubscribe or throws a GoPayError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(leaf, hostileObject, fc.constantFrom(...PROTO_NAMES.map((name) => `GP.${name}`))),
        fc.oneof(leaf, hostileObject),
        (event, listener) => {
          const gp: GoPay = createGoPay({ bridge: hostileBridge([]) });
          try {
            const off = gp.on(event as never, listener as never);
            expect(off).toBeTypeOf('function');
            off();
          } catch (error) {
            expect(isGoPayError(error, 'INVALID_ARGUMENT')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('createGoPay with hostile options returns a client or throws a GoPayValidationError', () => {
    const option = fc.tuple(
      fc.oneof(fc.constantFrom('scriptUrl', 'timeout', 'loadTimeout', 'debug', 'bridge', 'nonce', 'authCodeTtl', 'authCodeMargin'), key),
      fc.oneof(leaf, hostileObject),
    );
    fc.assert(
      fc.property(fc.array(option, { maxLength: 3 }), fc.boolean(), (entries, bare) => {
        try {
          expect(createGoPay(withOwn(entries, bare) as never)).toBeTypeOf('object');
        } catch (error) {
          expect(isGoPayError(error, 'INVALID_ARGUMENT')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
