import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, GoPayAbortError, GoPayTimeoutError, isGoPayError } from '../../src/core/index';
import { fakeBridge, ok, type Answer } from './fake-bridge';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A bridge that keeps its callbacks, so the test decides what happens and when. */
const manualBridge = () => {
  const pending: { ok: (r: unknown) => void; fail: (r: unknown) => void }[] = [];
  const bridge = fakeBridge({}, (ok, fail) => void pending.push({ ok, fail }));
  return { bridge, pending };
};

const settledOnce = async (promise: Promise<unknown>) => {
  const outcomes: unknown[] = [];
  promise.then(
    (v) => outcomes.push(['ok', v]),
    (e) => outcomes.push(['error', e]),
  );
  return outcomes;
};

describe('timeouts', () => {
  it('rejects after the default 10 s with GoPayTimeoutError and leaves no timer', async () => {
    const { bridge } = manualBridge();
    const call = createGoPay({ bridge }).getSystemInfo();
    const caught = call.catch((e) => e);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await caught;
    expect(error).toBeInstanceOf(GoPayTimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', timeout: 10_000, className: 'GPSystem', methodName: 'getSystemInfo' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a bridge that answers at once costs no timer at all; one that answers later gets exactly one', async () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const gp = createGoPay({ bridge: fakeBridge({ 'A.now': ok({ n: 1 }) }) });
    await expect(gp.call('A', 'now')).resolves.toEqual({ n: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(setTimer).not.toHaveBeenCalled();
    const { bridge, pending } = manualBridge();
    const later = createGoPay({ bridge }).call('A', 'later');
    await Promise.resolve();
    expect(setTimer).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    pending[0]!.ok({ success: true, ret: 'GP_SUCCESS', data: {} });
    await later;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes the timeout from the options and per call; false never times out', async () => {
    const { bridge, pending } = manualBridge();
    const gp = createGoPay({ bridge, timeout: 100 });
    const a = gp.call('A', 'a').catch((e) => e);
    const b = gp.call('A', 'b', {}, { timeout: 300 }).catch((e) => e);
    const c = gp.call('A', 'c', {}, { timeout: false });
    await vi.advanceTimersByTimeAsync(100);
    expect(await a).toMatchObject({ code: 'TIMEOUT', timeout: 100 });
    await vi.advanceTimersByTimeAsync(200);
    expect(await b).toMatchObject({ code: 'TIMEOUT', timeout: 300 });
    await vi.advanceTimersByTimeAsync(10 ** 9);
    expect(vi.getTimerCount()).toBe(0);
    pending[2]!.ok({ success: true, ret: 'GP_SUCCESS', data: { late: true } });
    await expect(c).resolves.toEqual({ late: true });
  });

  it.each([
    ['getConsent', ['location']],
    ['launchPayment', ['gopay://merchanttransfer?tref=1']],
    ['takePhoto', [{ mode: 'camera' }]],
    ['getBankAccountToken', []],
    ['share', ['hi']],
    ['saveFile', [{ url: 'https://x.test/f.pdf' }]],
  ])('interactive %s has no default timeout', async (method, args) => {
    const { bridge } = manualBridge();
    const gp = createGoPay({ bridge, timeout: 50 }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const outcomes = await settledOnce(gp[method]!(...args));
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(outcomes).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an interactive call takes a per-call timeout', async () => {
    const { bridge } = manualBridge();
    const paying = createGoPay({ bridge })
      .launchPayment('gopay://merchanttransfer?tref=1', { timeout: 1000 })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await paying).toMatchObject({ code: 'TIMEOUT', methodName: 'launchPayment' });
  });

  it('a late answer after the timeout changes nothing', async () => {
    const { bridge, pending } = manualBridge();
    const outcomes: unknown[] = [];
    createGoPay({ bridge, timeout: 10 })
      .call('A', 'b')
      .then(
        (v) => outcomes.push(v),
        (e) => outcomes.push(e.code),
      );
    await vi.advanceTimersByTimeAsync(10);
    expect(() => pending[0]!.ok({ success: true, ret: 'GP_SUCCESS', data: {} })).not.toThrow();
    await vi.runAllTimersAsync();
    expect(outcomes).toEqual(['TIMEOUT']);
  });
});

describe('abort', () => {
  it('an already aborted signal rejects without calling the bridge', async () => {
    const bridge = fakeBridge({}, ok({}));
    const controller = new AbortController();
    controller.abort('user left');
    const error = await createGoPay({ bridge })
      .call('A', 'b', {}, { signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GoPayAbortError);
    expect(error).toMatchObject({ code: 'ABORTED', cause: 'user left' });
    expect(bridge.calls).toHaveLength(0);
  });

  it('aborting mid-call rejects, clears the timer and removes the abort listener', async () => {
    const { bridge, pending } = manualBridge();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const call = createGoPay({ bridge })
      .getLocale({ signal: controller.signal })
      .catch((e) => e);
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('navigated away'));
    const error = await call;
    expect(error).toMatchObject({ code: 'ABORTED', methodName: 'getLocale' });
    expect((error.cause as Error).message).toBe('navigated away');
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
    pending[0]!.ok({ success: true, ret: 'GP_SUCCESS', app_locale: 'en_ID' });
  });

  it('a call that succeeds removes its abort listener too', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    // Answered on a microtask: a bridge that answers at once is settled before any listener is needed.
    const later: Answer = (s, f, p) => queueMicrotask(() => ok({})(s, f, p));
    await createGoPay({ bridge: fakeBridge({}, later) }).call('A', 'b', {}, { signal: controller.signal });
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a misbehaving bridge: every promise settles exactly once', () => {
  const SUCCESS = { success: true, ret: 'GP_SUCCESS', data: { n: 1 } };
  const FAILURE = { success: false, ret: 'GP_EXCEPTION', error_code: '401', error_message: 'offline' };
  const cases: [string, (ok: (r: unknown) => void, fail: (r: unknown) => void) => void, string][] = [
    [
      'the same callback twice',
      (ok) => {
        ok(SUCCESS);
        ok({ success: true, ret: 'GP_SUCCESS', data: { n: 2 } });
      },
      'ok:{"n":1}',
    ],
    [
      'success then failure',
      (ok, fail) => {
        ok(SUCCESS);
        fail(FAILURE);
      },
      'ok:{"n":1}',
    ],
    [
      'failure then success',
      (ok, fail) => {
        fail(FAILURE);
        ok(SUCCESS);
      },
      'NETWORK',
    ],
    ['success:false through the success callback', (ok) => ok(FAILURE), 'NETWORK'],
    ['null through success (no data)', (ok) => ok(null), 'ok:{}'],
    ['undefined through success', (ok) => ok(undefined), 'ok:{}'],
    ['null through failure', (_ok, fail) => fail(null), 'UNKNOWN'],
    ['a plain string', (ok) => ok('not json'), 'UNKNOWN'],
    ['JSON text', (ok) => ok(JSON.stringify(SUCCESS)), 'ok:{"n":1}'],
    ['JSON text failure', (ok) => ok(JSON.stringify(FAILURE)), 'NETWORK'],
    ['data as JSON text', (ok) => ok({ success: true, ret: 'GP_SUCCESS', data: '{"n":3}' }), 'ok:{"n":3}'],
    ['data as broken JSON text', (ok) => ok({ success: true, ret: 'GP_SUCCESS', data: '{"n":' }), 'UNKNOWN'],
    ['a number', (ok) => ok(42), 'UNKNOWN'],
    ['an array', (ok) => ok([1, 2]), 'UNKNOWN'],
    ['ret as an array', (ok) => ok({ ret: ['HY_TIMEOUT'] }), 'UNKNOWN'],
    [
      'a synchronous throw of an Error',
      () => {
        throw new Error('native crash');
      },
      'UNKNOWN',
    ],
    [
      'a synchronous throw of an envelope',
      () => {
        throw { success: false, error_code: '203', error_message: 'nope' };
      },
      'NOT_REGISTERED',
    ],
    [
      'a synchronous throw of a string',
      () => {
        throw 'oops';
      },
      'UNKNOWN',
    ],
  ];

  it.each(cases)('%s', async (_name, behave, expected) => {
    const bridge = fakeBridge({}, behave);
    const outcomes: string[] = [];
    await createGoPay({ bridge })
      .call('A', 'b')
      .then(
        (v) => outcomes.push('ok:' + JSON.stringify(v)),
        (e) => {
          expect(isGoPayError(e)).toBe(true);
          expect(e).toBeInstanceOf(Error);
          outcomes.push(e.code);
        },
      );
    await vi.runAllTimersAsync();
    expect(outcomes).toEqual([expected]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the callbacks never throw back into native code', async () => {
    let callbacks: [(r: unknown) => void, (r: unknown) => void] | undefined;
    const bridge = fakeBridge({}, (ok, fail) => void (callbacks = [ok, fail]));
    const circular: Record<string, unknown> = { success: true, ret: 'GP_SUCCESS' };
    circular.self = circular;
    const call = createGoPay({
      bridge,
      debug: () => {
        throw new Error('debug sink broken');
      },
    }).call('A', 'b');
    await Promise.resolve();
    expect(() => callbacks![0](circular)).not.toThrow();
    expect(() =>
      callbacks![1]({
        get error_code() {
          throw new Error('hostile getter');
        },
      }),
    ).not.toThrow();
    await expect(call).resolves.toMatchObject({ self: expect.anything() });
    // The broken debug function's error is rethrown on its own, outside the bridge's stack.
    expect(() => vi.runOnlyPendingTimers()).toThrow('debug sink broken');
  });
});
