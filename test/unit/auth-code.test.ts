import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, GoPayAuthCodeExpiredError, isAuthCodeExpired } from '../../src/core/index';
import { fakeBridge, ok } from './fake-bridge';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Answers getAuthCode with code-1, code-2, … after `delay` ms (0 = synchronously). */
const codeBridge = (delay = 0, codes?: string[]) => {
  const bridge = fakeBridge({}, (ok) => {
    // The call is recorded before it is answered: the nth call answers the nth code.
    const n = bridge.calls.length - 1;
    const code = codes ? codes[Math.min(n, codes.length - 1)]! : `code-${n + 1}`;
    const answer = () => ok({ success: true, ret: 'GP_SUCCESS', data: { authCode: code } });
    if (delay) setTimeout(answer, delay);
    else answer();
  });
  return Object.assign(bridge, { count: () => bridge.calls.length });
};

describe('getAuthCode', () => {
  it('resolves with the code, issuedAt (when asked) and expiresAt (TTL 5 min by default)', async () => {
    const pending = createGoPay({ bridge: codeBridge(200) }).getAuthCode();
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toEqual({ code: 'code-1', issuedAt: 1_000_000, expiresAt: 1_300_000 });
  });

  it('honours authCodeTtl', async () => {
    const code = await createGoPay({ bridge: codeBridge(), authCodeTtl: 360_000 }).getAuthCode();
    expect(code.expiresAt - code.issuedAt).toBe(360_000);
  });

  it('concurrent callers share one bridge call; a later caller gets a new one', async () => {
    const bridge = codeBridge(10);
    const gp = createGoPay({ bridge });
    const both = Promise.all([gp.getAuthCode(), gp.getAuthCode(), gp.getAuthCode()]);
    await vi.advanceTimersByTimeAsync(10);
    const [a, b, c] = await both;
    expect(bridge.count()).toBe(1);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    const later = gp.getAuthCode();
    await vi.advanceTimersByTimeAsync(10);
    expect((await later).code).toBe('code-2');
  });

  it('a call that settled at once (a synchronous bridge) is not shared with a later caller', async () => {
    const bridge = codeBridge(0);
    const gp = createGoPay({ bridge });
    expect((await gp.getAuthCode()).code).toBe('code-1');
    expect((await gp.getAuthCode()).code).toBe('code-2');
    expect(bridge.count()).toBe(2);
  });

  it('a shared call that failed is forgotten: the next caller asks the bridge again', async () => {
    let n = 0;
    const bridge = fakeBridge({}, (ok, fail) =>
      n++ ? ok({ success: true, ret: 'GP_SUCCESS', data: { authCode: 'fresh' } }) : setTimeout(() => fail({ error_code: '401' }), 5),
    );
    const gp = createGoPay({ bridge });
    const first = Promise.allSettled([gp.getAuthCode(), gp.getAuthCode()]);
    await vi.advanceTimersByTimeAsync(5);
    expect((await first).map((r) => r.status === 'rejected' && r.reason.code)).toEqual(['NETWORK', 'NETWORK']);
    expect(n).toBe(1);
    await expect(gp.getAuthCode()).resolves.toMatchObject({ code: 'fresh' });
  });

  it('a call refused for its options is not shared: the next caller is not handed that refusal', async () => {
    const gp = createGoPay({ bridge: codeBridge(0) });
    await expect(gp.getAuthCode({ timeout: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(gp.getAuthCode()).resolves.toMatchObject({ code: 'code-1' });
  });

  it('a caller with options gets its own call, so that its own timeout applies', async () => {
    const bridge = codeBridge(3_000);
    const gp = createGoPay({ bridge });
    const shared = gp.getAuthCode();
    const hurried = gp.getAuthCode({ timeout: 1_000 }).catch((e) => e);
    expect(bridge.count()).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await hurried).toMatchObject({ code: 'TIMEOUT', timeout: 1_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(shared).resolves.toMatchObject({ code: 'code-1' });
  });

  it('bad options are refused even while a shared call is in flight', async () => {
    const gp = createGoPay({ bridge: codeBridge(10) });
    const shared = gp.getAuthCode();
    await expect(gp.getAuthCode({ timeout: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await vi.advanceTimersByTimeAsync(10);
    await expect(shared).resolves.toMatchObject({ code: 'code-1' });
  });

  it('a caller with its own signal gets its own call, so aborting it fails no one else', async () => {
    const bridge = codeBridge(10);
    const gp = createGoPay({ bridge });
    const controller = new AbortController();
    const shared = gp.getAuthCode();
    const own = gp.getAuthCode({ signal: controller.signal }).catch((e) => e);
    controller.abort();
    await vi.advanceTimersByTimeAsync(10);
    expect(await own).toMatchObject({ code: 'ABORTED' });
    await expect(shared).resolves.toMatchObject({ code: 'code-1' });
  });

  it('rejects an answer without an authCode, without echoing it', async () => {
    const bridge = fakeBridge({}, ok({ authCode: 42 }));
    await expect(createGoPay({ bridge }).getAuthCode()).rejects.toMatchObject({ code: 'UNKNOWN', methodName: 'getAuthCode' });
  });

  it('the error for a missing authCode names the call, never the value', async () => {
    const bridge = fakeBridge({}, ok({ authCode: 42 }));
    const error = await createGoPay({ bridge })
      .getAuthCode()
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'GoPayBridgeError', className: 'GPMiniAppAuth', methodName: 'getAuthCode' });
    expect(error.message).toBe('GPMiniAppAuth.getAuthCode failed: answered without authCode');
    expect(error.response).toBeUndefined();
    const empty = fakeBridge({}, ok({ authCode: '' }));
    expect(
      await createGoPay({ bridge: empty })
        .getAuthCode()
        .catch((e) => e),
    ).toMatchObject({ code: 'UNKNOWN', message: 'GPMiniAppAuth.getAuthCode failed: answered without authCode' });
  });
});

describe('isAuthCodeExpired', () => {
  const code = { code: 'c', issuedAt: 0, expiresAt: 300_000 };
  it.each([
    [269_999, undefined, false],
    [270_000, undefined, true],
    [299_999, 0, false],
    [300_000, 0, true],
    [199_999, 100_000, false],
    [200_000, 100_000, true],
  ])('at %d with margin %s → %s', (now, margin, expired) => {
    expect(isAuthCodeExpired(code, now, margin)).toBe(expired);
  });
  it('defaults now to Date.now()', () => {
    vi.setSystemTime(270_000);
    expect(isAuthCodeExpired(code)).toBe(true);
    vi.setSystemTime(269_999);
    expect(isAuthCodeExpired(code)).toBe(false);
  });
});

describe('withAuthCode', () => {
  it('hands fn the code string and the AuthCode, and returns its result', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    await expect(gp.withAuthCode((code, authCode) => `${code}|${authCode.code}|${authCode.expiresAt}`)).resolves.toBe(
      'code-1|code-1|1300000',
    );
  });

  it('concurrent callers never get the same code', async () => {
    const bridge = codeBridge(5);
    const gp = createGoPay({ bridge });
    const seen: string[] = [];
    const all = Promise.all(Array.from({ length: 5 }, () => gp.withAuthCode((code) => void seen.push(code))));
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('a code handed to fn reaches no concurrent getAuthCode() caller', async () => {
    const bridge = codeBridge(10);
    const gp = createGoPay({ bridge });
    const shared = gp.getAuthCode();
    const handed: string[] = [];
    const login = gp.withAuthCode((code) => void handed.push(code));
    const alsoShared = gp.getAuthCode();
    await vi.advanceTimersByTimeAsync(10);
    await login;
    const [a, b] = await Promise.all([shared, alsoShared]);
    expect(a.code).toBe(b.code);
    expect(handed).toHaveLength(1);
    expect(handed[0]).not.toBe(a.code);
    expect(bridge.count()).toBe(2);
  });

  it('getAuthCode() rejects a code GoPay repeats after a withAuthCode callback had it', async () => {
    const gp = createGoPay({ bridge: codeBridge(0, ['same']) });
    await gp.withAuthCode(() => {});
    const error = await gp.getAuthCode().catch((e) => e);
    expect(error).toBeInstanceOf(GoPayAuthCodeExpiredError);
    expect(error.message).toMatch(/already used/);
  });

  it('a code handed to fn is never handed out again, even when the bridge repeats it', async () => {
    const gp = createGoPay({ bridge: codeBridge(0, ['same', 'same', 'fresh']) });
    const first = await gp.withAuthCode((code) => code);
    const second = await gp.withAuthCode((code) => code);
    expect([first, second]).toEqual(['same', 'fresh']);
  });

  it('gives up with GoPayAuthCodeExpiredError when the bridge keeps repeating a used code', async () => {
    const gp = createGoPay({ bridge: codeBridge(0, ['same']) });
    await gp.withAuthCode(() => {});
    const fn = vi.fn();
    const error = await gp.withAuthCode(fn).catch((e) => e);
    expect(error).toBeInstanceOf(GoPayAuthCodeExpiredError);
    expect(error.message).toContain('No fresh auth code in 3 tries');
    expect(fn).not.toHaveBeenCalled();
  });

  it('fetches a fresh code when the one it got is already within the margin', async () => {
    // The bridge takes 4.5 minutes to answer: the code arrives 30 s from its end of life.
    const bridge = codeBridge(270_000);
    const gp = createGoPay({ bridge, timeout: false });
    const fn = vi.fn((code: string) => code);
    const result = gp.withAuthCode(fn).catch((e) => e);
    await vi.advanceTimersByTimeAsync(270_000);
    expect(fn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(270_000);
    // The second code is stale as well; the third attempt too: the guard gives up rather than hand one out.
    await vi.advanceTimersByTimeAsync(270_000);
    expect(await result).toBeInstanceOf(GoPayAuthCodeExpiredError);
    expect(fn).not.toHaveBeenCalled();
    expect(bridge.count()).toBe(3);
  });

  it('a code that is fresh enough is used at once', async () => {
    const bridge = codeBridge(269_999);
    const gp = createGoPay({ bridge, timeout: false });
    const result = gp.withAuthCode((code) => code);
    await vi.advanceTimersByTimeAsync(269_999);
    await expect(result).resolves.toBe('code-1');
  });

  it.each([
    ['GoPayAuthCodeExpiredError', () => new GoPayAuthCodeExpiredError()],
    ['"AuthCode Not Found"', () => new Error('AuthCode Not Found')],
    ['"auth code expired"', () => new Error('The auth code expired')],
    ['"authcode invalid"', () => new Error('authcode invalid')],
  ])('retries once with a fresh code after %s', async (_name, makeError) => {
    const gp = createGoPay({ bridge: codeBridge() });
    const seen: string[] = [];
    const result = await gp.withAuthCode((code) => {
      seen.push(code);
      if (seen.length === 1) throw makeError();
      return 'logged in';
    });
    expect(result).toBe('logged in');
    expect(seen).toEqual(['code-1', 'code-2']);
  });

  it('does not retry other errors, and rejects with the second error when the retry fails too', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    const other = vi.fn(() => Promise.reject(new Error('500 from backend')));
    await expect(gp.withAuthCode(other)).rejects.toThrow('500 from backend');
    expect(other).toHaveBeenCalledTimes(1);
    let n = 0;
    await expect(
      gp.withAuthCode(() => {
        throw new Error(`AuthCode Not Found #${++n}`);
      }),
    ).rejects.toThrow('AuthCode Not Found #2');
    expect(n).toBe(2);
  });

  it('retries after a GoPayAuthCodeExpiredError whatever its message says', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    const seen: string[] = [];
    const result = await gp.withAuthCode((code) => {
      seen.push(code);
      if (seen.length === 1) throw new GoPayAuthCodeExpiredError('backend answered 401');
      return 'logged in';
    });
    expect(result).toBe('logged in');
    expect(seen).toEqual(['code-1', 'code-2']);
  });

  it('recognises words between "auth code" and "expired" ("The auth code has expired")', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    const seen: string[] = [];
    await gp.withAuthCode((code) => {
      seen.push(code);
      if (seen.length === 1) throw new Error('The auth code has expired');
    });
    expect(seen).toEqual(['code-1', 'code-2']);
  });

  it('passes a rejection with no value through as it is, without a retry', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    const fn = vi.fn(() => Promise.reject(undefined));
    await expect(gp.withAuthCode(fn)).rejects.toBeUndefined();
    const nul = vi.fn(() => Promise.reject(null));
    await expect(gp.withAuthCode(nul)).rejects.toBeNull();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(nul).toHaveBeenCalledTimes(1);
  });

  it('honours a custom isExpiredError', async () => {
    const gp = createGoPay({ bridge: codeBridge() });
    const seen: string[] = [];
    await gp.withAuthCode(
      (code) => {
        seen.push(code);
        if (seen.length === 1) throw { status: 401 };
      },
      { isExpiredError: (e) => (e as { status?: number }).status === 401 },
    );
    expect(seen).toEqual(['code-1', 'code-2']);
    await expect(
      gp.withAuthCode(() => Promise.reject(new GoPayAuthCodeExpiredError()), { isExpiredError: () => false }),
    ).rejects.toBeInstanceOf(GoPayAuthCodeExpiredError);
  });
});

describe('robustness of the auth-code guard', () => {
  it.each([
    [{ code: 'c' }],
    [{ code: 'c', expiresAt: Number.NaN }],
    [{ code: 'c', expiresAt: Number.POSITIVE_INFINITY }],
    [{ code: 'c', expiresAt: '9999999999999' }],
    [null],
    ['c'],
  ])('isAuthCodeExpired(%j) is true: without a finite expiresAt a code counts as expired', (authCode) => {
    expect(isAuthCodeExpired(authCode as never, 0, 0)).toBe(true);
  });

  it('a code answered on a microtask to two concurrent claims reaches one withAuthCode callback only', async () => {
    vi.useRealTimers();
    // The bridge repeats one code (as after a replay), answering each call on a microtask: both claims see the code
    // unused when it arrives; only the check-and-mark in one step keeps the second from taking it.
    let n = 0;
    const bridge = fakeBridge({}, (answer) => {
      const code = n++ < 2 ? 'same' : `fresh-${n}`;
      queueMicrotask(() => answer({ success: true, ret: 'GP_SUCCESS', data: { authCode: code } }));
    });
    const gp = createGoPay({ bridge });
    const seen: string[] = [];
    await Promise.all([gp.withAuthCode((code) => seen.push(code)), gp.withAuthCode((code) => seen.push(code))]);
    expect(seen.filter((code) => code === 'same')).toHaveLength(1);
    expect(new Set(seen).size).toBe(2);
  });

  it('a shared getAuthCode() is not timed out by a caller with a shorter timeout, nor aborted by its signal', async () => {
    const bridge = codeBridge(50);
    const gp = createGoPay({ bridge });
    const shared = [gp.getAuthCode(), gp.getAuthCode()];
    const controller = new AbortController();
    const hasty = gp.getAuthCode({ timeout: 10 }).catch((e) => e);
    const aborting = gp.getAuthCode({ signal: controller.signal }).catch((e) => e);
    controller.abort();
    await vi.advanceTimersByTimeAsync(50);
    expect(await hasty).toMatchObject({ code: 'TIMEOUT', timeout: 10 });
    expect(await aborting).toMatchObject({ code: 'ABORTED' });
    const [a, b] = await Promise.all(shared);
    expect(a).toBe(b);
    expect(a!.code).toBe('code-1');
  });
});
