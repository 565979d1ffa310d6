// In-memory stand-ins for GoPay: a `fetch` (the clients' `fetch` option) that records every request and lets a
// handler answer, with no socket. It honours the request's AbortSignal as fetch does, so the clients' timeouts and
// aborts work on it; its delays use the global setTimeout, so that vitest's fake timers drive them. The SNAP stand-in
// checks every signature with node:crypto (RSA for the token, HMAC-SHA512 for transactions), as fake-snap.ts does
// on a real server.
import { vi } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, PARTNER_ID, snapClient, snapKeys } from './fake-snap';
import { hmac512, rsaVerify, sha256Hex, header, type Received } from './helpers';

/** A request as the stand-in received it; `aborted` once the client aborted it before its answer came. */
export interface Recorded extends Received {
  headers: Record<string, string>;
  aborted: boolean;
}

export type Reply = (request: Recorded, index: number) => Response | Promise<Response>;

/** A JSON answer. */
export const reply = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body == 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** Resolves after `ms` on the global setTimeout: the fake clock's when fake timers are on. */
export const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Never resolves: an answer that does not come (the client's timeout or signal ends the wait). */
export const never = () => new Promise<never>(() => {});

/** What Node's fetch throws when the connection drops: `TypeError: fetch failed`, the socket error as its cause. */
export const networkError = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

/** A `fetch` answering from memory: `requests` holds what it received, in order, `index` counts from 0. */
export const inMemoryFetch = (handler: Reply) => {
  const requests: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const { signal, ...rest } = init;
    // As fetch: headers and body are read (and a header value fetch refuses throws) before anything is sent.
    const request = new Request(input, rest);
    if (signal?.aborted) throw signal.reason;
    const url = new URL(request.url);
    const recorded: Recorded = {
      method: request.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
      aborted: false,
    };
    const index = requests.push(recorded) - 1;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        recorded.aborted = true;
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      Promise.resolve()
        .then(() => handler(recorded, index))
        .then(
          (response) => {
            done();
            resolve(response);
          },
          (error: unknown) => {
            done();
            reject(error);
          },
        );
    });
  };
  return { fetch, requests };
};

/** One turn of the event loop, through setImmediate, which the fake timers here leave real. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets real asynchronous work go on (WebCrypto signs on a thread, a socket answers through I/O, not in a microtask)
 * until `ready()` holds; throws after `limit` ms of real time (performance.now is not faked here).
 */
export const until = async (ready: () => boolean, what = 'the condition', limit = 5000) => {
  const deadline = performance.now() + limit;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`until: ${what} did not happen within ${limit} ms`);
    await turn();
  }
};

/** Lets real asynchronous work go on for `ms` of real time: enough for work in flight to show, when a test proves
 * that nothing more happens. */
export const idle = async (ms = 20) => {
  const deadline = performance.now() + ms;
  do await turn();
  while (performance.now() < deadline);
};

/**
 * Fake setTimeout, clearTimeout and Date (setImmediate stays real, for `until`); `random` pins Math.random, so the
 * backoff's jitter is exact: 0 waits the least, 0.999… the most.
 */
export const fakeClock = (random?: number) => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  if (random !== undefined) vi.spyOn(Math, 'random').mockReturnValue(random);
};

