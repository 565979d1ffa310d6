// createGoPayServer: GoPay's Mini App APIs (auth code → token, profile, push, reminders, rewards). Every answer is
// GoPay's envelope `{ success, data?, error? }`: `success: true` on a 2xx resolves with `data`, anything else rejects.
import { GoPayApiError } from '../errors/GoPayApiError';
import { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
import { randomId } from '../shared/snap-crypto';
import { isRetryableStatus, send, type HttpAnswer, type HttpRequest } from './http';
import { checkSecretHeader } from '../shared/check-http';
import { checkInteger, checkObject, checkSecret, checkString, invalid, own, readArguments, readObject } from '../shared/checks';
import { readCallOptions, resolveTransport } from './client-options';
import { redact, redactText } from './redact';
import type {
  AuthTokenResult,
  CallOptions,
  GoPayServer,
  GoPayServerOptions,
  ReminderResult,
  RewardResult,
  UserProfile,
} from './mini-app-types';

/** GoPay's Mini App API host. */
export const MINI_APP_BASE_URL = 'https://public-mini-app-merchants.gopayapi.com';

const OPTIONS = ['credentials', 'baseUrl', 'timeout', 'retries', 'fetch'];
/** createSnapClient's own options, ignored here: one merchant object may serve both factories. */
const SNAP_ONLY = [
  'clientId',
  'partnerId',
  'clientSecret',
  'privateKey',
  'merchantId',
  'channelId',
  'deviceId',
  'headers',
  'tokenStore',
  'pointOfPurchaseId',
];
const CLASS = 'GoPayServer';

/** The error of an answer that is not `success: true` on a 2xx. Its body and texts are redacted. */
export function envelopeError(
  answer: HttpAnswer,
  request: Pick<HttpRequest, 'method' | 'path' | 'requestId' | 'secrets' | 'methodName'>,
  className = CLASS,
) {
  const { status, body } = answer;
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  const { description: rawDescription, code } = (error && typeof error === 'object' ? error : {}) as {
    description?: unknown;
    code?: unknown;
  };
  const description = typeof rawDescription === 'string' ? redactText(rawDescription, request.secrets) : undefined;
  // GoPay's error.code ("105", "4060"; a string, or a number on some pages): the Mini App's responseCode.
  const responseCode = typeof code === 'string' || typeof code === 'number' ? redactText(String(code), request.secrets) : undefined;
  const said = description ?? (body === undefined && answer.text ? 'an answer that is not JSON' : 'no description');
  return new GoPayApiError(
    `${className}.${request.methodName}: GoPay answered HTTP ${status}: ${said} (${request.method} ${request.path}, Request-Id ${request.requestId}).`,
    {
      status,
      body: body === undefined ? redactText(answer.text.slice(0, 1000), request.secrets) || undefined : redact(body, request.secrets),
      description,
      responseCode,
      requestId: request.requestId,
      retryable: isRetryableStatus(status),
    },
  );
}

// GoPay's answer to a used, expired or unknown code is `{ success: false, error: { description: 'AuthCode Not Found' } }`
// with a 4xx. Only a description about the auth code counts: "Merchant not found", "Client credentials expired" or a
// wrong Basic credential say nothing about the code and stay GoPayApiErrors.
const CODE_REFUSED =
  /\bauth[\s_-]?code\b.*\b(not[\s_-]?found|expired|invalid|unknown|used)\b|\b(invalid|expired|unknown|used)[\s_-]+auth[\s_-]?code\b/i;

function checkTemplate(value: unknown, field: string) {
  const template = checkObject(value, field);
  checkString(own(template, 'template_name'), `${field}.template_name`);
  checkObject(own(template, 'template_parameters'), `${field}.template_parameters`);
  return template;
}

function checkReward(reward: unknown, field: string) {
  const body = checkObject(reward, field);
  const amount = checkObject(own(body, 'amount'), `${field}.amount`);
  checkInteger(own(amount, 'value'), `${field}.amount.value (the smallest currency unit)`, 1);
  checkString(own(amount, 'currency'), `${field}.amount.currency`);
  checkString(own(body, 'description'), `${field}.description`);
  checkString(own(body, 'reward_type'), `${field}.reward_type`);
  const metadata = own(body, 'metadata');
  if (metadata !== undefined) checkObject(metadata, `${field}.metadata`);
  return body;
}

/** One Mini App API call, as the methods describe it. */
interface MiniAppCall {
  methodName: string;
  method: HttpRequest['method'];
  path: string;
  /** The whole Authorization header: `Basic <credentials>` or `Bearer <auth_token>`. */
  authorization: string;
  /** The call's own secrets (the auth code, the user's token), besides the credential. */
  secrets: string[];
  body?: object;
  opts?: CallOptions;
  /** getAuthToken: a 4xx whose description says GoPay does not know the auth code is a GoPayAuthCodeExpiredError. */
  authCode?: boolean;
}

/**
 * A client for GoPay's Mini App APIs, for your backend: the Basic credential never goes to a browser.
 * @example
 * const gopay = createGoPayServer({ credentials: process.env.GOPAY_CREDENTIALS! });
 * const { auth_token } = await gopay.getAuthToken(authCode);
 */
export function createGoPayServer(options: GoPayServerOptions): GoPayServer {
  const { credentials, transport } = readArguments('createGoPayServer(options)', () => {
    const read = readObject<GoPayServerOptions>(options, 'createGoPayServer(options)', OPTIONS, false, SNAP_ONLY);
    return {
      credentials: checkSecretHeader(read.credentials, 'createGoPayServer(options).credentials'),
      transport: resolveTransport(read, MINI_APP_BASE_URL, 'createGoPayServer'),
    };
  });

  async function call({ methodName, method, path, authorization, secrets, body, opts, authCode }: MiniAppCall): Promise<unknown> {
    const { requestId = randomId(), signal, timeout = transport.timeout } = readCallOptions(opts, `${CLASS}.${methodName}`);
    const text = body === undefined ? undefined : readArguments(`${CLASS}.${methodName}(…)`, () => JSON.stringify(body));
    const headers: Record<string, string> = { Authorization: authorization, 'Request-Id': requestId, Accept: 'application/json' };
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    const request: HttpRequest = {
      method,
      path,
      prepare: () => ({ headers, body: text }),
      requestId,
      signal,
      timeout,
      className: CLASS,
      methodName,
      secrets: [credentials, ...secrets],
    };
    const answer = await send(transport, request);
    const envelope = answer.body as { success?: unknown; data?: unknown } | undefined;
    if (answer.status >= 200 && answer.status < 300 && envelope && typeof envelope === 'object' && envelope.success === true) {
      return envelope.data;
    }
    const error = envelopeError(answer, request);
    // Read on GoPay's own words, before redaction could blank a word of them.
    const { status } = answer;
    const description = (envelope as { error?: { description?: unknown } } | undefined)?.error?.description;
    if (authCode && status >= 400 && status < 500 && status !== 429 && CODE_REFUSED.test(String(description ?? ''))) {
      throw new GoPayAuthCodeExpiredError(
        `${CLASS}.getAuthToken: GoPay refused the auth code (${error.description}): get a fresh one in the browser and try again.`,
        { cause: error },
      );
    }
    throw error;
  }

  /** A call with the user's token: its arguments are checked by `read` (any failure a GoPayValidationError). */
  function withToken<T>(methodName: string, authToken: unknown, read: () => T) {
    return readArguments(`${CLASS}.${methodName}`, () => {
      const token = checkSecretHeader(authToken, `${CLASS}.${methodName}(authToken)`);
      return { authorization: `Bearer ${token}`, secrets: [token], methodName, value: read() };
    });
  }

  /** `data` as an object with the string field GoPay promises, or a GoPayApiError. */
  function expect<T>(data: unknown, field: string, methodName: string): T {
    if (data && typeof data === 'object' && typeof (data as Record<string, unknown>)[field] === 'string') return data as T;
    throw new GoPayApiError(`${CLASS}.${methodName}: GoPay answered success without ${field}.`, { status: 200, retryable: false });
  }

  return {
    async getAuthToken(authCode, opts) {
      const code = readArguments(`${CLASS}.getAuthToken`, () => checkSecret(authCode, `${CLASS}.getAuthToken(authCode)`));
      const data = await call({
        methodName: 'getAuthToken',
        method: 'POST',
        path: '/v1/mini-apps/authorizations/token',
        authorization: `Basic ${credentials}`,
        secrets: [code],
        body: { auth_code: code },
        opts,
        authCode: true,
      });
      // The token is a secret of its own from here on; the data is returned as GoPay gave it.
      return expect<AuthTokenResult>(data, 'auth_token', 'getAuthToken');
    },

    async getProfile(authToken, opts) {
      const user = withToken('getProfile', authToken, () => undefined);
      const data = await call({ ...user, method: 'GET', path: '/v1/mini-apps/users/profile', opts });
      if (!data || typeof data !== 'object') {
        throw new GoPayApiError(`${CLASS}.getProfile: GoPay answered success without a profile.`, { status: 200, retryable: false });
      }
      return data as UserProfile;
    },

    async sendPushNotification(authToken, notification, opts) {
      const user = withToken('sendPushNotification', authToken, () =>
        checkTemplate(notification, `${CLASS}.sendPushNotification(notification)`),
      );
      await call({ ...user, method: 'POST', path: '/v1/mini-apps/notifications/push', body: user.value, opts });
    },

    async createReminder(authToken, reminder, opts) {
      const user = withToken('createReminder', authToken, () => {
        const body = checkTemplate(reminder, `${CLASS}.createReminder(reminder)`);
        const reminderId = own(body, 'reminder_id');
        if (reminderId !== undefined) checkString(reminderId, `${CLASS}.createReminder(reminder).reminder_id`);
        return body;
      });
      const data = await call({ ...user, method: 'PUT', path: '/v1/mini-apps/reminder', body: user.value, opts });
      return expect<ReminderResult>(data, 'reminder_id', 'createReminder');
    },

    async removeReminder(authToken, reminderId, opts) {
      const user = withToken('removeReminder', authToken, () => {
        const id = checkString(reminderId, `${CLASS}.removeReminder(reminderId)`);
        // Encoded, but `.` and `..` stay as they are, and a proxy may decode `%2F`: an id that could change the path is refused.
        if (id === '.' || id === '..' || /[/\\]/.test(id)) {
          invalid(`${CLASS}.removeReminder(reminderId)`, 'an id, not a path', id);
        }
        return id;
      });
      await call({ ...user, method: 'DELETE', path: `/v1/mini-apps/reminder/${encodeURIComponent(user.value)}`, opts });
    },

    async sendReward(authToken, reward, opts) {
      const user = withToken('sendReward', authToken, () => checkReward(reward, `${CLASS}.sendReward(reward)`));
      const data = await call({ ...user, method: 'POST', path: '/v1/mini-apps/rewards', body: user.value, opts });
      return expect<RewardResult>(data, 'payment_id', 'sendReward');
    },
  };
}
