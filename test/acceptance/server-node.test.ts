// @vitest-environment node
// The merchant-backend entries in Node: dist/server.mjs against a GoPay stand-in (a real node:http server) and
// against dist/mock-server.mjs, written from DESIGN "Server", "Server errors" and "Mock GoPay server" only.
// Signatures are checked independently with node:crypto.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createHash,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign as rsaSign,
  verify as rsaVerify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejectionOf } from './contract';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (f: string) => resolve(root, 'dist', f);

// -----------------------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------------------

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac512 = (key: string, s: string) => createHmac('sha512', key).update(s).digest('base64');
const rsaOk = (publicKey: string, data: string, signature: string) =>
  rsaVerify('sha256', Buffer.from(data), publicKey, Buffer.from(signature, 'base64'));
const minify = (raw: string) => JSON.stringify(JSON.parse(raw));
/** ISO-8601 at UTC+07:00 (Jakarta), e.g. 2026-11-30T14:30:00+07:00. */
const jakarta = (ms = Date.now()) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+07:00$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const pkcs1 = createPrivateKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
  return { publicKey, privateKey, pkcs1 };
};

/** Checks that none of the secrets shows in the error's message, body, cause, JSON.stringify or own properties. */
const expectNoSecrets = (e: any, secrets: string[]) => {
  const own: Record<string, unknown> = {};
  for (const k of Object.getOwnPropertyNames(e ?? {})) if (k !== 'stack') own[k] = e[k];
  const texts = [
    String(e?.message),
    JSON.stringify(e?.body ?? null),
    String(e?.cause?.message ?? ''),
    JSON.stringify(e?.cause ?? null) ?? '',
    JSON.stringify(e) ?? '',
    JSON.stringify(own, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) ?? '',
    String(e?.description ?? ''),
  ];
  for (const s of secrets) for (const t of texts) expect(t).not.toContain(s);
};

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'destroy' | 'hang';

/** A GoPay stand-in: a real node:http server answering from a queue of replies, then from a fallback. */
const createStandIn = () => {
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

/** accessToken() may resolve with the token string or with SNAP's answer: either way, the token. */
const tokenOf = (t: any) => (typeof t === 'string' ? t : t?.accessToken);
const ok = (data: unknown): Reply => ({ status: 200, body: { success: true, data } });

// -----------------------------------------------------------------------------------------------------------
// Load the built entries while watching for any use of `window`
// -----------------------------------------------------------------------------------------------------------

const windowTouches: string[] = [];
const watchWindow = () => {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'window');
  Object.defineProperty(globalThis, 'window', {
    configurable: true,
    get() {
      const stack = String(new Error().stack);
      if (/dist\/(server|mock-server|backend)/.test(stack)) windowTouches.push(stack.split('\n').slice(1, 4).join(' | '));
      return undefined;
    },
  });
  return () => {
    if (had) Object.defineProperty(globalThis, 'window', had);
    else delete (globalThis as any).window;
  };
};

let S: any; // dist/server.mjs
let M: any; // dist/mock-server.mjs
let core: any; // dist/index.mjs (brand check)
let bridgeMock: any; // dist/mock.mjs (auth codes)
let loadError: unknown;
const stand = createStandIn();

beforeAll(async () => {
  const unwatch = watchWindow();
  try {
    S = await import(/* @vite-ignore */ dist('server.mjs'));
    M = await import(/* @vite-ignore */ dist('mock-server.mjs'));
  } catch (e) {
    loadError = e;
  } finally {
    unwatch();
  }
  core = await import(/* @vite-ignore */ dist('index.mjs'));
  bridgeMock = await import(/* @vite-ignore */ dist('mock.mjs'));
  await stand.start();
}, 30_000);

afterAll(async () => {
  await stand.stop();
});

beforeEach(() => {
  if (loadError) throw loadError;
  stand.reset([], () => ({ status: 404, body: { success: false, error: { description: 'no such route' } } }));
});

const CREDS = 'bWVyY2hhbnQtaWQ6c3VwZXItc2VjcmV0LWNyZWRlbnRpYWw=';
const miniApp = (extra: Record<string, unknown> = {}) => S.createGoPayServer({ credentials: CREDS, baseUrl: stand.state.url, ...extra });

/** A 64-letters-and-digits auth code straight from the mock bridge, the way a page would get it. */
const bridgeAuthCode = (options: Record<string, unknown> = {}): Promise<string> =>
  new Promise((resolvePromise, reject) => {
    const m = bridgeMock.createMockBridge({ latency: 0, ...options });
    m.call(
      'GPMiniAppAuth',
      'getAuthCode',
      {},
      (env: any) => {
        const e = typeof env === 'string' ? JSON.parse(env) : env;
        resolvePromise(e?.data?.authCode);
      },
      (env: unknown) => reject(new Error(`mock bridge refused: ${JSON.stringify(env)}`)),
      10_000,
    );
  });

