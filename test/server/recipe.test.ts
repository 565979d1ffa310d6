// @vitest-environment node
// The backend recipe (demo/backend.ts, shown in docs/server.md) against the mock GoPay server's in-memory handler:
// login, an order, notifications handled idempotently (deduplicated on X-EXTERNAL-ID, final states never back to
// pending, refunds as totals, 5xx when the state could not be stored), the status asked when no notification
// came, refund and cancel.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStatus, createBackend, memoryStore, type Order, type Store } from '../../demo/backend';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server/index';
import { createGoPayServer, createSnapClient } from '../../src/server/index';

const BASE = 'http://gopay.mock';
let mock: MockGoPayServer;
let store: Store;
let backend: ReturnType<typeof createBackend>;
let cookie = '';

async function setUp(options: { statusCheckAfter?: number; store?: Store } = {}) {
  mock = await createMockGoPayServer();
  // Both clients talk to the mock's web handler: no port.
  const fetchMock = (input: RequestInfo | URL, init?: RequestInit) => mock.fetch(new Request(input, init));
  const gopay = createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: BASE, fetch: fetchMock as typeof fetch });
  const snap = createSnapClient({ ...mock.merchant, baseUrl: BASE, fetch: fetchMock as typeof fetch, retries: 0 });
  store = options.store ?? memoryStore();
  backend = createBackend({
    gopay,
    snap,
    notificationPublicKey: mock.notificationPublicKey,
    pointOfPurchaseId: mock.merchant.pointOfPurchaseId,
    store,
    statusCheckAfter: options.statusCheckAfter ?? 60_000,
  });
  const code = (await (await mock.fetch(new Request(`${BASE}/mock/auth-codes`, { method: 'POST' }))).json()) as { authCode: string };
  const login = await call('POST', '/api/login', { auth_code: code.authCode });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://shop.example${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return (await backend.handle(request))!;
}

async function newOrder(): Promise<Order> {
  const response = await call('POST', '/api/orders');
  expect(response.status).toBe(201);
  const { order, deeplink } = (await response.json()) as { order: Order; deeplink: string };
  expect(deeplink).toMatch(/^gopay:\/\/merchanttransfer\?/);
  return order;
}

/** A notification as Midtrans sends it, signed by the mock's key, to the merchant's prefixed notify URL. */
async function notify(order: Order, latestTransactionStatus: string, extra: Record<string, unknown> = {}, externalId?: string) {
  const body = JSON.stringify({
    originalPartnerReferenceNo: order.id,
    originalReferenceNo: order.referenceNo,
    latestTransactionStatus,
    ...extra,
  });
  const headers: Record<string, string> = { ...(await mock.signNotification(body)) };
  if (externalId) headers['x-external-id'] = externalId;
  return backend.handle(new Request('http://shop.example/api/gopay/v1.0/debit/notify', { method: 'POST', headers, body }));
}

async function stateOf(order: Order) {
  return ((await (await call('GET', `/api/orders/${order.id}`)).json()) as { order: Order }).order;
}

