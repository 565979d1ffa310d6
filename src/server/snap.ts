// createSnapClient: BI-SNAP payments (Midtrans's "Direct Debit API – GoPay": host-to-host payment, status, refund,
// cancel). The B2B token request is signed with RSA (clientId|X-TIMESTAMP); every transactional request with
// HMAC-SHA512 over METHOD:path:token:sha256(body):X-TIMESTAMP. An answer whose responseCode does not start with 200
// rejects.
import { GoPayAbortError } from '../errors/GoPayAbortError';
import { GoPayApiError } from '../errors/GoPayApiError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { toPaymentDeeplink } from '../shared/payment-deeplink';
import { hmacSha512, importPrivateKey, randomId, snapTimestamp, transactionStringToSign } from '../shared/snap-crypto';
import { send, type HttpRequest } from './http';
import { checkHeaderId, checkHeaders } from '../shared/check-http';
import { checkSecret, checkString as checkText, readArguments, readObject } from '../shared/checks';
import { readCallOptions, resolveTransport } from './client-options';
import { redact } from './redact';
import { cancelBody, paymentBody, refundBody, statusBody } from './snap-bodies';
import { isInvalidToken, isSuccess, snapError } from './snap-answers';
import type { SnapCancelResult, SnapPaymentResult, SnapRefundResult, SnapStatusResult } from './snap-payment-types';
import type { PaymentCallOptions, SnapClient, SnapClientOptions } from './snap-types';
import { requestAccessToken } from './snap-token';
import { checkStore, createTokenCache, waitForToken } from './token-cache';
import type { CallOptions } from './mini-app-types';

/** Midtrans's production host; the sandbox is `https://merchants.sbx.midtrans.com`. */
export const SNAP_BASE_URL = 'https://merchants.midtrans.com';

const OPTIONS = [
  'clientId',
  'partnerId',
  'clientSecret',
  'privateKey',
  'merchantId',
  'baseUrl',
  'channelId',
  'deviceId',
  'headers',
  'timeout',
  'retries',
  'fetch',
  'tokenStore',
];
/** createGoPayServer's option and the mock's PoP ID, ignored here: one merchant object may serve both factories. */
const OTHERS = ['credentials', 'pointOfPurchaseId'];
/** The headers the client sets itself: `options.headers` may add others, never replace these. */
const OWN_HEADERS = [
  'Content-Type',
  'Accept',
  'Authorization',
  'X-TIMESTAMP',
  'X-CLIENT-KEY',
  'X-PARTNER-ID',
  'X-EXTERNAL-ID',
  'CHANNEL-ID',
  'X-DEVICE-ID',
  'X-SIGNATURE',
];
const CLASS = 'SnapClient';
/** X-EXTERNAL-ID: GoPay stores it (and takes it back as `originalExternalId`) in 36 characters. */
const EXTERNAL_ID_LENGTH = 36;

/** The checked options of `createSnapClient`. */
function readOptions(options: SnapClientOptions) {
  const field = 'createSnapClient(options)';
  const read = readObject<SnapClientOptions>(options, field, OPTIONS, false, OTHERS);
  const channelId = read.channelId ?? '95221';
  if (typeof channelId !== 'string' || !/^\d{5}$/.test(channelId)) {
    throw new GoPayValidationError(`${field}.channelId must be 5 digits, got ${JSON.stringify(channelId)}.`);
  }
  return {
    clientId: checkHeaderId(read.clientId, `${field}.clientId`),
    partnerId: checkHeaderId(read.partnerId, `${field}.partnerId (the Partner ID Midtrans issues beside the client id)`),
    clientSecret: checkSecret(read.clientSecret, `${field}.clientSecret`),
    privateKey: checkSecret(read.privateKey, `${field}.privateKey`),
    merchantId: checkText(read.merchantId, `${field}.merchantId`),
    channelId,
    deviceId: read.deviceId === undefined ? undefined : checkHeaderId(read.deviceId, `${field}.deviceId`),
    headers: read.headers === undefined ? {} : checkHeaders(read.headers, `${field}.headers`, OWN_HEADERS),
    tokenStore: checkStore(read.tokenStore),
    transport: resolveTransport(read, SNAP_BASE_URL, 'createSnapClient'),
  };
}

/**
 * A client for BI-SNAP payments, for your backend: the private key and the client secret never leave it.
 * @example
 * const snap = createSnapClient({ clientId, partnerId, clientSecret, privateKey, merchantId });
 * const { deeplink } = await snap.createPayment({
 *   partnerReferenceNo: 'order-17',
 *   payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }],
 *   additionalInfo: { pointOfPurchaseId: process.env.GOPAY_POP_ID },
 * });
 */
