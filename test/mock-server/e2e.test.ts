// @vitest-environment node
// The whole local flow in one test, as `npm run demo` runs it: the mock bridge (with `server`) gets the code from the
// mock GoPay server; the merchant backend's createGoPayServer / createSnapClient talk to the mock over HTTP; the
// user's answer in the mock bridge makes the mock send a signed notification to the merchant's endpoint on node:http,
// which verifyNotification accepts.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGoPay, GoPayAuthCodeExpiredError } from '../../src/index';
import { createMockBridge } from '../../src/mock/index';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { createGoPayServer, createSnapClient, NOTIFICATION_ACK, verifyNotification, type SnapNotification } from '../../src/server';

let mock: MockGoPayServer;
let mockUrl: string;
let merchant: Server;
const verified: SnapNotification[] = [];
const refused: unknown[] = [];

beforeAll(async () => {
  mock = await createMockGoPayServer();
  mockUrl = await mock.listen();
  // The merchant's notification endpoint: verify the raw body, answer the ACK.
  merchant = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      const notification = await verifyNotification(
        { method: req.method!, url: `http://127.0.0.1${req.url}`, headers, body },
        { publicKey: mock.notificationPublicKey },
      );
      verified.push(notification);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(NOTIFICATION_ACK));
    } catch (error) {
      refused.push(error);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ responseCode: '4015600', responseMessage: 'Unauthorized. Invalid Signature' }));
    }
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  mock.notifyUrl = `http://127.0.0.1:${(merchant.address() as { port: number }).port}/v1.0/debit/notify`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => merchant.close(resolve));
});

it(
  'login (code → token → profile) and payment (host-to-host → launchPayment → signed notification → verified)',
  { timeout: 30_000 },
  async () => {
    // Browser half: the mock bridge, joined to the mock GoPay server.
    const bridge = createMockBridge({ server: mockUrl, paymentStatus: 'success' });
    const gp = createGoPay({ bridge });
    // Backend half, pointed at the mock with baseUrl.
    const { credentials, clientId, clientSecret, privateKey, merchantId } = mock.merchant;
    const gopay = createGoPayServer({ credentials, baseUrl: mockUrl });
    const snap = createSnapClient({ clientId, clientSecret, privateKey, merchantId, baseUrl: mockUrl });

    // Login. The first code is spent behind withAuthCode's back: GoPay's "AuthCode Not Found" must reach the guard as
    // GoPayAuthCodeExpiredError, and the guard must retry once with a fresh code from the mock server.
    let spent = false;
    const codes: string[] = [];
    const { auth_token: authToken } = await gp.withAuthCode(async (code) => {
      codes.push(code);
      if (!spent) {
        spent = true;
        await gopay.getAuthToken(code);
        await expect(gopay.getAuthToken(code)).rejects.toBeInstanceOf(GoPayAuthCodeExpiredError);
      }
      return gopay.getAuthToken(code);
    });
    expect(codes).toHaveLength(2);
    expect(mock.requests.filter((r) => r.path === '/mock/auth-codes')).toHaveLength(2);
    expect(await gopay.getProfile(authToken)).toEqual({
      phone_number: '+6281234567890',
      email: 'budi.santoso@example.com',
      name: 'Budi Santoso',
    });

    // Payment.
    const payment = await snap.createPayment({ partnerReferenceNo: 'order-e2e-1', amount: { value: '25000.00', currency: 'IDR' } });
    expect(payment.deeplink).toBe(`gopay://merchanttransfer?tref=${payment.referenceNo}`);
    const before = await snap.getPaymentStatus({ originalReferenceNo: payment.referenceNo });
    expect(before.latestTransactionStatus).toBe('03');

    const { status } = await gp.launchPayment(payment.deeplink);
    expect(status).toBe('success');
    await expect.poll(() => verified.length, { timeout: 10_000 }).toBe(1);
    expect(refused).toEqual([]);
    expect(verified[0]).toMatchObject({
      originalReferenceNo: payment.referenceNo,
      originalPartnerReferenceNo: 'order-e2e-1',
      latestTransactionStatus: '00',
      amount: { value: '25000.00', currency: 'IDR' },
    });
    expect(mock.notifications[0]).toMatchObject({ state: 'delivered', attempts: [{ status: 200, responseCode: '2005600' }] });
    expect((await snap.getPaymentStatus({ originalReferenceNo: payment.referenceNo })).latestTransactionStatus).toBe('00');

    // A retried createPayment under the same X-EXTERNAL-ID is the same payment, never a second one.
    const again = await snap.createPayment(
      { partnerReferenceNo: 'order-e2e-2', amount: { value: '1000.00', currency: 'IDR' } },
      { externalId: 'ext-e2e' },
    );
    const replay = await snap.createPayment(
      { partnerReferenceNo: 'order-e2e-2', amount: { value: '1000.00', currency: 'IDR' } },
      { externalId: 'ext-e2e' },
    );
    expect(replay.referenceNo).toBe(again.referenceNo);
    expect(mock.payments.size).toBe(2);
    bridge.destroy();
  },
);

it('works without a port: the mock as the clients\' fetch (docs/local-flow.md, "In tests")', async () => {
  const inProcess = await createMockGoPayServer();
  const viaMock = (input: RequestInfo | URL, init?: RequestInit) => inProcess.fetch(new Request(input, init));
  const gopay = createGoPayServer({ credentials: inProcess.merchant.credentials, baseUrl: 'http://gopay.mock', fetch: viaMock });
  const { clientId, clientSecret, privateKey, merchantId } = inProcess.merchant;
  const snap = createSnapClient({ clientId, clientSecret, privateKey, merchantId, baseUrl: 'http://gopay.mock', fetch: viaMock });
  const { authCode } = await (await inProcess.fetch(new Request('http://gopay.mock/mock/auth-codes', { method: 'POST' }))).json();
  const { auth_token: authToken } = await gopay.getAuthToken(authCode);
  expect((await gopay.getProfile(authToken)).name).toBe('Budi Santoso');
  const payment = await snap.createPayment({ partnerReferenceNo: 'order-in-process', amount: { value: '5000.00', currency: 'IDR' } });
  expect((await inProcess.completePayment(payment.referenceNo, 'failed')).state).toBe('no-notify-url');
  expect((await snap.getPaymentStatus({ originalPartnerReferenceNo: 'order-in-process' })).latestTransactionStatus).toBe('06');
});