describe('the backend recipe', () => {
  beforeEach(() => setUp());

  it('login keeps GoPay’s username; an order is a host-to-host payment with the PoP ID, pending', async () => {
    const order = await newOrder();
    expect(order).toMatchObject({ state: 'pending', amount: '25000.00', referenceNo: expect.any(String) });
    const payment = mock.requests.find((r) => r.path === '/v1.0/debit/payment-host-to-host')!;
    expect(JSON.parse(payment.body)).toMatchObject({
      partnerReferenceNo: order.id,
      payOptionDetails: [{ transAmount: { value: '25000.00', currency: 'IDR' } }],
      additionalInfo: { pointOfPurchaseId: mock.merchant.pointOfPurchaseId },
    });
    expect(await call('GET', '/api/orders/nope')).toMatchObject({ status: 404 });
    cookie = '';
    expect(await call('POST', '/api/orders')).toMatchObject({ status: 401 });
  });

  it('a verified notification is acknowledged with X-TIMESTAMP; the same X-EXTERNAL-ID again changes nothing', async () => {
    const order = await newOrder();
    const answer = (await notify(order, '00', {}, 'ext-1'))!;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
    expect(answer.headers.get('x-timestamp')).toMatch(/\+07:00$/);
    expect((await stateOf(order)).state).toBe('paid');
    await store.putOrder({ ...(await store.getOrder(order.id))!, state: 'pending' });
    expect((await notify(order, '00', {}, 'ext-1'))!.status).toBe(200);
    expect((await store.getOrder(order.id))!.state).toBe('pending');
  });

  it('a final state never goes back to pending, and a late "paid" never undoes a refund', async () => {
    const order = await newOrder();
    await notify(order, '00');
    await notify(order, '03');
    expect((await stateOf(order)).state).toBe('paid');
    await notify(order, '04', { additionalInfo: { totalRefundAmount: { value: '10000.00', currency: 'IDR' } } });
    expect(await stateOf(order)).toMatchObject({ state: 'partially-refunded', refunded: '10000.00' });
    await notify(order, '00');
    // An older refund notification delivered late does not lower the total.
    await notify(order, '04', { additionalInfo: { totalRefundAmount: { value: '5000.00', currency: 'IDR' } } });
    expect(await stateOf(order)).toMatchObject({ state: 'partially-refunded', refunded: '10000.00' });
    await notify(order, '04', { additionalInfo: { totalRefundAmount: { value: '25000.00', currency: 'IDR' } } });
    expect(await stateOf(order)).toMatchObject({ state: 'refunded', refunded: '25000.00' });
  });

  it('a bad signature is refused (401, 4015600) and changes nothing', async () => {
    const order = await newOrder();
    const body = JSON.stringify({ originalReferenceNo: order.referenceNo, latestTransactionStatus: '00' });
    const headers = { ...(await mock.signNotification(body)) };
    const forged = body.replace('"00"', '"00" ');
    const answer = (await backend.handle(
      new Request('http://shop.example/v1.0/debit/notify', { method: 'POST', headers, body: `${forged}x` }),
    ))!;
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ responseCode: '4015600' });
    expect((await stateOf(order)).state).toBe('pending');
  });

  it('when the state cannot be stored the answer is 5xx and nothing is recorded: the retry applies it', async () => {
    const order = await newOrder();
    const update = store.updateOrder;
    store.updateOrder = async () => {
      throw new Error('database down');
    };
    expect((await notify(order, '00', {}, 'ext-9'))!.status).toBe(500);
    store.updateOrder = update;
    expect((await notify(order, '00', {}, 'ext-9'))!.status).toBe(200);
    expect((await stateOf(order)).state).toBe('paid');
  });

  it('refund and cancel go through the SNAP client; a paid order cannot be cancelled, a pending one not refunded', async () => {
    const paid = await newOrder();
    expect(await call('POST', `/api/orders/${paid.id}/refund`)).toMatchObject({ status: 409 });
    await notify(paid, '00');
    await mock.completePayment(paid.referenceNo, 'success');
    const refund = await call('POST', `/api/orders/${paid.id}/refund`, { amount: '5000.00' });
    expect(refund.status).toBe(202);
    expect(await refund.json()).toMatchObject({ refund: { responseCode: '2005800', partnerRefundNo: `${paid.id}-refund-1` } });
    expect(await call('POST', `/api/orders/${paid.id}/cancel`)).toMatchObject({ status: 409 });

    const pending = await newOrder();
    const cancel = await call('POST', `/api/orders/${pending.id}/cancel`);
    expect(cancel.status).toBe(202);
    const sent = mock.requests.filter((r) => r.path === '/v1.0/debit/cancel');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ originalPartnerReferenceNo: pending.id, originalReferenceNo: pending.referenceNo });
  });
});

