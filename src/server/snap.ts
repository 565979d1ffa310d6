// createSnapClient: BI-SNAP payments (Midtrans's "Initiate Host to Host Payment" and "Get Transaction Status API").
// The B2B token request is signed with RSA (clientId|X-TIMESTAMP); every transactional request with HMAC-SHA512
// over METHOD:path:token:sha256(body):X-TIMESTAMP. An answer whose responseCode does not start with 200 rejects.
import { GoPayApiError } from '../errors/GoPayApiError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { toPaymentDeeplink } from '../payment';
import { hmacSha512, importPrivateKey, randomId, signRsa, snapTimestamp, transactionStringToSign } from './crypto';
import { send, type HttpRequest } from './http';
import { checkHeaderId, checkPlainObject, checkSecret, checkText, own, readCallOptions, readObject, resolveTransport } from './options';
import { redact } from './redact';
import { isInvalidToken, isSuccess, snapError } from './snap-answers';
import type { PaymentCallOptions, SnapClient, SnapClientOptions, SnapPaymentResult, SnapStatusResult } from './snap-types';
import { checkStore, createTokenCache, waitFor } from './token-cache';
import type { CallOptions } from './types';

/** Midtrans's production host; the sandbox is `https://merchants.sbx.midtrans.com`. */
export const SNAP_BASE_URL = 'https://merchants.midtrans.com';

const OPTIONS = [
  'clientId',
  'clientSecret',
  'privateKey',
  'merchantId',
  'baseUrl',
  'channelId',
  'timeout',
  'retries',
  'fetch',
  'tokenStore',
];
const CLASS = 'SnapClient';
/** A token whose lifetime GoPay does not state is kept for SNAP's usual 15 minutes. */
const DEFAULT_LIFETIME = 900_000;

/**
 * A client for BI-SNAP payments, for your backend: the private key and the client secret never leave it.
 * @example
 * const snap = createSnapClient({ clientId, clientSecret, privateKey, merchantId });
 * const { deeplink } = await snap.createPayment({ partnerReferenceNo: 'order-17', amount: { value: '15000.00', currency: 'IDR' } });
 */
