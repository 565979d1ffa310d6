// The public types of `gopay-miniapp-kit/mock-server`.

/** How `mock.completePayment` finishes a pending payment: `00` paid, `06` failed, `08` expired. */
export type MockPaymentOutcome = 'success' | 'failed' | 'expired';

export interface MockGoPayServerOptions {
  /**
   * The merchant's notification endpoint, where the mock POSTs signed SNAP payment notifications. As Midtrans does,
   * the mock signs the path from its `/v1.0/` segment on (`/v1.0/debit/notify`), whatever comes before it. Can also
   * be set later through `mock.notifyUrl` (when your backend starts after the mock).
   * @example 'http://localhost:3000/api/gopay/v1.0/debit/notify'
   */
  notifyUrl?: string;
  /** How long an auth code is accepted, in ms (GoPay's docs say 6 minutes). @default 360_000 */
  authCodeTtl?: number;
  /** How long a payment without `validUpTo` stays pending before it expires (`08`), in ms (GoPay's 15 minutes). @default 900_000 */
  paymentTtl?: number;
  /** Milliseconds before each answer, or a `[min, max]` range: to see your loading states. @default 0 */
  latency?: number | [number, number];
  /** Makes generated ids, tokens and codes reproducible. */
  seed?: number;
  /** How many requests (and notifications) `mock.requests` (and `mock.notifications`) keep: the last ones. @default 1000 */
  maxRequests?: number;
  /** Your own credentials instead of the published development ones (any field left out keeps its development value). */
  merchant?: Partial<MockMerchant>;
  /**
   * How notifications are retried until the merchant answers 2xx: `attempts` in all, the first retry after `delay`
   * ms, each later one after twice the previous. Then the mock gives up, with a `console.warn`.
   * @default { attempts: 6, delay: 500 }
   */
  notifyRetry?: { attempts?: number; delay?: number };
}

/** The credentials the mock accepts: paste them into your backend's `.env` (local use only). */
export interface MockMerchant {
  /** `createGoPayServer({ credentials })`: sent as `Authorization: Basic <credentials>`. */
  credentials: string;
  /** `createSnapClient({ clientId })`: `X-CLIENT-KEY` of the access-token request. */
  clientId: string;
  /** `createSnapClient({ partnerId })`: `X-PARTNER-ID` of every transactional request (not the client id). */
  partnerId: string;
  /** `createSnapClient({ clientSecret })`: the HMAC-SHA512 key of transactional requests. */
  clientSecret: string;
  /** `createSnapClient({ privateKey })`: PEM (PKCS#8 or PKCS#1); the mock holds its public half. */
  privateKey: string;
  /** `createSnapClient({ merchantId })`. */
  merchantId: string;
  /** The Mini App's PoP ID, for `additionalInfo.pointOfPurchaseId` of a payment (the mock does not check it). */
  pointOfPurchaseId: string;
}

/** One request the mock received, with the status it answered. */
export interface MockServerRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body text ('' when none). */
  body: string;
  status: number;
  /** ms since the epoch. */
  at: number;
}

/** One try at delivering a notification. */
export interface MockNotificationAttempt {
  at: number;
  /** The merchant's HTTP status, 0 when no answer came. */
  status: number;
  /** The `responseCode` of the merchant's answer, if it had one. */
  responseCode?: string;
  error?: string;
}

/** A payment notification and its delivery. */
export interface MockNotification {
  referenceNo: string;
  /** The `latestTransactionStatus` it carries. */
  latestTransactionStatus: string;
  /** The signed JSON body that was sent. */
  body: string;
  /** `X-EXTERNAL-ID`, the same on every retry: deduplicate on it. */
  externalId: string;
  attempts: MockNotificationAttempt[];
  /** `delivered` once the merchant answered 2xx; `gave-up` after the last attempt; `no-notify-url`. */
  state: 'queued' | 'sending' | 'delivered' | 'gave-up' | 'no-notify-url';
}