describe('the backend recipe: races, owners, refusals', () => {
  beforeEach(() => setUp({ statusCheckAfter: 0 }));

  it('a notification stored while GoPay answers a status query is not overwritten by the older answer', async () => {
    const order = await newOrder();
    // GoPay still says pending (03) when asked; the 00 notification lands while that answer is on its way.
    const status = await call('GET', `/api/orders/${order.id}`);
    expect((await status.json()).order.state).toBe('pending');
    const slowFetch = mock.fetch.bind(mock);
    let notified = false;
    mock.fetch = async (request: Request) => {
      const answer = await slowFetch(request);
      if (new URL(request.url).pathname === '/v1.0/debit/status' && !notified) {
        notified = true;
        await notify(order, '00');
      }
      return answer;
    };
    expect((await stateOf(order)).state).toBe('paid');
  });

  it('another user’s order is not found: no reading, refunding or cancelling it', async () => {
    const order = await newOrder();
    const code = (await (await mock.fetch(new Request(`${BASE}/mock/auth-codes`, { method: 'POST' }))).json()) as { authCode: string };
    // The mock's second login is the same test user: give the session another account.
    cookie = (await call('POST', '/api/login', { auth_code: code.authCode })).headers.get('set-cookie')!.split(';')[0]!;
    const sid = cookie.slice(4);
    const session = (await store.getSession(sid))!;
    await store.putSession(sid, { ...session, gopayAccountId: 'someone-else' });
    expect(await call('GET', `/api/orders/${order.id}`)).toMatchObject({ status: 404 });
    expect(await call('POST', `/api/orders/${order.id}/cancel`)).toMatchObject({ status: 404 });
    expect(mock.requests.filter((r) => r.path === '/v1.0/debit/cancel')).toHaveLength(0);
  });

  it('a refund that failed is sent again with the same partnerRefundNo; a bad amount is 400; GoPay’s refusal is 502', async () => {
    const order = await newOrder();
    await mock.completePayment(order.referenceNo, 'success');
    await notify(order, '00');
    expect(await call('POST', `/api/orders/${order.id}/refund`, { amount: '5000' })).toMatchObject({ status: 400 });
    // One 500 (GoPay may or may not have refunded): the page's next click sends the same refund id.
    mock.fail('/v1.0/debit/refund', 500, { responseCode: '5005801', responseMessage: 'Internal Server Error' }, 1);
    expect(await call('POST', `/api/orders/${order.id}/refund`, { amount: '5000.00' })).toMatchObject({ status: 502 });
    expect(await call('POST', `/api/orders/${order.id}/refund`, { amount: '5000.00' })).toMatchObject({ status: 202 });
    const ids = mock.requests.filter((r) => r.path === '/v1.0/debit/refund').map((r) => JSON.parse(r.body).partnerRefundNo);
    expect(new Set(ids)).toEqual(new Set([`${order.id}-refund-1`]));
    const second = await call('POST', `/api/orders/${order.id}/refund`, { amount: '99999.00' });
    expect(second.status).toBe(502);
    expect((await second.json()).error).toMatch(/refund/i);
  });
});

describe('the backend recipe without notifications', () => {
  it('asks GoPay for the status of a pending order when no notification came, and stores what it learns', async () => {
    await setUp({ statusCheckAfter: 0 });
    const paid = await newOrder();
    await mock.completePayment(paid.referenceNo, 'success');
    expect((await stateOf(paid)).state).toBe('paid');
    const expired = await newOrder();
    await mock.completePayment(expired.referenceNo, 'expired');
    expect((await stateOf(expired)).state).toBe('expired');
    const statusQueries = mock.requests.filter((r) => r.path === '/v1.0/debit/status');
    expect(statusQueries.map((r) => JSON.parse(r.body).originalReferenceNo)).toEqual([paid.referenceNo, expired.referenceNo]);
    // A final order is never asked about again.
    await stateOf(paid);
    expect(mock.requests.filter((r) => r.path === '/v1.0/debit/status')).toHaveLength(2);
  });
});

describe('applyStatus', () => {
  const order: Order = {
    id: 'o',
    referenceNo: 'r',
    amount: '100.00',
    state: 'pending',
    refunded: '0.00',
    refunds: 0,
    createdAt: 0,
    checkedAt: 0,
  };
  it.each([
    ['00', 'paid'],
    ['05', 'cancelled'],
    ['06', 'failed'],
    ['08', 'expired'],
    ['09', 'rejected'],
    ['03', 'pending'],
    ['01', 'pending'],
    ['07', 'pending'],
  ] as const)('%s moves a pending order to %s', (status, state) => {
    expect(applyStatus(order, status).state).toBe(state);
  });
  it('a final order keeps its state for anything but a larger refund total', () => {
    const paid = { ...order, state: 'paid' as const };
    for (const status of ['00', '01', '03', '05', '06', '08', '09'] as const) expect(applyStatus(paid, status)).toBe(paid);
    expect(applyStatus(paid, '04', '40.00')).toMatchObject({ state: 'partially-refunded', refunded: '40.00' });
    expect(applyStatus(paid, '04')).toMatchObject({ state: 'refunded', refunded: '100.00' });
  });
});
