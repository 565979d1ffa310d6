// @vitest-environment node
// createSnapClient (BI-SNAP) against a stand-in; every signature recomputed with node:crypto.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it, vi } from 'vitest';
import { core, expectNoSecrets, failureOf, isMinifiedJson, rejectionOf, rsaOk, S, thrownBy, TS_RE } from './helpers';
import { busy, router, stand, useStandIns } from './stand-in';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  expectSnapSigned,
  keys,
  lastToken,
  MERCHANT_ID,
  PARTNER_ID,
  paymentBody,
  paymentReply,
  seenAt,
  snap,
  snapOptions,
  snapRoutes,
  statusAnswer,
  tokenReply,
  WEB,
} from './snap-stand-in';

useStandIns();

describe('createSnapClient (BI-SNAP) against a stand-in; signatures verified with node:crypto', () => {
  it.each([
    ['clientId', { clientId: undefined }],
    ['partnerId', { partnerId: undefined }],
    ["partnerId ''", { partnerId: '' }],
    ['partnerId 42', { partnerId: 42 }],
    ['clientSecret', { clientSecret: undefined }],
    ['privateKey', { privateKey: undefined }],
    ['merchantId', { merchantId: undefined }],
    ['a privateKey that is not PEM', { privateKey: 'not a key' }],
    ['a 4-digit channelId', { channelId: '9522' }],
    ['a 6-digit channelId', { channelId: '952211' }],
    ['a channelId of letters', { channelId: 'abcde' }],
    ['a Symbol clientId', { clientId: Symbol('x') }],
    ['deviceId 42', { deviceId: 42 }],
    ["headers 'debug-id'", { headers: 'debug-id' }],
  ])(
    'missing or wrong %s → the factory throws GoPayValidationError synchronously, no request',
    (_n: string, over: Record<string, unknown>) => {
      const fetch = vi.fn(async () => new Response('{}'));
      const options: Record<string, unknown> = snapOptions({ fetch, ...over });
      for (const k of Object.keys(over)) if (over[k] === undefined) delete options[k];
      const e = thrownBy(() => S.createSnapClient(options));
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('accessToken: POST /v1.0/access-token/b2b, X-TIMESTAMP (snapTimestamp), X-CLIENT-KEY = clientId, RSA X-SIGNATURE → the token string', async () => {
    stand.reset([], snapRoutes());
    const t = await snap().accessToken();
    expect(t).toBe(lastToken());
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1.0/access-token/b2b');
    const ts = r.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(60_000);
    expect(r.headers['x-client-key']).toBe(CLIENT_ID);
    expect(rsaOk(keys.publicKey, `${CLIENT_ID}|${ts}`, r.headers['x-signature'])).toBe(true);
    expect(JSON.parse(r.body)).toEqual({ grantType: 'client_credentials' });
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });

  it("a 'BEGIN RSA PRIVATE KEY' (PKCS#1) key signs the same way", async () => {
    expect(keys.pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    stand.reset([], snapRoutes());
    await snap({ privateKey: keys.pkcs1 }).accessToken();
    const [r] = stand.state.seen;
    expect(rsaOk(keys.publicKey, `${CLIENT_ID}|${r.headers['x-timestamp']}`, r.headers['x-signature'])).toBe(true);
  });

  it('the token is cached (until 60 s before expiresIn: a 30 s token is not cached) and concurrent callers share one request', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const c = snap();
    const all = await Promise.all([c.accessToken(), c.accessToken(), c.accessToken()]);
    expect(new Set(all).size).toBe(1);
    await c.accessToken();
    expect(stand.state.seen).toHaveLength(1);
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('30') }));
    const short = snap();
    await short.accessToken();
    await short.accessToken();
    expect(stand.state.seen).toHaveLength(2);
  });

  it('tokenStore shares the token: set(key, value, ttlMs) after a fetch; a stored token is used without a request', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const store = new Map<string, unknown>();
    const tokenStore = {
      get: vi.fn(async (k: string) => store.get(k)),
      set: vi.fn((k: string, v: unknown, _ttl: number) => {
        store.set(k, v);
      }),
    };
    const first = await snap({ tokenStore }).accessToken();
    expect(tokenStore.set).toHaveBeenCalledTimes(1);
    const [, , ttl] = tokenStore.set.mock.calls[0];
    expect(ttl).toBeGreaterThan(830_000);
    expect(ttl).toBeLessThanOrEqual(840_000);
    const second = await snap({ tokenStore }).accessToken();
    expect(second).toBe(first);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('a synchronous tokenStore works too', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const store = new Map<string, unknown>();
    const tokenStore = { get: (k: string) => store.get(k), set: (k: string, v: unknown) => void store.set(k, v) };
    const first = await snap({ tokenStore }).accessToken();
    await expect(snap({ tokenStore }).accessToken()).resolves.toBe(first);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('createPayment: headers (X-PARTNER-ID = partnerId, not clientId), HMAC-SHA512 over the exact minified body, GoPay’s body, the result', async () => {
    stand.reset([], snapRoutes());
    const body = paymentBody();
    const r = await snap().createPayment(body);
    expect(r).toMatchObject({
      referenceNo: 'A1B2C3',
      partnerReferenceNo: body.partnerReferenceNo,
      webRedirectUrl: WEB,
      appRedirectUrl: 'gojek://gopay/merchanttransfer?tref=REF123',
      deeplink: 'gopay://merchanttransfer?tref=REF123&amount=10000',
      additionalInfo: { foo: 'bar' },
    });
    expect(r.deeplink).toBe(core.toPaymentDeeplink(WEB));
    const [pay] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(pay.method).toBe('POST');
    expect(pay.headers.authorization).toBe(`Bearer ${lastToken()}`);
    expect(pay.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(pay.headers['channel-id']).toBe('95221');
    expect(pay.headers['x-external-id']).toBeTruthy();
    expect(pay.headers['x-external-id'].length).toBeLessThanOrEqual(36);
    expect(pay.headers['x-device-id']).toBeUndefined();
    expect(pay.headers['content-type']).toMatch(/^application\/json/);
    expect(pay.headers['x-timestamp']).toMatch(TS_RE);
    expect(isMinifiedJson(pay.body)).toBe(true);
    const sent = JSON.parse(pay.body);
    expect(sent).toMatchObject(body);
    expect(sent.merchantId).toBe(MERCHANT_ID);
    expect(sent.chargeToken).toBe('');
    expect(sent).not.toHaveProperty('amount');
    expectSnapSigned(pay);
  });

  it('createPayment: a given merchantId and chargeToken are kept; validUpTo, urlParam and other fields pass through unchecked', async () => {
    stand.reset([], snapRoutes());
    const body = {
      ...paymentBody(),
      merchantId: 'M-OTHER',
      chargeToken: 'charge-token-1',
      validUpTo: 'not checked by the client',
      urlParam: { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' },
      somethingNew: { x: [1, 2] },
    };
    await snap().createPayment(body);
    expect(JSON.parse(seenAt('/v1.0/debit/payment-host-to-host')[0].body)).toEqual(body);
  });

  it.each([
    ['1.00', '1.00'],
    ['99999999999.00', '99999999999.00'],
    ['a 64-character partnerReferenceNo of letters, digits, - _ ~ .', 'ref64'],
  ])('createPayment accepts %s', async (_n: string, what: string) => {
    stand.reset([], snapRoutes());
    const body: any = what === 'ref64' ? paymentBody() : paymentBody(what);
    if (what === 'ref64') body.partnerReferenceNo = `Ab9-_~.${'x'.repeat(57)}`;
    expect(body.partnerReferenceNo.length).toBeLessThanOrEqual(64);
    await snap().createPayment(body);
    expect(JSON.parse(seenAt('/v1.0/debit/payment-host-to-host')[0].body)).toMatchObject(body);
  });

  const withPay = (over: Record<string, unknown>) => {
    const b: any = paymentBody();
    b.payOptionDetails = [{ ...b.payOptionDetails[0], ...over }];
    return b;
  };
  const withAmount = (over: Record<string, unknown>) => withPay({ transAmount: { value: '10000.00', currency: 'IDR', ...over } });
  it.each([
    ['no partnerReferenceNo', () => ({ ...paymentBody(), partnerReferenceNo: undefined })],
    ["partnerReferenceNo ''", () => ({ ...paymentBody(), partnerReferenceNo: '' })],
    ['a 65-character partnerReferenceNo', () => ({ ...paymentBody(), partnerReferenceNo: 'A'.repeat(65) })],
    ['a partnerReferenceNo with a space', () => ({ ...paymentBody(), partnerReferenceNo: 'INV 1' })],
    ["a partnerReferenceNo with '/'", () => ({ ...paymentBody(), partnerReferenceNo: 'INV/1' })],
    ["a partnerReferenceNo with '#'", () => ({ ...paymentBody(), partnerReferenceNo: 'INV#1' })],
    ['a partnerReferenceNo with a non-ASCII letter', () => ({ ...paymentBody(), partnerReferenceNo: 'ÏNV-1' })],
    ['no payOptionDetails', () => ({ ...paymentBody(), payOptionDetails: undefined })],
    ['payOptionDetails []', () => ({ ...paymentBody(), payOptionDetails: [] })],
    ['payOptionDetails not an array', () => ({ ...paymentBody(), payOptionDetails: 'GOPAY' })],
    ['no transAmount', () => withPay({ transAmount: undefined })],
    ["value '0.99' (below 1.00)", () => withAmount({ value: '0.99' })],
    ["value '0.00'", () => withAmount({ value: '0.00' })],
    ["value '-5.00'", () => withAmount({ value: '-5.00' })],
    ["value '100000000000.00' (above 99999999999.00)", () => withAmount({ value: '100000000000.00' })],
    ["value '10000' (no decimals)", () => withAmount({ value: '10000' })],
    ["value '10000.5' (one decimal)", () => withAmount({ value: '10000.5' })],
    ["value '10000.000' (three decimals)", () => withAmount({ value: '10000.000' })],
    ["value '10,000.00'", () => withAmount({ value: '10,000.00' })],
    ['no value', () => withAmount({ value: undefined })],
    ["currency 'USD'", () => withAmount({ currency: 'USD' })],
    ['no currency', () => withAmount({ currency: undefined })],
  ])('createPayment refuses %s with GoPayValidationError, nothing sent to the payment endpoint', async (_n: string, make: () => any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().createPayment(make()));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('a top-level amount without payOptionDetails (the old body) is refused with a GoPayValidationError that names payOptionDetails', async () => {
    stand.reset([], snapRoutes());
    const { payOptionDetails: _drop, ...rest } = paymentBody();
    const e = await failureOf(() => snap().createPayment({ ...rest, amount: { value: '10000.00', currency: 'IDR' } }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(String(e.message)).toContain('payOptionDetails');
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('X-EXTERNAL-ID: the externalId given (36 characters at most), else a fresh id per call, the same on every retry; 37 characters are refused', async () => {
    let n = 0;
    // busy(): a 503 with Retry-After: 0, retried without the backoff wait (the next test waits it).
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': (s) => (++n % 2 ? busy(503) : paymentReply(s)) }));
    const c = snap();
    const id36 = `ext-${'9'.repeat(32)}`;
    expect(id36).toHaveLength(36);
    await c.createPayment(paymentBody(), { externalId: id36 });
    await c.createPayment(paymentBody());
    const ids = seenAt('/v1.0/debit/payment-host-to-host').map((s) => s.headers['x-external-id']);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(id36);
    expect(ids[1]).toBe(id36);
    expect(ids[2]).toBeTruthy();
    expect(ids[2].length).toBeLessThanOrEqual(36);
    expect(ids[3]).toBe(ids[2]);
    expect(ids[2]).not.toBe(id36);
    stand.reset([], snapRoutes());
    const e = await failureOf(() => c.createPayment(paymentBody(), { externalId: `${id36}X` }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('a retry after a 5xx keeps X-EXTERNAL-ID and the body, and signs again', async () => {
    let n = 0;
    // A 502 without Retry-After: the SNAP client's own backoff (250–375 ms) is waited for here.
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': (s) => (++n === 1 ? { status: 502, body: {} } : paymentReply(s)) }));
    await snap().createPayment(paymentBody());
    const [a, b] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(b.headers['x-external-id']).toBe(a.headers['x-external-id']);
    expect(b.body).toBe(a.body);
    expectSnapSigned(a);
    expectSnapSigned(b);
  });

  it('deviceId is sent as X-DEVICE-ID on transactional requests', async () => {
    stand.reset([], snapRoutes());
    await snap({ deviceId: 'device-42' }).createPayment(paymentBody());
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['x-device-id']).toBe('device-42');
  });

  it('headers: extra headers reach every transactional request', async () => {
    stand.reset([], snapRoutes());
    const c = snap({ headers: { 'debug-id': 'dbg-1' } });
    await c.createPayment(paymentBody());
    await c.getPaymentStatus({ originalReferenceNo: 'A1B2C3' });
    await c.refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-INV-1' });
    await c.cancelPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3' });
    const tx = stand.state.seen.filter((s) => s.path !== '/v1.0/access-token/b2b');
    expect(tx).toHaveLength(4);
    for (const s of tx) expect(s.headers['debug-id'], s.path).toBe('dbg-1');
  });

  it('headers cannot replace a header the client sets (refused by the factory, or not applied)', async () => {
    stand.reset([], snapRoutes());
    const evil = {
      'X-PARTNER-ID': 'evil-partner',
      'x-signature': 'evil-signature',
      Authorization: 'Bearer evil-token',
      'X-Timestamp': '2000-01-01T00:00:00+07:00',
      'X-EXTERNAL-ID': 'evil-external',
      'Channel-Id': '00000',
      'content-type': 'text/plain',
    };
    let c: any;
    try {
      c = snap({ headers: evil });
    } catch (e: any) {
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      return;
    }
    await c.createPayment(paymentBody(), { externalId: 'ext-good' });
    const [pay] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(pay.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(pay.headers.authorization).toBe(`Bearer ${lastToken()}`);
    expect(pay.headers['x-timestamp']).toMatch(TS_RE);
    expect(pay.headers['x-timestamp']).not.toBe(evil['X-Timestamp']);
    expect(pay.headers['x-external-id']).toBe('ext-good');
    expect(pay.headers['channel-id']).toBe('95221');
    expect(pay.headers['content-type']).toMatch(/^application\/json/);
    expectSnapSigned(pay);
  });

  it('a responseCode that does not start with 200 rejects with GoPayApiError (responseCode, description)', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (seen) => ({
          status: 200,
          body: {
            responseCode: '4045408',
            responseMessage: 'Merchant Not Found',
            // A careless gateway echoing what it received: none of it may reach the error.
            echo: { authorization: seen.headers.authorization, clientSecret: CLIENT_SECRET },
          },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4045408');
    expect(e.description).toBe('Merchant Not Found');
    expectNoSecrets(e, [CLIENT_SECRET, keys.privateKey.split('\n')[1], lastToken()]);
  });

  it('an answer saying the access token is invalid gets one fresh token and one more try (same X-EXTERNAL-ID and body, signed again)', async () => {
    let n = 0;
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) =>
          ++n === 1 ? { status: 401, body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' } } : paymentReply(s),
      }),
    );
    const r = await snap().createPayment(paymentBody());
    expect(r.referenceNo).toBe('A1B2C3');
    const pays = seenAt('/v1.0/debit/payment-host-to-host');
    expect(seenAt('/v1.0/access-token/b2b')).toHaveLength(2);
    expect(pays).toHaveLength(2);
    expect(pays[1].headers.authorization).not.toBe(pays[0].headers.authorization);
    expect(pays[1].headers['x-external-id']).toBe(pays[0].headers['x-external-id']);
    expect(pays[1].body).toBe(pays[0].body);
    expectSnapSigned(pays[1]);
  });

  it('one more try only: a token still refused after a fresh one rejects with GoPayApiError', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': () => ({
          status: 401,
          body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4015401');
    expect(seenAt('/v1.0/access-token/b2b')).toHaveLength(2);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(2);
  });

  it.each([
    ['originalReferenceNo', { originalReferenceNo: 'A1B2C3' }],
    ['originalExternalId', { originalExternalId: 'ext-original-1' }],
  ])(
    "getPaymentStatus by %s: POST /v1.0/debit/status, serviceCode '54', signed → latestTransactionStatus, transAmount, paidTime, refundHistory",
    async (_n: string, query: Record<string, string>) => {
      stand.reset([], snapRoutes());
      const r = await snap().getPaymentStatus(query);
      expect(r).toMatchObject({
        latestTransactionStatus: '04',
        transAmount: statusAnswer.transAmount,
        paidTime: statusAnswer.paidTime,
        refundHistory: statusAnswer.refundHistory,
        additionalInfo: {},
      });
      const [st] = seenAt('/v1.0/debit/status');
      expect(st.method).toBe('POST');
      expect(isMinifiedJson(st.body)).toBe(true);
      const sent = JSON.parse(st.body);
      expect(sent).toMatchObject({ ...query, serviceCode: '54' });
      expect(st.headers['x-partner-id']).toBe(PARTNER_ID);
      expectSnapSigned(st);
    },
  );

  it.each([
    ['only originalPartnerReferenceNo', { originalPartnerReferenceNo: 'INV-1' }],
    ['an empty query', {}],
    ['no query', undefined],
  ])('getPaymentStatus with %s (neither originalReferenceNo nor originalExternalId) → GoPayValidationError', async (_n: string, q: any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().getPaymentStatus(q));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/status')).toHaveLength(0);
  });

  it('refundPayment: POST /v1.0/debit/refund, the given fields and merchantId, signed → GoPay’s answer', async () => {
    stand.reset([], snapRoutes());
    const q = {
      originalPartnerReferenceNo: 'INV-1',
      originalReferenceNo: 'A1B2C3',
      partnerRefundNo: 'RF-INV-1',
      refundAmount: { value: '1000.00', currency: 'IDR' },
      reason: 'customer asked',
    };
    const r = await snap().refundPayment(q);
    expect(r).toMatchObject({ responseCode: '2005800', refundNo: 'RF-1', partnerRefundNo: 'RF-INV-1', refundTime: expect.any(String) });
    const [rf] = seenAt('/v1.0/debit/refund');
    expect(rf.method).toBe('POST');
    expect(JSON.parse(rf.body)).toMatchObject(q);
    expect(rf.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(rf.headers['x-external-id']).toBeTruthy();
    expect(rf.headers['x-external-id'].length).toBeLessThanOrEqual(36);
    expect(rf.headers['x-timestamp']).toMatch(TS_RE);
    expectSnapSigned(rf);
  });

  it.each([
    ['no partnerRefundNo', { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3' }],
    ["partnerRefundNo ''", { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: '' }],
  ])('refundPayment with %s → GoPayValidationError, nothing sent to the refund endpoint', async (_n: string, q: any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().refundPayment(q));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/refund')).toHaveLength(0);
  });

  it('refundPayment: a refusal from GoPay rejects with GoPayApiError', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/refund': () => ({ status: 404, body: { responseCode: '4045801', responseMessage: 'Transaction Not Found' } }),
      }),
    );
    const e = await rejectionOf(
      snap().refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-2' }),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4045801');
    expect(e.description).toBe('Transaction Not Found');
  });

  it('cancelPayment: POST /v1.0/debit/cancel, the given fields and merchantId, signed → GoPay’s answer', async () => {
    stand.reset([], snapRoutes());
    const q = { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', reason: 'changed mind' };
    const r = await snap().cancelPayment(q);
    expect(r).toMatchObject({ responseCode: '2005700' });
    const [cn] = seenAt('/v1.0/debit/cancel');
    expect(cn.method).toBe('POST');
    expect(JSON.parse(cn.body)).toMatchObject(q);
    expect(cn.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(cn.headers['channel-id']).toBe('95221');
    expectSnapSigned(cn);
  });

  // The contract's "filled into bodies that have no merchantId" is read as GoPay's pages define the bodies: the host-to-host
  // payment lists merchantId ("Direct Debit API – GoPay"); the direct-debit status, refund and cancel bodies do not
  // ("Get Transaction Status API", "Refund API", "Cancel API"), nor do midtrans-client's README examples of them.
  it('merchantId (the option) is filled into the payment body only: status, refund and cancel bodies are sent as given', async () => {
    stand.reset([], snapRoutes());
    const c = snap();
    await c.createPayment(paymentBody());
    await c.getPaymentStatus({ originalReferenceNo: 'A1B2C3' });
    await c.refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-INV-1' });
    await c.cancelPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', merchantId: 'M-OTHER' });
    const bodies = stand.state.seen.filter((s) => s.path !== '/v1.0/access-token/b2b').map((s) => [s.path, JSON.parse(s.body).merchantId]);
    expect(bodies).toEqual([
      ['/v1.0/debit/payment-host-to-host', MERCHANT_ID],
      ['/v1.0/debit/status', undefined],
      ['/v1.0/debit/refund', undefined],
      ['/v1.0/debit/cancel', 'M-OTHER'],
    ]);
  });

  it('channelId sets CHANNEL-ID', async () => {
    stand.reset([], snapRoutes());
    await snap({ channelId: '12345' }).createPayment(paymentBody());
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['channel-id']).toBe('12345');
  });

  it('the default baseUrl is production Midtrans', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify((tokenReply() as any).body)));
    const { baseUrl: _b, ...options } = snapOptions({ fetch });
    await S.createSnapClient(options).accessToken();
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://merchants.midtrans.com/v1.0/access-token/b2b');
  });

  it('a timeout of a SNAP call carries requestId = its X-EXTERNAL-ID', async () => {
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': () => 'hang' }));
    const e = await rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { externalId: 'ext-slow-1', timeout: 100 }));
    expect(e).toBeInstanceOf(S.GoPayTimeoutError);
    expect(e.requestId).toBe('ext-slow-1');
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['x-external-id']).toBe('ext-slow-1');
  });
});
