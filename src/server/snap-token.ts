// The B2B access-token request of SNAP ("Direct Debit API – GoPay" §1): POST /v1.0/access-token/b2b with
// X-CLIENT-KEY and X-SIGNATURE = SHA256withRSA(privateKey, clientId|X-TIMESTAMP). The token cache (token-cache.ts)
// decides when to ask; this only asks.
import type { TransportOptions } from './client-options';
import { send, type HttpRequest } from './http';
import { isSuccess, snapError } from './snap-answers';
import { signRsa, snapTimestamp } from '../shared/snap-crypto';

/** A token whose lifetime GoPay does not state is kept for SNAP's usual 15 minutes. */
const DEFAULT_LIFETIME = 900_000;

export interface TokenRequest {
  clientId: string;
  signingKey: Promise<CryptoKey>;
  /** Cut out of any error (the client secret, the key). */
  secrets: readonly string[];
  transport: TransportOptions;
}

/** Asks GoPay for an access token; resolves with it and its lifetime in ms, or rejects with a GoPayError. */
export async function requestAccessToken({ clientId, signingKey, secrets, transport }: TokenRequest) {
  const key = await signingKey;
  const body = JSON.stringify({ grantType: 'client_credentials' });
  const request: HttpRequest = {
    method: 'POST',
    path: '/v1.0/access-token/b2b',
    prepare: async () => {
      const timestamp = snapTimestamp();
      return {
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-TIMESTAMP': timestamp,
          'X-CLIENT-KEY': clientId,
          'X-SIGNATURE': await signRsa(key, `${clientId}|${timestamp}`),
        },
        body,
      };
    },
    requestId: '',
    timeout: transport.timeout,
    className: 'SnapClient',
    methodName: 'accessToken',
    secrets,
  };
  const answer = await send(transport, request);
  const token = (answer.body as { accessToken?: unknown } | undefined)?.accessToken;
  if (!isSuccess(answer) || typeof token !== 'string' || !token) {
    throw snapError(answer, { ...request, secrets: typeof token === 'string' ? [...secrets, token] : secrets }, 'SnapClient');
  }
  const expiresIn = Number((answer.body as { expiresIn?: unknown }).expiresIn);
  return { accessToken: token, lifetime: expiresIn > 0 ? expiresIn * 1000 : DEFAULT_LIFETIME };
}