/** Whether a promise has settled yet, read without awaiting it. */
export const watch = <T>(promise: Promise<T>) => {
  const state = { settled: false, promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
};

export interface InMemorySnapOptions {
  /** Answer a request yourself: a Response, or undefined to let the stand-in answer. */
  override?: (request: Recorded, index: number) => Response | undefined | Promise<Response | undefined>;
  expiresIn?: string | number;
  /** Delay of the token answer, ms (on the global setTimeout). */
  tokenDelay?: number;
}

export const SNAP_URL = 'https://snap.gopay.test';
export const TOKEN_PATH = '/v1.0/access-token/b2b';
export const PAYMENT_PATH = '/v1.0/debit/payment-host-to-host';

/** Midtrans's SNAP endpoints in memory, answering as fake-snap.ts does; `client(extra)` is a SnapClient on it. */
export const inMemorySnap = (options: InMemorySnapOptions = {}) => {
  const { spki } = snapKeys();
  let tokenCount = 0;
  const issued: string[] = [];
  const revoked = new Set<string>();
  const errors: string[] = [];
  const answer = async (request: Recorded, index: number): Promise<Response> => {
    const overridden = await options.override?.(request, index);
    if (overridden) return overridden;
    const path = request.url.split('?')[0]!;
    if (path == TOKEN_PATH) {
      const timestamp = header(request, 'x-timestamp') ?? '';
      const ok =
        header(request, 'x-client-key') == CLIENT_ID &&
        rsaVerify(spki, `${CLIENT_ID}|${timestamp}`, header(request, 'x-signature') ?? '') &&
        JSON.parse(request.body).grantType == 'client_credentials';
      if (!ok) {
        errors.push(`bad token request ${JSON.stringify(request.headers)}`);
        return reply(401, { responseCode: '4017300', responseMessage: 'Unauthorized. Signature' });
      }
      const token = `tok-${++tokenCount}-${Math.random().toString(36).slice(2)}`;
      issued.push(token);
      if (options.tokenDelay) await later(options.tokenDelay);
      return reply(200, {
        responseCode: '2007300',
        responseMessage: 'Successful',
        accessToken: token,
        tokenType: 'Bearer',
        expiresIn: options.expiresIn ?? '900',
      });
    }
    const token = (header(request, 'authorization') ?? '').replace(/^Bearer /, '');
    const timestamp = header(request, 'x-timestamp') ?? '';
    const expected = hmac512(CLIENT_SECRET, `${request.method}:${path}:${token}:${sha256Hex(request.body)}:${timestamp}`);
    if (!issued.includes(token) || revoked.has(token))
      return reply(401, { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' });
    if (header(request, 'x-signature') != expected) {
      errors.push(`bad signature on ${path}`);
      return reply(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Signature' });
    }
    if (header(request, 'x-partner-id') != PARTNER_ID) {
      errors.push(`bad X-PARTNER-ID on ${path}`);
      return reply(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Unknown Partner' });
    }
    const body = JSON.parse(request.body);
    if (path == PAYMENT_PATH) {
      const referenceNo = `A1${String(index).padStart(10, '0')}`;
      return reply(200, {
        responseCode: '2005400',
        responseMessage: 'Successful',
        referenceNo,
        partnerReferenceNo: body.partnerReferenceNo,
        webRedirectUrl: `https://gopay.co.id/app/merchanttransfer?tref=${referenceNo}&amount=${body.payOptionDetails[0].transAmount.value}`,
        additionalInfo: { merchantId: body.merchantId },
      });
    }
    if (path == '/v1.0/debit/status') {
      return reply(200, {
        responseCode: '2005500',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        originalExternalId: body.originalExternalId,
        serviceCode: body.serviceCode,
        latestTransactionStatus: '00',
        transAmount: { value: '15000.00', currency: 'IDR' },
        paidTime: '2026-12-03T10:00:00+07:00',
      });
    }
    if (path == '/v1.0/debit/refund') {
      return reply(200, {
        responseCode: '2005800',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        refundNo: `R${index}`,
        partnerRefundNo: body.partnerRefundNo,
        refundAmount: body.refundAmount ?? { value: '15000.00', currency: 'IDR' },
        refundTime: '2026-12-03T10:05:00+07:00',
      });
    }
    if (path == '/v1.0/debit/cancel') {
      return reply(200, {
        responseCode: '2005700',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        cancelTime: '2026-12-03T10:05:00+07:00',
      });
    }
    return reply(404, { responseCode: '4040000', responseMessage: 'Not Found' });
  };
  const { fetch, requests } = inMemoryFetch(answer);
  return {
    fetch,
    requests,
    issued,
    errors,
    revoke: (token: string) => revoked.add(token),
    tokenRequests: () => requests.filter((request) => request.url == TOKEN_PATH).length,
    payments: () => requests.filter((request) => request.url == PAYMENT_PATH),
    /** A SnapClient on this stand-in; `extra` adds or overrides options. */
    client: (extra: Record<string, unknown> = {}) => snapClient(SNAP_URL, { fetch, ...extra }),
  };
};
