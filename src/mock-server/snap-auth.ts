// BI-SNAP's two signatures as Midtrans checks them: the B2B access token (SHA256withRSA over `clientId|X-TIMESTAMP`
// with the merchant's public key) and every transactional request (HMAC-SHA512 with the client secret over
// `METHOD:path:token:hex(sha256(minify(body))):X-TIMESTAMP`), both with a fresh X-TIMESTAMP.
import type { Random } from '../shared/random';
import { hmacSha512, parseSnapTimestamp, safeEqual, transactionStringToSign, verifyRsa } from '../shared/snap-crypto';
import { setBounded } from './bounded';
import { isRecord } from '../shared/checks';
import { json, snapError, type Incoming } from './http';
import type { MockMerchant } from './types';

/** How far an X-TIMESTAMP may be from the mock's clock, either way (no page gives a window; five minutes is ours). */
export const TIMESTAMP_TOLERANCE = 300_000;
/** Midtrans's access tokens live 15 minutes ("expiresIn": "900"). */
export const ACCESS_TOKEN_TTL = 900_000;
export const ACCESS_TOKEN_PATH = '/v1.0/access-token/b2b';
const SERVICE_TOKEN = '73';
/** Live tokens kept at most: far more than any merchant asks for in 15 minutes, so that a loop cannot fill memory. */
const MAX_TOKENS = 10_000;

export interface SnapAuthState {
  merchant: Readonly<MockMerchant>;
  merchantPublicKey: CryptoKey;
  random: () => Random;
  /** access token → expiry (ms). */
  accessTokens: Map<string, number>;
}

/** The refusal for a missing, malformed or stale X-TIMESTAMP, if there is one. */
function timestampProblem(req: Incoming, service: string): Response | undefined {
  const timestamp = req.headers.get('x-timestamp');
  if (!timestamp) return snapError(400, service, '02', 'Invalid Mandatory Field X-TIMESTAMP');
  const at = parseSnapTimestamp(timestamp);
  if (Number.isNaN(at)) return snapError(400, service, '01', 'Invalid Field Format X-TIMESTAMP');
  if (Math.abs(req.now - at) > TIMESTAMP_TOLERANCE) return snapError(401, service, '00', 'Unauthorized. Stale X-TIMESTAMP');
  return undefined;
}

/** POST /v1.0/access-token/b2b. */
export async function handleAccessToken(req: Incoming, state: SnapAuthState): Promise<Response> {
  if (req.method !== 'POST') return snapError(405, SERVICE_TOKEN, '00', 'Method Not Allowed');
  const clientKey = req.headers.get('x-client-key');
  if (!clientKey) return snapError(400, SERVICE_TOKEN, '02', 'Invalid Mandatory Field X-CLIENT-KEY');
  if (!safeEqual(clientKey, state.merchant.clientId)) return snapError(401, SERVICE_TOKEN, '00', 'Unauthorized. Unknown Client');
  const stale = timestampProblem(req, SERVICE_TOKEN);
  if (stale) return stale;
  const signature = req.headers.get('x-signature') ?? '';
  const text = `${clientKey}|${req.headers.get('x-timestamp')}`;
  if (!(await verifyRsa(state.merchantPublicKey, signature, text).catch(() => false))) {
    return snapError(401, SERVICE_TOKEN, '00', 'Unauthorized. Invalid Signature');
  }
  if (!isRecord(req.body)) return snapError(400, SERVICE_TOKEN, '00', 'Bad Request');
  // The pages write grantType; Midtrans's Node, PHP and Java clients all send grant_type, and production takes them.
  const grantType = req.body.grantType ?? req.body.grant_type;
  if (grantType !== 'client_credentials') return snapError(400, SERVICE_TOKEN, '02', 'Invalid Mandatory Field grantType');
  const accessToken = state.random().token(54);
  setBounded(state.accessTokens, accessToken, req.now + ACCESS_TOKEN_TTL, MAX_TOKENS);
  return json(200, {
    responseCode: `200${SERVICE_TOKEN}00`,
    responseMessage: 'Successful',
    accessToken,
    tokenType: 'Bearer',
    expiresIn: String(ACCESS_TOKEN_TTL / 1000),
  });
}

/**
 * Checks a transactional request's headers and HMAC; answers the refusal, or undefined when the request may go on.
 * `service` is the SNAP service code of the endpoint (54 host-to-host, 55 status, 57 cancel, 58 refund).
 */
export async function checkTransactional(req: Incoming, state: SnapAuthState, service: string): Promise<Response | undefined> {
  const token = /^Bearer (.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
  // "4015400 Unauthorized. Auth token required" (Direct Debit API – GoPay).
  if (!token) return snapError(401, service, '00', 'Unauthorized. Auth token required');
  const expiresAt = state.accessTokens.get(token);
  if (expiresAt === undefined || expiresAt <= req.now) return snapError(401, service, '01', 'Invalid Token (B2B)');
  const partnerId = req.headers.get('x-partner-id');
  if (!partnerId) return snapError(400, service, '02', 'Invalid Mandatory Field X-PARTNER-ID');
  // X-PARTNER-ID is the partner id Midtrans issues beside the client id, not the client id.
  if (!safeEqual(partnerId, state.merchant.partnerId)) return snapError(401, service, '00', 'Unauthorized. Unknown Partner');
  const stale = timestampProblem(req, service);
  if (stale) return stale;
  const expected = await hmacSha512(
    state.merchant.clientSecret,
    await transactionStringToSign(req.method, req.path, token, req.text, req.headers.get('x-timestamp')!),
  );
  if (!safeEqual(req.headers.get('x-signature') ?? '', expected)) return snapError(401, service, '00', 'Unauthorized. Invalid Signature');
  if (!/^\d{5}$/.test(req.headers.get('channel-id') ?? '')) return snapError(400, service, '02', 'Invalid Mandatory Field CHANNEL-ID');
  if (!req.headers.get('x-external-id')) return snapError(400, service, '02', 'Invalid Mandatory Field X-EXTERNAL-ID');
  if (!isRecord(req.body)) return snapError(400, service, '00', 'Bad Request');
  return undefined;
}
