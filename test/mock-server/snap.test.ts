// @vitest-environment node
// The SNAP half of the mock GoPay server, signed with node:crypto: the B2B access token (RSA), host-to-host and
// status (Bearer + HMAC-SHA512), stale timestamps and X-EXTERNAL-ID reuse, refused with SNAP's response codes.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { accessToken, jakarta, paymentBody, rsaSign, snapRequest, tokenRequest } from './helpers';

let mock: MockGoPayServer;
beforeAll(async () => {
  mock = await createMockGoPayServer({ seed: 3 });
});
afterEach(() => {
  mock.reset();
  vi.useRealTimers();
});

const H2H = '/v1.0/debit/payment-host-to-host';
const STATUS = '/v1.0/debit/status';
const answer = async (request: Request) => {
  const response = await mock.fetch(request);
  return { status: response.status, body: await response.json() };
};

describe('POST /v1.0/access-token/b2b', () => {
  it('answers a Bearer token for 900 s when X-SIGNATURE is SHA256withRSA(privateKey, clientId|X-TIMESTAMP)', async () => {
    expect(await answer(tokenRequest(mock))).toEqual({
      status: 200,
      body: {
        responseCode: '2007300',
        responseMessage: 'Successful',
        accessToken: expect.stringMatching(/^[A-Za-z0-9]{54}$/),
        tokenType: 'Bearer',
        expiresIn: '900',
      },
    });
  });

  it.each([
    ['a signature by another key', () => ({ signature: rsaSign(mock.merchant.privateKey, 'someone-else|' + jakarta()) })],
    ['a signature that is not base64', () => ({ signature: '***' })],
    [
      'a signature over another timestamp',
      () => ({ signature: rsaSign(mock.merchant.privateKey, `${mock.merchant.clientId}|${jakarta(0)}`) }),
    ],
  ])('%s: 401 4017300 Unauthorized. Invalid Signature', async (_, parts) => {
    expect(await answer(tokenRequest(mock, parts()))).toEqual({
      status: 401,
      body: { responseCode: '4017300', responseMessage: 'Unauthorized. Invalid Signature' },
    });
  });

  it('an unknown client, a stale or malformed timestamp and a wrong grantType are refused', async () => {
    expect((await answer(tokenRequest(mock, { clientId: 'someone' }))).body).toEqual({
      responseCode: '4017300',
      responseMessage: 'Unauthorized. Unknown Client',
    });
    // Correctly signed, but six minutes old (and six minutes ahead).
    for (const at of [Date.now() - 360_000, Date.now() + 360_000]) {
      expect((await answer(tokenRequest(mock, { timestamp: jakarta(at) }))).body).toEqual({
        responseCode: '4017300',
        responseMessage: 'Unauthorized. Stale X-TIMESTAMP',
      });
    }
    expect((await answer(tokenRequest(mock, { timestamp: jakarta(Date.now() - 240_000) }))).status).toBe(200);
    expect((await answer(tokenRequest(mock, { timestamp: '30/11/2026 14:30' }))).body.responseCode).toBe('4007301');
    expect((await answer(tokenRequest(mock, { body: { grantType: 'password' } }))).body).toEqual({
      responseCode: '4007302',
      responseMessage: 'Invalid Mandatory Field grantType',
    });
  });
});

