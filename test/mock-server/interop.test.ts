// @vitest-environment node
// Midtrans's official Node client (`midtrans-client`, class SnapBi, README §6) against the mock over HTTP, with the
// README's own bodies: it gets a token (grant_type), pays (transAmount '1500', urlParam as an object), reads the
// status, cancels and refunds (bodies with originalReferenceNo alone); its webhook verifier accepts the mock's
// notifications and what signNotification signs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { ACK, inbox } from './inbox';

// Node's own require, not the test runner's: midtrans-client's dependencies load as Node loads them (the runner's
// VM contexts cannot load an ES module that a CommonJS package requires).
const { createRequire } = process.getBuiltinModule('node:module');

/** What this file uses of SnapBi (midtrans-client ships no types). */
interface SnapBiCall {
  withBody(body: unknown): SnapBiCall;
  withSignature(signature: string): SnapBiCall;
  withTimeStamp(timestamp: string): SnapBiCall;
  withNotificationPayload(payload: unknown): SnapBiCall;
  withNotificationUrlPath(path: string): SnapBiCall;
  getAccessToken(): Promise<Record<string, any>>;
  createPayment(externalId: string): Promise<Record<string, any>>;
  getStatus(externalId: string): Promise<Record<string, any>>;
  cancel(externalId: string): Promise<Record<string, any>>;
  refund(externalId: string): Promise<Record<string, any>>;
  isWebhookNotificationVerified(): boolean;
}
interface Midtrans {
  SnapBi: { directDebit(): SnapBiCall; notification(): SnapBiCall };
  // Static fields: SnapBi reads its credentials and base URL from here (snapBiConfig.js).
  SnapBiConfig: Record<string, unknown>;
}
const { SnapBi, SnapBiConfig } = createRequire(import.meta.url)('midtrans-client') as Midtrans;

let mock: MockGoPayServer;
let merchant: ReturnType<typeof inbox>;
// SnapBiConfig is shared by every file that loads midtrans-client in the worker: put it back as it was.
const savedConfig = { ...SnapBiConfig };
beforeAll(async () => {
  merchant = inbox([ACK]);
  mock = await createMockServer({ notifyUrl: 'http://shop.test/api/gopay/v1.0/debit/notify' }, { fetch: merchant.fetch });
  // README §6.1, pointed at the mock: its sandbox base URL, and the mock's published merchant.
  Object.assign(SnapBiConfig, {
    isProduction: false,
    SNAP_BI_SANDBOX_BASE_URL: await mock.listen(),
    snapBiClientId: mock.merchant.clientId,
    snapBiPrivateKey: mock.merchant.privateKey,
    snapBiClientSecret: mock.merchant.clientSecret,
    snapBiPartnerId: mock.merchant.partnerId,
    snapBiChannelId: '95221',
    snapBiPublicKey: mock.notificationPublicKey,
    enableLogging: false,
  });
});
afterAll(async () => {
  for (const key of Object.keys(SnapBiConfig)) delete SnapBiConfig[key];
  Object.assign(SnapBiConfig, savedConfig);
  await mock.close();
});

/** README §6.2.1's direct-debit body, as printed (validUpTo in 2030, '1500', urlParam an object, quantity a number). */
function readmeBody(externalId: string) {
  return {
    partnerReferenceNo: externalId,
    chargeToken: '',
    merchantId: mock.merchant.merchantId,
    urlParam: { url: 'https://midtrans-test.com/api/notification', type: 'PAY_RETURN', isDeeplink: 'N' },
    validUpTo: '2030-07-20T20:34:15.452305Z',
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value: '1500', currency: 'IDR' } }],
    additionalInfo: {
      customerDetails: { firstName: 'Merchant', lastName: 'Operation', email: 'merchant-ops@midtrans.com', phone: '+6281932358123' },
      items: [
        {
          id: randomUUID(),
          price: { value: '1500.00', currency: 'IDR' },
          quantity: 1,
          name: 'test item name',
          merchantName: 'Merchant Operation',
        },
      ],
    },
  };
}

