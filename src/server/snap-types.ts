// The shapes of BI-SNAP payments (createSnapClient, verifyNotification), with the field names of Midtrans's pages
// "Initiate Host to Host Payment", "Get Transaction Status API" and the payment notification. See docs/backend.md.
import type { CallOptions, TransportClientOptions } from './types';

/**
 * An amount as SNAP writes it: a string with two decimals.
 * @example { value: '15000.00', currency: 'IDR' }
 */
export interface SnapAmount {
  value: string;
  currency: string;
}

/**
 * Where the user goes back to, or where a notification goes (`type`: `PAY_RETURN`, `NOTIFICATION`).
 * @example { url: 'https://shop.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }
 */
export interface SnapUrlParam {
  url: string;
  type: string;
  isDeeplink?: 'Y' | 'N';
}

/**
 * The body of `createPayment` (`POST /v1.0/debit/payment-host-to-host`). `merchantId` is filled in from the client's
 * options when absent. Fields not listed here are sent as given.
 * @example
 * {
 *   partnerReferenceNo: 'order-17',
 *   amount: { value: '15000.00', currency: 'IDR' },
 *   urlParams: [{ url: 'https://shop.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
 *   additionalInfo: { pointOfPurchaseId: process.env.GOPAY_POP_ID },
 * }
 */
