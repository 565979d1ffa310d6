import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, GoPayBridgeError, type CallEvent, type GpContainer, type SettleEvent } from '../../src/core/index';
import { failWith, fakeBridge, ok, okTop } from './fake-bridge';

afterEach(() => {
  vi.useRealTimers();
});

const failure = async (bridge: GpContainer) => {
  const error = await createGoPay({ bridge })
    .call('A', 'b')
    .then(
      () => expect.fail('should reject'),
      (e: unknown) => e as GoPayBridgeError,
    );
  expect(error).toBeInstanceOf(GoPayBridgeError);
  return error;
};
const answering = (behave: (ok: (r: unknown) => void, fail: (r: unknown) => void) => void) => fakeBridge({}, behave);

describe('what the promise resolves with', () => {
  it('call() resolves with data alone, even when GoPay puts fields beside it', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, okTop({ msg: 'TOP', callbackId: 4, data: { x: 1 } })) });
    await expect(gp.call('A', 'b')).resolves.toStrictEqual({ x: 1 });
  });

  it('typed methods read the fields beside data too (getLocale with an empty data)', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, okTop({ app_locale: 'id_ID', data: {} })) });
    await expect(gp.getLocale()).resolves.toBe('id_ID');
  });

  it('getConsent reads a successScope beside data', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, okTop({ successScope: { camera: true }, data: {} })) });
    await expect(gp.getConsent('camera')).resolves.toEqual({ granted: true, successScope: { camera: true } });
  });
});

describe('malformed and failed answers say what happened', () => {
  it('a failure with no details says so', async () => {
    expect((await failure(answering((_ok, fail) => fail(null)))).message).toBe('A.b failed: no details');
    expect((await failure(answering((_ok, fail) => fail(undefined)))).message).toBe('A.b failed: no details');
  });

  it('a failure with an unreadable payload is a malformed answer, with its type', async () => {
    const error = await failure(answering((_ok, fail) => fail('oops')));
    expect(error.message).toBe('A.b failed: malformed answer (string)');
    expect(error.response).toBe('oops');
  });

  it('a success with an unreadable payload is a malformed answer, with its type', async () => {
    expect((await failure(answering((ok) => ok(42)))).message).toBe('A.b failed: malformed answer (number)');
    expect((await failure(answering((ok) => ok('not json')))).message).toBe('A.b failed: malformed answer (string)');
  });

  it('an answer that is an array is malformed, even one holding JSON text', async () => {
    const error = await failure(answering((ok) => ok(['{"success":true,"ret":"GP_SUCCESS","data":{"n":1}}'])));
    expect(error.message).toBe('A.b failed: malformed answer (object)');
  });

  it('data that is neither an object nor JSON text is a malformed answer', async () => {
    const error = await failure(answering((ok) => ok({ success: true, ret: 'GP_SUCCESS', data: '{"n":' })));
    expect(error.message).toContain('malformed answer');
    expect((await failure(answering((ok) => ok({ success: true, ret: 'GP_SUCCESS', data: 7 })))).message).toContain('malformed answer');
  });

  it('success: false through the success callback is a failure, even without ret', async () => {
    const error = await failure(answering((ok) => ok({ success: false, error_code: '105', error_message: 'no such user' })));
    expect(error).toMatchObject({ code: 'USER_NOT_FOUND', bridgeCode: '105' });
    expect(error.message).toBe('A.b failed: no such user (USER_NOT_FOUND 105)');
  });

  it('an answer whose fields throw when read rejects with "unreadable answer", keeping the cause', async () => {
    const hostile = {
      get error_code(): string {
        throw new Error('hostile getter');
      },
    };
    let thrown: unknown = 'nothing';
    const bridge = fakeBridge({}, (_ok, fail) => {
      try {
        fail(hostile);
      } catch (e) {
        thrown = e;
      }
    });
    const error = await createGoPay({ bridge })
      .call('A', 'b')
      .then(
        () => expect.fail('should reject'),
        (e) => e,
      );
    expect(thrown).toBe('nothing');
    expect(error).toBeInstanceOf(GoPayBridgeError);
    expect(error).toMatchObject({ className: 'A', methodName: 'b' });
    // A copy with secrets redacted: the field that could not be read is marked, not read again.
    expect(error.response).toEqual({ error_code: '[unreadable]' });
    expect(error.message).toBe('A.b failed: unreadable answer');
    expect((error.cause as Error).message).toBe('hostile getter');
  });

  it('an Error thrown by gpContainer.call rejects with its message, the call and the cause', async () => {
    const crash = new Error('native crash');
    const error = await failure(
      fakeBridge({}, () => {
        throw crash;
      }),
    );
    expect(error).toMatchObject({ className: 'A', methodName: 'b', cause: crash });
    expect(error.message).toBe('A.b failed: native crash');
  });
});