export const createSnapClient = (options: SnapClientOptions): SnapClient => {
  const read = readObject<SnapClientOptions>(options, 'createSnapClient(options)', OPTIONS, false, ['credentials']);
  const clientId = checkHeaderId(read.clientId, 'createSnapClient(options).clientId');
  const clientSecret = checkSecret(read.clientSecret, 'createSnapClient(options).clientSecret');
  const privateKey = checkSecret(read.privateKey, 'createSnapClient(options).privateKey');
  const merchantId = checkText(read.merchantId, 'createSnapClient(options).merchantId');
  const channelId = read.channelId ?? '95221';
  if (typeof channelId != 'string' || !/^\d{5}$/.test(channelId)) {
    throw new GoPayValidationError(`createSnapClient(options).channelId must be 5 digits, got ${JSON.stringify(channelId)}.`);
  }
  const tokenStore = checkStore(read.tokenStore);
  const transport = resolveTransport(read, SNAP_BASE_URL, 'createSnapClient');
  // Parsed now, so that a key that is not PEM throws here; one that does not import rejects the first call, before
  // any request. The catch only keeps an unused client from reporting an unhandled rejection.
  const signingKey = importPrivateKey(privateKey, 'createSnapClient(options).privateKey');
  signingKey.catch(() => {});
  const secrets = [clientSecret, privateKey, privateKey.replace(/-----[^-]+-----|\s|\\n/g, '')];

  const requestToken = async () => {
    const key = await signingKey;
    const body = JSON.stringify({ grantType: 'client_credentials' });
    const request: HttpRequest = {
      method: 'POST',
      path: '/v1.0/access-token/b2b',
      prepare: async () => {
        const timestamp = snapTimestamp();
        const headers = {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-TIMESTAMP': timestamp,
          'X-CLIENT-KEY': clientId,
          'X-SIGNATURE': await signRsa(key, `${clientId}|${timestamp}`),
        };
        return { headers, body };
      },
      requestId: '',
      timeout: transport.timeout,
      className: CLASS,
      methodName: 'accessToken',
      secrets,
    };
    const answer = await send(transport, request);
    const token = (answer.body as { accessToken?: unknown } | undefined)?.accessToken;
    if (!isSuccess(answer) || typeof token != 'string' || !token)
      throw snapError(answer, { ...request, secrets: typeof token == 'string' ? [...secrets, token] : secrets }, CLASS);
    const expiresIn = Number((answer.body as { expiresIn?: unknown }).expiresIn);
    return { accessToken: token, lifetime: expiresIn > 0 ? expiresIn * 1000 : DEFAULT_LIFETIME };
  };
  const tokens = createTokenCache(requestToken, `gopay-miniapp-kit:snap-token:${transport.baseUrl}:${clientId}`, tokenStore);

  /** A signed transactional POST; one fresh token and one more try when GoPay says the token is invalid. */
  const transact = async (
    methodName: string,
    path: string,
    payload: object,
    opts: PaymentCallOptions,
  ): Promise<Record<string, unknown>> => {
    const { signal, timeout = transport.timeout } = opts;
    const externalId = opts.externalId ?? opts.requestId ?? randomId();
    const body = JSON.stringify(payload);
    await signingKey;
    for (let refreshed = false; ; refreshed = true) {
      const accessToken = await waitFor(tokens.get(), CLASS, methodName, signal);
      const request: HttpRequest = {
        method: 'POST',
        path,
        prepare: async (signedPath) => {
          const timestamp = snapTimestamp();
          const signature = await hmacSha512(clientSecret, await transactionStringToSign('POST', signedPath, accessToken, body, timestamp));
          const headers = {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${accessToken}`,
            'X-TIMESTAMP': timestamp,
            'X-PARTNER-ID': clientId,
            'X-EXTERNAL-ID': externalId,
            'CHANNEL-ID': channelId,
            'X-SIGNATURE': signature,
          };
          return { headers, body };
        },
        requestId: externalId,
        idHeader: 'X-EXTERNAL-ID',
        signal,
        timeout,
        className: CLASS,
        methodName,
        secrets: [...secrets, accessToken],
      };
      const answer = await send(transport, request);
      if (isSuccess(answer)) return answer.body as Record<string, unknown>;
      if (refreshed || !isInvalidToken(answer)) throw snapError(answer, request, CLASS);
      tokens.invalidate(accessToken);
    }
  };

  return {
    async accessToken(opts?: CallOptions) {
      const { signal, timeout } = readCallOptions(opts, `${CLASS}.accessToken`);
      return waitFor(tokens.get(), CLASS, 'accessToken', signal, timeout);
    },

    async createPayment(body, opts) {
      const callOptions = readCallOptions<PaymentCallOptions>(opts, `${CLASS}.createPayment`, ['externalId']);
      const field = `${CLASS}.createPayment(body)`;
      const payment = checkPlainObject(body, field);
      checkText(own(payment, 'partnerReferenceNo'), `${field}.partnerReferenceNo`);
      const amount = checkPlainObject(own(payment, 'amount'), `${field}.amount`);
      checkText(own(amount, 'value'), `${field}.amount.value`);
      checkText(own(amount, 'currency'), `${field}.amount.currency`);
      const payload = own(payment, 'merchantId') === undefined ? { ...payment, merchantId } : payment;
      const answer = await transact('createPayment', '/v1.0/debit/payment-host-to-host', payload, callOptions);
      const webRedirectUrl = answer.webRedirectUrl;
      let deeplink: string | undefined;
      try {
        deeplink = toPaymentDeeplink(webRedirectUrl as string);
      } catch {
        // Below: a success without a usable URL is GoPay's failure, not the caller's.
      }
      if (!deeplink) {
        throw new GoPayApiError(`${CLASS}.createPayment: GoPay answered success without a usable webRedirectUrl.`, {
          status: 200,
          body: redact(answer, secrets),
          responseCode: String(answer.responseCode),
          requestId: callOptions.externalId ?? callOptions.requestId,
          retryable: false,
        });
      }
      return { ...answer, deeplink } as SnapPaymentResult;
    },

    async getPaymentStatus(query, opts) {
      const callOptions = readCallOptions(opts, `${CLASS}.getPaymentStatus`);
      const field = `${CLASS}.getPaymentStatus(query)`;
      const refs = readObject<Record<string, string>>(query, field, [
        'originalPartnerReferenceNo',
        'originalReferenceNo',
        'originalExternalId',
      ]);
      if (!Object.keys(refs).length) {
        throw new GoPayValidationError(`${field} needs originalPartnerReferenceNo, originalReferenceNo or originalExternalId.`);
      }
      for (const [key, value] of Object.entries(refs)) checkText(value, `${field}.${key}`);
      const answer = await transact('getPaymentStatus', '/v1.0/debit/status', { ...refs, serviceCode: '54' }, callOptions);
      if (typeof answer.latestTransactionStatus != 'string') {
        throw new GoPayApiError(`${CLASS}.getPaymentStatus: GoPay answered success without latestTransactionStatus.`, {
          status: 200,
          body: redact(answer, secrets),
          retryable: false,
        });
      }
      return answer as SnapStatusResult;
    },
  };
};
