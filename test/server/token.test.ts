// @vitest-environment node
// The SNAP access token: one request for all concurrent callers, cached until 60 s before expiry, refreshed once
// when GoPay calls it invalid, shared through a tokenStore. On the in-memory SNAP stand-in (signatures checked with
// node:crypto); the token answer's delay, the callers' timeouts and aborts run on the fake clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GoPayAbortError, GoPayApiError, type TokenStore } from '../../src/server/index';
import { CLIENT_ID, payment } from './fake-snap';
import { header } from './helpers';
import { fakeClock, idle, inMemorySnap, PAYMENT_PATH, reply, until, watch, type InMemorySnapOptions } from './in-memory';

let fake: ReturnType<typeof inMemorySnap> | undefined;
afterEach(() => {
  vi.useRealTimers();
  fake = undefined;
});

const client = (extra: Record<string, unknown> = {}) => fake!.client(extra);
const start = (options: InMemorySnapOptions = {}, extra: Record<string, unknown> = {}) => {
  fake = inMemorySnap(options);
  return client(extra);
};
const PAYMENT = payment('order-1', '1000.00');
const payments = () => fake!.payments();
/** Moves the fake clock `ms` forward, running what falls due. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** The token request is out (signing it runs on WebCrypto, in real time). */
const tokenRequested = (n = 1) => until(() => fake!.tokenRequests() === n, `token request ${n}`);

describe('one token for everyone', () => {
  it('1,000 concurrent createPayment calls make ONE token request', async () => {
    fakeClock();
    const snap = start({ tokenDelay: 50 });
    const calls = watch(
      Promise.all(Array.from({ length: 1000 }, (_, i) => snap.createPayment({ ...PAYMENT, partnerReferenceNo: `o-${i}` }))),
    );
    // The token answer is held on the fake clock until every caller is waiting for it.
    await tokenRequested();
    await idle();
    expect(payments()).toHaveLength(0);
    await advance(50);
    const results = await calls.promise;
    expect(results).toHaveLength(1000);
    expect(fake!.tokenRequests()).toBe(1);
    expect(payments()).toHaveLength(1000);
    expect(new Set(payments().map((request) => header(request, 'authorization'))).size).toBe(1);
    expect(fake!.errors).toEqual([]);
  });

  it('later calls reuse the cached token', async () => {
    const snap = start();
    await snap.createPayment(PAYMENT);
    await snap.getPaymentStatus({ originalReferenceNo: 'A1-1' });
    expect(await snap.accessToken()).toBe(fake!.issued[0]);
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('a new token 60 s before expiresIn, not earlier', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const snap = start({ expiresIn: '900' });
    const first = await snap.accessToken();
    vi.setSystemTime(Date.now() + 839_000);
    expect(await snap.accessToken()).toBe(first);
    vi.setSystemTime(Date.now() + 2_000);
    const second = await snap.accessToken();
    expect(second).not.toBe(first);
    expect(fake!.tokenRequests()).toBe(2);
  });

  it('a token that lives 60 s or less is not cached, but concurrent callers still share its request', async () => {
    const store = { get: () => undefined, set: vi.fn() };
    fakeClock();
    const snap = start({ expiresIn: 30, tokenDelay: 30 }, { tokenStore: store });
    const both = watch(Promise.all([snap.accessToken(), snap.accessToken()]));
    await tokenRequested();
    await advance(30);
    const [a, b] = await both.promise;
    expect(a).toBe(b);
    expect(fake!.tokenRequests()).toBe(1);
    const third = watch(snap.accessToken());
    await tokenRequested(2);
    await advance(30);
    expect(await third.promise).not.toBe(a);
    expect(fake!.tokenRequests()).toBe(2);
    expect(store.set).not.toHaveBeenCalled();
  });

  it("one caller's abort does not cancel the shared token request for the others", async () => {
    fakeClock();
    const snap = start({ tokenDelay: 150 });
    const controller = new AbortController();
    const aborted = watch(snap.createPayment(PAYMENT, { signal: controller.signal }));
    const other = watch(snap.createPayment({ ...PAYMENT, partnerReferenceNo: 'order-2' }));
    setTimeout(() => controller.abort(), 20);
    await tokenRequested();
    await advance(20);
    // The aborted caller is out at once; the other still waits for the token.
    expect(aborted.settled).toBe(true);
    await expect(aborted.promise).rejects.toBeInstanceOf(GoPayAbortError);
    // An abort is not told it timed out.
    await expect(aborted.promise).rejects.not.toMatchObject({ message: expect.stringContaining('no access token') });
    expect(other.settled).toBe(false);
    await advance(130);
    await expect(other.promise).resolves.toMatchObject({ partnerReferenceNo: 'order-2' });
    expect(fake!.tokenRequests()).toBe(1);
    expect(payments()).toHaveLength(1);
  });

  it('accessToken honours its own timeout while the shared request goes on', async () => {
    fakeClock();
    const snap = start({ tokenDelay: 300 });
    const impatient = watch(snap.accessToken({ timeout: 50 }));
    await tokenRequested();
    await advance(49);
    expect(impatient.settled).toBe(false);
    await advance(1);
    expect(impatient.settled).toBe(true);
    await expect(impatient.promise).rejects.toMatchObject({ code: 'TIMEOUT' });
    const patient = watch(snap.accessToken());
    await advance(250);
    await expect(patient.promise).resolves.toBe(fake!.issued[0]);
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('a payment that gets no token within its timeout says that nothing was sent, and names its X-EXTERNAL-ID', async () => {
    fakeClock();
    const snap = start({ tokenDelay: 300 });
    const late = watch(snap.createPayment(PAYMENT, { timeout: 40, externalId: 'ext-late-1' }));
    await tokenRequested();
    await advance(40);
    const error = await late.promise.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      timeout: 40,
      requestId: 'ext-late-1',
      message: 'SnapClient.createPayment: no access token within 40 ms (the shared token request goes on; nothing was sent for this call).',
    });
    // accessToken() has no X-EXTERNAL-ID to name.
    const waiting = watch(snap.accessToken({ timeout: 10 }));
    await advance(10);
    const bare = await waiting.promise.catch((e: unknown) => e);
    expect(bare).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('SnapClient.accessToken: no access token within 10 ms'),
    });
    expect(bare).not.toHaveProperty('requestId');
    await advance(300);
    expect(payments()).toHaveLength(0);
  });
});

