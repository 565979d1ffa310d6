// createGoPayServer: GoPay's Mini App APIs (auth code → token, profile, push, reminders, rewards). Every answer is
// GoPay's envelope `{ success, data?, error? }`: `success: true` on a 2xx resolves with `data`, anything else rejects.
import { GoPayApiError } from '../errors/GoPayApiError';
import { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { randomId } from './crypto';
import { isRetryableStatus, send, type HttpAnswer, type HttpRequest } from './http';
import { checkPlainObject, checkSecret, checkSecretHeader, checkText, own, readCallOptions, readObject, resolveTransport } from './options';
import { redact, redactText } from './redact';
import type { AuthTokenResult, CallOptions, GoPayServer, GoPayServerOptions } from './types';

/** GoPay's Mini App API host. */
export const MINI_APP_BASE_URL = 'https://public-mini-app-merchants.gopayapi.com';

const OPTIONS = ['credentials', 'baseUrl', 'timeout', 'retries', 'fetch'];
/** createSnapClient's own options, ignored here: one merchant object may serve both factories. */
const SNAP_ONLY = ['clientId', 'clientSecret', 'privateKey', 'merchantId', 'channelId', 'tokenStore'];
const CLASS = 'GoPayServer';

/** The error of an answer that is not `success: true` on a 2xx. Its body and texts are redacted. */
export const envelopeError = (
  answer: HttpAnswer,
  request: Pick<HttpRequest, 'method' | 'path' | 'requestId' | 'secrets' | 'methodName'>,
  className = CLASS,
) => {
  const { status, body } = answer;
  const error = body && typeof body == 'object' ? (body as { error?: unknown }).error : undefined;
  const rawDescription = error && typeof error == 'object' ? (error as { description?: unknown }).description : undefined;
  const description = typeof rawDescription == 'string' ? redactText(rawDescription, request.secrets) : undefined;
  const said = description ?? (body === undefined && answer.text ? 'an answer that is not JSON' : 'no description');
  return new GoPayApiError(
    `${className}.${request.methodName}: GoPay answered HTTP ${status}: ${said} (${request.method} ${request.path}, Request-Id ${request.requestId}).`,
    {
      status,
      body: body === undefined ? redactText(answer.text.slice(0, 1000), request.secrets) || undefined : redact(body, request.secrets),
      description,
      requestId: request.requestId,
      retryable: isRetryableStatus(status),
    },
  );
};

// GoPay's answer to a used, expired or unknown code is `{ success: false, error: { description: 'AuthCode Not Found' } }`
// with a 4xx. A wrong Basic credential is a 4xx too, but says nothing about the code: it stays a GoPayApiError.
const CODE_REFUSED = /auth.?code|not.?found|expired/i;

const checkTemplate = (value: unknown, field: string) => {
  const template = checkPlainObject(value, field);
  checkText(own(template, 'template_name'), `${field}.template_name`);
  checkPlainObject(own(template, 'template_parameters'), `${field}.template_parameters`);
  return template;
};

/**
 * A client for GoPay's Mini App APIs, for your backend: the Basic credential never goes to a browser.
 * @example
 * const gopay = createGoPayServer({ credentials: process.env.GOPAY_CREDENTIALS! });
 * const { auth_token } = await gopay.getAuthToken(authCode);
 */
export const createGoPayServer = (options: GoPayServerOptions): GoPayServer => {
  const read = readObject<GoPayServerOptions>(options, 'createGoPayServer(options)', OPTIONS, false, SNAP_ONLY);
  const credentials = checkSecretHeader(read.credentials, 'createGoPayServer(options).credentials');
  const transport = resolveTransport(read, MINI_APP_BASE_URL, 'createGoPayServer');

  const call = async (
    methodName: string,
    method: HttpRequest['method'],
    path: string,
    authorization: string,
    secrets: string[],
    body: object | undefined,
    opts: CallOptions | undefined,
  ): Promise<unknown> => {
    const { requestId = randomId(), signal, timeout = transport.timeout } = readCallOptions(opts, `${CLASS}.${methodName}`);
    const text = body === undefined ? undefined : JSON.stringify(body);
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
    if (answer.status >= 200 && answer.status < 300 && envelope && typeof envelope == 'object' && envelope.success === true) {
      return envelope.data;
    }
    throw envelopeError(answer, request);
  };

  const bearer = (authToken: unknown, methodName: string): string =>
    `Bearer ${checkSecretHeader(authToken, `${CLASS}.${methodName}(authToken)`)}`;

  /** `data` as an object with the string field GoPay promises, or a GoPayApiError. */
  const expect = <T>(data: unknown, field: string, methodName: string): T => {
    if (data && typeof data == 'object' && typeof (data as Record<string, unknown>)[field] == 'string') return data as T;
    throw new GoPayApiError(`${CLASS}.${methodName}: GoPay answered success without ${field}.`, { status: 200, retryable: false });
  };

  return {
    async getAuthToken(authCode, opts) {
      const code = checkSecret(authCode, `${CLASS}.getAuthToken(authCode)`);
      const path = '/v1/mini-apps/authorizations/token';
      try {
        const data = await call('getAuthToken', 'POST', path, `Basic ${credentials}`, [code], { auth_code: code }, opts);
        // The token is a secret of its own from here on; the data is returned as GoPay gave it.
        return expect<AuthTokenResult>(data, 'auth_token', 'getAuthToken');
      } catch (error) {
        if (
          error instanceof GoPayApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status != 429 &&
          CODE_REFUSED.test(error.description ?? '')
        ) {
          throw new GoPayAuthCodeExpiredError(
            `${CLASS}.getAuthToken: GoPay refused the auth code (${error.description}): get a fresh one in the browser and try again.`,
            { cause: error },
          );
        }
        throw error;
      }
    },

    async getProfile(authToken, opts) {
      const data = await call(
        'getProfile',
        'GET',
        '/v1/mini-apps/users/profile',
        bearer(authToken, 'getProfile'),
        [authToken],
        undefined,
        opts,
      );
      if (!data || typeof data != 'object') {
        throw new GoPayApiError(`${CLASS}.getProfile: GoPay answered success without a profile.`, { status: 200, retryable: false });
      }
      return data as Record<string, unknown>;
    },

    async sendPushNotification(authToken, notification, opts) {
      const auth = bearer(authToken, 'sendPushNotification');
      const body = checkTemplate(notification, `${CLASS}.sendPushNotification(notification)`);
      await call('sendPushNotification', 'POST', '/v1/mini-apps/notifications/push', auth, [authToken], body, opts);
    },

    async createReminder(authToken, reminder, opts) {
      const auth = bearer(authToken, 'createReminder');
      const body = checkTemplate(reminder, `${CLASS}.createReminder(reminder)`);
      const reminderId = own(body, 'reminder_id');
      if (reminderId !== undefined) checkText(reminderId, `${CLASS}.createReminder(reminder).reminder_id`);
      const data = await call('createReminder', 'PUT', '/v1/mini-apps/reminder', auth, [authToken], body, opts);
      return expect(data, 'reminder_id', 'createReminder');
    },

    async removeReminder(authToken, reminderId, opts) {
      const auth = bearer(authToken, 'removeReminder');
      const id = checkText(reminderId, `${CLASS}.removeReminder(reminderId)`);
      await call('removeReminder', 'DELETE', `/v1/mini-apps/reminder/${encodeURIComponent(id)}`, auth, [authToken], undefined, opts);
    },

    async sendReward(authToken, reward, opts) {
      const auth = bearer(authToken, 'sendReward');
      const field = `${CLASS}.sendReward(reward)`;
      const body = checkPlainObject(reward, field);
      const amount = checkPlainObject(own(body, 'amount'), `${field}.amount`);
      const value = own(amount, 'value');
      if (!Number.isSafeInteger(value) || (value as number) <= 0) {
        throw new GoPayValidationError(
          `${field}.amount.value must be a positive integer (the smallest currency unit), got ${String(value)}.`,
        );
      }
      checkText(own(amount, 'currency'), `${field}.amount.currency`);
      checkText(own(body, 'description'), `${field}.description`);
      checkText(own(body, 'reward_type'), `${field}.reward_type`);
      const metadata = own(body, 'metadata');
      if (metadata !== undefined) checkPlainObject(metadata, `${field}.metadata`);
      const data = await call('sendReward', 'POST', '/v1/mini-apps/rewards', auth, [authToken], body, opts);
      return expect(data, 'payment_id', 'sendReward');
    },
  };
};
