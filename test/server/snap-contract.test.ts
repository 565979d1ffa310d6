// @vitest-environment node
// createSnapClient on GoPay's contract: the Partner ID, X-DEVICE-ID and extra headers; the host-to-host body as
// "Direct Debit API – GoPay" and "Seamless Payment (Bi-Snap)" define it; refund and cancel. Every request is checked
// by the fake SNAP server with node:crypto.
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapClient, GoPayValidationError, isGoPayError } from '../../src/server/index';
import { CLIENT_ID, CLIENT_SECRET, MERCHANT_ID, PARTNER_ID, payment, snapClient, snapKeys, startFakeSnap } from './fake-snap';
import { header, hmac512, json, sha256Hex } from './helpers';

let fake: Awaited<ReturnType<typeof startFakeSnap>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(client: Record<string, unknown> = {}, override?: Parameters<typeof startFakeSnap>[0]) {
  fake = await startFakeSnap(override);
  return snapClient(fake.url, { retries: 0, ...client });
}

/** The HMAC the fake expects, written out again: the request is signed over its own path, token, body and time. */
function signatureOf(request: { url: string; body: string; headers: Record<string, unknown> }) {
  const token = String(request.headers.authorization).replace(/^Bearer /, '');
  return hmac512(CLIENT_SECRET, `POST:${request.url}:${token}:${sha256Hex(request.body)}:${String(request.headers['x-timestamp'])}`);
}

const MERCHANT = { clientId: CLIENT_ID, partnerId: PARTNER_ID, clientSecret: CLIENT_SECRET, merchantId: MERCHANT_ID };

describe('createSnapClient: credentials and headers', () => {
  it('partnerId is required: Midtrans issues it beside the client id', () => {
    const { partnerId: _, ...withoutPartner } = MERCHANT;
    expect(() => createSnapClient({ ...withoutPartner, privateKey: snapKeys().pkcs8 } as never)).toThrow(/partnerId/);
    expect(() => createSnapClient({ ...MERCHANT, partnerId: 'has space', privateKey: snapKeys().pkcs8 })).toThrow(GoPayValidationError);
  });

  it('X-PARTNER-ID is the partnerId on transactional requests; the token request carries X-CLIENT-KEY only', async () => {
    const snap = await start();
    await snap.createPayment(payment('order-1'));
    const [token, pay] = fake!.requests;
    expect(header(token!, 'x-client-key')).toBe(CLIENT_ID);
    expect(header(token!, 'x-partner-id')).toBeUndefined();
    expect(header(pay!, 'x-partner-id')).toBe(PARTNER_ID);
    expect(header(pay!, 'x-client-key')).toBeUndefined();
    expect(fake!.errors).toEqual([]);
  });

  it('deviceId is sent as X-DEVICE-ID on transactional requests, and extra headers beside the client’s', async () => {
    const snap = await start({ deviceId: 'backend-1', headers: { 'debug-id': 'trace-42', 'X-Merchant-Tag': 'shop a' } });
    await snap.createPayment(payment('order-1'));
    const pay = fake!.requests[1]!;
    expect(header(pay, 'x-device-id')).toBe('backend-1');
    expect(header(pay, 'debug-id')).toBe('trace-42');
    expect(header(pay, 'x-merchant-tag')).toBe('shop a');
    expect(header(fake!.requests[0]!, 'debug-id')).toBeUndefined();
    expect(fake!.errors).toEqual([]);
  });

  it.each([
    ['X-PARTNER-ID', { 'x-partner-id': 'other' }],
    ['Authorization', { Authorization: 'Bearer mine' }],
    ['X-SIGNATURE', { 'X-Signature': 'forged' }],
    ['X-EXTERNAL-ID', { 'X-EXTERNAL-ID': 'fixed' }],
    ['X-DEVICE-ID', { 'x-device-id': 'dev' }],
    ['a bad name', { 'bad header': 'x' }],
    ['a line break in a value', { 'debug-id': 'a\r\nX-Injected: 1' }],
    ['a value that is not a string', { 'debug-id': 42 }],
  ])('headers cannot carry %s', (_name, headers) => {
    expect(() => createSnapClient({ ...MERCHANT, privateKey: snapKeys().pkcs8, headers } as never)).toThrow(GoPayValidationError);
  });
});

