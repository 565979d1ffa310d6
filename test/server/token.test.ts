// @vitest-environment node
// The SNAP access token: one request for all concurrent callers, cached until 60 s before expiry, refreshed once
// when GoPay calls it invalid, shared through a tokenStore.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GoPayAbortError, GoPayApiError, type TokenStore } from '../../src/server/index';
import { CLIENT_ID, payment, snapClient, startFakeSnap, type FakeSnapOptions } from './fake-snap';
import { header, json } from './helpers';

let fake: Awaited<ReturnType<typeof startFakeSnap>> | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
});

const client = (extra: Record<string, unknown> = {}) => snapClient(fake!.url, extra);
const start = async (options: FakeSnapOptions = {}, extra: Record<string, unknown> = {}) => {
  fake = await startFakeSnap(options);
  return client(extra);
};
const PAYMENT = payment('order-1', '1000.00');
const payments = () => fake!.requests.filter((request) => request.url == '/v1.0/debit/payment-host-to-host');

describe('one token for everyone', () => {
  it('1,000 concurrent createPayment calls make ONE token request', async () => {
    const snap = await start({ tokenDelay: 50 });
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => snap.createPayment({ ...PAYMENT, partnerReferenceNo: `o-${i}` })),
    );
    expect(results).toHaveLength(1000);
    expect(fake!.tokenRequests()).toBe(1);
    expect(payments()).toHaveLength(1000);
    expect(new Set(payments().map((request) => header(request, 'authorization'))).size).toBe(1);
    expect(fake!.errors).toEqual([]);
  }, 60_000);

  it('later calls reuse the cached token', async () => {
    const snap = await start();
    await snap.createPayment(PAYMENT);
    await snap.getPaymentStatus({ originalReferenceNo: 'A1-1' });
    expect(await snap.accessToken()).toBe(fake!.issued[0]);
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('a new token 60 s before expiresIn, not earlier', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const snap = await start({ expiresIn: '900' });
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
    const snap = await start({ expiresIn: 30, tokenDelay: 30 }, { tokenStore: store });
    const [a, b] = await Promise.all([snap.accessToken(), snap.accessToken()]);
    expect(a).toBe(b);
    expect(fake!.tokenRequests()).toBe(1);
    expect(await snap.accessToken()).not.toBe(a);
    expect(fake!.tokenRequests()).toBe(2);
    expect(store.set).not.toHaveBeenCalled();
  });

  it("one caller's abort does not cancel the shared token request for the others", async () => {
    const snap = await start({ tokenDelay: 150 });
    const controller = new AbortController();
    const aborted = snap.createPayment(PAYMENT, { signal: controller.signal });
    const other = snap.createPayment({ ...PAYMENT, partnerReferenceNo: 'order-2' });
    setTimeout(() => controller.abort(), 20);
    await expect(aborted).rejects.toBeInstanceOf(GoPayAbortError);
    await expect(other).resolves.toMatchObject({ partnerReferenceNo: 'order-2' });
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('accessToken honours its own timeout while the shared request goes on', async () => {
    const snap = await start({ tokenDelay: 300 });
    await expect(snap.accessToken({ timeout: 50 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(snap.accessToken()).resolves.toBe(fake!.issued[0]);
    expect(fake!.tokenRequests()).toBe(1);
  });
});

describe('an invalid token is refreshed once', () => {
  it('GoPay revokes the token: one new token, one more try with the same X-EXTERNAL-ID', async () => {
    const snap = await start();
    await snap.accessToken();
    fake!.revoke(fake!.issued[0]!);
    await expect(snap.createPayment(PAYMENT, { externalId: 'ext-9' })).resolves.toMatchObject({ responseCode: '2005400' });
    expect(fake!.tokenRequests()).toBe(2);
    expect(payments()).toHaveLength(2);
    expect(payments().map((request) => header(request, 'x-external-id'))).toEqual(['ext-9', 'ext-9']);
    expect(header(payments()[1]!, 'authorization')).toBe(`Bearer ${fake!.issued[1]}`);
  });

  it('200 concurrent calls refused with the same revoked token make ONE new token request', async () => {
    const snap = await start();
    await snap.accessToken();
    fake!.revoke(fake!.issued[0]!);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => snap.createPayment({ ...PAYMENT, partnerReferenceNo: `o-${i}` })),
    );
    expect(results.every((result) => result.responseCode == '2005400')).toBe(true);
    expect(fake!.tokenRequests()).toBe(2);
    expect(payments()).toHaveLength(400);
  });

  it.each([['4015401'], ['4015403'], ['4017301']])('%s twice: the second refusal rejects, no third try', async (code) => {
    const snap = await start({
      override: (request, res) => {
        if (request.url != '/v1.0/debit/payment-host-to-host') return false;
        json(res, 401, { responseCode: code, responseMessage: 'Invalid Token (B2B)' });
        return true;
      },
    });
    const error = (await snap.createPayment(PAYMENT).catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error.responseCode).toBe(code);
    expect(payments()).toHaveLength(2);
    expect(fake!.tokenRequests()).toBe(2);
  });

  it('an Unauthorized signature (…00, no word of a token) is not a token problem: no refresh', async () => {
    const snap = await start({
      override: (request, res) => {
        if (request.url != '/v1.0/debit/payment-host-to-host') return false;
        json(res, 401, { responseCode: '4015400', responseMessage: 'Unauthorized. Signature' });
        return true;
      },
    });
    await expect(snap.createPayment(PAYMENT)).rejects.toMatchObject({ responseCode: '4015400' });
    expect(payments()).toHaveLength(1);
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('"Unauthorized. Token expired" (…00 naming the token) is refreshed', async () => {
    let refused = false;
    const snap = await start({
      override: (request, res) => {
        if (request.url != '/v1.0/debit/payment-host-to-host' || refused) return false;
        refused = true;
        json(res, 401, { responseCode: '4015400', responseMessage: 'Unauthorized. Access token expired' });
        return true;
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
    const a = await start({}, { tokenStore: store });
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
    const a = await start({}, { tokenStore: store });
    await a.accessToken();
    await client({ tokenStore: store }).accessToken();
    expect(fake!.tokenRequests()).toBe(1);
  });

  it('a token the store still holds after GoPay refused it is not taken again', async () => {
    const store = mapStore();
    const a = await start({}, { tokenStore: store });
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
    const snap = await start({}, { tokenStore: store });
    await expect(snap.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
  });

  it('garbage in the store is ignored', async () => {
    const snap = await start({}, { tokenStore: { get: () => 'not json', set: () => undefined } });
    const token = await snap.accessToken();
    expect(token).toBe(fake!.issued[0]);
  });
});
