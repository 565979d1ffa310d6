// @vitest-environment node
// The whole local flow, as `npm run demo` runs it: the mock bridge (with `server`) gets the code from the mock GoPay
// server; the merchant backend's createGoPayServer / createSnapClient talk to the mock over HTTP; the user's answer
// in the mock bridge makes the mock send signed notifications to the merchant's endpoint on node:http — registered
// under a prefix, as a real shop's is — which verifyNotification accepts; then a refund and a cancel.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGoPay, GoPayAuthCodeExpiredError } from '../../src/core/index';
import { createMockBridge } from '../../src/mock/index';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import {
  createGoPayServer,
  createSnapClient,
  NOTIFICATION_ACK,
  verifyNotification,
  type SnapNotification,
  type SnapPaymentBody,
} from '../../src/server';

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
  mock.notifyUrl = `http://127.0.0.1:${(merchant.address() as { port: number }).port}/api/gopay/v1.0/debit/notify`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => merchant.close(resolve));
});

function order(partnerReferenceNo: string, value: string): SnapPaymentBody {
  return {
    partnerReferenceNo,
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value, currency: 'IDR' } }],
    additionalInfo: { pointOfPurchaseId: mock.merchant.pointOfPurchaseId },
  };
}

it('login, payment, refund and cancel against the mock over HTTP, every notification verified', { timeout: 30_000 }, async () => {
  const bridge = createMockBridge({ server: mockUrl, paymentStatus: 'success' });
  const gp = createGoPay({ bridge });
  const { credentials, clientId, partnerId, clientSecret, privateKey, merchantId } = mock.merchant;
  const gopay = createGoPayServer({ credentials, baseUrl: mockUrl });
  const snap = createSnapClient({ clientId, partnerId, clientSecret, privateKey, merchantId, baseUrl: mockUrl });

  // Login. The first code is spent behind withAuthCode's back: GoPay's "AuthCode Not Found" must reach the guard as
  // GoPayAuthCodeExpiredError, and the guard must retry once with a fresh code from the mock server.
  let spent = false;
  const { auth_token: authToken } = await gp.withAuthCode(async (code) => {
    if (!spent) {
      spent = true;
      await gopay.getAuthToken(code);
      await expect(gopay.getAuthToken(code)).rejects.toBeInstanceOf(GoPayAuthCodeExpiredError);
    }
    return gopay.getAuthToken(code);
  });
  expect(mock.requests.filter((r) => r.path === '/mock/auth-codes')).toHaveLength(2);
  expect(await gopay.getProfile(authToken)).toEqual({
    phone_number: '+6281234567890',
    email: 'budi.santoso@example.com',
    username: 'budisantoso',
  });

  // Payment: GoPay's body, the deeplink the page launches, the notification the backend verifies.
  const payment = await snap.createPayment(order('order-e2e-1', '25000.00'));
  expect(payment.deeplink).toBe(`gopay://merchanttransfer?tref=${payment.referenceNo}`);
  expect((await snap.getPaymentStatus({ originalReferenceNo: payment.referenceNo })).latestTransactionStatus).toBe('03');
  expect((await gp.launchPayment(payment.deeplink)).status).toBe('success');
  await expect.poll(() => verified.length, { timeout: 10_000 }).toBe(1);
  expect(refused).toEqual([]);
  expect(verified[0]).toMatchObject({
    originalReferenceNo: payment.referenceNo,
    latestTransactionStatus: '00',
    amount: { value: '25000.00' },
  });
  const status = await snap.getPaymentStatus({ originalReferenceNo: payment.referenceNo });
  expect(status).toMatchObject({
    latestTransactionStatus: '00',
    transAmount: { value: '25000.00', currency: 'IDR' },
    paidTime: expect.any(String),
  });

  // A partial refund: a 04 with its history.
  const refund = await snap.refundPayment({
    originalPartnerReferenceNo: 'order-e2e-1',
    originalReferenceNo: payment.referenceNo,
    partnerRefundNo: 'refund-e2e-1',
    refundAmount: { value: '5000.00', currency: 'IDR' },
  });
  expect(refund).toMatchObject({ responseCode: '2005800', partnerRefundNo: 'refund-e2e-1' });
  await expect.poll(() => verified.length, { timeout: 10_000 }).toBe(2);
  expect(verified[1]!.additionalInfo).toMatchObject({
    totalRefundAmount: { value: '5000.00', currency: 'IDR' },
    refundHistory: [{ partnerRefundNo: 'refund-e2e-1' }],
  });

  // A sheet the user cancels leaves the payment pending; the merchant cancels it: 05.
  const cancelling = createGoPay({ bridge: createMockBridge({ server: mockUrl, paymentStatus: 'cancelled' }) });
  const second = await snap.createPayment(order('order-e2e-2', '1000.00'), { externalId: 'ext-e2e-2' });
  await cancelling.launchPayment(second.deeplink);
  expect((await snap.getPaymentStatus({ originalExternalId: 'ext-e2e-2' })).latestTransactionStatus).toBe('03');
  expect(await snap.cancelPayment({ originalPartnerReferenceNo: 'order-e2e-2', originalReferenceNo: second.referenceNo })).toMatchObject({
    responseCode: '2005700',
  });
  await expect.poll(() => verified.length, { timeout: 10_000 }).toBe(3);
  expect(verified[2]).toMatchObject({ originalReferenceNo: second.referenceNo, latestTransactionStatus: '05' });

  // A retried createPayment under the same X-EXTERNAL-ID is the same payment, never a second one.
  const again = await snap.createPayment(order('order-e2e-3', '1000.00'), { externalId: 'ext-e2e-3' });
  const replay = await snap.createPayment(order('order-e2e-3', '1000.00'), { externalId: 'ext-e2e-3' });
  expect(replay.referenceNo).toBe(again.referenceNo);
  expect(mock.payments.size).toBe(3);
  expect(refused).toEqual([]);
  bridge.destroy();
});

it('works without a port: the mock as the clients\' fetch (docs/local-flow.md, "In tests")', async () => {
  const inProcess = await createMockGoPayServer();
  const viaMock = (input: RequestInfo | URL, init?: RequestInit) => inProcess.fetch(new Request(input, init));
  const { credentials, clientId, partnerId, clientSecret, privateKey, merchantId } = inProcess.merchant;
  const gopay = createGoPayServer({ credentials, baseUrl: 'http://gopay.mock', fetch: viaMock });
  const snap = createSnapClient({
    clientId,
    partnerId,
    clientSecret,
    privateKey,
    merchantId,
    baseUrl: 'http://gopay.mock',
    fetch: viaMock,
  });
  const { authCode } = await (await inProcess.fetch(new Request('http://gopay.mock/mock/auth-codes', { method: 'POST' }))).json();
  const { auth_token: authToken } = await gopay.getAuthToken(authCode);
  expect((await gopay.getProfile(authToken)).username).toBe('budisantoso');
  const payment = await snap.createPayment(order('order-in-process', '5000.00'), { externalId: 'ext-in-process' });
  expect((await inProcess.completePayment(payment.referenceNo, 'failed')).state).toBe('no-notify-url');
  expect((await snap.getPaymentStatus({ originalExternalId: 'ext-in-process' })).latestTransactionStatus).toBe('06');
});