describe('createSnapClient: the host-to-host payment body', () => {
  it('sends GoPay’s body: payOptionDetails, chargeToken "" and merchantId filled in, other fields as given', async () => {
    const snap = await start();
    const body = {
      ...payment('order-1.a_b~c', '99999999999.00'),
      validUpTo: '2026-12-03T20:00:00+07:00',
      additionalInfo: { pointOfPurchaseId: 'pop-42', items: [{ name: 'Kopi ☕' }] },
    };
    await snap.createPayment(body);
    const sent = JSON.parse(fake!.requests[1]!.body);
    expect(sent).toEqual({ ...body, chargeToken: '', merchantId: MERCHANT_ID });
    expect(sent).not.toHaveProperty('amount');
    await snap.createPayment({ ...payment('order-2', '1.00'), chargeToken: 'given', merchantId: 'OTHER' });
    expect(JSON.parse(fake!.requests[2]!.body)).toMatchObject({ chargeToken: 'given', merchantId: 'OTHER' });
  });

  it('a top-level amount without payOptionDetails is refused with a message that says where the amount goes', async () => {
    const snap = await start();
    const error = await snap
      .createPayment({ partnerReferenceNo: 'o-1', amount: { value: '15000.00', currency: 'IDR' } } as never)
      .catch((e) => e);
    expect(isGoPayError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect(error.message).toMatch(
      /top-level amount.*payOptionDetails: \[\{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: \{ value: '15000\.00', currency: 'IDR' \} \}\]/,
    );
    expect(fake!.requests).toHaveLength(0);
  });

  const option = (transAmount: unknown) => [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount }];
  it.each([
    ['no payOptionDetails', { partnerReferenceNo: 'o-1' }, /payOptionDetails is required/],
    ['an empty payOptionDetails', { partnerReferenceNo: 'o-1', payOptionDetails: [] }, /payOptionDetails is required/],
    [
      'a value without decimals',
      { partnerReferenceNo: 'o-1', payOptionDetails: option({ value: '15000', currency: 'IDR' }) },
      /two decimals/,
    ],
    ['a number value', { partnerReferenceNo: 'o-1', payOptionDetails: option({ value: 15000, currency: 'IDR' }) }, /two decimals/],
    ['a value under 1.00', { partnerReferenceNo: 'o-1', payOptionDetails: option({ value: '0.99', currency: 'IDR' }) }, /'1\.00'/],
    [
      'a value over the maximum',
      { partnerReferenceNo: 'o-1', payOptionDetails: option({ value: '100000000000.00', currency: 'IDR' }) },
      /99999999999/,
    ],
    [
      'another currency',
      { partnerReferenceNo: 'o-1', payOptionDetails: option({ value: '1.00', currency: 'USD' }) },
      /currency must be 'IDR'/,
    ],
    [
      'no transAmount',
      { partnerReferenceNo: 'o-1', payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY' }] },
      /transAmount must be an object/,
    ],
    [
      'no payMethod',
      { partnerReferenceNo: 'o-1', payOptionDetails: [{ payOption: 'GOPAY', transAmount: { value: '1.00', currency: 'IDR' } }] },
      /payMethod/,
    ],
    ['a reference with a slash', payment('order/1'), /partnerReferenceNo must be 1 to 64 letters/],
    ['a reference of 65 characters', payment('x'.repeat(65)), /partnerReferenceNo must be 1 to 64/],
    ['no reference', { ...payment('x'), partnerReferenceNo: undefined }, /partnerReferenceNo/],
    ['a chargeToken that is not a string', { ...payment('o-1'), chargeToken: null }, /chargeToken must be a string/],
  ])('%s is refused before any request', async (_name, body, message) => {
    const snap = await start();
    await expect(snap.createPayment(body as never)).rejects.toThrow(message);
    expect(fake!.requests).toHaveLength(0);
  });

  it('X-EXTERNAL-ID: at most 36 characters, the length GoPay stores', async () => {
    const snap = await start();
    await expect(snap.createPayment(payment('o-1'), { externalId: 'e'.repeat(37) })).rejects.toThrow(/1 to 36/);
    await expect(snap.createPayment(payment('o-1'), { externalId: 'e'.repeat(36) })).resolves.toBeTruthy();
    expect(header(fake!.requests[1]!, 'x-external-id')).toBe('e'.repeat(36));
  });
});

describe('createSnapClient: refund and cancel', () => {
  const REFUND = { originalPartnerReferenceNo: 'order-1', originalReferenceNo: 'A1-1', partnerRefundNo: 'refund-1_a' };

  it('refundPayment: POST /v1.0/debit/refund, signed, with the body as given → GoPay’s answer', async () => {
    const snap = await start();
    const refund = { ...REFUND, refundAmount: { value: '5000.00', currency: 'IDR' as const }, reason: 'Out of stock' };
    const result = await snap.refundPayment(refund, { externalId: 'ext-r1' });
    const request = fake!.requests[1]!;
    expect(request.url).toBe('/v1.0/debit/refund');
    expect(JSON.parse(request.body)).toEqual(refund);
    expect(header(request, 'x-external-id')).toBe('ext-r1');
    expect(header(request, 'x-signature')).toBe(signatureOf(request));
    expect(result).toMatchObject({
      responseCode: '2005800',
      partnerRefundNo: 'refund-1_a',
      refundNo: expect.any(String),
      refundTime: expect.any(String),
    });
    expect(fake!.errors).toEqual([]);
  });

  it('cancelPayment: POST /v1.0/debit/cancel, signed → GoPay’s answer', async () => {
    const snap = await start();
    const cancel = { originalPartnerReferenceNo: 'order-1', originalExternalId: 'ext-p1', reason: 'Customer asked' };
    const result = await snap.cancelPayment(cancel);
    const request = fake!.requests[1]!;
    expect(request.url).toBe('/v1.0/debit/cancel');
    expect(JSON.parse(request.body)).toEqual(cancel);
    expect(header(request, 'x-signature')).toBe(signatureOf(request));
    expect(result).toMatchObject({ responseCode: '2005700', cancelTime: expect.any(String) });
  });

  it('a refund retried after a 500 keeps its X-EXTERNAL-ID and body, signed afresh', async () => {
    let refunds = 0;
    const snap = await start(
      { retries: 1 },
      {
        override: (request, res) => {
          if (request.url !== '/v1.0/debit/refund' || refunds++) return false;
          json(res, 500, { responseCode: '5005801', responseMessage: 'Internal Server Error' });
          return true;
        },
      },
    );
    await expect(snap.refundPayment(REFUND)).resolves.toMatchObject({ responseCode: '2005800' });
    const [first, second] = fake!.requests.filter((r) => r.url === '/v1.0/debit/refund');
    expect(header(second!, 'x-external-id')).toBe(header(first!, 'x-external-id'));
    expect(second!.body).toBe(first!.body);
    expect(header(second!, 'x-signature')).toBe(signatureOf(second!));
  });

  it.each([
    ['no partnerRefundNo', { originalPartnerReferenceNo: 'o', originalReferenceNo: 'A1' }, /partnerRefundNo is required/],
    ['a partnerRefundNo with a dot', { ...REFUND, partnerRefundNo: 'refund.1' }, /letters, digits, - or _/],
    ['no originalPartnerReferenceNo', { originalReferenceNo: 'A1', partnerRefundNo: 'r1' }, /originalPartnerReferenceNo/],
    [
      'neither originalReferenceNo nor originalExternalId',
      { originalPartnerReferenceNo: 'o', partnerRefundNo: 'r1' },
      /originalReferenceNo.*originalExternalId/,
    ],
    ['a refundAmount without decimals', { ...REFUND, refundAmount: { value: '5000', currency: 'IDR' } }, /two decimals/],
  ])('refundPayment with %s is refused before any request', async (_name, refund, message) => {
    const snap = await start();
    await expect(snap.refundPayment(refund as never)).rejects.toThrow(message);
    expect(fake!.requests).toHaveLength(0);
  });

  it.each([
    ['no originalPartnerReferenceNo', { originalReferenceNo: 'A1' }, /originalPartnerReferenceNo/],
    ['neither reference', { originalPartnerReferenceNo: 'o' }, /originalReferenceNo.*originalExternalId/],
    ['an originalExternalId of 37 characters', { originalPartnerReferenceNo: 'o', originalExternalId: 'e'.repeat(37) }, /36/],
  ])('cancelPayment with %s is refused before any request', async (_name, cancel, message) => {
    const snap = await start();
    await expect(snap.cancelPayment(cancel as never)).rejects.toThrow(message);
    expect(fake!.requests).toHaveLength(0);
  });
});
