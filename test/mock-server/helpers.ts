// Requests to the mock GoPay server signed with node:crypto, independently of the code under test.
import { createHash, createHmac, createSign } from 'node:crypto';
import type { MockGoPayServer } from '../../src/mock-server';

export const BASE = 'http://gopay.mock';

/** X-TIMESTAMP in Jakarta time, as SNAP wants it. */
export const jakarta = (ms = Date.now()) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export const rsaSign = (privateKey: string, text: string) => createSign('RSA-SHA256').update(text).sign(privateKey, 'base64');

export const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body == 'string' ? body : JSON.stringify(body),
  });

export interface TokenRequestParts {
  clientId?: string;
  timestamp?: string;
  signature?: string;
  body?: unknown;
}

export const tokenRequest = (mock: MockGoPayServer, parts: TokenRequestParts = {}) => {
  const clientId = parts.clientId ?? mock.merchant.clientId;
  const timestamp = parts.timestamp ?? jakarta();
  return post('/v1.0/access-token/b2b', parts.body ?? { grantType: 'client_credentials' }, {
    'x-client-key': clientId,
    'x-timestamp': timestamp,
    'x-signature': parts.signature ?? rsaSign(mock.merchant.privateKey, `${clientId}|${timestamp}`),
  });
};

export const accessToken = async (mock: MockGoPayServer): Promise<string> => {
  const answer = await (await mock.fetch(tokenRequest(mock))).json();
  if (answer.responseCode !== '2007300') throw new Error(JSON.stringify(answer));
  return answer.accessToken;
};

export interface SnapParts {
  token: string;
  externalId?: string;
  timestamp?: string;
  secret?: string;
  signature?: string;
  partnerId?: string;
  channelId?: string;
}

/** A transactional SNAP request: Bearer, X-PARTNER-ID, X-EXTERNAL-ID, CHANNEL-ID and the HMAC-SHA512 X-SIGNATURE. */
export const snapRequest = (mock: MockGoPayServer, path: string, body: unknown, parts: SnapParts) => {
  const text = JSON.stringify(body);
  const timestamp = parts.timestamp ?? jakarta();
  const stringToSign = `POST:${path}:${parts.token}:${sha256Hex(text)}:${timestamp}`;
  const signature =
    parts.signature ??
    createHmac('sha512', parts.secret ?? mock.merchant.clientSecret)
      .update(stringToSign)
      .digest('base64');
  return post(path, text, {
    authorization: `Bearer ${parts.token}`,
    'x-timestamp': timestamp,
    'x-signature': signature,
    'x-partner-id': parts.partnerId ?? mock.merchant.clientId,
    'x-external-id': parts.externalId ?? String(Math.random()).slice(2),
    'channel-id': parts.channelId ?? '95221',
  });
};

export const paymentBody = (mock: MockGoPayServer, partnerReferenceNo = `ORDER-${Math.random().toString(36).slice(2)}`) => ({
  partnerReferenceNo,
  merchantId: mock.merchant.merchantId,
  amount: { value: '25000.00', currency: 'IDR' },
  additionalInfo: {},
});

/** An auth code issued by the mock, as the mock bridge with `server` gets it. */
export const issuedCode = async (mock: MockGoPayServer): Promise<string> =>
  (await (await mock.fetch(post('/mock/auth-codes', {}))).json()).authCode;

export const exchange = (mock: MockGoPayServer, authCode: unknown, credentials = mock.merchant.credentials, headers = {}) =>
  mock.fetch(post('/v1/mini-apps/authorizations/token', { auth_code: authCode }, { authorization: `Basic ${credentials}`, ...headers }));
