// @vitest-environment node
// Retries, timeouts and aborts, counted on an in-memory fetch under fake timers: every wait is proved on the fake
// clock (not before its lower bound, done by its upper one) without spending it. Three tests stay on a real local
// server, where the network is the point: a connection the server destroys, and a body that stops half-way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPayServer, GoPayAbortError, GoPayApiError, GoPayTimeoutError } from '../../src/server/index';
import { backoff, retryAfter } from '../../src/server/http';
import { payment } from './fake-snap';
import { header, json, startServer, type Handler, type TestServer } from './helpers';
import { fakeClock, idle, inMemoryFetch, inMemorySnap, later, never, networkError, reply, until, watch, type Reply } from './in-memory';

const CREDENTIALS = 'Y3JlZGVudGlhbHM=';
const BASE_URL = 'https://gopay.test';
let stand: ReturnType<typeof inMemoryFetch> | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  stand = undefined;
  await server?.close();
  server = undefined;
});

/** A client on an in-memory fetch that `handler` answers. */
const start = (handler: Reply, options: { retries?: number; timeout?: number | false } = {}) => {
  stand = inMemoryFetch(handler);
  return createGoPayServer({ credentials: CREDENTIALS, baseUrl: BASE_URL, fetch: stand.fetch, ...options });
};
const requests = () => stand!.requests;
const success = { success: true, data: { name: 'Budi' } };
/** Fails the first `n` requests with `fail`, then answers success. */
const failFirst =
  (n: number, fail: Reply): Reply =>
  (request, index) =>
    index < n ? fail(request, index) : reply(200, success);
