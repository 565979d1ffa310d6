// @vitest-environment node
// Interoperability as a test, not a belief: our BI-SNAP signatures against the code of Midtrans's official Node client
// (`midtrans-client` 1.4.x, class SnapBi, node_modules/midtrans-client/lib/snapBi/snapBi.js), and against the worked
// examples of Midtrans's "Signature Generation" page. SnapBi is called, never re-implemented: its static signature
// helpers, its request path (axios, with a stub adapter in place of the network) and its webhook verifier.
import { createPrivateKey } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hmacSha512, importPrivateKey, signRsa, transactionStringToSign } from '../../src/shared/snap-crypto';
import { GoPaySignatureError } from '../../src/server/index';
import { verifyNotification, type VerifyNotificationOptions } from '../../src/server/notification';
import { CLIENT_SECRET, snapClient } from './fake-snap';
import { jakarta, makeKeys, rsaSign, sha256Hex } from './helpers';

// Node's own require, not the test runner's: midtrans-client's dependencies load as Node loads them (the runner's
// VM contexts cannot load an ES module that a CommonJS package requires).
const { createRequire } = process.getBuiltinModule('node:module');

// ---- midtrans-client, as its own code runs -------------------------------------------------------------------------

/** What this file uses of SnapBi (midtrans-client ships no types). */
interface SnapBiRequest {
  withBody(body: unknown): SnapBiRequest;
  withAccessToken(accessToken: string): SnapBiRequest;
  withTimeStamp(timestamp: string): SnapBiRequest;
  withSignature(signature: string): SnapBiRequest;
  withNotificationPayload(payload: unknown): SnapBiRequest;
  withNotificationUrlPath(path: string): SnapBiRequest;
  getAccessToken(): Promise<unknown>;
  createPayment(externalId: string): Promise<unknown>;
  getStatus(externalId: string): Promise<unknown>;
  isWebhookNotificationVerified(): boolean;
}
interface Midtrans {
  SnapBi: {
    directDebit(): SnapBiRequest;
    notification(): SnapBiRequest;
    getAsymmetricSignatureSha256WithRsa(clientId: string, timestamp: string, privateKey: string): string;
    getSymmetricSignatureHmacSh512(
      accessToken: string,
      body: unknown,
      method: string,
      path: string,
      secret: string,
      timestamp: string,
    ): string;
  };
  // Static fields: SnapBi reads its credentials from here (snapBiConfig.js).
  SnapBiConfig: Record<
    'snapBiClientId' | 'snapBiPrivateKey' | 'snapBiClientSecret' | 'snapBiPartnerId' | 'snapBiChannelId' | 'snapBiPublicKey',
    unknown
  >;
}
interface AxiosConfig {
  url: string;
  data: string;
  headers: { toJSON(): Record<string, unknown> };
}

const requireHere = createRequire(import.meta.url);
const { SnapBi, SnapBiConfig } = requireHere('midtrans-client') as Midtrans;
// The very axios module SnapBi's requestor posts with (its own `require('axios')`), so that a stub adapter sees the
// URL, headers and serialised body SnapBi would put on the wire.
const axios = createRequire(requireHere.resolve('midtrans-client'))('axios') as { defaults: { adapter: unknown } };
const realAdapter = axios.defaults.adapter;
const savedConfig = { ...SnapBiConfig };

interface Sent {
  url: string;
  headers: Record<string, string>;
  data: string;
}

/** Replaces SnapBi's network with an adapter that records each request and answers `answer`. */
const wire = (answer: object): Sent[] => {
  const sent: Sent[] = [];
  axios.defaults.adapter = async (config: AxiosConfig) => {
    const headers = Object.fromEntries(Object.entries(config.headers.toJSON()).map(([name, value]) => [name.toLowerCase(), String(value)]));
    sent.push({ url: config.url, headers, data: config.data });
    return { data: answer, status: 200, statusText: 'OK', headers: {}, config, request: {} };
  };
  return sent;
};

afterEach(() => {
  axios.defaults.adapter = realAdapter;
  Object.assign(SnapBiConfig, savedConfig);
});
afterAll(() => {
  axios.defaults.adapter = realAdapter;
});

// ---- inputs ----------------------------------------------------------------------------------------------------------