// -----------------------------------------------------------------------------------------------------------
describe('server entries: names and environment', () => {
  it('dist/server.mjs exports the documented names', () => {
    for (const name of [
      'createGoPayServer',
      'createSnapClient',
      'verifyNotification',
      'GoPayApiError',
      'GoPaySignatureError',
      'GoPayAuthCodeExpiredError',
      'GoPayTimeoutError',
      'GoPayAbortError',
      'GoPayValidationError',
    ])
      expect(typeof S[name], name).toBe('function');
    expect(S.NOTIFICATION_ACK).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
  });

  it('dist/mock-server.mjs exports createMockGoPayServer', () => {
    expect(typeof M.createMockGoPayServer).toBe('function');
  });

  it('no server entry touches window (import, requests, verification, the mock server)', async () => {
    const unwatch = watchWindow();
    try {
      stand.reset([ok({ auth_token: 't', gopay_account_id: 'a' })]);
      await miniApp().getAuthToken('A'.repeat(64));
      const mock = await M.createMockGoPayServer();
      const url = await mock.listen(0);
      await rejectionOf(S.createGoPayServer({ credentials: 'wrong', baseUrl: url, retries: 0 }).getAuthToken('B'.repeat(64)));
      await mock.close();
    } finally {
      unwatch();
    }
    expect(windowTouches).toEqual([]);
  });

  it('server errors share the browser build’s brand (core isGoPayError)', async () => {
    stand.reset([{ status: 400, body: { success: false, error: { description: 'Bad Request' } } }]);
    const e = await rejectionOf(miniApp().getAuthToken('C'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.code).toBe('API');
    expect(core.isGoPayError(e)).toBe(true);
    expect(core.isGoPayError(e, 'API')).toBe(true);
    expect(e).toBeInstanceOf(Error);
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createGoPayServer: validation before any request', () => {
  const spyFetch = () => vi.fn(async () => new Response(JSON.stringify({ success: true, data: {} }), { status: 200 }));

  it.each([
    ['no options', undefined],
    ['no credentials', {}],
    ["credentials ''", { credentials: '' }],
    ['credentials Symbol', { credentials: Symbol('c') }],
    ['credentials 42', { credentials: 42 }],
    ['timeout -1', { credentials: CREDS, timeout: -1 }],
    ["timeout 'soon'", { credentials: CREDS, timeout: 'soon' }],
    ['retries -1', { credentials: CREDS, retries: -1 }],
    ['retries 1.5', { credentials: CREDS, retries: 1.5 }],
    ["baseUrl 'https://'", { credentials: CREDS, baseUrl: 'https://' }],
    ["baseUrl 'not a url'", { credentials: CREDS, baseUrl: 'not a url' }],
    ["fetch 'no'", { credentials: CREDS, fetch: 'no' }],
  ])('%s → GoPayValidationError, no request', async (_n: string, options: any) => {
    const fetch = spyFetch();
    let client: any;
    try {
      client = S.createGoPayServer(options === undefined ? undefined : { fetch, ...options });
    } catch (e: any) {
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(fetch).not.toHaveBeenCalled();
      return;
    }
    const e = await rejectionOf(client.getAuthToken('D'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["getAuthToken('')", (c: any) => c.getAuthToken('')],
    ['getAuthToken()', (c: any) => c.getAuthToken()],
    ['getAuthToken(Symbol)', (c: any) => c.getAuthToken(Symbol('x'))],
    ['getAuthToken(42)', (c: any) => c.getAuthToken(42)],
    ["getProfile('')", (c: any) => c.getProfile('')],
    ['getProfile(Symbol)', (c: any) => c.getProfile(Symbol('x'))],
    ['sendPushNotification without template_name', (c: any) => c.sendPushNotification('tok', { template_parameters: {} })],
    ['createReminder without params', (c: any) => c.createReminder('tok')],
    ["removeReminder(tok, '')", (c: any) => c.removeReminder('tok', '')],
    ['sendReward without amount', (c: any) => c.sendReward('tok', { description: 'd', reward_type: 'CASHBACK' })],
    ['opts.requestId 42', (c: any) => c.getAuthToken('E'.repeat(64), { requestId: 42 })],
    ['opts.signal {}', (c: any) => c.getAuthToken('E'.repeat(64), { signal: {} })],
    ['opts.timeout -5', (c: any) => c.getAuthToken('E'.repeat(64), { timeout: -5 })],
  ])('%s → GoPayValidationError, no request', async (_n: string, run: (c: any) => Promise<unknown>) => {
    const fetch = spyFetch();
    const client = S.createGoPayServer({ credentials: CREDS, fetch });
    let p: any;
    try {
      p = run(client);
    } catch (e) {
      throw new Error(`threw synchronously instead of rejecting: ${String((e as Error)?.message)}`);
    }
    const e = await rejectionOf(p);
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the default baseUrl is GoPay’s, and the fetch option is used', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: true, data: { auth_token: 't', gopay_account_id: 'g' } })));
    await S.createGoPayServer({ credentials: CREDS, fetch }).getAuthToken('F'.repeat(64));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://public-mini-app-merchants.gopayapi.com/v1/mini-apps/authorizations/token');
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createGoPayServer: requests and answers (GoPay stand-in on node:http)', () => {
  it('getAuthToken: POST …/authorizations/token, Basic, JSON { auth_code } → { auth_token, gopay_account_id }', async () => {
    stand.reset([ok({ auth_token: 'tok-123', gopay_account_id: 'acc-9' })]);
    const code = 'G'.repeat(64);
    await expect(miniApp().getAuthToken(code)).resolves.toEqual({ auth_token: 'tok-123', gopay_account_id: 'acc-9' });
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/mini-apps/authorizations/token');
    expect(r.headers.authorization).toBe(`Basic ${CREDS}`);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ auth_code: code });
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('getProfile: GET …/users/profile with Bearer → { phone_number, email, name }', async () => {
    const profile = { phone_number: '+628123', email: 'a@b.c', name: 'Ani' };
    stand.reset([ok(profile)]);
    await expect(miniApp().getProfile('tok-123')).resolves.toEqual(profile);
    const [r] = stand.state.seen;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v1/mini-apps/users/profile');
    expect(r.headers.authorization).toBe('Bearer tok-123');
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('sendPushNotification, createReminder, removeReminder, sendReward: methods, paths, bodies, results', async () => {
    const c = miniApp();
    stand.reset([ok(undefined), ok({ reminder_id: 'rem-7' }), ok(undefined), ok({ payment_id: 'pay-1' })]);
    const push = { template_name: 'promo', template_parameters: { name: 'Ani' } };
    await expect(c.sendPushNotification('tok', push)).resolves.toBeUndefined();
    const reminder = { template_name: 'bill', template_parameters: { due: '1 Dec' }, reminder_id: 'rem-7' };
    await expect(c.createReminder('tok', reminder)).resolves.toEqual({ reminder_id: 'rem-7' });
    await expect(c.removeReminder('tok', 'rem-7')).resolves.toBeUndefined();
    const reward = { amount: { value: 1000, currency: 'IDR' }, description: 'thanks', reward_type: 'CASHBACK', metadata: { k: 'v' } };
    await expect(c.sendReward('tok', reward)).resolves.toEqual({ payment_id: 'pay-1' });
    const seen = stand.state.seen.map((r) => [r.method, r.path]);
    expect(seen).toEqual([
      ['POST', '/v1/mini-apps/notifications/push'],
      ['PUT', '/v1/mini-apps/reminder'],
      ['DELETE', '/v1/mini-apps/reminder/rem-7'],
      ['POST', '/v1/mini-apps/rewards'],
    ]);
    const [p, r, , w] = stand.state.seen;
    expect(JSON.parse(p.body)).toEqual(push);
    expect(JSON.parse(r.body)).toEqual(reminder);
    expect(JSON.parse(w.body)).toEqual(reward);
    for (const s of [p, r, w]) expect(s.headers['content-type']).toMatch(/^application\/json/);
    for (const s of stand.state.seen) {
      expect(s.headers.authorization).toBe('Bearer tok');
      expect(s.headers['request-id']).toMatch(UUID_RE);
    }
    expect(new Set(stand.state.seen.map((s) => s.headers['request-id'])).size).toBe(4);
  });

  it("Request-Id: the caller's when given, the same on every retry of one call", async () => {
    stand.reset([{ status: 503, body: {} }, { status: 502, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64), { requestId: 'req-abc-1' });
    expect(stand.state.seen.map((s) => s.headers['request-id'])).toEqual(['req-abc-1', 'req-abc-1', 'req-abc-1']);
    stand.reset([{ status: 500, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64));
    const ids = stand.state.seen.map((s) => s.headers['request-id']);
    expect(ids[0]).toMatch(UUID_RE);
    expect(ids[1]).toBe(ids[0]);
  });

  it('a { success: false } answer rejects even with HTTP 200', async () => {
    stand.reset([{ status: 200, body: { success: false, error: { description: 'Template not found' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.description).toBe('Template not found');
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createGoPayServer: retries only after a network error, a timeout or a 5xx', () => {
  it('5xx twice then success: 3 attempts (retries default 2)', async () => {
    stand.reset([{ status: 503, body: {} }, { status: 500, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await expect(miniApp().getAuthToken('I'.repeat(64))).resolves.toEqual({ auth_token: 't', gopay_account_id: 'a' });
    expect(stand.state.seen).toHaveLength(3);
  });

  it('5xx every time: GoPayApiError with status and retryable, after 1 + 2 attempts', async () => {
    stand.reset([], () => ({ status: 503, body: { success: false, error: { description: 'Service Unavailable' } } }));
    const e = await rejectionOf(miniApp().getAuthToken('J'.repeat(64), { requestId: 'req-5xx' }));
    expect(stand.state.seen).toHaveLength(3);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(503);
    expect(e.retryable).toBe(true);
    expect(e.requestId).toBe('req-5xx');
    expect(e.description).toBe('Service Unavailable');
    expect(e.body).toMatchObject({ success: false, error: { description: 'Service Unavailable' } });
  });

  it.each([400, 401, 403, 404, 409, 422, 429])('a %s is never retried', async (status: number) => {
    stand.reset([], () => ({ status, headers: { 'retry-after': '0' }, body: { success: false, error: { description: 'no' } } }));
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(stand.state.seen).toHaveLength(1);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(status);
    expect(e.retryable).toBe(false);
  });

  it('network errors are retried; when no answer ever comes, status is 0', async () => {
    stand.reset(['destroy', 'destroy', ok({ phone_number: '1', email: 'e', name: 'n' })]);
    await expect(miniApp().getProfile('tok')).resolves.toEqual({ phone_number: '1', email: 'e', name: 'n' });
    expect(stand.state.seen).toHaveLength(3);
    stand.reset([], () => 'destroy');
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(stand.state.seen).toHaveLength(3);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(0);
    expect(e.retryable).toBe(true);
  });

  it('retries: 0 makes one attempt', async () => {
    stand.reset([], () => ({ status: 500, body: {} }));
    await rejectionOf(miniApp({ retries: 0 }).getProfile('tok'));
    expect(stand.state.seen).toHaveLength(1);
  });

  it('Retry-After is honoured', async () => {
    stand.reset([{ status: 503, headers: { 'retry-after': '1' }, body: {} }, ok({ phone_number: '1', email: 'e', name: 'n' })]);
    await miniApp().getProfile('tok');
    expect(stand.state.seen).toHaveLength(2);
    expect(stand.state.seen[1].at - stand.state.seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it('timeout is per attempt: a hung attempt is retried; all hung → GoPayTimeoutError', async () => {
    stand.reset(['hang', ok({ phone_number: '1', email: 'e', name: 'n' })]);
    await expect(miniApp({ timeout: 200 }).getProfile('tok')).resolves.toMatchObject({ name: 'n' });
    expect(stand.state.seen).toHaveLength(2);
    stand.reset([], () => 'hang');
    const t0 = Date.now();
    const e = await rejectionOf(miniApp({ timeout: 150, retries: 0 }).getProfile('tok'));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(e).toBeInstanceOf(S.GoPayTimeoutError);
    expect(e.code).toBe('TIMEOUT');
    const e2 = await rejectionOf(miniApp({ retries: 0 }).getProfile('tok', { timeout: 100 }));
    expect(e2.code).toBe('TIMEOUT');
  });

  it('an aborted signal rejects with GoPayAbortError and stops retrying', async () => {
    stand.reset([], () => 'hang');
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const e = await rejectionOf(miniApp().getProfile('tok', { signal: ctrl.signal }));
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(e.code).toBe('ABORTED');
    await new Promise((r) => setTimeout(r, 400));
    expect(stand.state.seen).toHaveLength(1);
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createGoPayServer: expired auth codes and secrets', () => {
  it.each(['AuthCode Not Found', 'Auth code expired', 'auth code is invalid'])(
    "getAuthToken → GoPayAuthCodeExpiredError when GoPay says '%s' (4xx), not retried",
    async (description: string) => {
      stand.reset([], () => ({ status: 404, body: { success: false, error: { description } } }));
      const e = await rejectionOf(miniApp().getAuthToken('K'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
      expect(e.code).toBe('AUTH_CODE_EXPIRED');
      expect(core.isGoPayError(e, 'AUTH_CODE_EXPIRED')).toBe(true);
      expect(stand.state.seen).toHaveLength(1);
    },
  );

  it('credentials, auth codes and tokens never appear in an error (message, body, cause, JSON.stringify)', async () => {
    const code = `SECRETCODE${'L'.repeat(54)}`;
    stand.reset([
      {
        status: 400,
        body: {
          success: false,
          error: { description: `bad request for ${code}`, auth_code: code, authorization: `Basic ${CREDS}` },
          auth_code: code,
          credentials: CREDS,
        },
      },
    ]);
    const e1 = await rejectionOf(miniApp().getAuthToken(code));
    expectNoSecrets(e1, [code, CREDS]);
    const token = 'SECRET-TOKEN-0123456789';
    stand.reset([{ status: 401, body: { success: false, error: { description: `token ${token} rejected` }, auth_token: token } }]);
    const e2 = await rejectionOf(miniApp().getProfile(token));
    expectNoSecrets(e2, [token, CREDS]);
    stand.reset([], () => 'destroy');
    const e3 = await rejectionOf(miniApp({ retries: 0 }).getProfile(token));
    expectNoSecrets(e3, [token, CREDS]);
    let e4: any;
    try {
      e4 = await rejectionOf(S.createGoPayServer({ credentials: CREDS, baseUrl: 'https://' }).getAuthToken(code));
    } catch (x) {
      e4 = x;
    }
    expect(core.isGoPayError(e4)).toBe(true);
    expectNoSecrets(e4, [code, CREDS]);
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createSnapClient (BI-SNAP) against a stand-in; signatures verified with node:crypto', () => {
  const keys = keyPair();
  const CLIENT_ID = 'client-id-123';
  const CLIENT_SECRET = 'client-secret-SECRET-456';
  const MERCHANT_ID = 'M-0099';
  let tokenN = 0;
  const tokenReply = (expiresIn = '900') => ({
    status: 200,
    body: { responseCode: '2007300', responseMessage: 'Successful', accessToken: `snap-token-${++tokenN}`, tokenType: 'Bearer', expiresIn },
  });
  const WEB = 'https://gwk.gopayapi.com/app/merchanttransfer?tref=REF123&amount=10000';
  const paymentReply = (s: Seen): Reply => ({
    status: 200,
    body: {
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: 'A1B2C3',
      partnerReferenceNo: JSON.parse(s.body).partnerReferenceNo,
      webRedirectUrl: WEB,
      additionalInfo: { foo: 'bar' },
    },
  });
  const router =
    (routes: Record<string, (s: Seen) => Reply>) =>
    (s: Seen): Reply =>
      (routes[s.path] ?? (() => ({ status: 404, body: { responseCode: '4040000', responseMessage: 'no route' } })))(s);
  const snap = (extra: Record<string, unknown> = {}) =>
    S.createSnapClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      privateKey: keys.privateKey,
      merchantId: MERCHANT_ID,
      baseUrl: stand.state.url,
      ...extra,
    });
  const paymentBody = () => ({
    partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
    amount: { value: '10000.00', currency: 'IDR' },
    urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
    additionalInfo: { items: [{ id: 'i1', price: { value: '10000.00', currency: 'IDR' }, quantity: 1, name: 'Tea' }] },
  });

  it.each([
    ['clientId', { clientId: undefined }],
    ['clientSecret', { clientSecret: undefined }],
    ['privateKey', { privateKey: undefined }],
    ['merchantId', { merchantId: undefined }],
    ['a privateKey that is not PEM', { privateKey: 'not a key' }],
    ['a 4-digit channelId', { channelId: '9522' }],
    ['a Symbol clientId', { clientId: Symbol('x') }],
  ])('missing or wrong %s → GoPayValidationError before any request', async (_n: string, over: Record<string, unknown>) => {
    const fetch = vi.fn(async () => new Response('{}'));
    let client: any;
    try {
      client = snap({ fetch, ...over });
    } catch (e: any) {
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      expect(fetch).not.toHaveBeenCalled();
      return;
    }
    const e = await rejectionOf(client.accessToken());
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('accessToken: POST /v1.0/access-token/b2b, X-TIMESTAMP (+07:00), X-CLIENT-KEY, RSA X-SIGNATURE over clientId|timestamp', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply() }));
    const t = await snap().accessToken();
    expect(tokenOf(t)).toBe(`snap-token-${tokenN}`);
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    const ts = r.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(60_000);
    expect(r.headers['x-client-key']).toBe(CLIENT_ID);
    expect(rsaOk(keys.publicKey, `${CLIENT_ID}|${ts}`, r.headers['x-signature'])).toBe(true);
    expect(JSON.parse(r.body)).toEqual({ grantType: 'client_credentials' });
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });

  it("a 'BEGIN RSA PRIVATE KEY' (PKCS#1) key signs the same way", async () => {
    expect(keys.pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply() }));
    await snap({ privateKey: keys.pkcs1 }).accessToken();
    const [r] = stand.state.seen;
    expect(rsaOk(keys.publicKey, `${CLIENT_ID}|${r.headers['x-timestamp']}`, r.headers['x-signature'])).toBe(true);
  });

  it('the token is cached (until 60 s before expiresIn: a 30 s token is not cached) and concurrent callers share one request', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const c = snap();
    const all = await Promise.all([c.accessToken(), c.accessToken(), c.accessToken()]);
    expect(new Set(all.map(tokenOf)).size).toBe(1);
    await c.accessToken();
    expect(stand.state.seen).toHaveLength(1);
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('30') }));
    const short = snap();
    await short.accessToken();
    await short.accessToken();
    expect(stand.state.seen).toHaveLength(2);
  });

  it('tokenStore shares the token: set(key, value, ttlMs) after a fetch; a stored token is used without a request', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const store = new Map<string, unknown>();
    const tokenStore = {
      get: vi.fn(async (k: string) => store.get(k)),
      set: vi.fn((k: string, v: unknown, _ttl: number) => {
        store.set(k, v);
      }),
    };
    const first = tokenOf(await snap({ tokenStore }).accessToken());
    expect(tokenStore.set).toHaveBeenCalledTimes(1);
    const [, , ttl] = tokenStore.set.mock.calls[0];
    expect(ttl).toBeGreaterThan(830_000);
    expect(ttl).toBeLessThanOrEqual(840_000);
    const second = tokenOf(await snap({ tokenStore }).accessToken());
    expect(second).toBe(first);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('createPayment: headers, HMAC-SHA512 signature over the exact minified body, merchantId, deeplink', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply(), '/v1.0/debit/payment-host-to-host': paymentReply }));
    const body = paymentBody();
    const r = await snap().createPayment(body);
    expect(r).toMatchObject({
      referenceNo: 'A1B2C3',
      partnerReferenceNo: body.partnerReferenceNo,
      webRedirectUrl: WEB,
      deeplink: 'gopay://merchanttransfer?tref=REF123&amount=10000',
      additionalInfo: { foo: 'bar' },
    });
    expect(r.deeplink).toBe(core.toPaymentDeeplink(WEB));
    const token = `snap-token-${tokenN}`;
    const pay = stand.state.seen.find((s) => s.path === '/v1.0/debit/payment-host-to-host')!;
    expect(pay.method).toBe('POST');
    expect(pay.headers.authorization).toBe(`Bearer ${token}`);
    expect(pay.headers['x-partner-id']).toBe(CLIENT_ID);
    expect(pay.headers['channel-id']).toBe('95221');
    expect(pay.headers['x-external-id']).toBeTruthy();
    expect(pay.headers['content-type']).toMatch(/^application\/json/);
    const ts = pay.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    expect(minify(pay.body)).toBe(pay.body);
    const sent = JSON.parse(pay.body);
    expect(sent).toMatchObject(body);
    expect(sent.merchantId).toBe(MERCHANT_ID);
    const toSign = `POST:/v1.0/debit/payment-host-to-host:${token}:${sha256hex(pay.body).toLowerCase()}:${ts}`;
    expect(pay.headers['x-signature']).toBe(hmac512(CLIENT_SECRET, toSign));
  });

  it('X-EXTERNAL-ID: the externalId given, else a fresh id per call, the same on every retry', async () => {
    let n = 0;
    stand.reset(
      [],
      router({
        '/v1.0/access-token/b2b': () => tokenReply(),
        '/v1.0/debit/payment-host-to-host': (s) => (++n % 2 ? { status: 503, body: {} } : paymentReply(s)),
      }),
    );
    const c = snap();
    await c.createPayment(paymentBody(), { externalId: 'ext-42' });
    await c.createPayment(paymentBody());
    const ids = stand.state.seen.filter((s) => s.path === '/v1.0/debit/payment-host-to-host').map((s) => s.headers['x-external-id']);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe('ext-42');
    expect(ids[1]).toBe('ext-42');
    expect(ids[2]).toBeTruthy();
    expect(ids[3]).toBe(ids[2]);
    expect(ids[2]).not.toBe('ext-42');
  });

  it('a responseCode that does not start with 200 rejects with GoPayApiError (responseCode, description)', async () => {
    stand.reset(
      [],
      router({
        '/v1.0/access-token/b2b': () => tokenReply(),
        '/v1.0/debit/payment-host-to-host': (seen) => ({
          status: 200,
          body: {
            responseCode: '4045408',
            responseMessage: 'Merchant Not Found',
            // A careless gateway echoing what it received: none of it may reach the error.
            echo: { authorization: seen.headers.authorization, clientSecret: CLIENT_SECRET },
          },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4045408');
    expect(e.description).toBe('Merchant Not Found');
    expectNoSecrets(e, [CLIENT_SECRET, keys.privateKey.split('\n')[1], `snap-token-${tokenN}`]);
  });

  it('an answer saying the access token is invalid gets one fresh token and one more try', async () => {
    let n = 0;
    stand.reset(
      [],
      router({
        '/v1.0/access-token/b2b': () => tokenReply(),
        '/v1.0/debit/payment-host-to-host': (s) =>
          ++n === 1 ? { status: 401, body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' } } : paymentReply(s),
      }),
    );
    const r = await snap().createPayment(paymentBody());
    expect(r.referenceNo).toBe('A1B2C3');
    const tokens = stand.state.seen.filter((s) => s.path === '/v1.0/access-token/b2b');
    const pays = stand.state.seen.filter((s) => s.path === '/v1.0/debit/payment-host-to-host');
    expect(tokens).toHaveLength(2);
    expect(pays).toHaveLength(2);
    expect(pays[1].headers.authorization).not.toBe(pays[0].headers.authorization);
  });

  it('one more try only: a token still refused after a fresh one rejects with GoPayApiError', async () => {
    stand.reset(
      [],
      router({
        '/v1.0/access-token/b2b': () => tokenReply(),
        '/v1.0/debit/payment-host-to-host': () => ({
          status: 401,
          body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4015401');
    expect(stand.state.seen.filter((s) => s.path === '/v1.0/access-token/b2b')).toHaveLength(2);
    expect(stand.state.seen.filter((s) => s.path === '/v1.0/debit/payment-host-to-host')).toHaveLength(2);
  });

  it("getPaymentStatus: POST /v1.0/debit/status with serviceCode '54' → the answer with latestTransactionStatus", async () => {
    stand.reset(
      [],
      router({
        '/v1.0/access-token/b2b': () => tokenReply(),
        '/v1.0/debit/status': () => ({
          status: 200,
          body: {
            responseCode: '2005500',
            responseMessage: 'Successful',
            latestTransactionStatus: '00',
            originalPartnerReferenceNo: 'INV-1',
          },
        }),
      }),
    );
    const r = await snap().getPaymentStatus({ originalPartnerReferenceNo: 'INV-1' });
    expect(r.latestTransactionStatus).toBe('00');
    const st = stand.state.seen.find((s) => s.path === '/v1.0/debit/status')!;
    expect(st.method).toBe('POST');
    const sent = JSON.parse(st.body);
    expect(sent.serviceCode).toBe('54');
    expect(sent.originalPartnerReferenceNo).toBe('INV-1');
    const token = st.headers.authorization.replace(/^Bearer /, '');
    const toSign = `POST:/v1.0/debit/status:${token}:${sha256hex(st.body)}:${st.headers['x-timestamp']}`;
    expect(st.headers['x-signature']).toBe(hmac512(CLIENT_SECRET, toSign));
  });

  it('channelId sets CHANNEL-ID', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply(), '/v1.0/debit/payment-host-to-host': paymentReply }));
    await snap({ channelId: '12345' }).createPayment(paymentBody());
    expect(stand.state.seen.find((s) => s.path === '/v1.0/debit/payment-host-to-host')!.headers['channel-id']).toBe('12345');
  });

  it('the default baseUrl is production Midtrans', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(tokenReply().body)));
    await S.createSnapClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      privateKey: keys.privateKey,
      merchantId: MERCHANT_ID,
      fetch,
    }).accessToken();
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://merchants.midtrans.com/v1.0/access-token/b2b');
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('verifyNotification and NOTIFICATION_ACK', () => {
  const keys = keyPair();
  const other = keyPair();
  const notification = {
    originalPartnerReferenceNo: 'INV-77',
    originalReferenceNo: 'REF-77',
    latestTransactionStatus: '00',
    transactionStatusDesc: 'Success',
    amount: { value: '10000.00', currency: 'IDR' },
  };
  const signed = (raw: string, ts = jakarta(), path = '/v1.0/debit/notify', key = keys.privateKey) =>
    rsaSign('sha256', Buffer.from(`POST:${path}:${sha256hex(minify(raw))}:${ts}`), key).toString('base64');
  const input = (raw: string, ts: string, signature: string, lower = false) => ({
    method: 'POST',
    url: 'https://merchant.example/v1.0/debit/notify',
    headers: lower
      ? { 'x-timestamp': ts, 'x-signature': signature, 'content-type': 'application/json' }
      : { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signature, 'Content-Type': 'application/json' },
    body: raw,
  });

  it('accepts a good notification (the signature is over the minified body) and resolves with it parsed', async () => {
    const raw = JSON.stringify(notification, null, 2);
    const ts = jakarta();
    const r = await S.verifyNotification(input(raw, ts, signed(raw, ts)), { publicKey: keys.publicKey });
    expect(r).toEqual(notification);
    await expect(S.verifyNotification(input(raw, ts, signed(raw, ts), true), { publicKey: keys.publicKey })).resolves.toEqual(notification);
  });

  it('accepts a fetch Request', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    const req = new Request('https://merchant.example/v1.0/debit/notify', {
      method: 'POST',
      headers: { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signed(raw, ts), 'Content-Type': 'application/json' },
      body: raw,
    });
    await expect(S.verifyNotification(req, { publicKey: keys.publicKey })).resolves.toEqual(notification);
  });

  it.each([
    ['a changed byte in the body', (raw: string) => ({ raw: raw.replace('"00"', '"06"') })],
    ['another key', (_raw: string) => ({ key: other.privateKey })],
    ['another path', (_raw: string) => ({ path: '/v1.0/debit/other' })],
    ['a changed timestamp', (_raw: string) => ({ tsOverride: jakarta(Date.now() - 1_000) })],
    ['a stale timestamp (10 min)', (_raw: string) => ({ ts: jakarta(Date.now() - 600_000) })],
    ['a timestamp from the future (10 min)', (_raw: string) => ({ ts: jakarta(Date.now() + 600_000) })],
    ['no signature', (_raw: string) => ({ drop: true })],
  ])('refuses %s with GoPaySignatureError', async (_n: string, change: (raw: string) => any) => {
    const raw = JSON.stringify(notification);
    const c = change(raw);
    const ts = c.ts ?? jakarta();
    const signature = signed(raw, ts, c.path, c.key);
    const sent = input(c.raw ?? raw, c.tsOverride ?? ts, c.drop ? '' : signature);
    if (c.drop) delete (sent.headers as any)['X-SIGNATURE'];
    const e = await rejectionOf(S.verifyNotification(sent, { publicKey: keys.publicKey }));
    expect(e).toBeInstanceOf(S.GoPaySignatureError);
    expect(e.code).toBe('INVALID_SIGNATURE');
    expect(core.isGoPayError(e, 'INVALID_SIGNATURE')).toBe(true);
  });

  it('tolerance widens the accepted clock difference', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta(Date.now() - 600_000);
    await expect(
      S.verifyNotification(input(raw, ts, signed(raw, ts)), { publicKey: keys.publicKey, tolerance: 3_600_000 }),
    ).resolves.toEqual(notification);
  });

  it("NOTIFICATION_ACK is { responseCode: '2005600', responseMessage: 'Successful' }", () => {
    expect(S.NOTIFICATION_ACK).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('mock GoPay server', () => {
  let mock: any;
  let url = '';
  const notify = createStandIn();

  beforeAll(async () => {
    if (loadError) return;
    await notify.start();
    notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));
    mock = await M.createMockGoPayServer({ notifyUrl: `${notify.state.url}/v1.0/debit/notify` });
    url = await mock.listen(0);
  }, 30_000);

  afterAll(async () => {
    await mock?.close?.();
    await notify.stop();
  });

  const client = () => S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: url });
  const snapClient = (extra: Record<string, unknown> = {}) =>
    S.createSnapClient({
      clientId: mock.merchant.clientId,
      clientSecret: mock.merchant.clientSecret,
      privateKey: mock.merchant.privateKey,
      merchantId: mock.merchant.merchantId,
      baseUrl: url,
      ...extra,
    });

  it('listen() serves on 127.0.0.1 and resolves with the base URL; merchant credentials and the notification key are given', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    for (const k of ['credentials', 'clientId', 'clientSecret', 'privateKey', 'merchantId'])
      expect(typeof mock.merchant[k], k).toBe('string');
    expect(mock.merchant.privateKey).toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(mock.notificationPublicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(typeof mock.fetch).toBe('function');
    expect(Array.isArray(mock.requests)).toBe(true);
  });

  it('an auth code from createMockBridge is accepted once (token, then profile), then refused as GoPay does', async () => {
    const code = await bridgeAuthCode();
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    const c = client();
    const t = await c.getAuthToken(code);
    expect(typeof t.auth_token).toBe('string');
    expect(typeof t.gopay_account_id).toBe('string');
    const profile = await c.getProfile(t.auth_token);
    for (const k of ['phone_number', 'email', 'name']) expect(profile, k).toHaveProperty(k);
    const e = await rejectionOf(c.getAuthToken(code));
    expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
    expect(e.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('an unknown code answers as GoPay does: { success: false, error: { description: AuthCode Not Found } }, 4xx', async () => {
    const res = await fetch(`${url.replace(/\/$/, '')}/v1/mini-apps/authorizations/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${mock.merchant.credentials}`, 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: randomBytes(32).toString('hex') }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject({ success: false, error: { description: 'AuthCode Not Found' } });
    const e = await rejectionOf(client().getAuthToken('Z'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
  });

  it('a wrong Basic credential is refused (4xx GoPayApiError), without using up the code', async () => {
    const code = await bridgeAuthCode();
    const e = await rejectionOf(S.createGoPayServer({ credentials: 'd3Jvbmc6d3Jvbmc=', baseUrl: url }).getAuthToken(code));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
    expectNoSecrets(e, [code, 'd3Jvbmc6d3Jvbmc=']);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
  });

  it('authCodeTtl defaults to 6 minutes: a 5.5-minute-old code is accepted, a 6.5-minute-old one refused', async () => {
    const codeIssuedAgo = async (ms: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() - ms);
        return await bridgeAuthCode();
      } finally {
        vi.useRealTimers();
      }
    };
    const fresh = await codeIssuedAgo(330_000);
    const old = await codeIssuedAgo(390_000);
    await expect(client().getAuthToken(fresh)).resolves.toHaveProperty('auth_token');
    expect((await rejectionOf(client().getAuthToken(old))).code).toBe('AUTH_CODE_EXPIRED');
  });

  it("withAuthCode in the same process retries once when the backend's getAuthToken says the code expired", async () => {
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0 }) });
    const c = client();
    let burnt = '';
    const seen: string[] = [];
    const result = await gp.withAuthCode(async (arg: any) => {
      const code = typeof arg === 'string' ? arg : arg.code;
      seen.push(code);
      if (!burnt) {
        burnt = code;
        await c.getAuthToken(code); // used once here: the next exchange of this code is refused
      }
      return c.getAuthToken(code);
    });
    expect(result).toHaveProperty('auth_token');
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
  });

  it('an expired code is refused (authCodeTtl option)', async () => {
    const short = await M.createMockGoPayServer({ authCodeTtl: 50 });
    const shortUrl = await short.listen(0);
    try {
      const code = await bridgeAuthCode();
      await new Promise((r) => setTimeout(r, 200));
      const e = await rejectionOf(S.createGoPayServer({ credentials: short.merchant.credentials, baseUrl: shortUrl }).getAuthToken(code));
      expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
    } finally {
      await short.close();
    }
  });

  it("the mock bridge's server option: its auth codes come from the mock server and are accepted once", async () => {
    const code = await bridgeAuthCode({ server: url });
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
    expect((await rejectionOf(client().getAuthToken(code))).code).toBe('AUTH_CODE_EXPIRED');
  });

  it('mock.fetch is the whole mock as a web handler (no port needed)', async () => {
    const base = 'http://mock.invalid';
    const res = await mock.fetch(
      new Request(`${base}/v1/mini-apps/authorizations/token`, {
        method: 'POST',
        headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
        body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
      }),
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('requests, fail() and reset(): a fault is injected, recorded, and gone after reset()', async () => {
    mock.reset();
    const before = mock.requests.length;
    mock.fail('/v1/mini-apps/authorizations/token', 503, { success: false, error: { description: 'injected' } });
    const e = await rejectionOf(
      S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: url, retries: 0 }).getAuthToken(await bridgeAuthCode()),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(503);
    const received = mock.requests.slice(before).filter((r: any) => JSON.stringify(r).includes('/v1/mini-apps/authorizations/token'));
    expect(received.length).toBeGreaterThanOrEqual(1);
    mock.reset();
    await expect(client().getAuthToken(await bridgeAuthCode())).resolves.toHaveProperty('auth_token');
  });

  it('SNAP: token and payment accepted with mock.merchant; a bad signature and a stale X-TIMESTAMP are refused', async () => {
    const c = snapClient();
    expect(tokenOf(await c.accessToken())).toBeTruthy();
    const wrongKey = keyPair();
    const e = await rejectionOf(snapClient({ privateKey: wrongKey.privateKey }).accessToken());
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
    expectNoSecrets(e, [mock.merchant.clientSecret, wrongKey.privateKey.split('\n')[1]]);
    const ts = jakarta(Date.now() - 20 * 60_000);
    const signature = rsaSign('sha256', Buffer.from(`${mock.merchant.clientId}|${ts}`), mock.merchant.privateKey).toString('base64');
    const res = await fetch(`${url.replace(/\/$/, '')}/v1.0/access-token/b2b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-client-key': mock.merchant.clientId, 'x-signature': signature },
      body: JSON.stringify({ grantType: 'client_credentials' }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('payment: deeplink the mock bridge accepts; completePayment updates the status and sends a signed notification', async () => {
    notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));
    const c = snapClient();
    const body = {
      partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
      amount: { value: '25000.00', currency: 'IDR' },
      urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
      additionalInfo: {},
    };
    const p = await c.createPayment(body);
    expect(p.partnerReferenceNo).toBe(body.partnerReferenceNo);
    expect(typeof p.referenceNo).toBe('string');
    expect(p.deeplink).toMatch(/^gopay:\/\/merchanttransfer\?/);
    expect(p.deeplink).toBe(core.toPaymentDeeplink(p.webRedirectUrl));
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0 }) });
    await expect(gp.launchPayment(p.deeplink)).resolves.toMatchObject({ status: 'success' });

    await mock.completePayment(p.referenceNo, 'success');
    for (let i = 0; i < 100 && notify.state.seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(notify.state.seen.length).toBeGreaterThanOrEqual(1);
    const n = notify.state.seen[0];
    expect(n.method).toBe('POST');
    expect(n.path).toBe('/v1.0/debit/notify');
    const ts = n.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    // Independent check with node:crypto: SHA256withRSA over METHOD:path:sha256(minify(body)):timestamp.
    expect(rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify:${sha256hex(minify(n.body))}:${ts}`, n.headers['x-signature'])).toBe(
      true,
    );
    const reqLike = { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: n.body };
    const parsed = await S.verifyNotification(reqLike, { publicKey: mock.notificationPublicKey });
    expect(parsed.latestTransactionStatus).toBe('00');
    expect(parsed.originalPartnerReferenceNo ?? parsed.originalReferenceNo).toBeDefined();
    const tampered = n.body.replace(/"00"/, '"06"');
    expect(tampered).not.toBe(n.body);
    const e = await rejectionOf(S.verifyNotification({ ...reqLike, body: tampered }, { publicKey: mock.notificationPublicKey }));
    expect(e).toBeInstanceOf(S.GoPaySignatureError);
    const flipped = n.body.slice(0, -2) + String.fromCharCode(n.body.charCodeAt(n.body.length - 2) ^ 1) + n.body.slice(-1);
    expect((await rejectionOf(S.verifyNotification({ ...reqLike, body: flipped }, { publicKey: mock.notificationPublicKey }))).code).toBe(
      'INVALID_SIGNATURE',
    );

    const status = await c.getPaymentStatus({ originalPartnerReferenceNo: body.partnerReferenceNo });
    expect(status.latestTransactionStatus).toBe('00');
  });

  it.each([
    ['failed', ['05', '06']],
    ['success', ['00']],
  ])(
    "the mock bridge (server option) reports the user's answer '%s': the merchant gets a signed notification (%s)",
    async (status: string, latest: string[]) => {
      notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));
      const p = await snapClient().createPayment({
        partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
        amount: { value: '5000.00', currency: 'IDR' },
        urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
        additionalInfo: {},
      });
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: status }) });
      await expect(gp.launchPayment(p.deeplink)).resolves.toEqual({ status });
      for (let i = 0; i < 100 && notify.state.seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(notify.state.seen.length).toBeGreaterThanOrEqual(1);
      const n = notify.state.seen[0];
      const parsed = await S.verifyNotification(
        { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: n.body },
        { publicKey: mock.notificationPublicKey },
      );
      // A user's cancel ('failed' in the bridge's current docs) may be notified as canceled (05) or failed (06).
      expect(latest).toContain(parsed.latestTransactionStatus);
    },
  );

  it('a transactional request with a bad HMAC signature is refused', async () => {
    const token = tokenOf(await snapClient().accessToken());
    const body = JSON.stringify({ originalPartnerReferenceNo: 'INV-none', serviceCode: '54', merchantId: mock.merchant.merchantId });
    const ts = jakarta();
    const good = hmac512(mock.merchant.clientSecret, `POST:/v1.0/debit/status:${token}:${sha256hex(body)}:${ts}`);
    const send = (signature: string) =>
      fetch(`${url.replace(/\/$/, '')}/v1.0/debit/status`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-timestamp': ts,
          'x-partner-id': mock.merchant.clientId,
          'x-external-id': `ext-${randomBytes(4).toString('hex')}`,
          'channel-id': '95221',
          'x-signature': signature,
        },
        body,
      });
    const bad = await send(hmac512('not-the-secret', `POST:/v1.0/debit/status:${token}:${sha256hex(body)}:${ts}`));
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const res = await send(good);
    // The same request correctly signed is not refused as unauthorised (whatever it says about the unknown payment).
    expect(res.status).not.toBe(401);
    expect(String((await res.json()).responseCode ?? '')).not.toMatch(/^401/);
  });

  it('notifications are retried until the merchant answers 2005600', async () => {
    let n = 0;
    notify.reset([], () =>
      ++n === 1 ? { status: 500, body: { responseCode: '5005600', responseMessage: 'busy' } } : { status: 200, body: S.NOTIFICATION_ACK },
    );
    const p = await snapClient().createPayment({
      partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
      amount: { value: '7000.00', currency: 'IDR' },
      urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
      additionalInfo: {},
    });
    await mock.completePayment(p.referenceNo, 'success');
    for (let i = 0; i < 300 && notify.state.seen.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(notify.state.seen.length).toBeGreaterThanOrEqual(2);
    expect(notify.state.seen[1].body).toBe(notify.state.seen[0].body);
    await new Promise((r) => setTimeout(r, 300));
    expect(notify.state.seen).toHaveLength(2);
  }, 30_000);

  it("GoPay's own endpoints answer no CORS request from a localhost page", async () => {
    const res = await fetch(`${url.replace(/\/$/, '')}/v1/mini-apps/authorizations/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('close() stops serving', async () => {
    const m2 = await M.createMockGoPayServer();
    const u2 = await m2.listen(0);
    await m2.close();
    await expect(fetch(`${u2.replace(/\/$/, '')}/v1/mini-apps/users/profile`)).rejects.toThrow();
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('gopay-mock-server CLI', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid);
  });

  it('prints its URL and the merchant credentials, and serves', async () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const bin = resolve(root, pkg.bin['gopay-mock-server']);
    child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    for (let i = 0; i < 100 && !/http:\/\/(127\.0\.0\.1|localhost):\d+/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const m = /http:\/\/(127\.0\.0\.1|localhost):\d+/.exec(out);
    expect(m, out).not.toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(out).toMatch(/credential/i);
    const res = await fetch(`${m![0]}/v1/mini-apps/authorizations/token`, {
      method: 'POST',
      headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
