// @vitest-environment node
// POST /v1.0/debit/payment-host-to-host with GoPay's body: what the pages make mandatory is refused when missing,
// in the pages' words; what the pages and Midtrans's Node client write differently is accepted both ways.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { paymentBody, snapApi } from './helpers';

let mock: MockGoPayServer;
let api: ReturnType<typeof snapApi>;
beforeAll(async () => {
  mock = await createMockGoPayServer({ seed: 5 });
});
// reset() forgets access tokens: a fresh client per test.
beforeEach(() => {
  api = snapApi(mock);
});
afterEach(() => mock.reset());

const OPTION = { payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '1.00', currency: 'IDR' } };

/** The payment body with `change` applied (a field set to undefined is left out). */
function body(change: Record<string, unknown> = {}, option: Record<string, unknown> = {}) {
  const base = paymentBody(mock);
  return { ...base, payOptionDetails: [{ ...base.payOptionDetails[0], ...option }], ...change };
}

describe('a payment GoPay accepts', () => {
  it('answers referenceNo, webRedirectUrl (tref = referenceNo) and additionalInfo; the payment waits, 03', async () => {
    const { status, body: created } = await api.pay(body({ partnerReferenceNo: 'ORDER-1' }), { externalId: 'ext-1' });
    expect(status).toBe(200);
    expect(created).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: expect.stringMatching(/^A1\d{14}[0-9A-Za-z]{10}ID$/),
      partnerReferenceNo: 'ORDER-1',
      webRedirectUrl: `https://gopay.co.id/app/merchanttransfer?tref=${created.referenceNo}`,
      additionalInfo: {
        paymentType: 'GOPAY',
        grossAmount: { value: '25000.00', currency: 'IDR' },
        transactionTime: expect.stringMatching(/\+07:00$/),
        validUpTo: expect.stringMatching(/\+07:00$/),
      },
    });
    expect(Date.parse(created.additionalInfo.validUpTo) - Date.parse(created.additionalInfo.transactionTime)).toBe(900_000);
    expect(mock.payments.get(created.referenceNo)).toMatchObject({
      partnerReferenceNo: 'ORDER-1',
      externalId: 'ext-1',
      latestTransactionStatus: '03',
    });
  });

  it.each([
    ['transAmount.value 1500.00 (the pages)', {}, { transAmount: { value: '1500.00', currency: 'IDR' } }],
    ["transAmount.value 1500 (Midtrans's Node README)", {}, { transAmount: { value: '1500', currency: 'IDR' } }],
    ['chargeToken ""', { chargeToken: '' }, {}],
    ['no merchantId (optional on the page)', { merchantId: undefined }, {}],
    ['urlParam as an object (Node README)', { urlParam: { url: 'https://shop.example/done', type: 'PAY_RETURN', isDeeplink: 'N' } }, {}],
    ['urlParam as an array (Mini App page)', { urlParam: [{ url: 'https://shop.example/done', type: 'PAY_RETURN', isDeeplink: 'N' }] }, {}],
    ['urlParams as an array (Direct Debit page)', { urlParams: [{ url: 'app://done', type: 'PAY_RETURN', isDeeplink: 'Y' }] }, {}],
    ["payMethod 'gopay', payOption 'GOPAY_WALLET'", {}, { payMethod: 'gopay', payOption: 'GOPAY_WALLET' }],
    ['a validUpTo with microseconds', { validUpTo: new Date(Date.now() + 3_600_000).toISOString().replace('Z', '452Z') }, {}],
  ])('accepts %s', async (_, change, option) => {
    const { status, body: created } = await api.pay(body(change, option));
    expect(status).toBe(200);
    if ('transAmount' in option) expect(mock.payments.get(created.referenceNo)!.amount).toEqual({ value: '1500.00', currency: 'IDR' });
  });

  it('two payments may share a partnerReferenceNo ("doesn\'t have unique validation"): two referenceNos', async () => {
    const first = await api.pay(body({ partnerReferenceNo: 'ORDER-TWICE' }));
    const second = await api.pay(body({ partnerReferenceNo: 'ORDER-TWICE' }));
    expect(second.status).toBe(200);
    expect(second.body.referenceNo).not.toBe(first.body.referenceNo);
    expect(mock.payments.size).toBe(2);
  });

  it('validUpTo sets the expiry that the answer reports', async () => {
    const until = Date.now() + 3_600_000;
    const { body: created } = await api.pay(body({ validUpTo: new Date(until).toISOString() }));
    expect(mock.payments.get(created.referenceNo)!.expiresAt).toBe(until);
  });
});