const keys = makeKeys();
const other = makeKeys();
const CLIENT_ID = 'G1234325-SNAP';
const NOTIFY_PATH = '/v1.0/debit/notify';
const DEBIT_PATHS = ['/v1.0/debit/payment-host-to-host', '/v1.0/debit/status', '/v1.0/debit/refund', '/v1.0/debit/cancel'];
const UNICODE = [
  'Kopi Susu – Rp 15.000 ☕',
  'Terima kasih sudah berbelanja di Warung Bu Sri, Jl. Jend. Sudirman No. 1, Jakarta Selatan',
  'Nasi goreng spesial 🍳🌶️ (pedas), es teh manis 🧋',
  'Keluarga 👨‍👩‍👧‍👦 · 🇮🇩 · “kutipan” · naïve café',
  'line\nbreak\ttab "quote" \\ slash / \u2028 \u0000 end',
];
const text = fc.oneof(
  fc.constantFrom(...UNICODE),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const rupiah = fc.integer({ min: 1, max: 99_999_999_999 }).map((value) => `${value}.00`);

/** A payment body as Midtrans's Mini App payment page shapes it, with nested objects, Unicode and arbitrary metadata. */
const paymentBody = fc.record({
  partnerReferenceNo: fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/),
  merchantId: fc.constantFrom('G123456789', 'G099333790'),
  chargeToken: fc.constant(''),
  payOptionDetails: fc.array(
    fc.record({
      payMethod: fc.constant('GOPAY'),
      payOption: fc.constantFrom('GOPAY_WALLET', 'PAY_LATER'),
      transAmount: fc.record({ value: rupiah, currency: fc.constant('IDR') }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  additionalInfo: fc.record({
    pointOfPurchaseId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    items: fc.array(fc.record({ id: fc.uuid(), name: text, price: fc.integer({ min: 1, max: 10_000_000 }), quantity: fc.nat(99) }), {
      maxLength: 3,
    }),
    customerDetails: fc.record({ firstName: text, email: fc.emailAddress(), address: fc.record({ line: text, city: text }) }),
    metadata: fc.jsonValue({ maxDepth: 3 }),
  }),
});

/** Any of the X-TIMESTAMP forms in use: Midtrans's pages (Jakarta, +07:00) and SnapBi's own default (toISOString, UTC). */
const timestamp = fc
  .tuple(fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }), fc.boolean())
  .map(([ms, asJakarta]) => (asJakarta ? jakarta(ms) : new Date(ms).toISOString()));

// ---- 1. token signature --------------------------------------------------------------------------------------------

describe('token request: X-SIGNATURE = SHA256withRSA(privateKey, clientId|X-TIMESTAMP), byte-identical to SnapBi', () => {
  it.each([
    ['PKCS#8 (BEGIN PRIVATE KEY)', keys.pkcs8],
    ['PKCS#1 (BEGIN RSA PRIVATE KEY)', keys.pkcs1],
  ])('%s: signRsa equals SnapBi.getAsymmetricSignatureSha256WithRsa for any client id and timestamp', async (_format, pem) => {
    const key = await importPrivateKey(pem);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(CLIENT_ID), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
        timestamp,
        async (clientId, time) => {
          expect(await signRsa(key, `${clientId}|${time}`)).toBe(SnapBi.getAsymmetricSignatureSha256WithRsa(clientId, time, pem));
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['PKCS#8', keys.pkcs8],
    ['PKCS#1', keys.pkcs1],
  ])('%s: the X-SIGNATURE SnapBi puts on the wire of its own token request is ours', async (_format, pem) => {
    SnapBiConfig.snapBiClientId = CLIENT_ID;
    SnapBiConfig.snapBiPrivateKey = pem;
    const sent = wire({ responseCode: '2007300', accessToken: 'token-1' });
    const time = jakarta(Date.now());
    await SnapBi.directDebit().withTimeStamp(time).getAccessToken();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://merchants.sbx.midtrans.com/v1.0/access-token/b2b');
    expect(sent[0]!.headers['x-client-key']).toBe(CLIENT_ID);
    expect(sent[0]!.headers['x-timestamp']).toBe(time);
    expect(sent[0]!.headers['x-signature']).toBe(await signRsa(await importPrivateKey(pem), `${CLIENT_ID}|${time}`));
  });
});

// ---- 2. transactional signature ------------------------------------------------------------------------------------

/** Our X-SIGNATURE of a transactional request whose body text is `body`. */
const ourHmac = async (secret: string, path: string, accessToken: string, body: string, time: string) =>
  hmacSha512(secret, await transactionStringToSign('POST', path, accessToken, body, time));

describe('transactional requests: X-SIGNATURE = HMAC-SHA512(clientSecret, POST:path:token:sha256(body):X-TIMESTAMP), byte-identical to SnapBi', () => {
  // SnapBi hashes JSON.stringify(body) (snapBi.js:212); our client sends and signs JSON.stringify(body) (snap.ts), so the
  // same body object gives the same text on both sides.
  it('for the same method, path, token, body and timestamp, over generated bodies (Unicode, emoji, nested objects)', async () => {
    await fc.assert(
      fc.asyncProperty(
        paymentBody,
        fc.constantFrom(...DEBIT_PATHS),
        fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,120}$/),
        fc.string({ minLength: 1, maxLength: 64 }),
        timestamp,
        async (body, path, accessToken, secret, time) => {
          expect(await ourHmac(secret, path, accessToken, JSON.stringify(body), time)).toBe(
            SnapBi.getSymmetricSignatureHmacSh512(accessToken, body, 'POST', path, secret, time),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each(UNICODE)('for a body carrying %j', async (name) => {
    const body = {
      partnerReferenceNo: 'order-17',
      additionalInfo: { items: [{ name, price: 15000, quantity: 1 }], note: { nested: { name } } },
    };
    const time = '2026-11-30T14:30:00+07:00';
    expect(await ourHmac(CLIENT_SECRET, DEBIT_PATHS[0]!, 'token-1', JSON.stringify(body), time)).toBe(
      SnapBi.getSymmetricSignatureHmacSh512('token-1', body, 'post', DEBIT_PATHS[0]!, CLIENT_SECRET, time),
    );
  });

  it('SnapBi on the wire: the body text it sends is JSON.stringify(body), and its X-SIGNATURE is ours over that text', async () => {
    SnapBiConfig.snapBiClientSecret = CLIENT_SECRET;
    SnapBiConfig.snapBiPartnerId = 'G812345678';
    SnapBiConfig.snapBiChannelId = '95221';
    await fc.assert(
      fc.asyncProperty(paymentBody, fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,120}$/), async (body, accessToken) => {
        const sent = wire({ responseCode: '2005400' });
        const time = jakarta(Date.now());
        await SnapBi.directDebit().withBody(body).withAccessToken(accessToken).withTimeStamp(time).createPayment('ext-1');
        expect(sent).toHaveLength(1);
        expect(sent[0]!.url).toBe(`https://merchants.sbx.midtrans.com${DEBIT_PATHS[0]}`);
        expect(sent[0]!.data).toBe(JSON.stringify(body));
        expect(sent[0]!.headers['x-signature']).toBe(await ourHmac(CLIENT_SECRET, DEBIT_PATHS[0]!, accessToken, sent[0]!.data, time));
      }),
      { numRuns: 60 },
    );
  });

  // Our createSnapClient against a stub fetch; then SnapBi is handed the same body, token, timestamp and X-EXTERNAL-ID
  // and must put the same bytes and headers on the wire.
  it.each([
    [
      'createPayment (Unicode items)',
      'createPayment',
      '/v1.0/debit/payment-host-to-host',
      {
        partnerReferenceNo: 'order-17',
        payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }],
        additionalInfo: {
          pointOfPurchaseId: 'pop-kopi-1',
          items: [{ id: 'kopi-susu', name: UNICODE[0], price: 15000, quantity: 1, note: { lang: 'id', text: UNICODE[1] } }],
          metadata: { emoji: UNICODE[2], family: UNICODE[3] },
        },
      },
    ],
    ['getPaymentStatus', 'getPaymentStatus', '/v1.0/debit/status', { originalReferenceNo: 'A120240318084521LfZpoc6BloID' }],
  ] as const)(
    'our client on the wire, %s: SnapBi given the same request sends the same body and signature headers',
    async (_name, method, path, argument) => {
      const TOKEN = 'gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a';
      const PARTNER_ID = 'G812345678';
      const requests: { path: string; headers: Headers; body: string }[] = [];
      const fetch = async (url: string | URL, init: RequestInit = {}) => {
        const requestPath = new URL(String(url)).pathname;
        requests.push({ path: requestPath, headers: new Headers(init.headers), body: String(init.body) });
        return Response.json(
          requestPath === '/v1.0/access-token/b2b'
            ? { responseCode: '2007300', accessToken: TOKEN, expiresIn: '900' }
            : {
                responseCode: requestPath === '/v1.0/debit/status' ? '2005500' : '2005400',
                referenceNo: 'A120240318084521LfZpoc6BloID',
                webRedirectUrl: 'https://gopay.co.id/app/merchanttransfer?tref=A120240318084521LfZpoc6BloID',
                latestTransactionStatus: '00',
              },
        );
      };
      const client = snapClient('https://merchants.sbx.midtrans.com', { fetch, partnerId: PARTNER_ID }) as unknown as Record<
        string,
        (argument: object) => Promise<unknown>
      >;
      await client[method]!(argument);
      const ours = requests.find((request) => request.path === path)!;
      expect(ours).toBeDefined();
      const time = ours.headers.get('x-timestamp')!;
      const externalId = ours.headers.get('x-external-id')!;
      // What our client sends is what it signs.
      expect(ours.headers.get('x-signature')).toBe(await ourHmac(CLIENT_SECRET, ours.path, TOKEN, ours.body, time));

      SnapBiConfig.snapBiClientSecret = CLIENT_SECRET;
      SnapBiConfig.snapBiPartnerId = PARTNER_ID;
      SnapBiConfig.snapBiChannelId = '95221';
      const sent = wire({ responseCode: '2005400' });
      const request = SnapBi.directDebit().withBody(JSON.parse(ours.body)).withAccessToken(TOKEN).withTimeStamp(time);
      await (method === 'createPayment' ? request.createPayment(externalId) : request.getStatus(externalId));
      expect(sent).toHaveLength(1);
      expect(new URL(sent[0]!.url).pathname).toBe(ours.path);
      expect(sent[0]!.data).toBe(ours.body);
      for (const name of ['content-type', 'authorization', 'x-timestamp', 'x-partner-id', 'x-external-id', 'channel-id', 'x-signature']) {
        expect([name, sent[0]!.headers[name]]).toEqual([name, ours.headers.get(name)]);
      }
    },
  );
});

// ---- 3. notifications ------------------------------------------------------------------------------------------------

/** A notification as it reaches the merchant. */
interface Delivered {
  method?: string;
  url?: string;
  body: string;
  signature: string;
  timestamp: string;
}

/** Our verdict: true when verifyNotification resolves, false when it refuses with GoPaySignatureError; anything else throws. */
const ours = (delivered: Delivered, options: Record<string, unknown> = {}): Promise<boolean> =>
  verifyNotification(
    {
      method: delivered.method ?? 'POST',
      url: delivered.url ?? `https://merchant.example${NOTIFY_PATH}`,
      headers: { 'content-type': 'application/json', 'x-timestamp': delivered.timestamp, 'x-signature': delivered.signature },
      body: delivered.body,
    },
    { publicKey: keys.spki, ...options } as VerifyNotificationOptions,
  ).then(
    () => true,
    (error: unknown) => {
      if (error instanceof GoPaySignatureError) return false;
      throw error;
    },
  );

/**
 * SnapBi's verdict (isWebhookNotificationVerified, snapBi.js:147-178). It takes the notification as a parsed object
 * and hashes JSON.stringify of it (snapBi.js:154), with the path it is told and always the method POST.
 */
const theirs = (
  delivered: Delivered,
  { publicKey = keys.spki, path = NOTIFY_PATH, payload = JSON.parse(delivered.body) as unknown } = {},
) => {
  SnapBiConfig.snapBiPublicKey = publicKey;
  return SnapBi.notification()
    .withNotificationPayload(payload)
    .withSignature(delivered.signature)
    .withTimeStamp(delivered.timestamp)
    .withNotificationUrlPath(path)
    .isWebhookNotificationVerified();
};

/** Midtrans's signature over a notification: SHA256withRSA of POST:path:sha256(minified body):X-TIMESTAMP (node:crypto). */
const midtransSign = (compactBody: string, time: string, { path = NOTIFY_PATH, privateKey = keys.pkcs8 } = {}) =>
  rsaSign(privateKey, `POST:${path}:${sha256Hex(compactBody)}:${time}`);

/** A fresh notification signed over the relative path, as Midtrans sends it. */
const genuine = (body: object = NOTIFICATION, time = jakarta(Date.now())): Delivered => ({
  body: JSON.stringify(body),
  timestamp: time,
  signature: midtransSign(JSON.stringify(body), time),
});

const NOTIFICATION = {
  originalPartnerReferenceNo: 'GP24043015193402809',
  originalReferenceNo: 'A120240430081940S9vu8gSjaRID',
  merchantId: 'G099333790',
  amount: { value: '102800.00', currency: 'IDR' },
  latestTransactionStatus: '00',
  transactionStatusDesc: 'SUCCESS',
  additionalInfo: { refundHistory: [], note: 'Kopi Susu – Rp 15.000 ☕' },
};

const notification = fc.record({
  originalPartnerReferenceNo: fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/),
  originalReferenceNo: fc.stringMatching(/^A1[0-9A-Za-z]{26}$/),
  originalExternalId: fc.stringMatching(/^\d{20}$/),
  merchantId: fc.constantFrom('G123456789', 'G099333790'),
  amount: fc.record({ value: rupiah, currency: fc.constant('IDR') }),
  latestTransactionStatus: fc.constantFrom('00', '03', '04', '05', '06', '08', '09'),
  transactionStatusDesc: text,
  additionalInfo: fc.record(
    {
      refundHistory: fc.array(
        fc.record({ refundNo: fc.uuid(), refundAmount: fc.record({ value: rupiah, currency: fc.constant('IDR') }), reason: text }),
        { maxLength: 2 },
      ),
      totalRefundAmount: fc.record({ value: rupiah, currency: fc.constant('IDR') }),
      userPaymentDetails: fc.array(
        fc.record({ payMethod: fc.constant('GOPAY'), payOption: fc.constantFrom('GOPAY_WALLET', 'PAY_LATER') }),
        { maxLength: 2 },
      ),
      items: fc.array(fc.record({ name: text, price: fc.nat() }), { maxLength: 2 }),
      metadata: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: [] },
  ),
});

const CASES = ['genuine', 'pretty-printed', 'body', 'timestamp', 'signature', 'other key', 'other path'] as const;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Flips bit `n % 8` of byte `n % length`, keeping the encoding canonical (so both verifiers decode it alike). */
const flipBit = (signature: string, n: number) => {
  const bytes = Buffer.from(signature, 'base64');
  bytes[n % bytes.length] = bytes[n % bytes.length]! ^ (1 << (n % 8));
  return bytes.toString('base64');
};

describe('notifications: verifyNotification accepts what SnapBi.isWebhookNotificationVerified accepts, and refuses what it refuses', () => {
  // Agreement is asserted where both verifiers are defined: a fresh timestamp (SnapBi checks none, we check a
  // tolerance), the method POST (SnapBi assumes it), and a raw body that SnapBi's re-serialisation gives back byte
  // for byte once minified — JSON.stringify(JSON.parse(raw)) == minify(raw), true of any body JSON.stringify wrote,
  // pretty-printed or not. The cases outside that domain are pinned below as known differences.
  it('over generated notifications: genuine, pretty-printed, tampered body / timestamp / signature, another key, another path', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        notification,
        fc.constantFrom(...CASES),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        async (body, kind, n, jakartaTime, pkcs1Public) => {
          const now = Date.now();
          const time = jakartaTime ? jakarta(now) : new Date(now).toISOString();
          const compact = JSON.stringify(body);
          let delivered: Delivered = { body: compact, timestamp: time, signature: midtransSign(compact, time) };
          if (kind === 'pretty-printed') delivered.body = JSON.stringify(body, null, n % 2 ? 2 : '\t');
          if (kind === 'body') {
            const tampered =
              n % 2
                ? { ...body, latestTransactionStatus: body.latestTransactionStatus === '00' ? '06' : '00' }
                : { ...body, amount: { ...body.amount, value: `${Number.parseInt(body.amount.value) + 1}.00` } };
            delivered.body = JSON.stringify(tampered);
          }
          if (kind === 'timestamp') delivered.timestamp = jakarta(now - ((n % 3600) + 1) * 1000);
          if (kind === 'signature') delivered.signature = flipBit(delivered.signature, n);
          if (kind === 'other key') delivered.signature = midtransSign(compact, time, { privateKey: other.pkcs8 });
          if (kind === 'other path') {
            const path = ['/v1.0/qr/notify', '/v1.0/debit/notify/', '/api/v1.0/debit/notify', '/v1.0/debit/status'][n % 4];
            delivered = { ...delivered, signature: midtransSign(compact, time, { path }) };
          }
          const publicKey = pkcs1Public ? keys.pkcs1Public : keys.spki;
          const theirVerdict = theirs(delivered, { publicKey });
          expect(await ours(delivered, { publicKey })).toBe(theirVerdict);
          // Not two verifiers that always say no (or yes): the verdict is the one each case calls for.
          expect(theirVerdict).toBe(kind === 'genuine' || kind === 'pretty-printed');
          seen.add(kind);
        },
      ),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([...CASES].sort());
  });

  it('the notification of midtrans-client README 6.9 (its fields, signed here with a test key): both accept it; one digit changed, both refuse', async () => {
    const delivered = genuine();
    expect(theirs(delivered)).toBe(true);
    expect(await ours(delivered)).toBe(true);
    const changed = { ...delivered, body: delivered.body.replace('102800.00', '102801.00') };
    expect(theirs(changed)).toBe(false);
    expect(await ours(changed)).toBe(false);
  });

  // the documented contract of verifyNotification (`path`, its default, `publicKey` arrays, `tolerance` of a day): the cases
  // where SnapBi is told the relative path Midtrans signs and our default must find the same one.
  describe('where the merchant receives it (path defaults to the request path from /v1.0/ on)', () => {
    it.each([
      ['at the root', `https://merchant.example${NOTIFY_PATH}`],
      ['under a base path', `https://merchant.example/api/gopay${NOTIFY_PATH}`],
      ['under a base path, with a query', `https://merchant.example/hooks/midtrans${NOTIFY_PATH}?source=gopay`],
    ])('%s: both accept a notification signed over /v1.0/debit/notify', async (_where, url) => {
      const delivered = { ...genuine(), url };
      expect(theirs(delivered)).toBe(true);
      expect(await ours(delivered)).toBe(true);
    });

    it('a route without /v1.0/ (SnapBiWebhookServer-style "/webhook"), with path named: both accept; another path named: both refuse', async () => {
      const delivered = { ...genuine(), url: 'https://merchant.example/webhook' };
      expect(theirs(delivered, { path: NOTIFY_PATH })).toBe(true);
      expect(await ours(delivered, { path: NOTIFY_PATH })).toBe(true);
      expect(theirs(delivered, { path: '/webhook' })).toBe(false);
      expect(await ours(delivered, { path: '/webhook' })).toBe(false);
    });

    it('during a key rotation (publicKey: [old, new]): we accept what SnapBi accepts with the key that signed', async () => {
      const delivered = genuine();
      expect(theirs(delivered, { publicKey: keys.spki })).toBe(true);
      expect(await ours(delivered, { publicKey: [other.spki, keys.spki] })).toBe(true);
      expect(theirs(delivered, { publicKey: other.spki })).toBe(false);
      expect(await ours(delivered, { publicKey: [other.spki] })).toBe(false);
    });

    it('a retry an hour after it was signed (tolerance: a day by default): both accept', async () => {
      const delivered = genuine(NOTIFICATION, jakarta(Date.now() - 3_600_000));
      expect(theirs(delivered)).toBe(true);
      expect(await ours(delivered)).toBe(true);
    });
  });

  // Known differences: each is a choice of ours or a flaw of SnapBi's, pinned so that a change on either side shows.
  describe('known differences (outside the shared domain)', () => {
    it('a raw body whose bytes re-serialisation changes (escaped "\\/", "\\u00e9"): we verify the bytes Midtrans signed, SnapBi its JSON.stringify', async () => {
      // Midtrans signs minify(body) of the bytes it sends (its page; the Java client's tests minify the raw text the
      // same way). SnapBi hashes JSON.stringify(parsed) (snapBi.js:154), which writes "/" and "é" unescaped.
      const raw = '{"originalReferenceNo":"A1\\/2024","note":"caf\\u00e9","latestTransactionStatus":"00"}';
      const time = jakarta(Date.now());
      const delivered = { body: raw, timestamp: time, signature: midtransSign(raw, time) };
      expect(await ours(delivered)).toBe(true);
      expect(theirs(delivered)).toBe(false);
    });

    it('SnapBi given the raw body string, as its README 6.9 shows, refuses even a genuine notification', async () => {
      // withNotificationPayload(rawString) then JSON.stringify(rawString) (snapBi.js:154) hashes a quoted string.
      const delivered = genuine();
      expect(theirs(delivered, { payload: delivered.body })).toBe(false);
      expect(await ours(delivered)).toBe(true);
    });

    it('a signature in non-canonical base64 (no padding, a stray newline, unused low bits set): SnapBi accepts, we refuse', async () => {
      // Node's base64 decoder is lenient (snapBi.js:172); ours takes one encoding per signature (crypto.ts verifyRsa),
      // so that a changed header never verifies. Midtrans sends canonical base64.
      const delivered = genuine();
      // 256 bytes end in one byte over 2 characters + "==": the 4 low bits of the second character are unused.
      const last = BASE64.indexOf(delivered.signature.at(-3)!);
      const lastBitsSet = `${delivered.signature.slice(0, -3)}${BASE64[last ^ 1]}==`;
      for (const signature of [delivered.signature.replace(/=+$/, ''), `${delivered.signature}\n`, lastBitsSet]) {
        expect(signature).not.toBe(delivered.signature);
        expect(theirs({ ...delivered, signature })).toBe(true);
        expect(await ours({ ...delivered, signature })).toBe(false);
      }
    });

    it('a notification signed two days ago: SnapBi accepts (it checks no time), we refuse (beyond the tolerance)', async () => {
      const delivered = genuine(NOTIFICATION, jakarta(Date.now() - 2 * 86_400_000));
      expect(theirs(delivered)).toBe(true);
      expect(await ours(delivered)).toBe(false);
    });

    it('another method than the POST that was signed: SnapBi cannot tell (it assumes POST, snapBi.js:153), we refuse', async () => {
      const delivered = { ...genuine(), method: 'PUT' };
      expect(theirs(delivered)).toBe(true);
      expect(await ours(delivered)).toBe(false);
    });
  });
});

