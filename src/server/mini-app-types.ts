// The shapes of the Mini App APIs (createGoPayServer) and the options both clients share. GoPay's own field names
// are kept (snake_case), as on the wire; our options are camelCase.

/**
 * The last argument of every method.
 * @example await server.getProfile(token, { requestId: req.headers.get('x-request-id') ?? undefined, timeout: 5_000 })
 */
export interface CallOptions {
  /**
   * `Request-Id` (Mini App APIs) or `X-EXTERNAL-ID` (SNAP) of the call, the same on every retry. Quote it to GoPay.
   * @default a fresh UUID
   */
  requestId?: string;
  /** Aborts the call (and its retries) with `GoPayAbortError`. */
  signal?: AbortSignal;
  /**
   * Milliseconds per attempt for this call; `false` waits forever.
   * @default the client's `timeout`
   */
  timeout?: number | false;
}

/** The options both clients share. */
export interface TransportClientOptions {
  /**
   * Milliseconds per attempt; `false` waits forever.
   * @default 10000
   * @example { timeout: 5_000 }
   */
  timeout?: number | false;
  /**
   * Extra attempts after a network error, a timeout or an HTTP 5xx — never after a 4xx (a 429 included). The waits
   * grow from 250 ms (×2 each time, plus up to 50 % jitter), or follow the answer's `Retry-After` (at most 60 s).
   * @default 2
   * @example { retries: 0 } // fail fast, e.g. in a request handler with its own deadline
   */
  retries?: number;
  /**
   * The `fetch` to use (a proxy agent's, a test double's).
   * @default globalThis.fetch
   * @example createGoPayServer({ credentials, fetch: (url, init) => fetch(url, { ...init, dispatcher }) })
   */
  fetch?: typeof fetch;
}

/**
 * Options of `createGoPayServer()`.
 * @example const gopay = createGoPayServer({ credentials: process.env.GOPAY_CREDENTIALS! })
 */
export interface GoPayServerOptions extends TransportClientOptions {
  /**
   * Required: the credential GoPay sends you by email, sent as `Authorization: Basic <credentials>`. Server only.
   * @example { credentials: process.env.GOPAY_CREDENTIALS! }
   */
  credentials: string;
  /**
   * GoPay's Mini App API host (or the mock GoPay server's URL).
   * @default 'https://public-mini-app-merchants.gopayapi.com'
   * @example { baseUrl: await mock.listen() } // the local mock GoPay server
   */
  baseUrl?: string;
}

/**
 * The answer of `getAuthToken`: the user's token (it does not expire: keep it with the user) and account id.
 * @example { auth_token: 'eyJ…', gopay_account_id: 'a1b2…' }
 */
export interface AuthTokenResult {
  auth_token: string;
  gopay_account_id: string;
}

/**
 * The user's profile (`getProfile`, GoPay's "Get Profile" page); what you may read depends on the consents your mini
 * app has. GoPay names the user `username` (there is no `name`).
 * @example { phone_number: '+6281234567890', email: 'budi@example.com', username: 'Budi' }
 */
export interface UserProfile {
  phone_number?: string;
  email?: string;
  username?: string;
  [field: string]: unknown;
}

/**
 * A push notification from a template GoPay approved for your mini app.
 * @example { template_name: 'order_shipped', template_parameters: { order_id: 'A-17' } }
 */
export interface PushNotification {
  /** The template GoPay registered for your mini app. */
  template_name: string;
  /** Its parameters (title, description…), as the template names them. */
  template_parameters: Record<string, unknown>;
}

/**
 * A reminder on the GoPay home page (`createReminder`); give `reminder_id` to update an existing one.
 * @example { template_name: 'bill_due', template_parameters: { due: '2026-12-01' } }
 */
export interface Reminder extends PushNotification {
  reminder_id?: string;
}

/**
 * The answer of `createReminder`.
 * @example { reminder_id: 'rem-42' }
 */
