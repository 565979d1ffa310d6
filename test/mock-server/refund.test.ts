// @vitest-environment node
// POST /v1.0/debit/refund as "Refund API" defines it: a paid payment is refunded in full or in parts that add up to
// the paid amount and no further; the same partnerRefundNo answers the first refund again; every refund is a 04
// notification listing every refund so far and their total.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { snapApi } from './helpers';
import { ACK, inbox } from './inbox';

let mock: MockGoPayServer;
let merchant: ReturnType<typeof inbox>;
let api: ReturnType<typeof snapApi>;
beforeEach(async () => {
  merchant = inbox([ACK]);
  mock = await createMockServer({ notifyUrl: 'http://shop.test/v1.0/debit/notify', seed: 13 }, { fetch: merchant.fetch });
  api = snapApi(mock);
});
afterEach(() => mock.close());

function idr(value: string) {
  return { value, currency: 'IDR' };
}

async function paid(value = '50000.00', partnerReferenceNo = 'ORDER-R'): Promise<string> {
  const { referenceNo } = await api.create(partnerReferenceNo, value);
  await mock.completePayment(referenceNo, 'success');
  return referenceNo;
}

it('refunds part of a paid payment: 2005800, status 04, a 04 notification with refundHistory and totalRefundAmount', async () => {
  const referenceNo = await paid();
  const refund = await api.refund({
    originalPartnerReferenceNo: 'ORDER-R',
    originalReferenceNo: referenceNo,
    partnerRefundNo: 'refund-1',
    refundAmount: idr('20000.00'),
    reason: 'one item returned',
  });
  expect(refund).toEqual({
    status: 200,
    body: {
      responseCode: '2005800',
      responseMessage: 'Request has been processed successfully',
      originalReferenceNo: referenceNo,
      originalPartnerReferenceNo: 'ORDER-R',
      refundNo: expect.stringMatching(/^\d{20}$/),
      partnerRefundNo: 'refund-1',
      refundAmount: idr('20000.00'),
      refundTime: expect.stringMatching(/\+07:00$/),
    },
  });
  await vi.waitFor(() => expect(merchant.received).toHaveLength(2));
  const notified = merchant.bodies()[1];
  expect(notified).toMatchObject({ originalReferenceNo: referenceNo, latestTransactionStatus: '04', transactionStatusDesc: 'Refunded' });
  expect(notified.additionalInfo).toEqual({
    userPaymentDetails: [{ payMethod: 'gopay', payOption: 'GOPAY_WALLET' }],
    refundHistory: [
      {
        refundNo: refund.body.refundNo,
        refundStatus: '00',
        partnerRefundNo: 'refund-1',
        refundAmount: idr('20000.00'),
        reason: 'one item returned',
        refundTime: refund.body.refundTime,
      },
    ],
    totalRefundAmount: idr('20000.00'),
  });
});

it('partial refunds add up to the paid amount and no further (4035802); no refundAmount refunds the rest', async () => {
  const referenceNo = await paid('50000.00');
  const refund = (partnerRefundNo: string, value?: string) =>
    api.refund({ originalReferenceNo: referenceNo, partnerRefundNo, ...(value ? { refundAmount: idr(value) } : {}) });
  expect((await refund('r-1', '20000')).body.refundAmount).toEqual(idr('20000.00'));
  expect(await refund('r-2', '30000.01')).toEqual({
    status: 403,
    body: { responseCode: '4035802', responseMessage: 'Exceeds Transaction Amount Limit' },
  });
  expect((await refund('r-3')).body.refundAmount).toEqual(idr('30000.00'));
  expect((await refund('r-4')).body.responseCode).toBe('4035802');
  expect((await refund('r-5', '1.00')).body.responseCode).toBe('4035802');
  await vi.waitFor(() => expect(merchant.received).toHaveLength(3));
  expect(merchant.bodies()[2].additionalInfo.totalRefundAmount).toEqual(idr('50000.00'));
  expect(merchant.bodies()[2].additionalInfo.refundHistory.map((r: { partnerRefundNo: string }) => r.partnerRefundNo)).toEqual([
    'r-1',
    'r-3',
  ]);
});

