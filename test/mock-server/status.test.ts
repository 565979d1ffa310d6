// @vitest-environment node
// POST /v1.0/debit/status as "Get Transaction Status API" defines it: found by originalReferenceNo or
// originalExternalId (never by the merchant's order id alone), answering transAmount, paidTime and refundHistory;
// a payment GoPay does not know is status 07, not a 404.
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { snapApi } from './helpers';

let mock: MockGoPayServer;
let api: ReturnType<typeof snapApi>;
beforeAll(async () => {
  mock = await createMockGoPayServer({ seed: 9 });
});
beforeEach(() => {
  api = snapApi(mock);
});
afterEach(() => mock.reset());

const OK = { responseCode: '2005500', responseMessage: 'Request has been processed successfully' };

it('finds a payment by originalReferenceNo or originalExternalId, with transAmount and no paidTime while pending', async () => {
  const created = await api.create('ORDER-9', '25000', 'ext-9');
  const expected = {
    ...OK,
    originalPartnerReferenceNo: 'ORDER-9',
    originalReferenceNo: created.referenceNo,
    originalExternalId: 'ext-9',
    serviceCode: '54',
    latestTransactionStatus: '03',
    transAmount: { value: '25000.00', currency: 'IDR' },
    additionalInfo: { validUpTo: created.additionalInfo.validUpTo },
  };
  expect(await api.status({ originalReferenceNo: created.referenceNo })).toEqual({ status: 200, body: expected });
  expect((await api.status({ originalExternalId: 'ext-9' })).body).toEqual(expected);
  // originalReferenceNo is the main identifier when both are sent.
  expect((await api.status({ originalReferenceNo: created.referenceNo, originalExternalId: 'other' })).body).toEqual(expected);
});

it('a paid payment answers paidTime and what the user paid with; a refunded one its refundHistory', async () => {
  const { referenceNo } = await api.create('ORDER-P', '30000.00');
  await mock.completePayment(referenceNo, 'success');
  const paid = (await api.status({ originalReferenceNo: referenceNo })).body;
  expect(paid).toMatchObject({
    latestTransactionStatus: '00',
    paidTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
    additionalInfo: { userPaymentDetails: [{ payMethod: 'gopay', payOption: 'GOPAY_WALLET' }] },
  });
  expect(paid).not.toHaveProperty('refundHistory');
  await api.refund({
    originalReferenceNo: referenceNo,
    partnerRefundNo: 'r-1',
    refundAmount: { value: '10000.00', currency: 'IDR' },
    reason: 'size',
  });
  const refunded = (await api.status({ originalReferenceNo: referenceNo })).body;
  expect(refunded).toMatchObject({
    latestTransactionStatus: '04',
    paidTime: paid.paidTime,
    transAmount: { value: '30000.00', currency: 'IDR' },
  });
  expect(refunded.refundHistory).toEqual([
    {
      refundNo: expect.stringMatching(/^\d{20}$/),
      partnerReferenceNo: 'r-1',
      refundAmount: { value: '10000.00', currency: 'IDR' },
      refundStatus: '00',
      refundDate: expect.stringMatching(/\+07:00$/),
      reason: 'size',
    },
  ]);
});

it('an unknown payment is latestTransactionStatus 07 (Not found), HTTP 200, as the page lists it', async () => {
  expect(await api.status({ originalReferenceNo: 'A1NOPE' })).toEqual({
    status: 200,
    body: { ...OK, originalReferenceNo: 'A1NOPE', serviceCode: '54', latestTransactionStatus: '07' },
  });
  expect((await api.status({ originalExternalId: 'nobody' })).body).toMatchObject({
    originalExternalId: 'nobody',
    latestTransactionStatus: '07',
  });
});

it('the order id alone finds nothing: 4005502 (partnerReferenceNo "is not recommended to be used … in subsequent APIs")', async () => {
  await api.create('ORDER-ALONE');
  expect(await api.status({ originalPartnerReferenceNo: 'ORDER-ALONE' })).toEqual({
    status: 400,
    body: { responseCode: '4005502', responseMessage: 'Invalid Mandatory Field originalReferenceNo' },
  });
});

it('serviceCode is mandatory and names the payment (54)', async () => {
  const { referenceNo } = await api.create();
  const ask = (body: object) => api.call('/v1.0/debit/status', body);
  expect((await ask({ originalReferenceNo: referenceNo })).body).toEqual({
    responseCode: '4005502',
    responseMessage: 'Invalid Mandatory Field serviceCode',
  });
  expect((await ask({ originalReferenceNo: referenceNo, serviceCode: '17' })).body).toEqual({
    responseCode: '4005501',
    responseMessage: 'Invalid Field Format serviceCode',
  });
  expect((await ask({ originalReferenceNo: 42, serviceCode: '54' })).body.responseCode).toBe('4005501');
});

it('the same X-EXTERNAL-ID asks afresh: a status is never a replayed, stale answer', async () => {
  const { referenceNo } = await api.create();
  const ask = () => api.call('/v1.0/debit/status', { originalReferenceNo: referenceNo, serviceCode: '54' }, { externalId: 'same-ask' });
  expect((await ask()).body.latestTransactionStatus).toBe('03');
  await mock.completePayment(referenceNo, 'success');
  expect((await ask()).body.latestTransactionStatus).toBe('00');
});