async function pay(): Promise<{ referenceNo: string; externalId: string }> {
  const externalId = randomUUID();
  const created = await SnapBi.directDebit().withBody(readmeBody(externalId)).createPayment(externalId);
  expect(created).toMatchObject({
    responseCode: '2005400',
    partnerReferenceNo: externalId,
    webRedirectUrl: expect.stringContaining('tref='),
  });
  return { referenceNo: created.referenceNo, externalId };
}

/** SnapBi's verifier on a notification as it arrived: the parsed payload, its headers, README §6.9's path. */
function officiallyVerified(notification: { headers: Record<string, string>; body: string }): boolean {
  return SnapBi.notification()
    .withNotificationPayload(JSON.parse(notification.body))
    .withSignature(notification.headers['x-signature']!)
    .withTimeStamp(notification.headers['x-timestamp']!)
    .withNotificationUrlPath('/v1.0/debit/notify')
    .isWebhookNotificationVerified();
}

it('gets an access token (grant_type in the body)', async () => {
  expect(await SnapBi.directDebit().getAccessToken()).toMatchObject({ responseCode: '2007300', accessToken: expect.any(String) });
});

it("pays with the README's body and reads the status by referenceNo and by external id (README §6.4)", async () => {
  const { referenceNo, externalId } = await pay();
  const byReference = await SnapBi.directDebit().withBody({ originalReferenceNo: referenceNo, serviceCode: '54' }).getStatus(randomUUID());
  expect(byReference).toMatchObject({
    responseCode: '2005500',
    latestTransactionStatus: '03',
    transAmount: { value: '1500.00', currency: 'IDR' },
  });
  const byExternalId = await SnapBi.directDebit().withBody({ originalExternalId: externalId, serviceCode: '54' }).getStatus(randomUUID());
  expect(byExternalId).toMatchObject({ originalReferenceNo: referenceNo, latestTransactionStatus: '03' });
});

it('cancels a pending payment with { originalReferenceNo } alone (README §6.5); the 05 notification verifies', async () => {
  const { referenceNo } = await pay();
  expect(await SnapBi.directDebit().withBody({ originalReferenceNo: referenceNo }).cancel(randomUUID())).toMatchObject({
    responseCode: '2005700',
    originalReferenceNo: referenceNo,
  });
  await vi.waitFor(() => expect(merchant.bodies().some((b) => b.originalReferenceNo === referenceNo)).toBe(true));
  const notification = merchant.received.find((r) => r.body.includes(referenceNo))!;
  expect(JSON.parse(notification.body).latestTransactionStatus).toBe('05');
  expect(officiallyVerified(notification)).toBe(true);
});

it('refunds a paid payment with { originalReferenceNo, reason } (README §6.6); the 00 and 04 notifications verify', async () => {
  const { referenceNo } = await pay();
  await mock.completePayment(referenceNo, 'success');
  const refund = await SnapBi.directDebit().withBody({ originalReferenceNo: referenceNo, reason: 'refund reason' }).refund(randomUUID());
  expect(refund).toMatchObject({ responseCode: '2005800', refundAmount: { value: '1500.00', currency: 'IDR' } });
  await vi.waitFor(() => expect(merchant.received.filter((r) => r.body.includes(referenceNo))).toHaveLength(2));
  const [paid, refunded] = merchant.received.filter((r) => r.body.includes(referenceNo));
  expect(JSON.parse(refunded!.body).additionalInfo.refundHistory).toHaveLength(1);
  expect(officiallyVerified(paid!)).toBe(true);
  expect(officiallyVerified(refunded!)).toBe(true);
  // A changed byte is refused by the official verifier too: it checks, it does not just say yes.
  expect(officiallyVerified({ ...refunded!, body: refunded!.body.replace('"04"', '"00"') })).toBe(false);
});

it("verifies what mock.signNotification signs, with the README's sample payload", async () => {
  const body = JSON.stringify({
    originalPartnerReferenceNo: 'GP24043015193402809',
    originalReferenceNo: 'A120240430081940S9vu8gSjaRID',
    merchantId: 'G099333790',
    amount: { value: '102800.00', currency: 'IDR' },
    latestTransactionStatus: '00',
    transactionStatusDesc: 'SUCCESS',
    additionalInfo: { refundHistory: [] },
  });
  expect(officiallyVerified({ headers: { ...(await mock.signNotification(body)) }, body })).toBe(true);
});
