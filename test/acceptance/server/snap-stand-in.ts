// The SNAP (Midtrans BI-SNAP) merchant of the stand-in tests, the stand-in's SNAP answers, and the signature check
// recomputed with node:crypto. Midtrans issues the partner id beside the client id, and they differ.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { hmac512, keyPair, S, sha256hex } from './helpers';
import { router, stand, type Reply, type Seen } from './stand-in';

export const keys = keyPair();
export const CLIENT_ID = 'client-id-123';
export const PARTNER_ID = 'partner-id-789';
export const CLIENT_SECRET = 'client-secret-SECRET-456';
export const MERCHANT_ID = 'M-0099';

const tokens = { last: '', n: 0 };
/** The access token the stand-in issued last. */
export const lastToken = () => tokens.last;
export const tokenReply = (expiresIn = '900', token?: string): Reply => {
  tokens.last = token ?? `snap-token-${++tokens.n}-${randomBytes(6).toString('hex')}`;
  return {
    status: 200,
    body: { responseCode: '2007300', responseMessage: 'Successful', accessToken: tokens.last, tokenType: 'Bearer', expiresIn },
  };
};
export const WEB = 'https://gwk.gopayapi.com/app/merchanttransfer?tref=REF123&amount=10000';
export const paymentReply = (s: Seen): Reply => ({
  status: 200,
  body: {
    responseCode: '2005400',
    responseMessage: 'Successful',
    referenceNo: 'A1B2C3',
    partnerReferenceNo: JSON.parse(s.body).partnerReferenceNo,
    webRedirectUrl: WEB,
    appRedirectUrl: 'gojek://gopay/merchanttransfer?tref=REF123',
    additionalInfo: { foo: 'bar' },
  },
});
export const statusAnswer = {
  responseCode: '2005500',
  responseMessage: 'Successful',
  originalPartnerReferenceNo: 'INV-1',
  originalReferenceNo: 'A1B2C3',
  latestTransactionStatus: '04',
  transactionStatusDesc: 'Refunded',
  transAmount: { value: '10000.00', currency: 'IDR' },
  paidTime: '2026-11-30T14:31:00+07:00',
  refundHistory: [{ refundNo: 'RF-1', partnerRefundNo: 'RF-INV-1', refundAmount: { value: '1000.00', currency: 'IDR' } }],
  additionalInfo: {},
};
/** The usual SNAP routes: a token, a payment, a status, a refund, a cancel — each overridable. */
export const snapRoutes = (over: Record<string, (s: Seen) => Reply> = {}) =>
  router({
    '/v1.0/access-token/b2b': () => tokenReply(),
    '/v1.0/debit/payment-host-to-host': paymentReply,
    '/v1.0/debit/status': () => ({ status: 200, body: statusAnswer }),
    '/v1.0/debit/refund': (s) => ({
      status: 200,
      body: {
        responseCode: '2005800',
        responseMessage: 'Successful',
        originalReferenceNo: 'A1B2C3',
        refundNo: 'RF-1',
        partnerRefundNo: JSON.parse(s.body).partnerRefundNo,
        refundAmount: { value: '1000.00', currency: 'IDR' },
        refundTime: '2026-11-30T15:00:00+07:00',
      },
    }),
    '/v1.0/debit/cancel': () => ({
      status: 200,
      body: {
        responseCode: '2005700',
        responseMessage: 'Successful',
        originalReferenceNo: 'A1B2C3',
        cancelTime: '2026-11-30T14:40:00+07:00',
      },
    }),
    ...over,
  });
export const snapOptions = (extra: Record<string, unknown> = {}) => ({
  clientId: CLIENT_ID,
  partnerId: PARTNER_ID,
  clientSecret: CLIENT_SECRET,
  privateKey: keys.privateKey,
  merchantId: MERCHANT_ID,
  baseUrl: stand.state.url,
  ...extra,
});
export const snap = (extra: Record<string, unknown> = {}) => S.createSnapClient(snapOptions(extra));
export const paymentBody = (value = '10000.00') => ({
  partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
  payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value, currency: 'IDR' } }],
  urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
  additionalInfo: {
    pointOfPurchaseId: 'POP-1',
    items: [{ id: 'i1', price: { value, currency: 'IDR' }, quantity: 1, name: 'Tea' }],
  },
});
export const seenAt = (path: string) => stand.state.seen.filter((s) => s.path === path);
/** The HMAC-SHA512 X-SIGNATURE of a transactional request, recomputed with node:crypto from what was sent. */
export const expectSnapSigned = (s: Seen, secret = CLIENT_SECRET) => {
  const token = String(s.headers.authorization).replace(/^Bearer /, '');
  const toSign = `${s.method}:${s.path}:${token}:${sha256hex(s.body).toLowerCase()}:${s.headers['x-timestamp']}`;
  expect(s.headers['x-signature'], `signature of ${s.path}`).toBe(hmac512(secret, toSign));
};
