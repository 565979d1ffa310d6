// @vitest-environment node
// Payment notifications from the mock GoPay server to a merchant endpoint on node:http: signed with the mock's key
// (checked here with node:crypto), retried until the merchant answers 2005600, given up visibly; the mock bridge's
// payment report and auth-code endpoints, with CORS for local pages only.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createVerify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { BASE, accessToken, paymentBody, post, sha256Hex, snapRequest } from './helpers';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let mock: MockGoPayServer;
let merchant: Server;
let received: Received[] = [];
/** What the merchant answers next; the last one repeats. */
let answers: { status: number; body: unknown }[];
const ACK = { status: 200, body: { responseCode: '2005600', responseMessage: 'Successful' } };
answers = [ACK];

beforeAll(async () => {
  merchant = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url!, headers: req.headers, body });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  const { port } = merchant.address() as { port: number };
  mock = await createMockGoPayServer({ notifyUrl: `http://127.0.0.1:${port}/v1.0/debit/notify`, notifyRetry: { attempts: 4, delay: 20 } });
});
afterEach(() => {
  mock.reset();
  received = [];
  answers = [ACK];
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => merchant.close(resolve));
});

const createPayment = async (partnerReferenceNo = `ORDER-${Math.random()}`) => {
  const token = await accessToken(mock);
  const response = await mock.fetch(
    snapRequest(mock, '/v1.0/debit/payment-host-to-host', paymentBody(mock, partnerReferenceNo), { token }),
  );
  return (await response.json()) as { referenceNo: string; webRedirectUrl: string };
};

/** SHA256withRSA over POST:path:hex(sha256(minify(body))):X-TIMESTAMP, with the PEM the mock publishes. */
const verifies = (notification: Received, publicKey = mock.notificationPublicKey) =>
  createVerify('RSA-SHA256')
    .update(`POST:${notification.path}:${sha256Hex(notification.body)}:${notification.headers['x-timestamp']}`)
    .verify(publicKey, String(notification.headers['x-signature']), 'base64');

describe('notifications', () => {
  it('completePayment sends the signed SNAP notification and stops at the ACK', async () => {
    const { referenceNo } = await createPayment('ORDER-N1');
    const notification = await mock.completePayment(referenceNo, 'success');
    expect(notification.state).toBe('delivered');
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent!.path).toBe('/v1.0/debit/notify');
    expect(verifies(sent!)).toBe(true);
    expect(sent!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
      'x-partner-id': mock.merchant.clientId,
      'x-external-id': expect.stringMatching(/^\d{20}$/),
      'channel-id': '95221',
    });
    expect(JSON.parse(sent!.body)).toEqual({
      originalPartnerReferenceNo: 'ORDER-N1',
      originalReferenceNo: referenceNo,
      merchantId: mock.merchant.merchantId,
      amount: { value: '25000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      createdTime: expect.stringMatching(/\+07:00$/),
      finishedTime: expect.stringMatching(/\+07:00$/),
      additionalInfo: {},
    });
    expect(mock.notifications).toEqual([notification]);
    // A flipped byte anywhere breaks the signature.
    expect(verifies({ ...sent!, body: sent!.body.replace('"00"', '"06"') })).toBe(false);
  });

  it.each([
    ['failed', '06', 'Failed'],
    ['pending', '03', 'Pending'],
    ['cancelled', '05', 'Canceled'],
  ] as const)('%s → latestTransactionStatus %s', async (outcome, code, description) => {
    const { referenceNo } = await createPayment();
    await mock.completePayment(referenceNo, outcome);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ latestTransactionStatus: code, transactionStatusDesc: description });
    expect(mock.payments.get(referenceNo)!.latestTransactionStatus).toBe(code);
  });

  it('retries with backoff when the merchant answers 500 (and a 200 without the ACK code), same X-EXTERNAL-ID, fresh signature', async () => {
    answers = [{ status: 500, body: { error: 'db down' } }, { status: 200, body: { responseCode: '5005601' } }, ACK];
    const { referenceNo } = await createPayment();
    const notification = await mock.completePayment(referenceNo, 'success');
    expect(notification.state).toBe('delivered');
    expect(notification.attempts.map((a) => [a.status, a.responseCode])).toEqual([
      [500, undefined],
      [200, '5005601'],
      [200, '2005600'],
    ]);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['x-external-id'])).size).toBe(1);
    expect(received.every((r) => verifies(r))).toBe(true);
    // Backoff: 20 ms, then 40 ms.
    const [a, b, c] = notification.attempts.map((x) => x.at);
    expect(b! - a!).toBeGreaterThanOrEqual(15);
    expect(c! - b!).toBeGreaterThanOrEqual(35);
  });

  it('gives up after notifyRetry.attempts, visibly: console.warn and state "gave-up"', async () => {
    answers = [{ status: 500, body: {} }];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { referenceNo } = await createPayment();
    const notification = await mock.completePayment(referenceNo, 'success');
    expect(notification.state).toBe('gave-up');
    expect(notification.attempts).toHaveLength(4);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`payment ${referenceNo} was not acknowledged`));
    expect(warn.mock.calls[0]![0]).toContain('2005600');
  });

  it('an unreachable notifyUrl is retried and given up; no notifyUrl is recorded, nothing is sent', async () => {
    const offline = await createMockGoPayServer({ notifyUrl: 'http://127.0.0.1:9/notify', notifyRetry: { attempts: 2, delay: 1 } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const token = await accessToken(offline);
    const created = await (
      await offline.fetch(snapRequest(offline, '/v1.0/debit/payment-host-to-host', paymentBody(offline), { token }))
    ).json();
    const notification = await offline.completePayment(created.referenceNo, 'failed');
    expect(notification).toMatchObject({ state: 'gave-up', attempts: [{ status: 0, error: expect.any(String) }, { status: 0 }] });
    expect(warn).toHaveBeenCalledOnce();
    offline.notifyUrl = undefined;
    expect((await offline.completePayment(created.referenceNo, 'failed')).state).toBe('no-notify-url');
    expect(() => (offline.notifyUrl = 'ftp://x')).toThrow(/notifyUrl/);
  });

  it('completePayment refuses an unknown payment or status, and never changes a finished payment', async () => {
    await expect(mock.completePayment('A-NONE', 'success')).rejects.toThrow(/No payment A-NONE/);
    const { referenceNo } = await createPayment();
    await expect(mock.completePayment(referenceNo, 'paid' as never)).rejects.toThrow(/status must be/);
    // pending → success is a change GoPay makes; success → failed is not.
    expect(JSON.parse((await mock.completePayment(referenceNo, 'pending')).body)).not.toHaveProperty('finishedTime');
    await mock.completePayment(referenceNo, 'success');
    await expect(mock.completePayment(referenceNo, 'failed')).rejects.toThrow(/already finished \(Success\)/);
    expect(mock.payments.get(referenceNo)!.latestTransactionStatus).toBe('00');
    // The same answer again is a resend of the notification.
    expect((await mock.completePayment(referenceNo, 'success')).state).toBe('delivered');
    expect(received.map((r) => JSON.parse(r.body).latestTransactionStatus)).toEqual(['03', '00', '00']);
    const report = await mock.fetch(
      post('/mock/payments/report', { deeplink: `gopay://merchanttransfer?tref=${referenceNo}`, status: 'cancelled' }),
    );
    expect(report.status).toBe(409);
  });
});