export interface ReminderResult {
  reminder_id: string;
  [field: string]: unknown;
}

/**
 * A reward paid to the user from your merchant wallet (`sendReward`, GoPay's "Reward" page).
 * @example { amount: { value: 5000, currency: 'IDR' }, description: 'Welcome bonus', reward_type: 'GOPAY_COINS' }
 */
export interface Reward {
  /** `value`: a positive integer in the smallest currency unit; `currency`: `'IDR'`. */
  amount: { value: number; currency: string };
  /** Up to 256 characters. */
  description: string;
  /** `'EMONEY'` (GoPay Saldo) or `'GOPAY_COINS'`. */
  reward_type: 'EMONEY' | 'GOPAY_COINS' | (string & {});
  metadata?: Record<string, unknown>;
}

/**
 * The answer of `sendReward`.
 * @example { payment_id: 'pay-9f2c' }
 */
export interface RewardResult {
  payment_id: string;
  [field: string]: unknown;
}

/**
 * GoPay's envelope around every Mini App API answer.
 * @example { success: false, error: { description: 'AuthCode Not Found' } }
 */
export interface GoPayEnvelope<T> {
  success: boolean;
  data?: T;
  error?: { description?: string; code?: string | number; [field: string]: unknown };
}

/**
 * The Mini App APIs, for your backend. Every method rejects with a `GoPayError`.
 * @example
 * const { auth_token } = await gopay.getAuthToken(authCode);
 * const profile = await gopay.getProfile(auth_token);
 */
export interface GoPayServer {
  /**
   * Exchanges the browser's auth code (`gp.getAuthCode()`) for the user's token: `POST /v1/mini-apps/authorizations/token`.
   * Rejects with `GoPayAuthCodeExpiredError` only when GoPay says it does not know the code (`AuthCode Not Found`:
   * used, expired, invalid): answer the browser so that its `withAuthCode` fetches a fresh one. Any other refusal
   * (a wrong credential, "Merchant not found") is a `GoPayApiError` with GoPay's `error.code` as `responseCode`.
   * @example const { auth_token, gopay_account_id } = await gopay.getAuthToken(req.body.authCode)
   */
  getAuthToken(authCode: string, opts?: CallOptions): Promise<AuthTokenResult>;
  /**
   * The user's profile: `GET /v1/mini-apps/users/profile`.
   * @example const { username } = await gopay.getProfile(session.authToken)
   */
  getProfile(authToken: string, opts?: CallOptions): Promise<UserProfile>;
  /**
   * `POST /v1/mini-apps/notifications/push`.
   * @example await gopay.sendPushNotification(token, { template_name: 'order_shipped', template_parameters: { order_id: 'A-17' } })
   */
  sendPushNotification(authToken: string, notification: PushNotification, opts?: CallOptions): Promise<void>;
  /**
   * Creates (or, with `reminder_id`, updates) a reminder: `PUT /v1/mini-apps/reminder`.
   * @example const { reminder_id } = await gopay.createReminder(token, { template_name: 'bill_due', template_parameters: { due: '1 Dec' } })
   */
  createReminder(authToken: string, reminder: Reminder, opts?: CallOptions): Promise<ReminderResult>;
  /**
   * `DELETE /v1/mini-apps/reminder/{reminderId}`. An id that is empty, `.` or `..`, or holds `/` or `\\`, is refused.
   * @example await gopay.removeReminder(token, 'rem-42')
   */
  removeReminder(authToken: string, reminderId: string, opts?: CallOptions): Promise<void>;
  /**
   * `POST /v1/mini-apps/rewards`.
   * @example const { payment_id } = await gopay.sendReward(token, { amount: { value: 5000, currency: 'IDR' }, description: 'Bonus', reward_type: 'GOPAY_COINS' })
   */
  sendReward(authToken: string, reward: Reward, opts?: CallOptions): Promise<RewardResult>;
}