const ids = () => requests().map((request) => header(request, 'request-id'));
/** Moves the fake clock `ms` forward (running what falls due), then lets settled promises report. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('retries', () => {
  it.each([500, 502, 503, 504])('retries after HTTP %i with the same Request-Id', async (status) => {
    fakeClock();
    const gopay = start(failFirst(2, () => reply(status, { success: false })));
    const profile = watch(gopay.getProfile('tok-abcdef'));
    // Two backoffs, at most 375 ms and 750 ms.
    await advance(375 + 750);
    expect(profile.settled).toBe(true);
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
    expect(requests()).toHaveLength(3);
    expect(new Set(ids()).size).toBe(1);
  });

  it('gives up after `retries` extra attempts with a retryable GoPayApiError', async () => {
    fakeClock();
    const gopay = start(() => reply(503, { success: false, error: { description: 'busy' } }), { retries: 1 });
    const call = watch(gopay.getProfile('tok-abcdef'));
    await advance(375);
    expect(call.settled).toBe(true);
    const error = (await call.promise.catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error).toMatchObject({ status: 503, retryable: true, description: 'busy' });
    expect(requests()).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 429])('never retries HTTP %i, even with Retry-After', async (status) => {
    // Real timers: a wrong retry after Retry-After: 0 would come at once and be counted.
    const gopay = start(() => reply(status, { success: false, error: { description: 'no' } }, { 'Retry-After': '0' }));
    const error = await gopay.getProfile('tok-abcdef').catch((e: unknown) => e);
    expect(error).toMatchObject({ status, retryable: false });
    await idle();
    expect(requests()).toHaveLength(1);
  });

  it.each([
    ['seconds', () => '1', 1000],
    ['an HTTP date', () => new Date(Date.now() + 2000).toUTCString(), 2000],
  ])('honours Retry-After on a 503 (%s) over the backoff', async (_form, value, wait) => {
    fakeClock(0); // the backoff would be 250 ms
    vi.setSystemTime(Date.UTC(2026, 11, 3, 3, 0, 0)); // a whole second: an HTTP date names seconds
    const gopay = start(failFirst(1, () => reply(503, { success: false }, { 'Retry-After': value() })));
    const profile = watch(gopay.getProfile('tok-abcdef'));
    await advance(wait - 1);
    expect(requests()).toHaveLength(1);
    await advance(1);
    expect(requests()).toHaveLength(2);
    expect(profile.settled).toBe(true);
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
  });

  it.each([
    ['the least (Math.random 0)', 0, 250, 500],
    ['the most (Math.random at its limit, 1)', 1, 375, 750],
  ])('backoff before retrying a 5xx without Retry-After: %s', async (_what, random, first, second) => {
    fakeClock(random);
    const gopay = start(failFirst(2, () => reply(500, { success: false })));
    const profile = watch(gopay.getProfile('tok-abcdef'));
    await advance(first - 1);
    expect(requests()).toHaveLength(1);
    await advance(1);
    expect(requests()).toHaveLength(2);
    await advance(second - 1);
    expect(requests()).toHaveLength(2);
    await advance(1);
    expect(requests()).toHaveLength(3);
    expect(profile.settled).toBe(true);
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
  });

  it('without a stubbed Math.random, the first retry comes after 250 ms and by 375 ms', async () => {
    fakeClock();
    const gopay = start(failFirst(1, () => reply(500, { success: false })));
    const profile = watch(gopay.getProfile('tok-abcdef'));
    await advance(249);
    expect(requests()).toHaveLength(1);
    await advance(375 - 249);
    expect(requests()).toHaveLength(2);
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
  });

  it('a network error on every attempt is GoPayApiError status 0, retryable (fetch failed, as Node says it)', async () => {
    fakeClock();
    const gopay = start(() => Promise.reject(networkError()), { retries: 1 });
    const call = watch(gopay.getProfile('tok-abcdef'));
    await advance(375);
    expect(call.settled).toBe(true);
    const error = await call.promise.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API', status: 0, retryable: true });
    expect((error as Error).message).toMatch(/could not be reached after 2 attempts .*: fetch failed \(other side closed\)/);
    expect(requests()).toHaveLength(2);
  });

  it('backoff grows from 250 ms with up to 50 % jitter; Retry-After reads seconds and dates, capped at 60 s', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoff(0)).toBeGreaterThanOrEqual(250);
      expect(backoff(0)).toBeLessThanOrEqual(375);
      expect(backoff(2)).toBeGreaterThanOrEqual(1000);
      expect(backoff(2)).toBeLessThanOrEqual(1500);
    }
    const headers = (value: string) => new Headers({ 'Retry-After': value });
    expect(retryAfter(headers('2'))).toBe(2000);
    expect(retryAfter(headers('3600'))).toBe(60_000);
    expect(retryAfter(headers(new Date(Date.now() + 5000).toUTCString()))).toBeGreaterThan(3000);
    expect(retryAfter(headers('soon'))).toBeUndefined();
    expect(retryAfter(new Headers())).toBeUndefined();
  });
});

describe('on a real socket', () => {
  /** A client on a real local server; its fetch (Node's own) counts the attempts that have settled. */
  const listen = async (handler: Handler, options: { retries?: number; timeout?: number | false } = {}) => {
    server = await startServer(handler);
    const settled = { count: 0 };
    const count = () => void settled.count++;
    const gopay = createGoPayServer({
      credentials: CREDENTIALS,
      baseUrl: server.url,
      fetch: (input, init) => {
        const response = fetch(input, init);
        response.then(count, count);
        return response;
      },
      ...options,
    });
    return { gopay, settled };
  };
  const destroy: Handler = (_r, res) => void res.socket!.destroy();

  it('retries after a network error (connection destroyed) with the same Request-Id', async () => {
    fakeClock(1); // backoffs of 375 and 750 ms
    const { gopay, settled } = await listen((request, res, index) => (index < 2 ? destroy(request, res, index) : json(res, 200, success)));
    const profile = watch(gopay.getProfile('tok-abcdef'));
    for (const [attempt, wait] of [
      [1, 375],
      [2, 750],
    ] as const) {
      // The attempt fails over the real socket; the client then sleeps on the fake clock.
      await until(() => settled.count === attempt, `attempt ${attempt} failing`);
      await idle();
      expect(server!.requests).toHaveLength(attempt);
      await advance(wait - 1);
      await idle();
      expect(server!.requests).toHaveLength(attempt);
      await advance(1);
    }
    await until(() => profile.settled, 'the call settling');
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
    expect(server!.requests).toHaveLength(3);
    expect(new Set(server!.requests.map((request) => header(request, 'request-id'))).size).toBe(1);
  });

  it('a network error on every attempt is GoPayApiError status 0, retryable', async () => {
    fakeClock(1);
    const { gopay, settled } = await listen(destroy, { retries: 1 });
    const call = watch(gopay.getProfile('tok-abcdef'));
    await until(() => settled.count === 1, 'the first attempt failing');
    await advance(375);
    await until(() => call.settled, 'the call settling');
    const error = await call.promise.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API', status: 0, retryable: true });
    expect((error as Error).message).toMatch(/could not be reached after 2 attempts/);
    expect(server!.requests).toHaveLength(2);
  });

  it('a per-call timeout overrides the client one; the timer also covers a slow body', async () => {
    let rest: ReturnType<typeof setTimeout> | undefined;
    const { gopay } = await listen(
      (_r, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"success":true,');
        rest = setTimeout(() => res.end('"data":{}}'), 1000);
      },
      { timeout: 10_000, retries: 0 },
    );
    try {
      await expect(gopay.getProfile('tok-abcdef', { timeout: 100 })).rejects.toBeInstanceOf(GoPayTimeoutError);
    } finally {
      clearTimeout(rest);
    }
  });
});

describe('timeouts', () => {
  it('a slow first attempt times out (and is aborted) and is retried', async () => {
    fakeClock(0);
    const gopay = start((_r, index) => (index === 0 ? later(1000).then(() => reply(200, success)) : reply(200, success)), { timeout: 100 });
    const profile = watch(gopay.getProfile('tok-abcdef'));
    await advance(99);
    expect(requests()[0]!.aborted).toBe(false);
    await advance(1);
    expect(requests()[0]!.aborted).toBe(true);
    expect(requests()).toHaveLength(1);
    await advance(250);
    expect(requests()).toHaveLength(2);
    expect(profile.settled).toBe(true);
    await expect(profile.promise).resolves.toEqual({ name: 'Budi' });
    expect(new Set(ids()).size).toBe(1);
  });

  it('GoPayTimeoutError when the last attempt timed out', async () => {
    fakeClock(0);
    const gopay = start(() => later(2000).then(() => reply(200, success)), { timeout: 80, retries: 1 });
    const call = watch(gopay.getProfile('tok-abcdef'));
    await advance(80 + 250 + 79);
    expect(call.settled).toBe(false);
    await advance(1);
    expect(call.settled).toBe(true);
    const error = await call.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayTimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', timeout: 80 });
    expect((error as Error).message).toMatch(/GoPayServer\.getProfile: no answer from GoPay in 80 ms after 2 attempts/);
    expect(requests()).toHaveLength(2);
    expect(requests().every((request) => request.aborted)).toBe(true);
  });
});

