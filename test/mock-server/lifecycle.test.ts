// @vitest-environment node
// A payment's life on a clock moved by hand: paid 00; a sheet cancelled or left pending stays 03 until validUpTo or
// paymentTtl, then 08; failed 06; cancel of a pending payment 05 (a paid one refused); every change notified.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { GoPayValidationError } from '../../src/server';
import { manualClock, paymentBody, post, snapApi, type ManualClock } from './helpers';
import { ACK, inbox } from './inbox';

let mock: MockGoPayServer;
let clock: ManualClock;
let merchant: ReturnType<typeof inbox>;
let api: ReturnType<typeof snapApi>;
beforeEach(async () => {
  clock = manualClock();
  merchant = inbox([ACK]);
  mock = await createMockServer({ notifyUrl: 'http://shop.test/v1.0/debit/notify', seed: 11 }, { clock, fetch: merchant.fetch });
  api = snapApi(mock, clock.now);
});
afterEach(() => mock.close());

function statuses(): string[] {
  return merchant.bodies().map((body) => body.latestTransactionStatus);
}

/** The mock bridge's report of the user's answer in the sheet. */
function report(referenceNo: string, status: string): Promise<Response> {
  return mock.fetch(post('/mock/payments/report', { deeplink: `gopay://merchanttransfer?tref=${referenceNo}`, status }));
}

describe('expiry', () => {
  it('a payment nobody pays expires after paymentTtl (15 minutes): status 08 and an 08 notification', async () => {
    const { referenceNo } = await api.create();
    clock.advance(899_999);
    expect((await api.status({ originalReferenceNo: referenceNo })).body.latestTransactionStatus).toBe('03');
    clock.advance(1);
    await vi.waitFor(() => expect(statuses()).toEqual(['08']));
    expect((await api.status({ originalReferenceNo: referenceNo })).body.latestTransactionStatus).toBe('08');
    expect(merchant.bodies()[0]).toMatchObject({ originalReferenceNo: referenceNo, transactionStatusDesc: 'Expiry' });
    expect(merchant.bodies()[0]).not.toHaveProperty('finishedTime');
  });

  it('a cancelled or abandoned sheet leaves the payment 03 (no notification) until it expires at validUpTo', async () => {
    const validUpTo = new Date(clock.now() + 60_000).toISOString();
    const created = await api.pay({ ...paymentBody(mock), validUpTo });
    const { referenceNo } = created.body;
    // launchPayment's failed (the user cancels), cancelled (goes back), pending (a processing error).
    for (const status of ['failed', 'cancelled', 'pending']) {
      expect(await (await report(referenceNo, status)).json()).toEqual({ referenceNo, latestTransactionStatus: '03' });
    }
    expect(merchant.received).toHaveLength(0);
    clock.advance(60_000);
    await vi.waitFor(() => expect(statuses()).toEqual(['08']));
    // Too late to pay.
    expect((await report(referenceNo, 'success')).status).toBe(409);
    await expect(mock.completePayment(referenceNo, 'success')).rejects.toThrow(/already finished \(Expiry\)/);
  });

  it('a request sees the expiry even before the timer fires (a clock that jumped)', async () => {
    const paymentTtl = 1_000;
    const quick = await createMockServer({ paymentTtl }, { clock, fetch: merchant.fetch });
    const quickApi = snapApi(quick, clock.now);
    const { referenceNo } = await quickApi.create();
    // Time moves without running timers: the next request runs what is due.
    const now = clock.now;
    clock.now = () => now() + paymentTtl;
    expect((await quickApi.status({ originalReferenceNo: referenceNo })).body.latestTransactionStatus).toBe('08');
  });

  it('a payment paid in time never expires', async () => {
    const { referenceNo } = await api.create();
    await mock.completePayment(referenceNo, 'success');
    clock.advance(3_600_000);
    expect((await api.status({ originalReferenceNo: referenceNo })).body.latestTransactionStatus).toBe('00');
    expect(statuses()).toEqual(['00']);
    expect(clock.pending()).toBe(0);
  });
});

