// Property tests: whatever the bridge does, every call settles exactly once, with a documented value or a GoPayError,
// and leaves no timer or listener behind.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, isGoPayError, type GpContainer } from '../../src/core/index';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const code = fc.oneof(
  fc.constantFrom('100', '105', '200', '201', '202', '203', '300', '303', '400', '401', '500', '503', '900', '', 'GP_PARAM_ERR'),
  fc.integer({ min: 0, max: 999 }),
);
const data = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const envelope = fc.oneof(
  data.map((d) => ({ success: true, ret: 'GP_SUCCESS', data: d })),
  data.map((d) => ({ success: true, ret: 'GP_SUCCESS', ...d })),
  fc.record({
    success: fc.constant(false),
    ret: fc.constantFrom('GP_EXCEPTION', ['GP_EXCEPTION']),
    error_type: fc.constant('JS_BRIDGE_ERROR'),
    error_code: code,
    error_message: fc.string(),
  }),
  fc.record({ callbackId: fc.nat(), ret: fc.constant('GP_PARAM_ERR'), errorCode: fc.constant('GP_PARAM_ERR'), errorMessage: fc.string() }),
  fc.record({ ret: fc.constantFrom(['HY_TIMEOUT'], 'GP_TIMEOUT') }),
);
const malformed = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 3 }),
  envelope.map((e) => JSON.stringify(e)),
  data.map((d) => ({ success: true, ret: 'GP_SUCCESS', data: JSON.stringify(d) })),
);
const payload = fc.oneof(envelope, malformed);

/** One thing the bridge does with a call: answer (now or later, through either callback), throw, or nothing. */
const act = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    via: fc.constantFrom('ok' as const, 'fail' as const),
    payload,
    at: fc.nat({ max: 50 }),
  }),
  fc.record({ kind: fc.constant('throw' as const), payload: fc.oneof(payload, fc.constant(new Error('native'))) }),
);
const behaviour = fc.array(act, { maxLength: 3 });

const scenario = fc.record({
  behaviour,
  // Short timeouts race the answers; long ones outlive the test window, so a timer left behind would still be counted.
  timeout: fc.oneof(fc.constant(false as const), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 5_000, max: 60_000 })),
  abortAt: fc.option(fc.nat({ max: 60 }), { nil: undefined }),
  method: fc.constantFrom('call', 'getLocale', 'getAuthCode', 'launchPayment', 'getConsent', 'saveFile', 'takePhoto'),
});

const invoke = (gp: ReturnType<typeof createGoPay>, method: string, opts: Record<string, unknown>): Promise<unknown> => {
  switch (method) {
    case 'getLocale':
      return gp.getLocale(opts);
    case 'getAuthCode':
      return gp.getAuthCode(opts);
    case 'launchPayment':
      return gp.launchPayment('gopay://merchanttransfer?tref=1', opts);
    case 'getConsent':
      return gp.getConsent('location', opts);
    case 'saveFile':
      return gp.saveFile({ url: 'https://x.test/f' }, opts);
    case 'takePhoto':
      return gp.takePhoto({ mode: 'camera' }, opts);
    default:
      return gp.call('A', 'b', {}, opts);
  }
};

describe('every promise settles exactly once, whatever the bridge does', () => {
  it('settles once with a value or a GoPayError and leaves no timer, abort or document listener', async () => {
    const documentAdds = vi.spyOn(document, 'addEventListener');
    const documentRemoves = vi.spyOn(document, 'removeEventListener');
    await fc.assert(
      fc.asyncProperty(scenario, async ({ behaviour, timeout, abortAt, method }) => {
        documentAdds.mockClear();
        documentRemoves.mockClear();
        const bridge: GpContainer = {
          call(_c, _m, _p, ok, fail) {
            for (const step of behaviour) {
              if (step.kind === 'throw') throw step.payload;
              const callback = step.via === 'ok' ? ok : fail;
              if (step.at === 0) callback(step.payload);
              else setTimeout(() => callback(step.payload), step.at);
            }
          },
        };
        const controller = new AbortController();
        let abortListeners = 0;
        const add = controller.signal.addEventListener.bind(controller.signal);
        const remove = controller.signal.removeEventListener.bind(controller.signal);
        controller.signal.addEventListener = ((...a: Parameters<typeof add>) => {
          abortListeners++;
          add(...a);
        }) as typeof add;
        controller.signal.removeEventListener = ((...a: Parameters<typeof remove>) => {
          abortListeners--;
          remove(...a);
        }) as typeof remove;

        const outcomes: unknown[][] = [];
        const gp = createGoPay({ bridge });
        let callEvents = 0;
        let settleEvents = 0;
        gp.on('call', () => callEvents++);
        gp.on('settle', () => settleEvents++);
        const opts = { timeout, signal: controller.signal };
        invoke(gp, method, opts).then(
          (value) => outcomes.push(['ok', value]),
          (error) => outcomes.push(['error', error]),
        );
        if (abortAt !== undefined) setTimeout(() => controller.abort('stop'), abortAt);
        await vi.advanceTimersByTimeAsync(100);
        // A call with no timeout that got no usable answer and was not aborted may rightly still wait: abort it now.
        controller.abort('end of test');
        await vi.advanceTimersByTimeAsync(1);

        expect(outcomes).toHaveLength(1);
        // The SDK itself saw exactly one outcome per bridge call (the promise alone would hide a second one).
        expect(settleEvents).toBe(callEvents);
        expect(callEvents).toBeGreaterThanOrEqual(abortAt === 0 ? 0 : 1);
        const [kind, value] = outcomes[0]!;
        if (kind === 'error') {
          expect(isGoPayError(value)).toBe(true);
          expect(value).toBeInstanceOf(Error);
        } else if (method === 'call') {
          expect(value !== null && typeof value === 'object' && !Array.isArray(value)).toBe(true);
        }
        expect(vi.getTimerCount()).toBe(0);
        expect(abortListeners).toBe(0);
        expect(documentRemoves.mock.calls.length).toBe(documentAdds.mock.calls.length);
      }),
      { numRuns: 400 },
    );
  });

  it('a value, when there is one, has the documented shape', async () => {
    await fc.assert(
      fc.asyncProperty(data, fc.constantFrom('en_ID', 'id_ID'), fc.string({ minLength: 1 }), async (fields, locale, status) => {
        const bridge: GpContainer = {
          call: (_c, m, _p, ok) =>
            ok(
              m === 'getLocale'
                ? { success: true, ret: 'GP_SUCCESS', ...fields, app_locale: locale }
                : m === 'launchPayment'
                  ? { success: true, ret: 'GP_SUCCESS', data: { ...fields, status } }
                  : { success: true, ret: 'GP_SUCCESS', data: { ...fields, authCode: 'x'.repeat(64) } },
            ),
        };
        const gp = createGoPay({ bridge });
        expect(await gp.getLocale()).toBe(locale);
        expect(await gp.launchPayment('gopay://merchanttransfer?x=1')).toEqual({ status });
        expect(await gp.getAuthCode()).toEqual({ code: 'x'.repeat(64), issuedAt: expect.any(Number), expiresAt: expect.any(Number) });
      }),
      { numRuns: 100 },
    );
  });
});