describe('an invalid token is refreshed once', () => {
  it('GoPay revokes the token: one new token, one more try with the same X-EXTERNAL-ID', async () => {
    const snap = start();
    await snap.accessToken();
    fake!.revoke(fake!.issued[0]!);
    await expect(snap.createPayment(PAYMENT, { externalId: 'ext-9' })).resolves.toMatchObject({ responseCode: '2005400' });
    expect(fake!.tokenRequests()).toBe(2);
    expect(payments()).toHaveLength(2);
    expect(payments().map((request) => header(request, 'x-external-id'))).toEqual(['ext-9', 'ext-9']);
    expect(header(payments()[1]!, 'authorization')).toBe(`Bearer ${fake!.issued[1]}`);
  });

  it('200 concurrent calls refused with the same revoked token make ONE new token request', async () => {
    const snap = start();
    await snap.accessToken();
    fake!.revoke(fake!.issued[0]!);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => snap.createPayment({ ...PAYMENT, partnerReferenceNo: `o-${i}` })),
    );
    expect(results.every((result) => result.responseCode === '2005400')).toBe(true);
    expect(fake!.tokenRequests()).toBe(2);
    expect(payments()).toHaveLength(400);
  });

  it.each([['4015401'], ['4015403'], ['4017301']])('%s twice: the second refusal rejects, no third try', async (code) => {
    const snap = start({
      override: (request) =>
        request.url === PAYMENT_PATH ? reply(401, { responseCode: code, responseMessage: 'Invalid Token (B2B)' }) : undefined,
    });
    const error = (await snap.createPayment(PAYMENT).catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error.responseCode).toBe(code);
    expect(payments()).toHaveLength(2);
    expect(fake!.tokenRequests()).toBe(2);
  });

  it('an Unauthorized signature (…00, no word of a token) is not a token problem: no refresh', async () => {
    const snap = start({
      override: (request) =>
        request.url === PAYMENT_PATH ? reply(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Signature' }) : undefined,
    });
    await expect(snap.createPayment(PAYMENT)).rejects.toMatchObject({ responseCode: '4015400' });
    expect(payments()).toHaveLength(1);
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('"Unauthorized. Token expired" (…00 naming the token) is refreshed', async () => {
    let refused = false;
    const snap = start({
      override: (request) => {
        if (request.url !== PAYMENT_PATH || refused) return undefined;
        refused = true;
        return reply(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Access token expired' });
      },
    });
    await expect(snap.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
    expect(fake!.tokenRequests()).toBe(2);
  });
});

describe('tokenStore', () => {
  const mapStore = () => {
    const map = new Map<string, { value: string; ttl: number }>();
    const store: TokenStore & { map: typeof map } = {
      map,
      get: (key) => map.get(key)?.value,
      set: (key, value, ttl) => void map.set(key, { value, ttl }),
    };
    return store;
  };

  it('two instances share one token through the store', async () => {
    const store = mapStore();
    const a = start({}, { tokenStore: store });
    const b = client({ tokenStore: store });
    await a.createPayment(PAYMENT);
    await b.createPayment({ ...PAYMENT, partnerReferenceNo: 'order-2' });
    expect(fake!.tokenRequests()).toBe(1);
    const [[key, entry]] = [...store.map];
    expect(key).toContain(CLIENT_ID);
    expect(entry.ttl).toBeGreaterThan(839_000);
    expect(entry.ttl).toBeLessThanOrEqual(840_000);
  });

  it('an async store works the same', async () => {
    const sync = mapStore();
    const store: TokenStore = { get: async (key) => sync.get(key), set: async (key, value, ttl) => sync.set(key, value, ttl) };
    const a = start({}, { tokenStore: store });
    await a.accessToken();
    await client({ tokenStore: store }).accessToken();
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('a token the store still holds after GoPay refused it is not taken again', async () => {
    const store = mapStore();
    const a = start({}, { tokenStore: store });
    await a.accessToken();
    fake!.revoke(fake!.issued[0]!);
    const b = client({ tokenStore: store });
    await expect(b.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
    expect(fake!.tokenRequests()).toBe(2);
    // b stored the new token: a's next call (after its own refusal) takes it from the store.
    await expect(a.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
    expect(fake!.tokenRequests()).toBe(2);
  });

  it('a failing store is ignored: the token is fetched', async () => {
    const store: TokenStore = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => {
        throw new Error('redis down');
      },
    };
    const snap = start({}, { tokenStore: store });
    await expect(snap.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
  });

  it('garbage in the store is ignored', async () => {
    const snap = start({}, { tokenStore: { get: () => 'not json', set: () => undefined } });
    const token = await snap.accessToken();
    expect(token).toBe(fake!.issued[0]);
  });
});