// ---- 4. the worked examples of Midtrans's page ----------------------------------------------------------------------

// Midtrans, "Signature Generation" (https://docs.midtrans.com/reference/signature-generation, updated 2026-04-22):
// the B2B Access Token scenario (steps 1-4) and the Transactional API scenario (steps 1-4), inputs and outputs copied
// as printed. The key is the page's step 1 (printed with Markdown line breaks, removed here).
const DOC_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCVZu2WHd4z5tbe
fkAWPjbB10Lgvu1CpsuIIVtO/wrrvKeD2LArmYSf5QxeJGG8HYlVYVp8I8/EVqay
JUbcyOd4aMLQFiCambDipecCfI7ecJ0K4+2ZneWOEq9JM91ZnGtwuLVdr1X/4/Nv
yGuNvmLAyfpJkU14yZliAUqJJ656jpM+WfY+hOpcLOzUe2wzx5RV7wYCyMl7/d1i
X33afJc6kbbUaA27yjlPdY6m0+DoZ0NNaRNZS7jzfJFtVXLTg/PgvwMNlMO/5Zyw
BWIOfWsD+MHUC6P9QYrHai8ZwEf9r+GivlNsAFs4NTpw9MdPngrexJm29k1Xh4UM
HV//jB1/AgMBAAECggEADcXGyitns/4oOauGyeYjUxw+eIxxP88zfRGiIralMZUb
Fi7wEpzc2oaZbMZK0jYg1mOanU4J1a4tQMfp7+l/WRzDNL6Nc+MOKN6lXJfR7dSQ
zZO0cBBbvIyhZwymb5/ZUbNdWM0UjvnbE6d0rsTpwp77+TMxYpynDJ9U2S70ySxe
fGi7x4rK02/8xmj1fY/Ls+uoYhF4IbGJIkFvrlAdWyFvv6sCGBYxl5sPuitgQxPv
Yc7dS7HE+6nZ+wWgoIXjC4CfxHBa9u3dfu3XAnPY3xpnVsbxCAH9OOIrZPY0C/Pq
gj+EElCBChUzDiedV3XipKUweDA+64sNm5NjqlqU8QKBgQDFf5a9vHVf9r2CTOgm
z5wTrK7aTwKwCNC4zpZUxDR8k7AV2gTelabpPWqUMZyRMUPs2hyBvhEWVNKxx3qs
7BAVpmcttuS5/dLNVdhNPUC2IgZqf3jWH2aS3lkci8DATQCphrEXZ3jrNaIRtrSC
kflE+yY8YP8b7ObktgvHz39JMQKBgQDBqCsMmOsQAveIQk5FGAMxsFU9G7OIBFHo
xpwkKUCjoqGxM+YQqDvcVeXNd/HdLnmR05//eoONemuDyYy8XRoud4tpaRKU/FK7
06WdljztB5rn2+cdUbmcU0fZiRQk+WuXsopZn3GUNvA/fQOW9qs7B5Rm5W71FeGk
ZgsvlAUlrwKBgQCUgFFaLWCcXa01UpqkxCp5aLi5EfvVXWuD6mKDLlzA51PZums6
6o/shO+kqoEtczu91mrk64NxpSof3vxRFdcqUEr4xrLJXx+oocnYmhwUVxU38s1r
Q4UfHe0nV7YBYmUDE3IJRRZY1aUdaKHmI9iok6e2csCfwMwEYRYOkekFoQKBgCyy
Oa1gpfA+Hw+N7i64ShRv1FyURi2Agb8uB9+4vbiG0rbpeZIioh5KnQ19P4+DKH/l
zinTBwXiWWpDXH4lJuPOp5ierbFBQ38ibDkg8dLrTG9zK7ZypFpWRmEI6GNYReLv
TEs/J6HDxFOC8Q8ow4COUUwmbCOY90lQXAiRK1b1AoGAScK1db9X5Ct+JtnjYyzi
GYLwyPhHCQIVmEDfuvbMs74woQsrBm3dBB3b2vf9pqcSZB4WAbTQ3wCdxCJKg6MN
6eXBO1M1lcIpZjCDyiXXi7PozNmkasRDUyDFwxlnyDLdRHL3FD+dh6do32FwGLBQ
u256RIyMB13qIuqrc91Z0hM=
-----END PRIVATE KEY-----
`;
const DOC_CLIENT_KEY = 'G1234325-SNAP';
const DOC_TOKEN_TIMESTAMP = '2023-07-31T07:10:00+07:00';
const DOC_RSA_SIGNATURE =
  'iv5YorKVVFOFS59l0HChDvPe+HeoE/jY5CfVgCg5i16nj5/DVnKg49ilkv8PyeU7y38apHhgO+cUrvkfUs5BhDD69yLn7xp8hzN9RcR0UDy5+nCrQ3GGCVSzZJvlEXN+TB0j4Q6pMsjrq4+YRoyDa4mTlsjJTU9aGjLRFBYgY4MyMQ5x11JyLnoFwbS8TJ5e/q4mUozrp49VyHe7OQSFnJNwvMSFrDyAIxoOK0IZQIlY29PaDIFcWoR+RJAY42H2FryjJcPpNfeercbkj9jsBLV3wmEKiNoN6lgFFLk5QicDnAAQzL45s92EYeCqDNuTTJOydaJbUqEo1d/ZPVNBtQ==';
// The page's "SHA256withRSA algorithm reference": the same signature in hex.
const DOC_RSA_HEX =
  '8afe58a2b2955453854b9f65d070a10ef3def877a813f8d8e427d58028398b5ea78f9fc35672a0e3d8a592ff0fc9e53bcb7f1aa478603be714aef91f52ce418430faf722e7ef1a7c87337d45c474503cb9fa70ab4371860954b3649be511737e4c1d23e10ea932c8ebab8f98468c836b899396c8c94d4f5a1a32d1141620638332310e71d752722e7a05c1b4bc4c9e5efeae26528ceba78f55c877bb3904859c9370bcc485ac3c80231a0e2b4219408958dbd3da0c815c5a847e449018e361f616bca325c3e935f79eadc6e48fd8ec04b577c2610a88da0dea580514b9394227039c0010ccbe39b3dd8461e0aa0cdb934c93b275a25b52a128d5dfd93d5341b5';
const DOC_CLIENT_SECRET = 'fdppqbF5wq7vVegyvsV1CROMv646nJ7A';
// Step 3's string to sign. The page gives the body only as its SHA-256 (56fa5f…), never the body itself.
const DOC_HMAC_STRING =
  'POST:/v1.0/debit/payment-host-to-host:gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a:56fa5f4999ad8014de49d7898c1d1d53472569db8999de3c1b752a0dd181e98c:2020-01-01T00:00:00+07:00';
const DOC_HMAC_SIGNATURE = 'FSlidRHe4ow9qppNifGVQNcdv67lBjgCiP0BHylh+IKXo4fs2rHaGsFNUY0N8t0rPlZs4iAHAOCDklnCccwuJw==';
// The page's "HMAC_SHA512 algorithm reference": the same signature in hex.
const DOC_HMAC_HEX =
  '1529627511dee28c3daa9a4d89f19540d71dbfaee506380288fd011f2961f88297a387ecdab1da1ac14d518d0df2dd2b3e566ce2200700e0839259c271cc2e27';

describe('Midtrans "Signature Generation" page: its worked examples, byte for byte', () => {
  it('the page prints each signature twice, in base64 and in hex, and the two agree', () => {
    expect(Buffer.from(DOC_RSA_SIGNATURE, 'base64').toString('hex')).toBe(DOC_RSA_HEX);
    expect(Buffer.from(DOC_HMAC_SIGNATURE, 'base64').toString('hex')).toBe(DOC_HMAC_HEX);
  });

  it.each([
    ['as printed (PKCS#8)', DOC_PRIVATE_KEY],
    ['converted to PKCS#1', createPrivateKey(DOC_PRIVATE_KEY).export({ type: 'pkcs1', format: 'pem' }) as string],
  ])(
    'access token: the key %s signs G1234325-SNAP|2023-07-31T07:10:00+07:00 into iv5Yor…BtQ==, ours and SnapBi alike',
    async (_form, pem) => {
      expect(await signRsa(await importPrivateKey(pem), `${DOC_CLIENT_KEY}|${DOC_TOKEN_TIMESTAMP}`)).toBe(DOC_RSA_SIGNATURE);
      expect(SnapBi.getAsymmetricSignatureSha256WithRsa(DOC_CLIENT_KEY, DOC_TOKEN_TIMESTAMP, pem)).toBe(DOC_RSA_SIGNATURE);
    },
  );

  it('access token: the X-SIGNATURE SnapBi sends with the page key, client key and timestamp is the page one', async () => {
    SnapBiConfig.snapBiClientId = DOC_CLIENT_KEY;
    SnapBiConfig.snapBiPrivateKey = DOC_PRIVATE_KEY;
    const sent = wire({ responseCode: '2007300', accessToken: 'token-1' });
    await SnapBi.directDebit().withTimeStamp(DOC_TOKEN_TIMESTAMP).getAccessToken();
    expect(sent[0]!.headers['x-signature']).toBe(DOC_RSA_SIGNATURE);
  });

  it('transactional: HMAC-SHA512 with the page secret over the page string to sign is FSlidRHe…uJw==', async () => {
    // Only our hmacSha512 can be run on this example: SnapBi's getSymmetricSignatureHmacSh512 (and our
    // transactionStringToSign) hash a body themselves, and the page does not publish the body behind 56fa5f….
    expect(await hmacSha512(DOC_CLIENT_SECRET, DOC_HMAC_STRING)).toBe(DOC_HMAC_SIGNATURE);
  });

  it('transactional: the page string to sign has the shape both clients build (METHOD:path:token:hex sha256:timestamp)', async () => {
    const [method, path, token, digest, ...time] = DOC_HMAC_STRING.split(':');
    const body = { any: 'body' };
    expect(await transactionStringToSign(method!, path!, token!, JSON.stringify(body), time.join(':'))).toBe(
      `${method}:${path}:${token}:${sha256Hex(JSON.stringify(body))}:${time.join(':')}`,
    );
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    // And SnapBi signs that same string, for that body: its HMAC equals ours over our string.
    expect(SnapBi.getSymmetricSignatureHmacSh512(token!, body, method!, path!, DOC_CLIENT_SECRET, time.join(':'))).toBe(
      await hmacSha512(DOC_CLIENT_SECRET, await transactionStringToSign(method!, path!, token!, JSON.stringify(body), time.join(':'))),
    );
  });
});
