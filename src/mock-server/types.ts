// The public types of `gopay-miniapp-kit/mock-server`.

/** What the mock bridge reports after the user's answer in the payment sheet. */
export type MockPaymentOutcome = 'success' | 'failed' | 'pending' | 'cancelled';

export interface MockGoPayServerOptions {
  /**
   * The merchant's notification endpoint, where the mock POSTs signed SNAP payment notifications; the signed path
   * is this URL's path. Can also be set later through `mock.notifyUrl` (when your backend starts after the mock).
   * @example 'http://localhost:3000/v1.0/debit/notify'
   */
  notifyUrl?: string;
  /** How long an auth code is accepted, in ms (GoPay's docs say 6 minutes). @default 360_000 */
  authCodeTtl?: number;
  /** Milliseconds before each answer, or a `[min, max]` range: to see your loading states. @default 0 */
  latency?: number | [number, number];
  /** Makes generated ids, tokens, codes and credentials (not the RSA keys) reproducible. */
  seed?: number;
  /**
   * How notifications are retried until the merchant answers `2005600`: `attempts` in all, the first retry after
   * `delay` ms, each later one after twice the previous. Then the mock gives up, with a `console.warn`.
   * @default { attempts: 6, delay: 500 }
   */
  notifyRetry?: { attempts?: number; delay?: number };
}

/** The credentials the mock accepts: paste them into your backend's `.env` (local use only). */
export interface MockMerchant {
  /** `createGoPayServer({ credentials })`: sent as `Authorization: Basic <credentials>`. */
  credentials: string;
  /** `createSnapClient({ clientId })`: `X-CLIENT-KEY`, then `X-PARTNER-ID`. */
  clientId: string;
  /** `createSnapClient({ clientSecret })`: the HMAC-SHA512 key of transactional requests. */
  clientSecret: string;
  /** `createSnapClient({ privateKey })`: PEM (PKCS#8); the mock holds its public half. */
  privateKey: string;
  /** `createSnapClient({ merchantId })`. */
  merchantId: string;
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
  /** The signed JSON body that was sent. */
  body: string;
  /** `X-EXTERNAL-ID`, the same on every retry: deduplicate on it or on reference and status. */
  externalId: string;
  attempts: MockNotificationAttempt[];
  /** `delivered` once the merchant answered `2005600`; `gave-up` after the last attempt; `no-notify-url`. */
  state: 'sending' | 'delivered' | 'gave-up' | 'no-notify-url';
}

/** A payment the mock knows about (created by host-to-host). */
export interface MockPayment {
  referenceNo: string;
  partnerReferenceNo: string;
  externalId: string;
  amount: { value: string; currency: string };
  /** SNAP's `latestTransactionStatus`: `03` while the user has not paid, then `00`, `03`, `05` or `06`. */
  latestTransactionStatus: string;
  createdAt: number;
}

/** The mock GoPay server: a web handler, a port, and controls. */
export interface MockGoPayServer {
  /** The whole mock as a web handler: mount it anywhere, or test without a port. */
  fetch(request: Request): Promise<Response>;
  /** Serves the mock on 127.0.0.1 (node:http); resolves with its base URL, e.g. `http://127.0.0.1:8787`. */
  listen(port?: number): Promise<string>;
  /** Stops listening (and any notification retry still waiting). */
  close(): Promise<void>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  /** Where notifications go; may be set after creation. */
  notifyUrl: string | undefined;
  readonly merchant: Readonly<MockMerchant>;
  /** PEM (SPKI) that verifies the mock's notifications: `verifyNotification(req, { publicKey })`. */
  readonly notificationPublicKey: string;
  /** Every request received, oldest first. */
  readonly requests: MockServerRequest[];
  /** Every notification sent or tried, oldest first. */
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
   * Finishes a payment as the user would (`success` → `00`, `pending` → `03`, `cancelled` → `05`, `failed` → `06`)
   * and sends the notification; resolves once it is delivered or given up.
   */
  completePayment(referenceNo: string, status: MockPaymentOutcome): Promise<MockNotification>;
}
