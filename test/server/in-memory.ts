// In-memory stand-ins for GoPay: a `fetch` (the clients' `fetch` option) that records every request and lets a
// handler answer, with no socket. It honours the request's AbortSignal as fetch does, so the clients' timeouts and
// aborts work on it; its delays use the global setTimeout, so that vitest's fake timers drive them. The SNAP stand-in
// checks every signature with node:crypto (RSA for the token, HMAC-SHA512 for transactions), as fake-snap.ts does
// on a real server.
import { vi } from 'vitest';
import { createSnapStandIn, snapClient } from './fake-snap';
import type { Received } from './helpers';

/** A request as the stand-in received it; `aborted` once the client aborted it before its answer came. */
export interface Recorded extends Received {
  headers: Record<string, string>;
  aborted: boolean;
}

export type Reply = (request: Recorded, index: number) => Response | Promise<Response>;

/** A JSON answer. */
export const reply = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
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

/** Midtrans's SNAP endpoints in memory: fake-snap.ts's stand-in behind an in-memory fetch; `client(extra)` is a SnapClient on it. */
export const inMemorySnap = (options: InMemorySnapOptions = {}) => {
  const { respond, issued, errors, revoke } = createSnapStandIn(options);
  const answer = async (request: Recorded, index: number): Promise<Response> => {
    const overridden = await options.override?.(request, index);
    if (overridden) return overridden;
    const { status, body } = await respond(request, index);
    return reply(status, body);
  };
  const { fetch, requests } = inMemoryFetch(answer);
  return {
    fetch,
    requests,
    issued,
    errors,
    revoke,
    tokenRequests: () => requests.filter((request) => request.url === TOKEN_PATH).length,
    payments: () => requests.filter((request) => request.url === PAYMENT_PATH),
    /** A SnapClient on this stand-in; `extra` adds or overrides options. */
    client: (extra: Record<string, unknown> = {}) => snapClient(SNAP_URL, { fetch, ...extra }),
  };
};
