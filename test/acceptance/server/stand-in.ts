// A GoPay stand-in: a real node:http server answering from a queue of replies, then from a fallback. `stand` plays
// GoPay; `other` is "another host", which must never receive anything. A file that uses them calls useStandIns(),
// which starts both before its tests, resets them before each and closes them after the last.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { S } from './helpers';

export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Date.now() when the request (body included) had arrived. */
  at: number;
}
export type Reply =
  { status: number; body?: unknown; headers?: Record<string, string> } | { raw: (res: ServerResponse) => void } | 'destroy' | 'hang';

export const createStandIn = () => {
  const state = {
    url: '',
    seen: [] as Seen[],
    queue: [] as Array<Reply | ((s: Seen) => Reply)>,
    fallback: ((_s: Seen) => ({ status: 404, body: { success: false } })) as (s: Seen) => Reply,
    hanging: [] as ServerResponse[],
    server: undefined as Server | undefined,
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
      const s: Seen = { method: String(req.method), path: String(req.url), headers, body, at: Date.now() };
      state.seen.push(s);
      const next = state.queue.length ? state.queue.shift()! : state.fallback;
      const r = typeof next === 'function' ? next(s) : next;
      if (r === 'destroy') return void req.socket.destroy();
      if (r === 'hang') return void state.hanging.push(res);
      if ('raw' in r) {
        state.hanging.push(res);
        return r.raw(res);
      }
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  };
  return {
    state,
    async start() {
      state.server = createServer(handle);
      await new Promise<void>((r) => state.server!.listen(0, '127.0.0.1', () => r()));
      state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
    },
    reset(queue: Array<Reply | ((s: Seen) => Reply)> = [], fallback?: (s: Seen) => Reply) {
      state.seen = [];
      state.queue = [...queue];
      if (fallback) state.fallback = fallback;
      for (const res of state.hanging.splice(0)) res.destroy();
    },
    async stop() {
      for (const res of state.hanging.splice(0)) res.destroy();
      state.server?.closeAllConnections?.();
      await new Promise<void>((r) => (state.server ? state.server.close(() => r()) : r()));
    },
  };
};
export type StandIn = ReturnType<typeof createStandIn>;

/** Runs `run` with a stand-in of its own (started, then closed whatever happens): for tests that run concurrently. */
export const withStandIn = async <T>(run: (own: StandIn) => Promise<T>): Promise<T> => {
  const own = createStandIn();
  await own.start();
  try {
    return await run(own);
  } finally {
    await own.stop();
  }
};

export const ok = (data: unknown): Reply => ({ status: 200, body: { success: true, data } });
/**
 * A 5xx that asks for no wait: `Retry-After` replaces the 250 ms × 2ⁿ backoff (docs/server.md, "Transport"), so the
 * tests whose subject is not the backoff retry at once. The backoff itself is timed in mini-app-retries.test.ts.
 */
export const busy = (status = 503, body: unknown = {}): Reply => ({ status, headers: { 'retry-after': '0' }, body });

export const router =
  (routes: Record<string, (s: Seen) => Reply>) =>
  (s: Seen): Reply =>
    (routes[s.path] ?? (() => ({ status: 404, body: { responseCode: '4040000', responseMessage: 'no route' } })))(s);

export const stand = createStandIn();
export const other = createStandIn();

/** Starts `stand` and `other` for this file, resets them before each test and closes them after the last. */
export const useStandIns = () => {
  beforeAll(async () => {
    await stand.start();
    await other.start();
  });
  afterAll(async () => {
    await stand.stop();
    await other.stop();
  });
  beforeEach(() => {
    stand.reset([], () => ({ status: 404, body: { success: false, error: { description: 'no such route' } } }));
    other.reset([], () => ({ status: 200, body: { success: true, data: { stolen: true } } }));
  });
};

// The Mini App merchant of the stand-in tests.
export const CREDS_ID = 'merchant-id';
export const CREDS_PASSWORD = 'super-secret-credential/with+signs';
export const CREDS = Buffer.from(`${CREDS_ID}:${CREDS_PASSWORD}`).toString('base64');
export const miniApp = (extra: Record<string, unknown> = {}) =>
  S.createGoPayServer({ credentials: CREDS, baseUrl: stand.state.url, ...extra });
export const reward = () => ({ amount: { value: 1000, currency: 'IDR' }, description: 'thanks', reward_type: 'CASHBACK' });