describe('abort', () => {
  it('an already aborted signal sends nothing', async () => {
    const gopay = start(() => reply(200, success));
    const reason = new Error('user left');
    const error = await gopay.getProfile('tok-abcdef', { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayAbortError);
    expect((error as GoPayAbortError).cause).toBe(reason);
    expect(requests()).toHaveLength(0);
  });

  it('aborting mid-request rejects at once with GoPayAbortError', async () => {
    fakeClock();
    const gopay = start(() => later(2000).then(() => reply(200, success)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const call = watch(gopay.getProfile('tok-abcdef', { signal: controller.signal }));
    await advance(49);
    expect(call.settled).toBe(false);
    await advance(1);
    expect(call.settled).toBe(true);
    await expect(call.promise).rejects.toBeInstanceOf(GoPayAbortError);
    expect(requests()).toHaveLength(1);
    expect(requests()[0]!.aborted).toBe(true);
  });

  it('aborting during the backoff stops the retries, and ends the wait', async () => {
    fakeClock();
    const gopay = start(() => reply(503, { success: false }, { 'Retry-After': '5' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const call = watch(gopay.getProfile('tok-abcdef', { signal: controller.signal }));
    await advance(99);
    expect(call.settled).toBe(false);
    await advance(1);
    expect(call.settled).toBe(true);
    await expect(call.promise).rejects.toBeInstanceOf(GoPayAbortError);
    // The 5 s wait is cleared, not left to run out: no timer remains, and nothing more is sent.
    expect(vi.getTimerCount()).toBe(0);
    await advance(10_000);
    expect(requests()).toHaveLength(1);
  });
});

describe('SNAP retries keep X-EXTERNAL-ID and re-sign each attempt', () => {
  it('a createPayment that times out names its X-EXTERNAL-ID (for getPaymentStatus({ originalExternalId }))', async () => {
    fakeClock();
    const snap = inMemorySnap({ override: (request) => (request.url === '/v1.0/debit/payment-host-to-host' ? never() : undefined) });
    const call = watch(snap.client({ retries: 0 }).createPayment(payment('o-2', '1.00'), { externalId: 'ext-42', timeout: 100 }));
    // Signing runs on WebCrypto (real time); the timeout on the fake clock.
    await until(() => snap.payments().length === 1, 'the payment request');
    await advance(99);
    expect(call.settled).toBe(false);
    await advance(1);
    expect(call.settled).toBe(true);
    const error = await call.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayTimeoutError);
    expect(error).toMatchObject({ requestId: 'ext-42' });
    expect((error as Error).message).toMatch(
      /SnapClient\.createPayment: no answer from GoPay in 100 ms \(POST \/v1\.0\/debit\/payment-host-to-host, X-EXTERNAL-ID ext-42\)/,
    );
    expect(snap.payments()[0]!.aborted).toBe(true);
  });

  it('a 500 on createPayment is retried with the same X-EXTERNAL-ID, a fresh valid signature each time', async () => {
    fakeClock(1); // backoffs of 375 and 750 ms
    // 950 ms into a second: the three attempts fall in three seconds, so each X-TIMESTAMP differs.
    vi.setSystemTime(Date.UTC(2026, 11, 3, 3, 0, 0, 950));
    let failures = 0;
    const snap = inMemorySnap({
      override: (request) =>
        request.url === '/v1.0/debit/payment-host-to-host' && failures++ < 2
          ? reply(500, { responseCode: '5005400', responseMessage: 'General Error' })
          : undefined,
    });
    const call = watch(snap.client().createPayment(payment('o-1', '1.00')));
    for (const [attempt, wait] of [
      [1, 375],
      [2, 750],
    ] as const) {
      await until(() => snap.payments().length === attempt, `payment attempt ${attempt}`);
      await advance(wait - 1);
      await idle();
      expect(snap.payments()).toHaveLength(attempt);
      await advance(1);
    }
    await until(() => call.settled, 'the call settling');
    await expect(call.promise).resolves.toMatchObject({ responseCode: '2005400' });
    const payments = snap.payments();
    expect(payments).toHaveLength(3);
    expect(new Set(payments.map((request) => header(request, 'x-external-id'))).size).toBe(1);
    expect(new Set(payments.map((request) => header(request, 'x-timestamp'))).size).toBe(3);
    expect(new Set(payments.map((request) => header(request, 'x-signature'))).size).toBe(3);
    expect(snap.errors).toEqual([]);
  });
});
