// @vitest-environment node
// Payment notifications to an in-memory merchant endpoint, on a clock moved by hand: signed with the mock's key over
// the path from /v1.0/ on (checked with node:crypto), retried until 2xx, given up visibly, one payment's in order.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { manualClock, snapApi, type ManualClock } from './helpers';
import { ACK, inbox, verifies, type Scripted } from './inbox';

let mock: MockGoPayServer;
let clock: ManualClock;
let merchant: ReturnType<typeof inbox>;
let api: ReturnType<typeof snapApi>;

async function start(script: Scripted[] = [ACK], notifyUrl = 'http://shop.test/api/gopay/v1.0/debit/notify', extra = {}) {
  clock = manualClock();
  merchant = inbox(script);
  mock = await createMockServer(
    { notifyUrl, notifyRetry: { attempts: 4, delay: 20 }, seed: 17, ...extra },
    { clock, fetch: merchant.fetch },
  );
  api = snapApi(mock, clock.now);
}
afterEach(() => mock.close());

describe('a notification', () => {
  it('is signed over /v1.0/debit/notify, the part of notifyUrl Midtrans signs, and carries the partner id', async () => {
    await start();
    const { referenceNo } = await api.create('ORDER-N1', '25000.00', 'ext-n1');
    const notification = await mock.completePayment(referenceNo, 'success');
    expect(notification.state).toBe('delivered');
    const [sent] = merchant.received;
    expect(sent!.url).toBe('http://shop.test/api/gopay/v1.0/debit/notify');
    expect(verifies(sent!, mock.notificationPublicKey, '/v1.0/debit/notify')).toBe(true);
    expect(verifies(sent!, mock.notificationPublicKey, '/api/gopay/v1.0/debit/notify')).toBe(false);
    expect(sent!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
      'x-partner-id': mock.merchant.partnerId,
      'x-external-id': expect.stringMatching(/^\d{20}$/),
      'channel-id': '95221',
    });
    expect(JSON.parse(sent!.body)).toEqual({
      originalPartnerReferenceNo: 'ORDER-N1',
      originalReferenceNo: referenceNo,
      originalExternalId: 'ext-n1',
      merchantId: mock.merchant.merchantId,
      amount: { value: '25000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      createdTime: expect.stringMatching(/\+07:00$/),
      finishedTime: expect.stringMatching(/\+07:00$/),
      additionalInfo: { userPaymentDetails: [{ payMethod: 'gopay', payOption: 'GOPAY_WALLET' }] },
    });
    expect(mock.notifications).toEqual([notification]);
    expect(verifies({ ...sent!, body: sent!.body.replace('"00"', '"06"') }, mock.notificationPublicKey)).toBe(false);
  });

  it('to a notifyUrl without a /v1.0/ segment is signed over its whole path', async () => {
    await start([ACK], 'http://shop.test/hooks/gopay');
    await mock.completePayment((await api.create()).referenceNo, 'failed');
    expect(verifies(merchant.received[0]!, mock.notificationPublicKey, '/hooks/gopay')).toBe(true);
  });

  it('is retried with backoff until 2xx (any 2xx: the body is not checked), same X-EXTERNAL-ID, signed afresh', async () => {
    const script = [{ status: 500, body: { error: 'db down' } }, new Error('ECONNRESET'), { status: 202, body: 'ok' }];
    await start(script, undefined, { notifyRetry: { attempts: 4, delay: 1000 } });
    const { referenceNo } = await api.create();
    const done = mock.completePayment(referenceNo, 'success');
    await vi.waitFor(() => expect(merchant.received).toHaveLength(1));
    clock.advance(999);
    expect(merchant.received).toHaveLength(1);
    clock.advance(1);
    await vi.waitFor(() => expect(merchant.received).toHaveLength(2));
    clock.advance(2000);
    const notification = await done;
    expect(notification.state).toBe('delivered');
    expect(notification.attempts.map((a) => [a.status, a.at - notification.attempts[0]!.at])).toEqual([
      [500, 0],
      [0, 1000],
      [202, 3000],
    ]);
    expect(notification.attempts[1]!.error).toContain('ECONNRESET');
    expect(new Set(merchant.received.map((r) => r.headers['x-external-id'])).size).toBe(1);
    expect(new Set(merchant.received.map((r) => r.headers['x-timestamp'])).size).toBe(3);
    expect(merchant.received.every((r) => verifies(r, mock.notificationPublicKey))).toBe(true);
  });

  it('is given up after notifyRetry.attempts, visibly: console.warn and state "gave-up"', async () => {
    await start([{ status: 401, body: { responseCode: '4015600' } }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { referenceNo } = await api.create();
    const done = mock.completePayment(referenceNo, 'success');
    for (let i = 1; i < 4; i++) {
      await vi.waitFor(() => expect(merchant.received).toHaveLength(i));
      clock.advance(20 * 2 ** (i - 1));
    }
    const notification = await done;
    expect(notification).toMatchObject({ state: 'gave-up', attempts: [{ responseCode: '4015600' }, {}, {}, {}] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`notification of payment ${referenceNo} was not acknowledged`));
  });

  it('without a notifyUrl is recorded, not sent; notifyUrl can be set later and is checked', async () => {
    await start([ACK]);
    mock.notifyUrl = undefined;
    const { referenceNo } = await api.create();
    expect((await mock.completePayment(referenceNo, 'failed')).state).toBe('no-notify-url');
    expect(merchant.received).toHaveLength(0);
    expect(() => (mock.notifyUrl = 'ftp://x')).toThrow(/notifyUrl/);
  });
});

describe('order and memory', () => {
  it("one payment's notifications leave in order (its 04 waits for its slow 00); other payments do not wait", async () => {
    let release!: () => void;
    const held = new Promise<Response>((resolve) => (release = () => resolve(new Response('{}', { status: 200 }))));
    await start([() => held, ACK]);
    const slow = await api.create('ORDER-SLOW', '10000.00');
    const other = await api.create('ORDER-OTHER');
    const paid = mock.completePayment(slow.referenceNo, 'success');
    await vi.waitFor(() => expect(merchant.received).toHaveLength(1));
    const refund = await api.refund({ originalReferenceNo: slow.referenceNo, partnerRefundNo: 'r-1' });
    expect(refund.status).toBe(200);
    await mock.completePayment(other.referenceNo, 'success');
    expect(merchant.bodies().map((b) => [b.originalPartnerReferenceNo, b.latestTransactionStatus])).toEqual([
      ['ORDER-SLOW', '00'],
      ['ORDER-OTHER', '00'],
    ]);
    release();
    await paid;
    await vi.waitFor(() => expect(merchant.received).toHaveLength(3));
    expect(merchant.bodies()[2]).toMatchObject({ originalPartnerReferenceNo: 'ORDER-SLOW', latestTransactionStatus: '04' });
  });

  it('mock.notifications keeps the last maxRequests', async () => {
    await start([ACK], undefined, { maxRequests: 2 });
    const { referenceNo } = await api.create();
    await mock.completePayment(referenceNo, 'success');
    for (let i = 0; i < 3; i++) await mock.completePayment(referenceNo, 'success');
    expect(merchant.received).toHaveLength(4);
    expect(mock.notifications.map((n) => n.externalId)).toEqual(merchant.received.slice(2).map((r) => r.headers['x-external-id']));
  });
});
