// @vitest-environment node
// createSnapClient against a real local server that checks every signature with node:crypto.
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapClient, GoPayApiError, GoPayValidationError } from '../../src/server/index';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  MERCHANT_ID,
  PARTNER_ID,
  payment,
  snapClient,
  snapKeys,
  startFakeSnap,
  type FakeSnapOptions,
} from './fake-snap';
import { exposed, header, hmac512, json, leaks, rsaVerify, sha256Hex } from './helpers';

let fake: Awaited<ReturnType<typeof startFakeSnap>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const start = async (options: FakeSnapOptions = {}, client: Record<string, unknown> = {}) => {
  fake = await startFakeSnap(options);
  return snapClient(fake.url, { retries: 0, ...client });
};

const PAYMENT = payment('order-17', '15000.00');

describe('createSnapClient: wire format', () => {
  it('accessToken: POST /v1.0/access-token/b2b signed SHA256withRSA(clientId|X-TIMESTAMP), Jakarta time', async () => {
    const snap = await start();
    const before = Date.now();
    const token = await snap.accessToken();
    expect(token).toBe(fake!.issued[0]);
    const [request] = fake!.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1.0/access-token/b2b');
    expect(JSON.parse(request!.body)).toEqual({ grantType: 'client_credentials' });
    expect(header(request!, 'content-type')).toBe('application/json');
    expect(header(request!, 'x-client-key')).toBe(CLIENT_ID);
    const timestamp = header(request!, 'x-timestamp')!;
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(Math.abs(Date.parse(timestamp) - before)).toBeLessThan(2000);
    expect(rsaVerify(snapKeys().spki, `${CLIENT_ID}|${timestamp}`, header(request!, 'x-signature')!)).toBe(true);
  });

  it('a PKCS#1 private key signs the same way', async () => {
    const snap = await start({}, { privateKey: snapKeys().pkcs1 });
    await snap.accessToken();
    const [request] = fake!.requests;
    expect(rsaVerify(snapKeys().spki, `${CLIENT_ID}|${header(request!, 'x-timestamp')}`, header(request!, 'x-signature')!)).toBe(true);
  });

  it('createPayment: headers, HMAC-SHA512 over METHOD:path:token:sha256(body):timestamp, merchantId filled, deeplink', async () => {
    const snap = await start();
    const result = await snap.createPayment(PAYMENT, { externalId: 'ext-1' });
    const request = fake!.requests[1]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1.0/debit/payment-host-to-host');
    const token = fake!.issued[0]!;
    expect(header(request, 'authorization')).toBe(`Bearer ${token}`);
    expect(header(request, 'x-partner-id')).toBe(PARTNER_ID);
    expect(header(request, 'x-device-id')).toBeUndefined();
    expect(header(request, 'x-external-id')).toBe('ext-1');
    expect(header(request, 'channel-id')).toBe('95221');
    expect(header(request, 'content-type')).toBe('application/json');
    const timestamp = header(request, 'x-timestamp')!;
    expect(timestamp).toMatch(/\+07:00$/);
    const expected = hmac512(CLIENT_SECRET, `POST:/v1.0/debit/payment-host-to-host:${token}:${sha256Hex(request.body)}:${timestamp}`);
    expect(header(request, 'x-signature')).toBe(expected);
    expect(JSON.parse(request.body)).toEqual({ ...PAYMENT, chargeToken: '', merchantId: MERCHANT_ID });
    expect(result).toMatchObject({
      responseCode: '2005400',
      partnerReferenceNo: 'order-17',
      webRedirectUrl: expect.stringMatching(/^https:\/\/gopay\.co\.id\/app\/merchanttransfer\?tref=/),
      deeplink: expect.stringMatching(/^gopay:\/\/merchanttransfer\?tref=A1\d+&amount=15000\.00$/),
    });
    expect(fake!.errors).toEqual([]);
  });

  it("keeps the caller's merchantId and sends a fresh UUID X-EXTERNAL-ID by default", async () => {
    const snap = await start({}, { channelId: '12345' });
    await snap.createPayment({ ...PAYMENT, merchantId: 'OTHER' });
    const request = fake!.requests[1]!;
    expect(JSON.parse(request.body).merchantId).toBe('OTHER');
    expect(header(request, 'x-external-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(request, 'channel-id')).toBe('12345');
  });

  it('getPaymentStatus: POST /v1.0/debit/status with serviceCode 54', async () => {
    const snap = await start();
    const status = await snap.getPaymentStatus(
      { originalReferenceNo: 'A1-17', originalPartnerReferenceNo: 'order-17' },
      { requestId: 'ext-2' },
    );
    expect(status).toMatchObject({
      latestTransactionStatus: '00',
      transAmount: { value: '15000.00', currency: 'IDR' },
      paidTime: expect.any(String),
    });
    const request = fake!.requests[1]!;
    expect(request.url).toBe('/v1.0/debit/status');
    expect(JSON.parse(request.body)).toEqual({ originalPartnerReferenceNo: 'order-17', originalReferenceNo: 'A1-17', serviceCode: '54' });
    expect(header(request, 'x-external-id')).toBe('ext-2');
    expect(fake!.errors).toEqual([]);
  });

  it('signs the full path when baseUrl has a prefix', async () => {
    fake = await startFakeSnap({
      override: (request, _res) => {
        if (!request.url.startsWith('/prefix/')) return false;
        request.url = request.url.slice('/prefix'.length);
        return false;
      },
    });
    const snap = snapClient(`${fake.url}/prefix`, { retries: 0 });
    // The fake strips the prefix before checking: the signature covers /prefix/…, so it is refused.
    await expect(snap.createPayment(PAYMENT)).rejects.toMatchObject({ responseCode: '4015400' });
  });
});

describe('createSnapClient: answers that reject', () => {
  it.each([
    ['a 4xx responseCode', 400, { responseCode: '4005402', responseMessage: 'Invalid Mandatory Field amount' }],
    ['a 202 (in progress) answer', 202, { responseCode: '2025400', responseMessage: 'Request In Progress' }],
    ['a 200 without responseCode', 200, { referenceNo: 'x' }],
    ['text', 200, 'not json'],
  ])('%s rejects with GoPayApiError', async (_name, status, body) => {
    const snap = await start({
      override: (request, res) => {
        if (request.url !== '/v1.0/debit/payment-host-to-host') return false;
        json(res, status, body);
        return true;
      },
    });
    const error = (await snap.createPayment(PAYMENT).catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error.status).toBe(status);
    if (typeof body === 'object' && 'responseCode' in body) {
      expect(error.responseCode).toBe(body.responseCode);
      expect(error.description).toBe(body.responseMessage);
    }
    expect(error.requestId).toBe(header(fake!.requests[1]!, 'x-external-id'));
  });

  it('a success without webRedirectUrl rejects', async () => {
    const snap = await start({
      override: (request, res) => {
        if (request.url !== '/v1.0/debit/payment-host-to-host') return false;
        json(res, 200, { responseCode: '2005400', responseMessage: 'Successful', webRedirectUrl: 'javascript:alert(1)' });
        return true;
      },
    });
    await expect(snap.createPayment(PAYMENT)).rejects.toThrow(/webRedirectUrl/);
  });

  it('a refused token request rejects every waiting call with the same GoPayApiError, and the next call retries', async () => {
    let refuse = true;
    const snap = await start({
      override: (request, res) => {
        if (!refuse || request.url !== '/v1.0/access-token/b2b') return false;
        json(res, 401, { responseCode: '4017300', responseMessage: 'Unauthorized. Signature' });
        return true;
      },
    });
    const errors = await Promise.all(
      [snap.createPayment(PAYMENT), snap.getPaymentStatus({ originalReferenceNo: 'r' })].map((p) => p.catch((e: unknown) => e)),
    );
    expect(errors[0]).toBe(errors[1]);
    expect(errors[0]).toMatchObject({ code: 'API', status: 401, responseCode: '4017300' });
    expect(fake!.tokenRequests()).toBe(1);
    refuse = false;
    await expect(snap.createPayment(PAYMENT)).resolves.toMatchObject({ responseCode: '2005400' });
  });
});

describe('createSnapClient: secrets never leak', () => {
  it('echoed secrets, token and key are redacted from every error', async () => {
    const { pkcs8 } = snapKeys();
    const snap = await start({
      override: (request, res) => {
        if (request.url !== '/v1.0/debit/payment-host-to-host') return false;
        json(res, 400, {
          responseCode: '4005400',
          responseMessage: `bad ${request.headers.authorization} ${CLIENT_SECRET}`,
          headers: request.headers,
          privateKey: pkcs8,
          accessToken: 'x',
          note: pkcs8,
        });
        return true;
      },
    });
    const error = await snap.createPayment(PAYMENT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayApiError);
    const keyBody = pkcs8.replace(/-----[^-]+-----|\s/g, '');
    expect(leaks(exposed(error), [CLIENT_SECRET, fake!.issued[0]!, keyBody, keyBody.slice(0, 64)])).toEqual([]);
  });
});

describe('createSnapClient: a refused token request leaks nothing either', () => {
  it('an echo of the signature, client secret and key from the token endpoint is redacted', async () => {
    const { pkcs8 } = snapKeys();
    const keyBody = pkcs8.replace(/-----[^-]+-----|\s/g, '');
    const snap = await start({
      override: (request, res) => {
        if (request.url !== '/v1.0/access-token/b2b') return false;
        json(res, 401, { responseCode: '4017300', responseMessage: `Unauthorized ${CLIENT_SECRET}`, privateKey: pkcs8, echo: keyBody });
        return true;
      },
    });
    const error = await snap.accessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API', status: 401, responseCode: '4017300' });
    expect(leaks(exposed(error), [CLIENT_SECRET, keyBody, pkcs8.split('\n')[1]!])).toEqual([]);
  });
});

describe('createSnapClient: validation before any request', () => {
  const good = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, privateKey: '', merchantId: MERCHANT_ID };

  it.each([
    ['no clientSecret', { clientSecret: undefined }],
    ['an empty merchantId', { merchantId: '' }],
    ['a channelId of 4 digits', { channelId: '1234' }],
    ['a privateKey that is no PEM', { privateKey: 'not a key' }],
    ['a public key as privateKey', { privateKey: 'PUBLIC' }],
    ['a tokenStore without set', { tokenStore: { get: () => undefined } }],
    ['an unknown option', { clientID: 'typo' }],
  ])('%s throws GoPayValidationError', (_name, change) => {
    const privateKey = change.privateKey === 'PUBLIC' ? snapKeys().spki : snapKeys().pkcs8;
    const options = { ...good, privateKey, ...change, ...(change.privateKey === 'PUBLIC' ? { privateKey } : {}) };
    let error: unknown;
    try {
      createSnapClient(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(leaks(exposed(error), [CLIENT_SECRET, snapKeys().pkcs8.slice(40, 100)])).toEqual([]);
  });

  it("createGoPayServer's credentials are ignored: { ...merchant, baseUrl } works for both", () => {
    const merchant = {
      credentials: 'Y3JlZA==',
      clientId: CLIENT_ID,
      partnerId: PARTNER_ID,
      pointOfPurchaseId: 'pop-1',
      clientSecret: CLIENT_SECRET,
      privateKey: snapKeys().pkcs8,
      merchantId: MERCHANT_ID,
    };
    expect(() => createSnapClient(merchant)).not.toThrow();
  });

  it('a PEM whose content is not a key rejects the first call before any request', async () => {
    const broken = '-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----';
    const snap = await start({}, { privateKey: broken });
    await expect(snap.createPayment(PAYMENT)).rejects.toBeInstanceOf(GoPayValidationError);
    await expect(snap.accessToken()).rejects.toBeInstanceOf(GoPayValidationError);
    expect(fake!.requests).toHaveLength(0);
  });

  it.each([
    [{}],
    [{ originalPartnerReferenceNo: 'order-17' }],
    [{ originalReferenceNo: '' }],
    [{ originalReferenceNo: 'A1', orderId: 'x' }],
    ['x'],
  ])('getPaymentStatus(%j) is refused', async (query) => {
    const snap = await start();
    await expect(snap.getPaymentStatus(query as never)).rejects.toBeInstanceOf(GoPayValidationError);
    expect(fake!.requests).toHaveLength(0);
  });
});