describe('settling once, and no leftover timer', () => {
  it('a bridge that answers and then throws settles once, with its answer', async () => {
    const settles: SettleEvent[] = [];
    const gp = createGoPay({
      bridge: answering((ok) => {
        ok({ success: true, ret: 'GP_SUCCESS', data: { n: 1 } });
        throw new Error('after the answer');
      }),
    });
    gp.on('settle', (e) => settles.push(e));
    await expect(gp.call('A', 'b')).resolves.toEqual({ n: 1 });
    await new Promise((r) => setTimeout(r));
    expect(settles).toHaveLength(1);
    expect(settles[0]).toMatchObject({ ok: true, result: { n: 1 } });
  });

  it('a bridge that answers on a microtask costs no timer', async () => {
    vi.useFakeTimers();
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const gp = createGoPay({ bridge: answering((ok) => queueMicrotask(() => ok({ success: true, ret: 'GP_SUCCESS', data: { n: 1 } }))) });
    await expect(gp.call('A', 'b')).resolves.toEqual({ n: 1 });
    await Promise.resolve();
    expect(setTimer).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('call and settle events', () => {
  it('a call listener alone is told of every call', async () => {
    const calls: CallEvent[] = [];
    const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
    gp.on('call', (e) => calls.push(e));
    await gp.vibrate(100);
    expect(calls).toEqual([{ className: 'GPMotion', methodName: 'vibrate', params: { duration: 100 } }]);
  });

  it('a settle listener alone is told of every outcome', async () => {
    const settles: SettleEvent[] = [];
    const gp = createGoPay({ bridge: fakeBridge({}, failWith('401', 'offline')) });
    gp.on('settle', (e) => settles.push(e));
    await gp.vibrate(100).catch(() => {});
    expect(settles).toMatchObject([{ className: 'GPMotion', methodName: 'vibrate', ok: false, error: { code: 'NETWORK' } }]);
  });

  it('ms is the time from the call to its outcome', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    let answer: ((r: unknown) => void) | undefined;
    const gp = createGoPay({ bridge: fakeBridge({}, (ok) => void (answer = ok)) });
    const settles: SettleEvent[] = [];
    gp.on('settle', (e) => settles.push(e));
    const call = gp.call('A', 'b');
    await vi.advanceTimersByTimeAsync(250);
    answer!({ success: true, ret: 'GP_SUCCESS', data: {} });
    await call;
    expect(settles[0]!.ms).toBe(250);
  });

  it('a listener that unsubscribes itself does not make the next one miss the event', async () => {
    const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
    const seen: string[] = [];
    const off = gp.on('settle', () => {
      seen.push('first');
      off();
    });
    gp.on('settle', () => seen.push('second'));
    await gp.call('A', 'b');
    await gp.call('A', 'b');
    expect(seen).toEqual(['first', 'second', 'second']);
  });
});

describe('redaction depth', () => {
  it('redacts a token in an object nested eight levels deep', async () => {
    let nested: Record<string, unknown> = { token: 'S3CRET' };
    for (let i = 0; i < 8; i++) nested = { level: nested };
    const settles: SettleEvent[] = [];
    const gp = createGoPay({ bridge: fakeBridge({}, ok(nested)) });
    gp.on('settle', (e) => settles.push(e));
    await gp.call('A', 'b');
    expect(JSON.stringify(settles)).not.toContain('S3CRET');
    expect(JSON.stringify(settles)).toContain('"token":"[redacted]"');
  });
});