describe('a payment GoPay refuses', () => {
  it.each([
    ['no partnerReferenceNo', { partnerReferenceNo: undefined }, 'Invalid Mandatory Field partnerReferenceNo'],
    ['no chargeToken', { chargeToken: undefined }, 'Invalid Mandatory Field chargeToken'],
    [
      "neither (the page's words)",
      { chargeToken: undefined, partnerReferenceNo: undefined },
      'Invalid Mandatory Field chargeToken , partnerReferenceNo',
    ],
    ['no payOptionDetails', { payOptionDetails: undefined }, 'Invalid Mandatory Field payOptionDetails'],
    [
      'a top-level amount instead of payOptionDetails',
      { payOptionDetails: undefined, amount: { value: '25000.00', currency: 'IDR' } },
      'Invalid Mandatory Field payOptionDetails',
    ],
  ])('%s: 400 4005402', async (_, change, responseMessage) => {
    const all = { ...paymentBody(mock), ...change } as Record<string, unknown>;
    expect(await api.pay(JSON.parse(JSON.stringify(all)))).toEqual({ status: 400, body: { responseCode: '4005402', responseMessage } });
    expect(mock.payments.size).toBe(0);
  });

  it.each([
    ['no transAmount', { transAmount: undefined }, '4005402', 'Invalid Mandatory Field payOptionDetails.transAmount'],
    ['no payMethod', { payMethod: undefined }, '4005402', 'Invalid Mandatory Field payOptionDetails.payMethod'],
    ['no value', { transAmount: { currency: 'IDR' } }, '4005402', 'Invalid Mandatory Field payOptionDetails.transAmount.value'],
    [
      'a number value',
      { transAmount: { value: 25000, currency: 'IDR' } },
      '4005401',
      'Invalid Field Format payOptionDetails.transAmount.value',
    ],
    [
      'one decimal',
      { transAmount: { value: '25000.5', currency: 'IDR' } },
      '4005401',
      'Invalid Field Format payOptionDetails.transAmount.value',
    ],
    [
      'below 1.00',
      { transAmount: { value: '0.99', currency: 'IDR' } },
      '4005401',
      'Invalid Field Format payOptionDetails.transAmount.value',
    ],
    [
      'above 99999999999.00',
      { transAmount: { value: '100000000000.00', currency: 'IDR' } },
      '4005401',
      'Invalid Field Format payOptionDetails.transAmount.value',
    ],
    ['USD', { transAmount: { value: '1.00', currency: 'USD' } }, '4005401', 'Invalid Field Format payOptionDetails.transAmount.currency'],
    ['DANA', { payMethod: 'DANA' }, '4005401', 'Invalid Field Format payOptionDetails.payMethod'],
  ])('payOptionDetails with %s: %s', async (_, option, responseCode, responseMessage) => {
    expect((await api.pay(JSON.parse(JSON.stringify(body({}, option))))).body).toEqual({ responseCode, responseMessage });
  });

  it.each([
    ['a partnerReferenceNo with a symbol GoPay declines', { partnerReferenceNo: 'order#1' }, 'partnerReferenceNo'],
    ['a partnerReferenceNo of 65 characters', { partnerReferenceNo: 'x'.repeat(65) }, 'partnerReferenceNo'],
    ['a chargeToken that is not a string', { chargeToken: 0 }, 'chargeToken'],
    ['two pay options', { payOptionDetails: [OPTION, OPTION] }, 'payOptionDetails'],
    ['a validUpTo in 10 seconds (the minimum is 20)', { validUpTo: new Date(Date.now() + 10_000).toISOString() }, 'validUpTo'],
    ['a validUpTo that is no date', { validUpTo: 'tomorrow' }, 'validUpTo'],
    ['urlParam as a string', { urlParam: 'https://shop.example' }, 'urlParam'],
  ])('%s: 4005401 Invalid Field Format', async (_, change, field) => {
    expect((await api.pay(body(change))).body).toEqual({ responseCode: '4005401', responseMessage: `Invalid Field Format ${field}` });
  });

  it("another merchant's merchantId: 404 4045408 Invalid Merchant", async () => {
    expect(await api.pay(body({ merchantId: 'G999999999' }))).toEqual({
      status: 404,
      body: { responseCode: '4045408', responseMessage: 'Invalid Merchant' },
    });
  });
});

describe('X-EXTERNAL-ID, the idempotency key', () => {
  it('the same id and body get the first answer again, concurrent or later; another body is 409 Conflict', async () => {
    const same = body({ partnerReferenceNo: 'ORDER-2' });
    const first = await api.pay(same, { externalId: 'same' });
    const twins = await Promise.all([1, 2].map(() => api.pay(same, { externalId: 'same' })));
    expect(twins).toEqual([first, first]);
    expect(mock.payments.size).toBe(1);
    expect(await api.pay(body({ partnerReferenceNo: 'ORDER-3' }), { externalId: 'same' })).toEqual({
      status: 409,
      body: { responseCode: '4095400', responseMessage: 'Conflict' },
    });
    // A refused body does not spend the id.
    await api.pay(body({ chargeToken: undefined }), { externalId: 'fresh' });
    expect((await api.pay(same, { externalId: 'fresh' })).status).toBe(200);
  });

  it('two first requests at once with the same id make one payment', async () => {
    const same = body();
    const [a, b] = await Promise.all([api.pay(same, { externalId: 'race' }), api.pay(same, { externalId: 'race' })]);
    expect(a).toEqual(b);
    expect(mock.payments.size).toBe(1);
  });
});