describe('the mock bridge endpoints (/mock/*)', () => {
  const LOCAL = 'http://localhost:5173';

  it('POST /mock/payments/report { deeplink, status } finishes the payment and notifies the merchant', async () => {
    const { referenceNo, webRedirectUrl } = await createPayment('ORDER-R');
    const deeplink = `gopay://merchanttransfer${new URL(webRedirectUrl).search}`;
    const response = await mock.fetch(post('/mock/payments/report', { deeplink, status: 'success' }, { origin: LOCAL }));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(await response.json()).toEqual({ referenceNo, latestTransactionStatus: '00' });
    await vi.waitFor(() => expect(mock.notifications[0]?.state).toBe('delivered'));
    expect(JSON.parse(received[0]!.body)).toMatchObject({ originalReferenceNo: referenceNo, latestTransactionStatus: '00' });
  });

  it('refuses a report without a payment, a deeplink or a known status', async () => {
    const report = (body: unknown) => mock.fetch(post('/mock/payments/report', body));
    expect((await report({ deeplink: 'gopay://merchanttransfer?tref=NOPE', status: 'success' })).status).toBe(404);
    expect((await report({ deeplink: 'not a link', status: 'success' })).status).toBe(400);
    const { referenceNo } = await createPayment();
    expect((await report({ deeplink: `gopay://merchanttransfer?tref=${referenceNo}`, status: 'toString' })).status).toBe(400);
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:4000', 'http://localhost'])('answers the preflight of %s', async (origin) => {
    const preflight = await mock.fetch(
      new Request(`${BASE}/mock/auth-codes`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin',
    });
  });

  it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])('refuses the origin %s', async (origin) => {
    const refused = await mock.fetch(post('/mock/auth-codes', {}, { origin }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('works over a real port, with CORS, for a local page', async () => {
    const url = await mock.listen();
    try {
      expect(mock.url).toBe(url);
      await expect(mock.listen()).rejects.toThrow(/already listening/);
      const response = await fetch(`${url}/mock/auth-codes`, { method: 'POST', headers: { origin: LOCAL }, body: '{}' });
      expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL);
      expect((await response.json()).authCode).toMatch(/^[A-Za-z0-9]{64}$/);
    } finally {
      await mock.close();
    }
    expect(mock.url).toBeUndefined();
  });
});