export function createSnapClient(options: SnapClientOptions): SnapClient {
  const { clientId, partnerId, clientSecret, privateKey, merchantId, channelId, deviceId, headers, tokenStore, transport } = readArguments(
    'createSnapClient(options)',
    () => readOptions(options),
  );
  // Parsed now, so that a key that is not PEM throws here; one that does not import rejects the first call, before
  // any request. The catch only keeps an unused client from reporting an unhandled rejection.
  const signingKey = importPrivateKey(privateKey, 'createSnapClient(options).privateKey');
  signingKey.catch(() => {});
  const secrets = [clientSecret, privateKey, privateKey.replace(/-----[^-]+-----|\s|\\n/g, '')];

  const tokens = createTokenCache(
    () => requestAccessToken({ clientId, signingKey, secrets, transport }),
    `gopay-miniapp-kit:snap-token:${transport.baseUrl}:${clientId}`,
    tokenStore,
    transport.timeout || undefined,
  );

  /**
   * A signed transactional POST; one fresh token and one more try when GoPay says the token is invalid. The call's
   * timeout and signal bound the wait for the token as they bound each attempt.
   */
  async function transact(methodName: string, path: string, body: string, opts: PaymentCallOptions): Promise<Record<string, unknown>> {
    const { signal, timeout = transport.timeout } = opts;
    const externalId = opts.externalId ?? opts.requestId ?? randomId();
    // An aborted call starts nothing, not even the shared token request.
    if (signal?.aborted) throw new GoPayAbortError({ className: CLASS, methodName, cause: signal.reason });
    await signingKey;
    for (let refreshed = false; ; refreshed = true) {
      const accessToken = await waitForToken(tokens.get(), { className: CLASS, methodName, timeout, signal, requestId: externalId });
      const request: HttpRequest = {
        method: 'POST',
        path,
        prepare: async (signedPath) => {
          const timestamp = snapTimestamp();
          const signature = await hmacSha512(clientSecret, await transactionStringToSign('POST', signedPath, accessToken, body, timestamp));
          const own: Record<string, string> = {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${accessToken}`,
            'X-TIMESTAMP': timestamp,
            'X-PARTNER-ID': partnerId,
            'X-EXTERNAL-ID': externalId,
            'CHANNEL-ID': channelId,
            'X-SIGNATURE': signature,
          };
          if (deviceId) own['X-DEVICE-ID'] = deviceId;
          return { headers: { ...headers, ...own }, body };
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
  }

  /**
   * Reads a method's arguments (any failure a GoPayValidationError) into its call options and JSON body. Every
   * transactional method takes `externalId` (its X-EXTERNAL-ID; `requestId` is the same header by its common name).
   */
  function prepare(methodName: string, opts: unknown, build: () => object) {
    const callOptions = readCallOptions<PaymentCallOptions>(opts, `${CLASS}.${methodName}`, ['externalId'], EXTERNAL_ID_LENGTH);
    const body = readArguments(`${CLASS}.${methodName}(…)`, () => JSON.stringify(build()));
    return { callOptions, body };
  }

  /** A success answer without a field GoPay promises is GoPay's failure, not the caller's. */
  function missing(methodName: string, what: string, answer: Record<string, unknown>, requestId?: string): GoPayApiError {
    return new GoPayApiError(`${CLASS}.${methodName}: GoPay answered success without ${what}.`, {
      status: 200,
      body: redact(answer, secrets),
      responseCode: typeof answer.responseCode === 'string' ? answer.responseCode : undefined,
      requestId,
      retryable: false,
    });
  }

  return {
    async accessToken(opts?: CallOptions) {
      const { signal, timeout = transport.timeout } = readCallOptions(opts, `${CLASS}.accessToken`);
      return waitForToken(tokens.get(), { className: CLASS, methodName: 'accessToken', timeout, signal });
    },

    async createPayment(payment, opts) {
      const { callOptions, body } = prepare('createPayment', opts, () => paymentBody(payment, `${CLASS}.createPayment(body)`, merchantId));
      const answer = await transact('createPayment', '/v1.0/debit/payment-host-to-host', body, callOptions);
      let deeplink: string | undefined;
      try {
        deeplink = toPaymentDeeplink(answer.webRedirectUrl as string);
      } catch {
        // Below: a success without a usable URL.
      }
      if (!deeplink) throw missing('createPayment', 'a usable webRedirectUrl', answer, callOptions.externalId ?? callOptions.requestId);
      return { ...answer, deeplink } as SnapPaymentResult;
    },

    async getPaymentStatus(query, opts) {
      const { callOptions, body } = prepare('getPaymentStatus', opts, () => statusBody(query, `${CLASS}.getPaymentStatus(query)`));
      const answer = await transact('getPaymentStatus', '/v1.0/debit/status', body, callOptions);
      if (typeof answer.latestTransactionStatus !== 'string') throw missing('getPaymentStatus', 'latestTransactionStatus', answer);
      return answer as SnapStatusResult;
    },

    async refundPayment(refund, opts) {
      const { callOptions, body } = prepare('refundPayment', opts, () => refundBody(refund, `${CLASS}.refundPayment(refund)`));
      return (await transact('refundPayment', '/v1.0/debit/refund', body, callOptions)) as SnapRefundResult;
    },

    async cancelPayment(cancel, opts) {
      const { callOptions, body } = prepare('cancelPayment', opts, () => cancelBody(cancel, `${CLASS}.cancelPayment(cancel)`));
      return (await transact('cancelPayment', '/v1.0/debit/cancel', body, callOptions)) as SnapCancelResult;
    },
  };
}