describe('completePayment and the sheet', () => {
  it.each([
    ['success', '00', 'Success'],
    ['failed', '06', 'Failure'],
    ['expired', '08', 'Expiry'],
  ] as const)('%s → %s, notified once delivered', async (outcome, code, description) => {
    const { referenceNo } = await api.create();
    const notification = await mock.completePayment(referenceNo, outcome);
    expect(notification).toMatchObject({ state: 'delivered', latestTransactionStatus: code, referenceNo });
    expect(merchant.bodies()).toEqual([expect.objectContaining({ latestTransactionStatus: code, transactionStatusDesc: description })]);
    expect(mock.payments.get(referenceNo)!.latestTransactionStatus).toBe(code);
  });

  it('refuses an unknown payment or outcome, never changes a finished payment, resends the same ending', async () => {
    await expect(mock.completePayment('A1NONE', 'success')).rejects.toThrow(/No payment A1NONE/);
    const { referenceNo } = await api.create();
    await expect(mock.completePayment(referenceNo, 'cancelled' as never)).rejects.toThrow(
      new GoPayValidationError('mock.completePayment(referenceNo, status) must be one of success, failed, expired, got "cancelled".'),
    );
    await expect(mock.completePayment(42 as never, 'success')).rejects.toThrow(
      new GoPayValidationError('mock.completePayment(referenceNo) must be a non-empty string, got 42.'),
    );
    await mock.completePayment(referenceNo, 'success');
    await expect(mock.completePayment(referenceNo, 'failed')).rejects.toThrow(/already finished \(Success\)/);
    expect((await mock.completePayment(referenceNo, 'success')).state).toBe('delivered');
    expect(statuses()).toEqual(['00', '00']);
  });

  it("the sheet's success is reported by the mock bridge and notified; a later answer changes nothing", async () => {
    const paid = (await api.create()).referenceNo;
    expect(await (await report(paid, 'success')).json()).toEqual({ referenceNo: paid, latestTransactionStatus: '00' });
    expect(await (await report(paid, 'failed')).json()).toEqual({ referenceNo: paid, latestTransactionStatus: '00' });
    expect(await (await report(paid, 'success')).json()).toEqual({ referenceNo: paid, latestTransactionStatus: '00' });
    await vi.waitFor(() => expect(statuses()).toEqual(['00']));
    const failed = (await api.create()).referenceNo;
    await mock.completePayment(failed, 'failed');
    expect((await report(failed, 'success')).status).toBe(409);
  });
});

describe('POST /v1.0/debit/cancel', () => {
  it('cancels a pending payment: 2005700, status 05, a 05 notification; by originalExternalId too', async () => {
    const { referenceNo } = await api.create('ORDER-C', undefined, 'ext-c');
    const canceled = await api.cancel({ originalPartnerReferenceNo: 'ORDER-C', originalReferenceNo: referenceNo, reason: 'out of stock' });
    expect(canceled).toEqual({
      status: 200,
      body: {
        responseCode: '2005700',
        responseMessage: 'Request has been processed successfully',
        originalReferenceNo: referenceNo,
        originalPartnerReferenceNo: 'ORDER-C',
        cancelTime: expect.stringMatching(/\+07:00$/),
      },
    });
    await vi.waitFor(() => expect(statuses()).toEqual(['05']));
    expect((await api.status({ originalExternalId: 'ext-c' })).body.latestTransactionStatus).toBe('05');
    const other = await api.create(undefined, undefined, 'ext-d');
    // Midtrans's Node README cancels with the external id alone (no originalPartnerReferenceNo).
    expect((await api.cancel({ originalExternalId: 'ext-d' })).body.originalReferenceNo).toBe(other.referenceNo);
  });

  it('refuses a paid, failed or already canceled payment with 4035715, and what it cannot find', async () => {
    const { referenceNo } = await api.create('ORDER-PAID');
    await mock.completePayment(referenceNo, 'success');
    expect(await api.cancel({ originalReferenceNo: referenceNo })).toEqual({
      status: 403,
      body: {
        responseCode: '4035715',
        responseMessage: 'Transaction Not Permitted. The payment is Success: it is paid: refund it instead.',
      },
    });
    const failed = (await api.create()).referenceNo;
    await mock.completePayment(failed, 'failed');
    expect((await api.cancel({ originalReferenceNo: failed })).body.responseCode).toBe('4035715');
    expect(await api.cancel({ originalReferenceNo: 'A1NOPE' })).toEqual({
      status: 404,
      body: { responseCode: '4045701', responseMessage: 'Transaction Not Found' },
    });
    expect((await api.cancel({ originalReferenceNo: referenceNo, originalPartnerReferenceNo: 'ORDER-OTHER' })).status).toBe(404);
    expect((await api.cancel({ originalPartnerReferenceNo: 'ORDER-PAID' })).body.responseCode).toBe('4005702');
    expect(mock.payments.get(referenceNo)!.latestTransactionStatus).toBe('00');
  });

  it('a retried cancel (same X-EXTERNAL-ID and body) gets the first answer', async () => {
    const { referenceNo } = await api.create();
    const first = await api.cancel({ originalReferenceNo: referenceNo }, { externalId: 'cancel-1' });
    expect(await api.cancel({ originalReferenceNo: referenceNo }, { externalId: 'cancel-1' })).toEqual(first);
    expect((await api.cancel({ originalReferenceNo: referenceNo, reason: 'x' }, { externalId: 'cancel-1' })).status).toBe(409);
    await vi.waitFor(() => expect(statuses()).toEqual(['05']));
  });
});