it('the same partnerRefundNo answers the first refund again and refunds nothing more', async () => {
  const referenceNo = await paid('50000.00');
  const first = await api.refund({ originalReferenceNo: referenceNo, partnerRefundNo: 'same', refundAmount: idr('10000.00') });
  const again = await api.refund({ originalReferenceNo: referenceNo, partnerRefundNo: 'same', refundAmount: idr('10000.00') });
  expect(again).toEqual(first);
  expect(mock.payments.get(referenceNo)!.refunds).toHaveLength(1);
  // Even with another amount: the id names a refund that already happened.
  expect((await api.refund({ originalReferenceNo: referenceNo, partnerRefundNo: 'same', refundAmount: idr('5.00') })).body).toEqual(
    first.body,
  );
});

it("accepts Midtrans's Node README body: originalReferenceNo and reason only (a full refund, Midtrans names it)", async () => {
  const referenceNo = await paid('15000.00');
  const { status, body } = await api.refund({ originalReferenceNo: referenceNo, reason: 'refund reason' });
  expect(status).toBe(200);
  expect(body).toMatchObject({ refundAmount: idr('15000.00'), partnerRefundNo: expect.stringMatching(/^refund-[A-Za-z0-9]{16}$/) });
});

it('finds the payment by originalExternalId too', async () => {
  const { referenceNo } = await api.create('ORDER-X', '9000.00', 'ext-refund');
  await mock.completePayment(referenceNo, 'success');
  expect((await api.refund({ originalExternalId: 'ext-refund', partnerRefundNo: 'rx' })).body.originalReferenceNo).toBe(referenceNo);
});

it.each([
  ['a pending payment', async () => (await api.create()).referenceNo, 'Transaction Not Permitted. The payment is Pending, not paid.'],
  [
    'a failed payment',
    async () => {
      const { referenceNo } = await api.create();
      await mock.completePayment(referenceNo, 'failed');
      return referenceNo;
    },
    'Transaction Not Permitted. The payment is Failure, not paid.',
  ],
])('refuses %s with 4035815', async (_, make, responseMessage) => {
  const referenceNo = await make();
  expect(await api.refund({ originalReferenceNo: referenceNo, partnerRefundNo: 'r' })).toEqual({
    status: 403,
    body: { responseCode: '4035815', responseMessage },
  });
});

it('refuses what it cannot find (4045801) or cannot read (4005802, 4005801)', async () => {
  const referenceNo = await paid();
  expect(await api.refund({ originalReferenceNo: 'A1NOPE', partnerRefundNo: 'r' })).toEqual({
    status: 404,
    body: { responseCode: '4045801', responseMessage: 'Transaction Not Found' },
  });
  expect((await api.refund({ originalReferenceNo: referenceNo, originalPartnerReferenceNo: 'ORDER-OTHER' })).body.responseCode).toBe(
    '4045801',
  );
  expect((await api.refund({ originalPartnerReferenceNo: 'ORDER-R', partnerRefundNo: 'r' })).body).toEqual({
    responseCode: '4005802',
    responseMessage: 'Invalid Mandatory Field originalReferenceNo',
  });
  const bad = (change: object) => api.refund({ originalReferenceNo: referenceNo, ...change });
  expect((await bad({ partnerRefundNo: 'refund~1' })).body).toEqual({
    responseCode: '4005801',
    responseMessage: 'Invalid Field Format partnerRefundNo',
  });
  expect((await bad({ refundAmount: { value: '10.5', currency: 'IDR' } })).body.responseMessage).toBe(
    'Invalid Field Format refundAmount.value',
  );
  expect((await bad({ refundAmount: { value: '10.00' } })).body.responseMessage).toBe('Invalid Mandatory Field refundAmount.currency');
  expect(mock.payments.get(referenceNo)!.refunds).toEqual([]);
});

it('a retried refund without partnerRefundNo (same X-EXTERNAL-ID and body) is one refund', async () => {
  const referenceNo = await paid('50000.00');
  const body = { originalReferenceNo: referenceNo, refundAmount: idr('1000.00') };
  const first = await api.refund(body, { externalId: 'refund-call-1' });
  expect(await api.refund(body, { externalId: 'refund-call-1' })).toEqual(first);
  expect(mock.payments.get(referenceNo)!.refunds).toHaveLength(1);
});
