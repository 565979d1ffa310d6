// Requests to the mock GoPay server signed with node:crypto, independently of the code under test, and a clock the
// tests move by hand.
import { createHash, createHmac, createSign } from 'node:crypto';
import type { MockGoPayServer } from '../../src/mock-server';
import type { Clock } from '../../src/mock-server/clock';

export const BASE = 'http://gopay.mock';

/** X-TIMESTAMP in Jakarta time, as SNAP wants it. */
export function jakarta(ms = Date.now()): string {
  return new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function rsaSign(privateKey: string, text: string): string {
  return createSign('RSA-SHA256').update(text).sign(privateKey, 'base64');
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface TokenRequestParts {
  clientId?: string;
  timestamp?: string;
  signature?: string;
  body?: unknown;
  now?: number;
}

export function tokenRequest(mock: MockGoPayServer, parts: TokenRequestParts = {}): Request {
  const clientId = parts.clientId ?? mock.merchant.clientId;
  const timestamp = parts.timestamp ?? jakarta(parts.now);
  return post('/v1.0/access-token/b2b', parts.body ?? { grantType: 'client_credentials' }, {
    'x-client-key': clientId,
    'x-timestamp': timestamp,
    'x-signature': parts.signature ?? rsaSign(mock.merchant.privateKey, `${clientId}|${timestamp}`),
  });
}

export async function accessToken(mock: MockGoPayServer, now?: number): Promise<string> {
  const answer = await (await mock.fetch(tokenRequest(mock, { now }))).json();
  if (answer.responseCode !== '2007300') throw new Error(JSON.stringify(answer));
  return answer.accessToken;
}

export interface SnapParts {
  token: string;
  externalId?: string;
  timestamp?: string;
  secret?: string;
  signature?: string;
  partnerId?: string;
  channelId?: string;
  now?: number;
}

/** A transactional SNAP request: Bearer, X-PARTNER-ID, X-EXTERNAL-ID, CHANNEL-ID and the HMAC-SHA512 X-SIGNATURE. */
export function snapRequest(mock: MockGoPayServer, path: string, body: unknown, parts: SnapParts): Request {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = parts.timestamp ?? jakarta(parts.now);
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
    'x-partner-id': parts.partnerId ?? mock.merchant.partnerId,
    'x-external-id': parts.externalId ?? crypto.randomUUID(),
    'channel-id': parts.channelId ?? '95221',
  });
}

/** GoPay's payment body as the Mini App payment page shows it (no top-level amount). */
export function paymentBody(mock: MockGoPayServer, partnerReferenceNo = `ORDER-${crypto.randomUUID()}`, value = '25000.00') {
  return {
    partnerReferenceNo,
    chargeToken: '',
    merchantId: mock.merchant.merchantId,
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value, currency: 'IDR' } }],
    additionalInfo: { pointOfPurchaseId: mock.merchant.pointOfPurchaseId },
  };
}

export interface Answer {
  status: number;
  body: any;
}

export async function answer(mock: MockGoPayServer, request: Request): Promise<Answer> {
  const response = await mock.fetch(request);
  return { status: response.status, body: await response.json() };
}

/** Signed SNAP calls to `mock` at the time `now()` says (the mock's clock, when a test moves it). */
export function snapApi(mock: MockGoPayServer, now: () => number = Date.now) {
  let token: string | undefined;
  async function call(path: string, body: unknown, parts: Partial<SnapParts> = {}): Promise<Answer> {
    token ??= await accessToken(mock, now());
    const answered = await answer(mock, snapRequest(mock, path, body, { token, now: now(), ...parts }));
    // A token outlived by a clock moved past its 15 minutes: a fresh one, as the SDK's client does.
    if (!/^401\d\d01$/.test(answered.body.responseCode ?? '') || parts.token !== undefined) return answered;
    token = await accessToken(mock, now());
    return answer(mock, snapRequest(mock, path, body, { token, now: now(), ...parts }));
  }
  return {
    call,
    pay: (body: unknown, parts?: Partial<SnapParts>) => call('/v1.0/debit/payment-host-to-host', body, parts),
    status: (query: object) => call('/v1.0/debit/status', { serviceCode: '54', ...query }),
    refund: (body: object, parts?: Partial<SnapParts>) => call('/v1.0/debit/refund', body, parts),
    cancel: (body: object, parts?: Partial<SnapParts>) => call('/v1.0/debit/cancel', body, parts),
    /** Creates a payment; resolves with GoPay's answer (referenceNo, webRedirectUrl …). */
    async create(partnerReferenceNo?: string, value?: string, externalId?: string): Promise<any> {
      const created = await call('/v1.0/debit/payment-host-to-host', paymentBody(mock, partnerReferenceNo, value), { externalId });
      if (created.status !== 200) throw new Error(JSON.stringify(created.body));
      return created.body;
    },
  };
}

/** An auth code issued by the mock, as the mock bridge with `server` gets it. */
export async function issuedCode(mock: MockGoPayServer): Promise<string> {
  return (await (await mock.fetch(post('/mock/auth-codes', {}))).json()).authCode;
}

export function exchange(mock: MockGoPayServer, authCode: unknown, credentials = mock.merchant.credentials, headers = {}) {
  return mock.fetch(
    post('/v1/mini-apps/authorizations/token', { auth_code: authCode }, { authorization: `Basic ${credentials}`, ...headers }),
  );
}

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, running every task that falls due, in order. */
  advance(ms: number): void;
  /** Tasks still waiting. */
  pending(): number;
}

/** A clock that moves only when told: expiries and backoffs without waiting. Starts at the real time. */
export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  const tasks: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule(run, ms) {
      const task = { at: now + Math.max(ms, 0), run };
      tasks.push(task);
      return () => {
        const index = tasks.indexOf(task);
        if (index >= 0) tasks.splice(index, 1);
      };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = tasks.filter((task) => task.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        tasks.splice(tasks.indexOf(due), 1);
        now = due.at;
        due.run();
      }
      now = until;
    },
    pending: () => tasks.length,
  };
}