export interface SnapPaymentBody {
  /** Your unique order id: the key of the notification and of `getPaymentStatus`. */
  partnerReferenceNo: string;
  amount: SnapAmount;
  /** @default the client's `merchantId` */
  merchantId?: string;
  subMerchantId?: string;
  externalStoreId?: string;
  urlParams?: SnapUrlParam[];
  /** When the payment expires, ISO-8601 with offset. */
  validUpTo?: string;
  payOptionDetails?: { payMethod: string; payOption: string; transAmount: SnapAmount; feeAmount?: SnapAmount }[];
  /** For a mini app's guest checkout, `pointOfPurchaseId` (the POP id GoPay gives you) goes here. */
  additionalInfo?: { pointOfPurchaseId?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * What `createPayment` resolves with: GoPay's answer plus `deeplink`, ready for the browser's `gp.launchPayment(deeplink)`.
 * @example { responseCode: '2005400', responseMessage: 'Successful', referenceNo: 'A1203…', partnerReferenceNo: 'order-17',
 *   webRedirectUrl: 'https://gopay.co.id/app/merchanttransfer?tref=A1203…', deeplink: 'gopay://merchanttransfer?tref=A1203…' }
 */
export interface SnapPaymentResult {
  responseCode: string;
  responseMessage: string;
  /** GoPay's id of the payment. */
  referenceNo: string;
  partnerReferenceNo: string;
  webRedirectUrl: string;
  /** `toPaymentDeeplink(webRedirectUrl)`. */
  deeplink: string;
  appRedirectUrl?: string;
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Which payment `getPaymentStatus` asks about: at least one of the three.
 * @example { originalPartnerReferenceNo: 'order-17' }
 */
export interface SnapStatusQuery {
  originalPartnerReferenceNo?: string;
  originalReferenceNo?: string;
  originalExternalId?: string;
}

/**
 * `latestTransactionStatus`: `00` success, `01` initiated, `02` paying, `03` pending, `04` refunded, `05` canceled,
 * `06` failed, `07` not found, `08` expired, `09` rejected.
 */
export type SnapTransactionStatus = '00' | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | (string & {});

/**
 * What `getPaymentStatus` resolves with (`POST /v1.0/debit/status`).
 * @example { responseCode: '2005500', responseMessage: 'Successful', originalPartnerReferenceNo: 'order-17',
 *   originalReferenceNo: 'A1203…', serviceCode: '54', latestTransactionStatus: '00', transactionStatusDesc: 'success' }
 */
export interface SnapStatusResult {
  responseCode: string;
  responseMessage: string;
  originalPartnerReferenceNo?: string;
  originalReferenceNo?: string;
  originalExternalId?: string;
  serviceCode?: string;
  latestTransactionStatus: SnapTransactionStatus;
  transactionStatusDesc?: string;
  paidTime?: string;
  amount?: SnapAmount;
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * The body GoPay POSTs to your notification endpoint (`/v1.0/debit/notify`), once `verifyNotification` has checked it.
 * Deduplicate by `originalReferenceNo` (or your `originalPartnerReferenceNo`) and `latestTransactionStatus`.
 * @example { originalPartnerReferenceNo: 'order-17', originalReferenceNo: 'A1203…', merchantId: 'G123',
 *   amount: { value: '15000.00', currency: 'IDR' }, latestTransactionStatus: '00', transactionStatusDesc: 'success' }
 */
export interface SnapNotification {
  originalPartnerReferenceNo?: string;
  originalReferenceNo?: string;
  originalExternalId?: string;
  merchantId?: string;
  subMerchantId?: string;
  amount?: SnapAmount;
  latestTransactionStatus: SnapTransactionStatus;
  transactionStatusDesc?: string;
  createdTime?: string;
  finishedTime?: string;
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Where the access token is shared between server instances (Redis, a KV store). Sync or async. The value is an
 * opaque string; `ttlMs` is how long it stays usable.
 * @example { get: (key) => redis.get(key), set: (key, value, ttlMs) => redis.set(key, value, 'PX', ttlMs) }
 */
export interface TokenStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string, ttlMs: number): unknown;
}

/**
 * Options of `createSnapClient()`.
 * @example createSnapClient({ clientId, clientSecret, privateKey, merchantId, baseUrl: 'https://merchants.sbx.midtrans.com' })
 */
export interface SnapClientOptions extends TransportClientOptions {
  /**
   * Required: `X-CLIENT-KEY` of the token request, `X-PARTNER-ID` after.
   * @example { clientId: process.env.GOPAY_CLIENT_ID! }
   */
  clientId: string;
  /**
   * Required: the HMAC-SHA512 key of transactional signatures.
   * @example { clientSecret: process.env.GOPAY_CLIENT_SECRET! }
   */
  clientSecret: string;
  /**
   * Required: your RSA private key, PEM (`BEGIN PRIVATE KEY` or `BEGIN RSA PRIVATE KEY`); `\n` escapes from an env
   * file are read as line breaks.
   * @example { privateKey: process.env.GOPAY_PRIVATE_KEY! }
   */
  privateKey: string;
  /**
   * Required: filled into payment bodies that have none.
   * @example { merchantId: 'G123456789' }
   */
  merchantId: string;
  /**
   * Production; sandbox is `'https://merchants.sbx.midtrans.com'`.
   * @default 'https://merchants.midtrans.com'
   * @example { baseUrl: 'https://merchants.sbx.midtrans.com' }
   */
  baseUrl?: string;
  /**
   * `CHANNEL-ID`, 5 digits.
   * @default '95221'
   * @example { channelId: '12345' }
   */
  channelId?: string;
  /**
   * Shares the access token between instances.
   * @default in memory, per client
   * @example { tokenStore: { get: (key) => env.TOKENS.get(key), set: (key, value, ttlMs) => env.TOKENS.put(key, value, { expirationTtl: Math.max(60, ttlMs / 1000) }) } }
   */
  tokenStore?: TokenStore;
}

/** Per-call options of `createPayment`: `externalId` is its `X-EXTERNAL-ID` (`requestId` is taken when it is absent). */
export interface PaymentCallOptions extends CallOptions {
  externalId?: string;
}

/**
 * BI-SNAP payments. Every method rejects with a `GoPayError`.
 * @example
 * const { deeplink } = await snap.createPayment({ partnerReferenceNo: order.id, amount: { value: '15000.00', currency: 'IDR' } });
 */
export interface SnapClient {
  /**
   * The B2B access token (`POST /v1.0/access-token/b2b`): cached until 60 s before it expires, one request for all
   * concurrent callers. The other methods call it for you.
   * @example const token = await snap.accessToken()
   */
  accessToken(opts?: CallOptions): Promise<string>;
  /**
   * Creates a payment (`POST /v1.0/debit/payment-host-to-host`); answers the `deeplink` for `gp.launchPayment`.
   * Retries keep the same `X-EXTERNAL-ID`, so a retried payment is never a second payment.
   * @example const { deeplink, referenceNo } = await snap.createPayment(body, { externalId: order.id })
   */
  createPayment(body: SnapPaymentBody, opts?: PaymentCallOptions): Promise<SnapPaymentResult>;
  /**
   * Asks for a payment's status (`POST /v1.0/debit/status`, `serviceCode: '54'`).
   * @example const { latestTransactionStatus } = await snap.getPaymentStatus({ originalPartnerReferenceNo: order.id })
   */
  getPaymentStatus(query: SnapStatusQuery, opts?: CallOptions): Promise<SnapStatusResult>;
}