/** One refund of a payment, as GoPay's status and notification list it. */
export interface MockRefund {
  refundNo: string;
  partnerRefundNo: string;
  refundAmount: { value: string; currency: string };
  /** ms since the epoch. */
  refundedAt: number;
  reason?: string;
}

/** A payment the mock knows about (created by host-to-host). */
export interface MockPayment {
  referenceNo: string;
  partnerReferenceNo: string;
  /** The `X-EXTERNAL-ID` of its creation (`originalExternalId`). */
  externalId: string;
  /** `payOptionDetails[0].transAmount`, with two decimals. */
  amount: { value: string; currency: string };
  /** `03` until the user pays (`00`), it fails (`06`), expires (`08`) or is canceled (`05`); `04` once refunded. */
  latestTransactionStatus: string;
  createdAt: number;
  /** When it expires if still pending: `validUpTo`, else creation + `paymentTtl`. */
  expiresAt: number;
  paidAt?: number;
  canceledAt?: number;
  refunds: MockRefund[];
}

/** Options of `mock.signNotification`. */
export interface MockSignNotificationOptions {
  /** The path signed. @default '/v1.0/debit/notify' */
  path?: string;
  /** `X-TIMESTAMP`: a string as sent, or ms since the epoch. @default now */
  timestamp?: string | number;
}

/** The headers of a notification, as the mock (and Midtrans) sends them; a plain object `fetch` takes as `headers`. */
export type MockNotificationHeaders = {
  'content-type': 'application/json';
  'x-timestamp': string;
  'x-signature': string;
  'x-partner-id': string;
  'x-external-id': string;
  'channel-id': string;
};

/** The mock GoPay server: a web handler, a port, and controls. */
export interface MockGoPayServer {
  /** The whole mock as a web handler: mount it anywhere, or test without a port. */
  fetch(request: Request): Promise<Response>;
  /** Serves the mock on 127.0.0.1 (node:http); resolves with its base URL, e.g. `http://127.0.0.1:8787`. */
  listen(port?: number): Promise<string>;
  /** Stops listening (and any notification retry or expiry still waiting). */
  close(): Promise<void>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  /** Where notifications go; may be set after creation. */
  notifyUrl: string | undefined;
  readonly merchant: Readonly<MockMerchant>;
  /** PEM (SPKI) that verifies the mock's notifications: `verifyNotification(req, { publicKey })`. */
  readonly notificationPublicKey: string;
  /** The last `maxRequests` requests received, oldest first (a fresh array on each read). */
  readonly requests: MockServerRequest[];
  /** The last `maxRequests` notifications sent or tried, oldest first (a fresh array on each read). */
  readonly notifications: MockNotification[];
  /** The payments created, by `referenceNo`. */
  readonly payments: ReadonlyMap<string, Readonly<MockPayment>>;
  /**
   * Answers requests to `path` (and below it) with `status` and `body` — every one until `reset()`, or the next
   * `times` ones. The default body is GoPay's failure shape for that endpoint.
   * @example mock.fail('/v1/mini-apps/authorizations/token', 503, undefined, 1); // one 503, then normal answers
   */
  fail(path: string, status: number, body?: unknown, times?: number): void;
  /** Forgets requests, notifications, payments, codes, tokens and faults; the merchant credentials stay. */
  reset(): void;
  /**
   * Finishes a pending payment (`success` → `00`, `failed` → `06`, `expired` → `08`) and notifies the merchant;
   * resolves once that notification is delivered or given up. `success` of a paid payment sends its notification again.
   */
  completePayment(referenceNo: string, status: MockPaymentOutcome): Promise<MockNotification>;
  /**
   * The headers of a notification of `payload` signed with the mock's key, for tests of your notify endpoint (as
   * Stripe's `generateTestHeaderString`). Send `payload` as the body: its JSON text when it is an object.
   * @example
   * const body = JSON.stringify(notification);
   * const headers = await mock.signNotification(body, { path: '/v1.0/debit/notify' });
   * await app.request('/api/gopay/v1.0/debit/notify', { method: 'POST', headers, body });
   */
  signNotification(payload: string | object, options?: MockSignNotificationOptions): Promise<MockNotificationHeaders>;
}
