// The options and methods of createSnapClient. The shapes of its bodies and answers are in snap-payment-types.ts and
// snap-notification-types.ts.
import type { CallOptions, TransportClientOptions } from './mini-app-types';
import type {
  SnapCancelRequest,
  SnapCancelResult,
  SnapPaymentBody,
  SnapPaymentResult,
  SnapRefundRequest,
  SnapRefundResult,
  SnapStatusQuery,
  SnapStatusResult,
} from './snap-payment-types';

/**
 * Where the access token is shared between server instances (Redis, a KV store). Sync or async. The value is an
 * opaque string; `ttlMs` is how long it stays usable. A `get` that does not answer within the client's `timeout` is
 * taken as empty; `set` is not waited for.
 * @example { get: (key) => redis.get(key), set: (key, value, ttlMs) => redis.set(key, value, 'PX', ttlMs) }
 */
export interface TokenStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string, ttlMs: number): unknown;
}

/**
 * Options of `createSnapClient()`.
 * @example createSnapClient({ clientId, partnerId, clientSecret, privateKey, merchantId, baseUrl: 'https://merchants.sbx.midtrans.com' })
 */
export interface SnapClientOptions extends TransportClientOptions {
  /**
   * Required: `X-CLIENT-KEY` of the token request.
   * @example { clientId: process.env.GOPAY_CLIENT_ID! }
   */
  clientId: string;
  /**
   * Required: `X-PARTNER-ID` of every transactional request. Midtrans issues it beside the client id; the two differ.
   * @example { partnerId: process.env.GOPAY_PARTNER_ID! }
   */
  partnerId: string;
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
   */
  baseUrl?: string;
  /**
   * `CHANNEL-ID`, 5 digits.
   * @default '95221'
   */
  channelId?: string;
  /**
   * `X-DEVICE-ID` (Midtrans's signature page lists it), sent when set.
   * @example { deviceId: 'merchant-backend-1' }
   */
  deviceId?: string;
  /**
   * Extra headers for every transactional request; one the client sets itself cannot be replaced.
   * @example { headers: { 'debug-id': 'trace-42' } }
   */
  headers?: Record<string, string>;
  /**
   * Shares the access token between instances.
   * @default in memory, per client
   */
  tokenStore?: TokenStore;
}

/** Per-call options of the payment methods: `externalId` is the `X-EXTERNAL-ID` (`requestId` is taken when it is absent). */
export interface PaymentCallOptions extends CallOptions {
  /** At most 36 characters (GoPay stores it in 36 and takes it back as `originalExternalId`). @default a fresh UUID */
  externalId?: string;
}

/**
 * BI-SNAP payments. Every method rejects with a `GoPayError`; a retry keeps the `X-EXTERNAL-ID` and body, so a
 * retried payment or refund is never a second one.
 * @example
 * const { deeplink, referenceNo } = await snap.createPayment(body, { externalId: order.id });
 */
export interface SnapClient {
  /**
   * The B2B access token (`POST /v1.0/access-token/b2b`): cached until 60 s before it expires, one request for all
   * concurrent callers. The other methods call it for you.
   */
  accessToken(opts?: CallOptions): Promise<string>;
  /**
   * Creates a payment (`POST /v1.0/debit/payment-host-to-host`); answers the `deeplink` for `gp.launchPayment`.
   * @example const { deeplink, referenceNo } = await snap.createPayment(body, { externalId: order.id })
   */
  createPayment(body: SnapPaymentBody, opts?: PaymentCallOptions): Promise<SnapPaymentResult>;
  /**
   * Asks for a payment's status (`POST /v1.0/debit/status`, `serviceCode: '54'`).
   * @example const { latestTransactionStatus, transAmount } = await snap.getPaymentStatus({ originalReferenceNo: order.referenceNo })
   */
  getPaymentStatus(query: SnapStatusQuery, opts?: PaymentCallOptions): Promise<SnapStatusResult>;
  /**
   * Refunds a paid payment, fully or partly (`POST /v1.0/debit/refund`). GoPay then notifies a `04`.
   * @example await snap.refundPayment({ originalPartnerReferenceNo: order.id, originalReferenceNo: order.referenceNo, partnerRefundNo: `refund-${order.id}-1` })
   */
  refundPayment(refund: SnapRefundRequest, opts?: PaymentCallOptions): Promise<SnapRefundResult>;
  /**
   * Cancels a payment still pending (`POST /v1.0/debit/cancel`). GoPay then notifies a `05`.
   * @example await snap.cancelPayment({ originalPartnerReferenceNo: order.id, originalReferenceNo: order.referenceNo, reason: 'Customer asked' })
   */
  cancelPayment(cancel: SnapCancelRequest, opts?: PaymentCallOptions): Promise<SnapCancelResult>;
}