describe('POST /v1.0/debit/payment-host-to-host', () => {
  it('creates a payment and answers its webRedirectUrl (tref = referenceNo)', async () => {
    const token = await accessToken(mock);
    const { status, body } = await answer(snapRequest(mock, H2H, paymentBody(mock, 'ORDER-1'), { token, externalId: 'ext-1' }));
    expect(status).toBe(200);
    expect(body).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: expect.stringMatching(/^A[0-9A-Z]{19}$/),
      partnerReferenceNo: 'ORDER-1',
      webRedirectUrl: `https://gopay.co.id/app/merchanttransfer?tref=${body.referenceNo}`,
      additionalInfo: {},
    });
    expect(mock.payments.get(body.referenceNo)).toMatchObject({
      partnerReferenceNo: 'ORDER-1',
      externalId: 'ext-1',
      latestTransactionStatus: '03',
    });
  });

  it.each([
    ['a wrong client secret', { secret: 'not-the-secret' }, 401, '4015400', 'Unauthorized. Invalid Signature'],
    ['a signature that is not base64', { signature: '!!' }, 401, '4015400', 'Unauthorized. Invalid Signature'],
    ['an unknown access token', { token: 'forged' }, 401, '4015401', 'Invalid Token (B2B)'],
    ['no access token', { token: '' }, 401, '4015403', 'Token Not Found (B2B)'],
    ['a stale X-TIMESTAMP', { timestamp: jakarta(Date.now() - 3_600_000) }, 401, '4015400', 'Unauthorized. Stale X-TIMESTAMP'],
    ['another partner', { partnerId: 'other' }, 401, '4015400', 'Unauthorized. Unknown Partner'],
    ['a CHANNEL-ID that is not 5 digits', { channelId: 'web' }, 400, '4005402', 'Invalid Mandatory Field CHANNEL-ID'],
  ])('%s is refused: %s %s', async (_, parts, status, responseCode, responseMessage) => {
    const token = await accessToken(mock);
    const request = snapRequest(mock, H2H, paymentBody(mock), { token, ...parts });
    expect(await answer(request)).toEqual({ status, body: { responseCode, responseMessage } });
    expect(mock.payments.size).toBe(0);
  });

  it('a body changed after signing is refused (the HMAC covers sha256(minify(body)))', async () => {
    const token = await accessToken(mock);
    const signed = snapRequest(mock, H2H, paymentBody(mock, 'ORDER-A'), { token });
    const tampered = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify({ ...paymentBody(mock, 'ORDER-A'), amount: { value: '1.00', currency: 'IDR' } }),
    });
    expect((await answer(tampered)).body.responseCode).toBe('4015400');
    // Whitespace is not part of the signed digest: a pretty-printed body with the same content passes.
    const pretty = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify(paymentBody(mock, 'ORDER-A'), null, 2),
    });
    expect((await answer(pretty)).status).toBe(200);
  });

  it('an access token expires after 15 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await accessToken(mock);
    vi.setSystemTime(Date.now() + 900_001);
    expect((await answer(snapRequest(mock, H2H, paymentBody(mock), { token }))).body.responseCode).toBe('4015401');
  });

  it('X-EXTERNAL-ID: the same body is answered again without a second payment; another body is 409 Conflict', async () => {
    const token = await accessToken(mock);
    const body = paymentBody(mock, 'ORDER-2');
    const first = await answer(snapRequest(mock, H2H, body, { token, externalId: 'same' }));
    const concurrent = await Promise.all([1, 2].map(() => answer(snapRequest(mock, H2H, body, { token, externalId: 'same' }))));
    expect(concurrent).toEqual([first, first]);
    expect(mock.payments.size).toBe(1);
    expect(await answer(snapRequest(mock, H2H, paymentBody(mock, 'ORDER-3'), { token, externalId: 'same' }))).toEqual({
      status: 409,
      body: { responseCode: '4095400', responseMessage: 'Conflict' },
    });
    // The same order under a new X-EXTERNAL-ID is a duplicate, not a second payment.
    expect((await answer(snapRequest(mock, H2H, body, { token, externalId: 'other' }))).body).toEqual({
      responseCode: '4095401',
      responseMessage: 'Duplicate partnerReferenceNo',
    });
  });

  it('checks the body: merchantId, amount format and currency', async () => {
    const token = await accessToken(mock);
    const send = (body: unknown) => answer(snapRequest(mock, H2H, body, { token }));
    expect((await send({ ...paymentBody(mock), merchantId: 'G000' })).body).toEqual({
      responseCode: '4045408',
      responseMessage: 'Invalid Merchant',
    });
    expect((await send({ ...paymentBody(mock), amount: { value: 25000, currency: 'IDR' } })).body.responseCode).toBe('4005401');
    expect((await send({ ...paymentBody(mock), amount: { value: '25000.00', currency: 'USD' } })).body.responseCode).toBe('4005401');
    expect((await send({ merchantId: mock.merchant.merchantId })).body.responseCode).toBe('4005402');
  });
});

describe('POST /v1.0/debit/status', () => {
  it('finds a payment by referenceNo, external id or partner reference; follows completePayment', async () => {
    const token = await accessToken(mock);
    const created = (await answer(snapRequest(mock, H2H, paymentBody(mock, 'ORDER-9'), { token, externalId: 'ext-9' }))).body;
    const status = async (query: object) => (await answer(snapRequest(mock, STATUS, { ...query, serviceCode: '54' }, { token }))).body;
    const expected = {
      responseCode: '2005500',
      responseMessage: 'Successful',
      originalReferenceNo: created.referenceNo,
      originalPartnerReferenceNo: 'ORDER-9',
      originalExternalId: 'ext-9',
      serviceCode: '54',
      latestTransactionStatus: '03',
      transactionStatusDesc: 'Pending',
      amount: { value: '25000.00', currency: 'IDR' },
      additionalInfo: {},
    };
    expect(await status({ originalReferenceNo: created.referenceNo })).toEqual(expected);
    expect(await status({ originalExternalId: 'ext-9' })).toEqual(expected);
    expect(await status({ originalPartnerReferenceNo: 'ORDER-9' })).toEqual(expected);
    await mock.completePayment(created.referenceNo, 'success');
    expect(await status({ originalReferenceNo: created.referenceNo })).toMatchObject({
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
    });
    expect(await status({ originalReferenceNo: 'A-NOPE' })).toEqual({ responseCode: '4045501', responseMessage: 'Transaction Not Found' });
    expect((await answer(snapRequest(mock, STATUS, {}, { token }))).body.responseCode).toBe('4005502');
  });

  it('signs with the status path: a signature made for host-to-host is refused', async () => {
    const token = await accessToken(mock);
    const forH2h = snapRequest(mock, H2H, { originalReferenceNo: 'x', serviceCode: '54' }, { token });
    const moved = new Request(forH2h.url.replace(H2H, STATUS), { method: 'POST', headers: forH2h.headers, body: await forH2h.text() });
    expect((await answer(moved)).body).toEqual({ responseCode: '4015500', responseMessage: 'Unauthorized. Invalid Signature' });
  });
});
