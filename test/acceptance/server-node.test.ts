// @vitest-environment node
// The merchant-backend entries in Node: dist/server.mjs against a GoPay stand-in (a real node:http server) and
// against dist/mock-server.mjs (and its CLI), written from the server contract (docs/server.md) (Mini App APIs, Payments (BI-SNAP),
// Notifications, Transport rules, Server errors) and "Mock GoPay server" only — never from src/.
// Signatures are made and checked independently with node:crypto.
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
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejectionOf } from './contract';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (f: string) => resolve(root, 'dist', f);

// -----------------------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac512 = (key: string, s: string) => createHmac('sha512', key).update(s).digest('base64');
const rsaOk = (publicKey: string, data: string, signature: string) =>
  rsaVerify('sha256', Buffer.from(data), publicKey, Buffer.from(String(signature), 'base64'));

/** The contract's minify: whitespace outside strings removed, strings (and their escapes) kept byte for byte. */
const minify = (raw: string) => {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const ch of raw) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') out += ch;
  }
  return out;
};
/** The body a client sent is the minified JSON text. */
const isMinifiedJson = (raw: string) => JSON.stringify(JSON.parse(raw)) === raw;

/** ISO-8601 at UTC+07:00 (Jakarta) without milliseconds, e.g. 2026-11-30T14:30:00+07:00. */
const jakarta = (ms = Date.now()) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR = 3_600_000;
const MiB = 1_048_576;

const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const pkcs1 = createPrivateKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
  return { publicKey, privateKey, pkcs1 };
};

/** Checks that none of the secrets shows in the error's message, body, cause, description, JSON.stringify or own properties. */
const expectNoSecrets = (e: any, secrets: string[]) => {
  const own: Record<string, unknown> = {};
  for (const k of Object.getOwnPropertyNames(e ?? {})) if (k !== 'stack') own[k] = e[k];
  const safe = (_k: string, v: unknown) => (typeof v === 'bigint' ? String(v) : v);
  const texts = [
    String(e?.message),
    JSON.stringify(e?.body ?? null, safe),
    String(e?.cause?.message ?? ''),
    JSON.stringify(e?.cause ?? null, safe) ?? '',
    JSON.stringify(e, safe) ?? '',
    JSON.stringify(own, safe) ?? '',
    String(e?.description ?? ''),
  ];
  for (const s of secrets) for (const t of texts) expect(t, `a secret (${s.slice(0, 4)}…) shows`).not.toContain(s);
};

/** What a synchronous call throws (fails the test when it does not throw). */
const thrownBy = (run: () => unknown): any => {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a synchronous throw, the call returned');
};

/** The error of a call, whether it throws synchronously or rejects. */
const failureOf = async (run: () => unknown): Promise<any> => {
  let p: unknown;
  try {
    p = run();
  } catch (e) {
    return e;
  }
  return rejectionOf(Promise.resolve(p));
};

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(50);
  }
  return false;
};

/** An object whose every inspection throws (a hostile or broken argument). */
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy get');
      },
      has() {
        throw new Error('proxy has');
      },
      ownKeys() {
        throw new Error('proxy ownKeys');
      },
      getOwnPropertyDescriptor() {
        throw new Error('proxy getOwnPropertyDescriptor');
      },
      getPrototypeOf() {
        throw new Error('proxy getPrototypeOf');
      },
    },
  );
const cyclic = () => {
  const o: any = { a: 1 };
  o.self = o;
  return o;
};

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
type Reply =
  { status: number; body?: unknown; headers?: Record<string, string> } | { raw: (res: ServerResponse) => void } | 'destroy' | 'hang';

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

const ok = (data: unknown): Reply => ({ status: 200, body: { success: true, data } });

/** One raw HTTP/1.1 request (any method, any request target): its status, or 'dropped'. */
const rawHttp = (base: string, method: string, path: string, headers: Record<string, string> = {}, body = '') =>
  new Promise<number | 'dropped'>((resolvePromise) => {
    const u = new URL(base);
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: { ...headers, connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise(res.statusCode ?? 0));
      res.on('error', () => resolvePromise('dropped'));
    });
    req.on('error', () => resolvePromise('dropped'));
    req.setTimeout(10_000, () => {
      req.destroy();
      resolvePromise('dropped');
    });
    req.end(body);
  });

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
let core: any; // dist/index.mjs (brand check, toPaymentDeeplink, createGoPay)
let bridgeMock: any; // dist/mock.mjs (auth codes, the payment sheet)
let loadError: unknown;
const stand = createStandIn();
const other = createStandIn(); // "another host": must never receive anything

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
  await other.start();
}, 30_000);

afterAll(async () => {
  await stand.stop();
  await other.stop();
});

beforeEach(() => {
  if (loadError) throw loadError;
  stand.reset([], () => ({ status: 404, body: { success: false, error: { description: 'no such route' } } }));
  other.reset([], () => ({ status: 200, body: { success: true, data: { stolen: true } } }));
});

const CREDS_ID = 'merchant-id';
const CREDS_PASSWORD = 'super-secret-credential/with+signs';
const CREDS = Buffer.from(`${CREDS_ID}:${CREDS_PASSWORD}`).toString('base64');
const miniApp = (extra: Record<string, unknown> = {}) => S.createGoPayServer({ credentials: CREDS, baseUrl: stand.state.url, ...extra });

// The SNAP merchant of the stand-in tests: Midtrans issues the partner id beside the client id, and they differ.
const keys = keyPair();
const CLIENT_ID = 'client-id-123';
const PARTNER_ID = 'partner-id-789';
const CLIENT_SECRET = 'client-secret-SECRET-456';
const MERCHANT_ID = 'M-0099';
let lastToken = '';
let tokenN = 0;
const tokenReply = (expiresIn = '900', token?: string): Reply => {
  lastToken = token ?? `snap-token-${++tokenN}-${randomBytes(6).toString('hex')}`;
  return {
    status: 200,
    body: { responseCode: '2007300', responseMessage: 'Successful', accessToken: lastToken, tokenType: 'Bearer', expiresIn },
  };
};
const WEB = 'https://gwk.gopayapi.com/app/merchanttransfer?tref=REF123&amount=10000';
const paymentReply = (s: Seen): Reply => ({
  status: 200,
  body: {
    responseCode: '2005400',
    responseMessage: 'Successful',
    referenceNo: 'A1B2C3',
    partnerReferenceNo: JSON.parse(s.body).partnerReferenceNo,
    webRedirectUrl: WEB,
    appRedirectUrl: 'gojek://gopay/merchanttransfer?tref=REF123',
    additionalInfo: { foo: 'bar' },
  },
});
const statusAnswer = {
  responseCode: '2005500',
  responseMessage: 'Successful',
  originalPartnerReferenceNo: 'INV-1',
  originalReferenceNo: 'A1B2C3',
  latestTransactionStatus: '04',
  transactionStatusDesc: 'Refunded',
  transAmount: { value: '10000.00', currency: 'IDR' },
  paidTime: '2026-11-30T14:31:00+07:00',
  refundHistory: [{ refundNo: 'RF-1', partnerRefundNo: 'RF-INV-1', refundAmount: { value: '1000.00', currency: 'IDR' } }],
  additionalInfo: {},
};
const router =
  (routes: Record<string, (s: Seen) => Reply>) =>
  (s: Seen): Reply =>
    (routes[s.path] ?? (() => ({ status: 404, body: { responseCode: '4040000', responseMessage: 'no route' } })))(s);
/** The usual SNAP routes: a token, a payment, a status, a refund, a cancel — each overridable. */
const snapRoutes = (over: Record<string, (s: Seen) => Reply> = {}) =>
  router({
    '/v1.0/access-token/b2b': () => tokenReply(),
    '/v1.0/debit/payment-host-to-host': paymentReply,
    '/v1.0/debit/status': () => ({ status: 200, body: statusAnswer }),
    '/v1.0/debit/refund': (s) => ({
      status: 200,
      body: {
        responseCode: '2005800',
        responseMessage: 'Successful',
        originalReferenceNo: 'A1B2C3',
        refundNo: 'RF-1',
        partnerRefundNo: JSON.parse(s.body).partnerRefundNo,
        refundAmount: { value: '1000.00', currency: 'IDR' },
        refundTime: '2026-11-30T15:00:00+07:00',
      },
    }),
    '/v1.0/debit/cancel': () => ({
      status: 200,
      body: {
        responseCode: '2005700',
        responseMessage: 'Successful',
        originalReferenceNo: 'A1B2C3',
        cancelTime: '2026-11-30T14:40:00+07:00',
      },
    }),
    ...over,
  });
const snapOptions = (extra: Record<string, unknown> = {}) => ({
  clientId: CLIENT_ID,
  partnerId: PARTNER_ID,
  clientSecret: CLIENT_SECRET,
  privateKey: keys.privateKey,
  merchantId: MERCHANT_ID,
  baseUrl: stand.state.url,
  ...extra,
});
const snap = (extra: Record<string, unknown> = {}) => S.createSnapClient(snapOptions(extra));
const paymentBody = (value = '10000.00') => ({
  partnerReferenceNo: `INV-${randomBytes(4).toString('hex')}`,
  payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value, currency: 'IDR' } }],
  urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
  additionalInfo: {
    pointOfPurchaseId: 'POP-1',
    items: [{ id: 'i1', price: { value, currency: 'IDR' }, quantity: 1, name: 'Tea' }],
  },
});
const seenAt = (path: string) => stand.state.seen.filter((s) => s.path === path);
/** The HMAC-SHA512 X-SIGNATURE of a transactional request, recomputed with node:crypto from what was sent. */
const expectSnapSigned = (s: Seen, secret = CLIENT_SECRET) => {
  const token = String(s.headers.authorization).replace(/^Bearer /, '');
  const toSign = `${s.method}:${s.path}:${token}:${sha256hex(s.body).toLowerCase()}:${s.headers['x-timestamp']}`;
  expect(s.headers['x-signature'], `signature of ${s.path}`).toBe(hmac512(secret, toSign));
};

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
      'snapTimestamp',
      'isGoPayError',
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

  it('server errors share the browser build’s brand (core isGoPayError, and the server’s own)', async () => {
    stand.reset([{ status: 400, body: { success: false, error: { description: 'Bad Request' } } }]);
    const e = await rejectionOf(miniApp().getAuthToken('C'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.code).toBe('API');
    expect(core.isGoPayError(e)).toBe(true);
    expect(core.isGoPayError(e, 'API')).toBe(true);
    expect(S.isGoPayError(e, 'API')).toBe(true);
    expect(e).toBeInstanceOf(Error);
  });

  it('snapTimestamp(): Jakarta time with +07:00 and no milliseconds', () => {
    const t = S.snapTimestamp();
    expect(t).toMatch(TS_RE);
    expect(Math.abs(Date.parse(t) - Date.now())).toBeLessThan(5_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2026, 10, 30, 7, 30, 0, 456));
      expect(S.snapTimestamp()).toBe('2026-11-30T14:30:00+07:00');
      vi.setSystemTime(Date.UTC(2026, 11, 31, 20, 0, 5));
      expect(S.snapTimestamp()).toBe('2027-01-01T03:00:05+07:00');
    } finally {
      vi.useRealTimers();
    }
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
  ])('%s → the factory throws GoPayValidationError synchronously, no request', (_n: string, options: any) => {
    const fetch = spyFetch();
    const e = thrownBy(() => S.createGoPayServer(options === undefined ? undefined : { fetch, ...options }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
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
    ["removeReminder(tok, '.')", (c: any) => c.removeReminder('tok', '.')],
    ["removeReminder(tok, '..')", (c: any) => c.removeReminder('tok', '..')],
    ["removeReminder(tok, 'a/b')", (c: any) => c.removeReminder('tok', 'a/b')],
    ["removeReminder(tok, '../push')", (c: any) => c.removeReminder('tok', '../push')],
    ["removeReminder(tok, '/')", (c: any) => c.removeReminder('tok', '/')],
    ['sendReward without amount', (c: any) => c.sendReward('tok', { description: 'd', reward_type: 'CASHBACK' })],
    ['opts.requestId 42', (c: any) => c.getAuthToken('E'.repeat(64), { requestId: 42 })],
    ['opts.signal {}', (c: any) => c.getAuthToken('E'.repeat(64), { signal: {} })],
    ['opts.timeout -5', (c: any) => c.getAuthToken('E'.repeat(64), { timeout: -5 })],
  ])('%s → GoPayValidationError, no request', async (_n: string, run: (c: any) => Promise<unknown>) => {
    const fetch = spyFetch();
    const client = S.createGoPayServer({ credentials: CREDS, fetch });
    const e = await failureOf(() => run(client));
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

  it('getProfile: GET …/users/profile with Bearer → { phone_number, email, username } (GoPay’s `username`)', async () => {
    const profile = { phone_number: '+628123', email: 'a@b.c', username: 'ani' };
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

  it("removeReminder: an id with dots inside (not '.' or '..') is sent as it is", async () => {
    stand.reset([ok(undefined)]);
    await expect(miniApp().removeReminder('tok', 'rem.7.a')).resolves.toBeUndefined();
    expect(stand.state.seen.map((s) => [s.method, s.path])).toEqual([['DELETE', '/v1/mini-apps/reminder/rem.7.a']]);
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

  it.each([
    ['a success without the success flag', { status: 200, body: { data: { auth_token: 't', gopay_account_id: 'a' } } }],
    ['a 200 that is not JSON', { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } }],
    ['an empty 200', { status: 200, body: '' }],
    ["success: 'true' (a string)", { status: 200, body: { success: 'true', data: { auth_token: 't', gopay_account_id: 'a' } } }],
  ])('anything but { success: true } rejects with GoPayApiError: %s', async (_n: string, reply: any) => {
    stand.reset([reply]);
    const e = await rejectionOf(miniApp().getAuthToken('Q'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
  });

  it("GoPayApiError.responseCode is GoPay's error.code; description is error.description", async () => {
    stand.reset([{ status: 400, body: { success: false, error: { code: '110', description: 'Invalid request parameters' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(400);
    expect(e.responseCode).toBe('110');
    expect(e.description).toBe('Invalid request parameters');
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
    stand.reset(['destroy', 'destroy', ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await expect(miniApp().getProfile('tok')).resolves.toEqual({ phone_number: '1', email: 'e', username: 'n' });
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
    stand.reset([{ status: 503, headers: { 'retry-after': '1' }, body: {} }, ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await miniApp().getProfile('tok');
    expect(stand.state.seen).toHaveLength(2);
    expect(stand.state.seen[1].at - stand.state.seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it('timeout is per attempt: a hung attempt is retried; all hung → GoPayTimeoutError (timeout, requestId)', async () => {
    stand.reset(['hang', ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await expect(miniApp({ timeout: 200 }).getProfile('tok')).resolves.toMatchObject({ username: 'n' });
    expect(stand.state.seen).toHaveLength(2);
    stand.reset([], () => 'hang');
    const t0 = Date.now();
    const e = await rejectionOf(miniApp({ timeout: 150, retries: 0 }).getProfile('tok', { requestId: 'req-slow-1' }));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(e).toBeInstanceOf(S.GoPayTimeoutError);
    expect(e.code).toBe('TIMEOUT');
    expect(e.timeout).toBe(150);
    expect(e.requestId).toBe('req-slow-1');
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
    await sleep(400);
    expect(stand.state.seen).toHaveLength(1);
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createGoPayServer: expired auth codes', () => {
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

  it.each(['Merchant not found', 'Client credentials expired', 'Route not found', 'Not Found'])(
    "getAuthToken: '%s' is another 'not found' or 'expired' → GoPayApiError, not GoPayAuthCodeExpiredError",
    async (description: string) => {
      stand.reset([], () => ({ status: 404, body: { success: false, error: { description } } }));
      // A credential that shares no word with the description (secrets are redacted from descriptions).
      const credentials = Buffer.from(`id-7:${randomBytes(12).toString('hex')}`).toString('base64');
      const e = await rejectionOf(miniApp({ credentials }).getAuthToken('K'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayApiError);
      expect(e).not.toBeInstanceOf(S.GoPayAuthCodeExpiredError);
      expect(e.code).toBe('API');
      expect(e.description).toBe(description);
    },
  );

  it('only getAuthToken turns an auth-code description into GoPayAuthCodeExpiredError', async () => {
    stand.reset([], () => ({ status: 404, body: { success: false, error: { description: 'AuthCode Not Found' } } }));
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.code).toBe('API');
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('createSnapClient (BI-SNAP) against a stand-in; signatures verified with node:crypto', () => {
  it.each([
    ['clientId', { clientId: undefined }],
    ['partnerId', { partnerId: undefined }],
    ["partnerId ''", { partnerId: '' }],
    ['partnerId 42', { partnerId: 42 }],
    ['clientSecret', { clientSecret: undefined }],
    ['privateKey', { privateKey: undefined }],
    ['merchantId', { merchantId: undefined }],
    ['a privateKey that is not PEM', { privateKey: 'not a key' }],
    ['a 4-digit channelId', { channelId: '9522' }],
    ['a 6-digit channelId', { channelId: '952211' }],
    ['a channelId of letters', { channelId: 'abcde' }],
    ['a Symbol clientId', { clientId: Symbol('x') }],
    ['deviceId 42', { deviceId: 42 }],
    ["headers 'debug-id'", { headers: 'debug-id' }],
  ])(
    'missing or wrong %s → the factory throws GoPayValidationError synchronously, no request',
    (_n: string, over: Record<string, unknown>) => {
      const fetch = vi.fn(async () => new Response('{}'));
      const options: Record<string, unknown> = snapOptions({ fetch, ...over });
      for (const k of Object.keys(over)) if (over[k] === undefined) delete options[k];
      const e = thrownBy(() => S.createSnapClient(options));
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('accessToken: POST /v1.0/access-token/b2b, X-TIMESTAMP (snapTimestamp), X-CLIENT-KEY = clientId, RSA X-SIGNATURE → the token string', async () => {
    stand.reset([], snapRoutes());
    const t = await snap().accessToken();
    expect(t).toBe(lastToken);
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1.0/access-token/b2b');
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
    stand.reset([], snapRoutes());
    await snap({ privateKey: keys.pkcs1 }).accessToken();
    const [r] = stand.state.seen;
    expect(rsaOk(keys.publicKey, `${CLIENT_ID}|${r.headers['x-timestamp']}`, r.headers['x-signature'])).toBe(true);
  });

  it('the token is cached (until 60 s before expiresIn: a 30 s token is not cached) and concurrent callers share one request', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const c = snap();
    const all = await Promise.all([c.accessToken(), c.accessToken(), c.accessToken()]);
    expect(new Set(all).size).toBe(1);
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
    const first = await snap({ tokenStore }).accessToken();
    expect(tokenStore.set).toHaveBeenCalledTimes(1);
    const [, , ttl] = tokenStore.set.mock.calls[0];
    expect(ttl).toBeGreaterThan(830_000);
    expect(ttl).toBeLessThanOrEqual(840_000);
    const second = await snap({ tokenStore }).accessToken();
    expect(second).toBe(first);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('a synchronous tokenStore works too', async () => {
    stand.reset([], router({ '/v1.0/access-token/b2b': () => tokenReply('900') }));
    const store = new Map<string, unknown>();
    const tokenStore = { get: (k: string) => store.get(k), set: (k: string, v: unknown) => void store.set(k, v) };
    const first = await snap({ tokenStore }).accessToken();
    await expect(snap({ tokenStore }).accessToken()).resolves.toBe(first);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('createPayment: headers (X-PARTNER-ID = partnerId, not clientId), HMAC-SHA512 over the exact minified body, GoPay’s body, the result', async () => {
    stand.reset([], snapRoutes());
    const body = paymentBody();
    const r = await snap().createPayment(body);
    expect(r).toMatchObject({
      referenceNo: 'A1B2C3',
      partnerReferenceNo: body.partnerReferenceNo,
      webRedirectUrl: WEB,
      appRedirectUrl: 'gojek://gopay/merchanttransfer?tref=REF123',
      deeplink: 'gopay://merchanttransfer?tref=REF123&amount=10000',
      additionalInfo: { foo: 'bar' },
    });
    expect(r.deeplink).toBe(core.toPaymentDeeplink(WEB));
    const [pay] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(pay.method).toBe('POST');
    expect(pay.headers.authorization).toBe(`Bearer ${lastToken}`);
    expect(pay.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(pay.headers['channel-id']).toBe('95221');
    expect(pay.headers['x-external-id']).toBeTruthy();
    expect(pay.headers['x-external-id'].length).toBeLessThanOrEqual(36);
    expect(pay.headers['x-device-id']).toBeUndefined();
    expect(pay.headers['content-type']).toMatch(/^application\/json/);
    expect(pay.headers['x-timestamp']).toMatch(TS_RE);
    expect(isMinifiedJson(pay.body)).toBe(true);
    const sent = JSON.parse(pay.body);
    expect(sent).toMatchObject(body);
    expect(sent.merchantId).toBe(MERCHANT_ID);
    expect(sent.chargeToken).toBe('');
    expect(sent).not.toHaveProperty('amount');
    expectSnapSigned(pay);
  });

  it('createPayment: a given merchantId and chargeToken are kept; validUpTo, urlParam and other fields pass through unchecked', async () => {
    stand.reset([], snapRoutes());
    const body = {
      ...paymentBody(),
      merchantId: 'M-OTHER',
      chargeToken: 'charge-token-1',
      validUpTo: 'not checked by the client',
      urlParam: { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' },
      somethingNew: { x: [1, 2] },
    };
    await snap().createPayment(body);
    expect(JSON.parse(seenAt('/v1.0/debit/payment-host-to-host')[0].body)).toEqual(body);
  });

  it.each([
    ['1.00', '1.00'],
    ['99999999999.00', '99999999999.00'],
    ['a 64-character partnerReferenceNo of letters, digits, - _ ~ .', 'ref64'],
  ])('createPayment accepts %s', async (_n: string, what: string) => {
    stand.reset([], snapRoutes());
    const body: any = what === 'ref64' ? paymentBody() : paymentBody(what);
    if (what === 'ref64') body.partnerReferenceNo = `Ab9-_~.${'x'.repeat(57)}`;
    expect(body.partnerReferenceNo.length).toBeLessThanOrEqual(64);
    await snap().createPayment(body);
    expect(JSON.parse(seenAt('/v1.0/debit/payment-host-to-host')[0].body)).toMatchObject(body);
  });

  const withPay = (over: Record<string, unknown>) => {
    const b: any = paymentBody();
    b.payOptionDetails = [{ ...b.payOptionDetails[0], ...over }];
    return b;
  };
  const withAmount = (over: Record<string, unknown>) => withPay({ transAmount: { value: '10000.00', currency: 'IDR', ...over } });
  it.each([
    ['no partnerReferenceNo', () => ({ ...paymentBody(), partnerReferenceNo: undefined })],
    ["partnerReferenceNo ''", () => ({ ...paymentBody(), partnerReferenceNo: '' })],
    ['a 65-character partnerReferenceNo', () => ({ ...paymentBody(), partnerReferenceNo: 'A'.repeat(65) })],
    ['a partnerReferenceNo with a space', () => ({ ...paymentBody(), partnerReferenceNo: 'INV 1' })],
    ["a partnerReferenceNo with '/'", () => ({ ...paymentBody(), partnerReferenceNo: 'INV/1' })],
    ["a partnerReferenceNo with '#'", () => ({ ...paymentBody(), partnerReferenceNo: 'INV#1' })],
    ['a partnerReferenceNo with a non-ASCII letter', () => ({ ...paymentBody(), partnerReferenceNo: 'ÏNV-1' })],
    ['no payOptionDetails', () => ({ ...paymentBody(), payOptionDetails: undefined })],
    ['payOptionDetails []', () => ({ ...paymentBody(), payOptionDetails: [] })],
    ['payOptionDetails not an array', () => ({ ...paymentBody(), payOptionDetails: 'GOPAY' })],
    ['no transAmount', () => withPay({ transAmount: undefined })],
    ["value '0.99' (below 1.00)", () => withAmount({ value: '0.99' })],
    ["value '0.00'", () => withAmount({ value: '0.00' })],
    ["value '-5.00'", () => withAmount({ value: '-5.00' })],
    ["value '100000000000.00' (above 99999999999.00)", () => withAmount({ value: '100000000000.00' })],
    ["value '10000' (no decimals)", () => withAmount({ value: '10000' })],
    ["value '10000.5' (one decimal)", () => withAmount({ value: '10000.5' })],
    ["value '10000.000' (three decimals)", () => withAmount({ value: '10000.000' })],
    ["value '10,000.00'", () => withAmount({ value: '10,000.00' })],
    ['no value', () => withAmount({ value: undefined })],
    ["currency 'USD'", () => withAmount({ currency: 'USD' })],
    ['no currency', () => withAmount({ currency: undefined })],
  ])('createPayment refuses %s with GoPayValidationError, nothing sent to the payment endpoint', async (_n: string, make: () => any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().createPayment(make()));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('a top-level amount without payOptionDetails (the old body) is refused with a GoPayValidationError that names payOptionDetails', async () => {
    stand.reset([], snapRoutes());
    const { payOptionDetails: _drop, ...rest } = paymentBody();
    const e = await failureOf(() => snap().createPayment({ ...rest, amount: { value: '10000.00', currency: 'IDR' } }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(String(e.message)).toContain('payOptionDetails');
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('X-EXTERNAL-ID: the externalId given (36 characters at most), else a fresh id per call, the same on every retry; 37 characters are refused', async () => {
    let n = 0;
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': (s) => (++n % 2 ? { status: 503, body: {} } : paymentReply(s)) }));
    const c = snap();
    const id36 = `ext-${'9'.repeat(32)}`;
    expect(id36).toHaveLength(36);
    await c.createPayment(paymentBody(), { externalId: id36 });
    await c.createPayment(paymentBody());
    const ids = seenAt('/v1.0/debit/payment-host-to-host').map((s) => s.headers['x-external-id']);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(id36);
    expect(ids[1]).toBe(id36);
    expect(ids[2]).toBeTruthy();
    expect(ids[2].length).toBeLessThanOrEqual(36);
    expect(ids[3]).toBe(ids[2]);
    expect(ids[2]).not.toBe(id36);
    stand.reset([], snapRoutes());
    const e = await failureOf(() => c.createPayment(paymentBody(), { externalId: `${id36}X` }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('a retry after a 5xx keeps X-EXTERNAL-ID and the body, and signs again', async () => {
    let n = 0;
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': (s) => (++n === 1 ? { status: 502, body: {} } : paymentReply(s)) }));
    await snap().createPayment(paymentBody());
    const [a, b] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(b.headers['x-external-id']).toBe(a.headers['x-external-id']);
    expect(b.body).toBe(a.body);
    expectSnapSigned(a);
    expectSnapSigned(b);
  });

  it('deviceId is sent as X-DEVICE-ID on transactional requests', async () => {
    stand.reset([], snapRoutes());
    await snap({ deviceId: 'device-42' }).createPayment(paymentBody());
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['x-device-id']).toBe('device-42');
  });

  it('headers: extra headers reach every transactional request', async () => {
    stand.reset([], snapRoutes());
    const c = snap({ headers: { 'debug-id': 'dbg-1' } });
    await c.createPayment(paymentBody());
    await c.getPaymentStatus({ originalReferenceNo: 'A1B2C3' });
    await c.refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-INV-1' });
    await c.cancelPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3' });
    const tx = stand.state.seen.filter((s) => s.path !== '/v1.0/access-token/b2b');
    expect(tx).toHaveLength(4);
    for (const s of tx) expect(s.headers['debug-id'], s.path).toBe('dbg-1');
  });

  it('headers cannot replace a header the client sets (refused by the factory, or not applied)', async () => {
    stand.reset([], snapRoutes());
    const evil = {
      'X-PARTNER-ID': 'evil-partner',
      'x-signature': 'evil-signature',
      Authorization: 'Bearer evil-token',
      'X-Timestamp': '2000-01-01T00:00:00+07:00',
      'X-EXTERNAL-ID': 'evil-external',
      'Channel-Id': '00000',
      'content-type': 'text/plain',
    };
    let c: any;
    try {
      c = snap({ headers: evil });
    } catch (e: any) {
      expect(e).toBeInstanceOf(S.GoPayValidationError);
      return;
    }
    await c.createPayment(paymentBody(), { externalId: 'ext-good' });
    const [pay] = seenAt('/v1.0/debit/payment-host-to-host');
    expect(pay.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(pay.headers.authorization).toBe(`Bearer ${lastToken}`);
    expect(pay.headers['x-timestamp']).toMatch(TS_RE);
    expect(pay.headers['x-timestamp']).not.toBe(evil['X-Timestamp']);
    expect(pay.headers['x-external-id']).toBe('ext-good');
    expect(pay.headers['channel-id']).toBe('95221');
    expect(pay.headers['content-type']).toMatch(/^application\/json/);
    expectSnapSigned(pay);
  });

  it('a responseCode that does not start with 200 rejects with GoPayApiError (responseCode, description)', async () => {
    stand.reset(
      [],
      snapRoutes({
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
    expectNoSecrets(e, [CLIENT_SECRET, keys.privateKey.split('\n')[1], lastToken]);
  });

  it('an answer saying the access token is invalid gets one fresh token and one more try (same X-EXTERNAL-ID and body, signed again)', async () => {
    let n = 0;
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) =>
          ++n === 1 ? { status: 401, body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' } } : paymentReply(s),
      }),
    );
    const r = await snap().createPayment(paymentBody());
    expect(r.referenceNo).toBe('A1B2C3');
    const pays = seenAt('/v1.0/debit/payment-host-to-host');
    expect(seenAt('/v1.0/access-token/b2b')).toHaveLength(2);
    expect(pays).toHaveLength(2);
    expect(pays[1].headers.authorization).not.toBe(pays[0].headers.authorization);
    expect(pays[1].headers['x-external-id']).toBe(pays[0].headers['x-external-id']);
    expect(pays[1].body).toBe(pays[0].body);
    expectSnapSigned(pays[1]);
  });

  it('one more try only: a token still refused after a fresh one rejects with GoPayApiError', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': () => ({
          status: 401,
          body: { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4015401');
    expect(seenAt('/v1.0/access-token/b2b')).toHaveLength(2);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(2);
  });

  it.each([
    ['originalReferenceNo', { originalReferenceNo: 'A1B2C3' }],
    ['originalExternalId', { originalExternalId: 'ext-original-1' }],
  ])(
    "getPaymentStatus by %s: POST /v1.0/debit/status, serviceCode '54', signed → latestTransactionStatus, transAmount, paidTime, refundHistory",
    async (_n: string, query: Record<string, string>) => {
      stand.reset([], snapRoutes());
      const r = await snap().getPaymentStatus(query);
      expect(r).toMatchObject({
        latestTransactionStatus: '04',
        transAmount: statusAnswer.transAmount,
        paidTime: statusAnswer.paidTime,
        refundHistory: statusAnswer.refundHistory,
        additionalInfo: {},
      });
      const [st] = seenAt('/v1.0/debit/status');
      expect(st.method).toBe('POST');
      expect(isMinifiedJson(st.body)).toBe(true);
      const sent = JSON.parse(st.body);
      expect(sent).toMatchObject({ ...query, serviceCode: '54' });
      expect(st.headers['x-partner-id']).toBe(PARTNER_ID);
      expectSnapSigned(st);
    },
  );

  it.each([
    ['only originalPartnerReferenceNo', { originalPartnerReferenceNo: 'INV-1' }],
    ['an empty query', {}],
    ['no query', undefined],
  ])('getPaymentStatus with %s (neither originalReferenceNo nor originalExternalId) → GoPayValidationError', async (_n: string, q: any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().getPaymentStatus(q));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/status')).toHaveLength(0);
  });

  it('refundPayment: POST /v1.0/debit/refund, the given fields and merchantId, signed → GoPay’s answer', async () => {
    stand.reset([], snapRoutes());
    const q = {
      originalPartnerReferenceNo: 'INV-1',
      originalReferenceNo: 'A1B2C3',
      partnerRefundNo: 'RF-INV-1',
      refundAmount: { value: '1000.00', currency: 'IDR' },
      reason: 'customer asked',
    };
    const r = await snap().refundPayment(q);
    expect(r).toMatchObject({ responseCode: '2005800', refundNo: 'RF-1', partnerRefundNo: 'RF-INV-1', refundTime: expect.any(String) });
    const [rf] = seenAt('/v1.0/debit/refund');
    expect(rf.method).toBe('POST');
    expect(JSON.parse(rf.body)).toMatchObject(q);
    expect(rf.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(rf.headers['x-external-id']).toBeTruthy();
    expect(rf.headers['x-external-id'].length).toBeLessThanOrEqual(36);
    expect(rf.headers['x-timestamp']).toMatch(TS_RE);
    expectSnapSigned(rf);
  });

  it.each([
    ['no partnerRefundNo', { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3' }],
    ["partnerRefundNo ''", { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: '' }],
  ])('refundPayment with %s → GoPayValidationError, nothing sent to the refund endpoint', async (_n: string, q: any) => {
    stand.reset([], snapRoutes());
    const e = await failureOf(() => snap().refundPayment(q));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(seenAt('/v1.0/debit/refund')).toHaveLength(0);
  });

  it('refundPayment: a refusal from GoPay rejects with GoPayApiError', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/refund': () => ({ status: 404, body: { responseCode: '4045801', responseMessage: 'Transaction Not Found' } }),
      }),
    );
    const e = await rejectionOf(
      snap().refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-2' }),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4045801');
    expect(e.description).toBe('Transaction Not Found');
  });

  it('cancelPayment: POST /v1.0/debit/cancel, the given fields and merchantId, signed → GoPay’s answer', async () => {
    stand.reset([], snapRoutes());
    const q = { originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', reason: 'changed mind' };
    const r = await snap().cancelPayment(q);
    expect(r).toMatchObject({ responseCode: '2005700' });
    const [cn] = seenAt('/v1.0/debit/cancel');
    expect(cn.method).toBe('POST');
    expect(JSON.parse(cn.body)).toMatchObject(q);
    expect(cn.headers['x-partner-id']).toBe(PARTNER_ID);
    expect(cn.headers['channel-id']).toBe('95221');
    expectSnapSigned(cn);
  });

  // The contract's "filled into bodies that have no merchantId" is read as GoPay's pages define the bodies: the host-to-host
  // payment lists merchantId ("Direct Debit API – GoPay"); the direct-debit status, refund and cancel bodies do not
  // ("Get Transaction Status API", "Refund API", "Cancel API"), nor do midtrans-client's README examples of them.
  it('merchantId (the option) is filled into the payment body only: status, refund and cancel bodies are sent as given', async () => {
    stand.reset([], snapRoutes());
    const c = snap();
    await c.createPayment(paymentBody());
    await c.getPaymentStatus({ originalReferenceNo: 'A1B2C3' });
    await c.refundPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', partnerRefundNo: 'RF-INV-1' });
    await c.cancelPayment({ originalPartnerReferenceNo: 'INV-1', originalReferenceNo: 'A1B2C3', merchantId: 'M-OTHER' });
    const bodies = stand.state.seen.filter((s) => s.path !== '/v1.0/access-token/b2b').map((s) => [s.path, JSON.parse(s.body).merchantId]);
    expect(bodies).toEqual([
      ['/v1.0/debit/payment-host-to-host', MERCHANT_ID],
      ['/v1.0/debit/status', undefined],
      ['/v1.0/debit/refund', undefined],
      ['/v1.0/debit/cancel', 'M-OTHER'],
    ]);
  });

  it('channelId sets CHANNEL-ID', async () => {
    stand.reset([], snapRoutes());
    await snap({ channelId: '12345' }).createPayment(paymentBody());
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['channel-id']).toBe('12345');
  });

  it('the default baseUrl is production Midtrans', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify((tokenReply() as any).body)));
    const { baseUrl: _b, ...options } = snapOptions({ fetch });
    await S.createSnapClient(options).accessToken();
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://merchants.midtrans.com/v1.0/access-token/b2b');
  });

  it('a timeout of a SNAP call carries requestId = its X-EXTERNAL-ID', async () => {
    stand.reset([], snapRoutes({ '/v1.0/debit/payment-host-to-host': () => 'hang' }));
    const e = await rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { externalId: 'ext-slow-1', timeout: 300 }));
    expect(e).toBeInstanceOf(S.GoPayTimeoutError);
    expect(e.requestId).toBe('ext-slow-1');
    expect(seenAt('/v1.0/debit/payment-host-to-host')[0].headers['x-external-id']).toBe('ext-slow-1');
  });
});

const reward = () => ({ amount: { value: 1000, currency: 'IDR' }, description: 'thanks', reward_type: 'CASHBACK' });

// -----------------------------------------------------------------------------------------------------------
describe('transport rules (both clients)', { timeout: 30_000 }, () => {
  it('a silent token endpoint ends in GoPayTimeoutError: the per-call and the client timeout bound the token request', async () => {
    stand.reset([], snapRoutes({ '/v1.0/access-token/b2b': () => 'hang' }));
    const t0 = Date.now();
    const e1 = await rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { timeout: 300 }));
    expect(e1).toBeInstanceOf(S.GoPayTimeoutError);
    const e2 = await rejectionOf(snap({ retries: 0, timeout: 300 }).accessToken());
    expect(e2).toBeInstanceOf(S.GoPayTimeoutError);
    const e3 = await rejectionOf(snap({ retries: 0 }).getPaymentStatus({ originalReferenceNo: 'A1B2C3' }, { timeout: 300 }));
    expect(e3).toBeInstanceOf(S.GoPayTimeoutError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('the signal aborts the token request (GoPayAbortError)', async () => {
    stand.reset([], snapRoutes({ '/v1.0/access-token/b2b': () => 'hang' }));
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 150);
    const e = await rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { signal: ctrl.signal }));
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(e.code).toBe('ABORTED');
  });

  it('a tokenStore that hangs is bounded by the call’s timeout (GoPayTimeoutError) and by its signal', async () => {
    stand.reset([], snapRoutes());
    const hangingStore = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) };
    const t0 = Date.now();
    const e1 = await rejectionOf(snap({ tokenStore: hangingStore, retries: 0 }).createPayment(paymentBody(), { timeout: 300 }));
    expect(e1).toBeInstanceOf(S.GoPayTimeoutError);
    const e2 = await rejectionOf(snap({ tokenStore: hangingStore, retries: 0, timeout: 300 }).accessToken());
    expect(e2).toBeInstanceOf(S.GoPayTimeoutError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 150);
    const e3 = await rejectionOf(snap({ tokenStore: hangingStore, retries: 0 }).createPayment(paymentBody(), { signal: ctrl.signal }));
    expect(e3).toBeInstanceOf(S.GoPayAbortError);
  });

  it('the signal also ends a backoff wait (Retry-After: 30)', async () => {
    stand.reset([], () => ({ status: 503, headers: { 'retry-after': '30' }, body: { success: false } }));
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 300);
    const t0 = Date.now();
    const e = await rejectionOf(miniApp().getProfile('tok', { signal: ctrl.signal }));
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(stand.state.seen).toHaveLength(1);
    stand.reset(
      [],
      snapRoutes({ '/v1.0/debit/payment-host-to-host': () => ({ status: 503, headers: { 'retry-after': '30' }, body: {} }) }),
    );
    const ctrl2 = new AbortController();
    setTimeout(() => ctrl2.abort(), 300);
    const e2 = await rejectionOf(snap().createPayment(paymentBody(), { signal: ctrl2.signal }));
    expect(e2).toBeInstanceOf(S.GoPayAbortError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
  });

  const notSignals: Array<[string, unknown]> = [
    ['{}', {}],
    ["'yes'", 'yes'],
    ['{ aborted: false }', { aborted: false }],
    ['{ aborted, addEventListener } without removeEventListener', { aborted: false, addEventListener() {} }],
  ];
  it.each(notSignals)('a signal that is not an AbortSignal (%s) → GoPayValidationError in both clients, no request', async (_n, signal) => {
    stand.reset([], snapRoutes());
    const e1 = await failureOf(() => miniApp().getProfile('tok', { signal }));
    expect(e1).toBeInstanceOf(S.GoPayValidationError);
    const e2 = await failureOf(() => snap().createPayment(paymentBody(), { signal }));
    expect(e2).toBeInstanceOf(S.GoPayValidationError);
    const e3 = await failureOf(() => snap().accessToken({ signal }));
    expect(e3).toBeInstanceOf(S.GoPayValidationError);
    expect(stand.state.seen).toHaveLength(0);
  });

  it.each([301, 302, 303, 307, 308])(
    'a %s is not followed: GoPayApiError, and the other host receives nothing (Mini App)',
    async (status: number) => {
      stand.reset([], (s) => ({ status, headers: { location: `${other.state.url}${s.path}` }, body: '' }));
      const e = await rejectionOf(miniApp().getAuthToken('R'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayApiError);
      expect(e.status).toBe(status);
      expect(stand.state.seen).toHaveLength(1);
      expect(other.state.seen).toHaveLength(0);
    },
  );

  it('a redirect is not followed by the SNAP client (token request and transactional request)', async () => {
    stand.reset([], (s) => ({ status: 307, headers: { location: `${other.state.url}${s.path}` }, body: '' }));
    const e1 = await rejectionOf(snap().accessToken());
    expect(e1).toBeInstanceOf(S.GoPayApiError);
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => ({ status: 308, headers: { location: `${other.state.url}${s.path}` }, body: '' }),
      }),
    );
    const e2 = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e2).toBeInstanceOf(S.GoPayApiError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
    expect(other.state.seen).toHaveLength(0);
  });

  const hugeText = (n: number) => 'x'.repeat(n);
  it('an answer larger than 1 MiB is refused (GoPayApiError), not retried — a 200 and a 503 alike', async () => {
    stand.reset([], () => ({ status: 200, body: { success: true, data: { auth_token: hugeText(MiB + 1024), gopay_account_id: 'a' } } }));
    const e1 = await rejectionOf(miniApp().getAuthToken('S'.repeat(64)));
    expect(e1).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
    stand.reset([], () => ({ status: 503, body: { success: false, error: { description: hugeText(MiB + 1024) } } }));
    const e2 = await rejectionOf(miniApp().getAuthToken('S'.repeat(64)));
    expect(e2).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('an answer just under 1 MiB is read', async () => {
    stand.reset([ok({ auth_token: hugeText(1_000_000), gopay_account_id: 'a' })]);
    const r = await miniApp().getAuthToken('S'.repeat(64));
    expect(r.auth_token).toHaveLength(1_000_000);
  });

  it('the rest of a larger answer is not read: an endless answer past 1 MiB ends in GoPayApiError, not a timeout', async () => {
    stand.reset([], () => ({
      raw: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"success":true,"data":{"auth_token":"${hugeText(MiB + 64 * 1024)}`);
      },
    }));
    const e = await rejectionOf(miniApp({ retries: 0, timeout: 15_000 }).getAuthToken('S'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('an answer larger than 1 MiB to a SNAP call is refused (GoPayApiError), not retried', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => {
          const r: any = paymentReply(s);
          r.body.additionalInfo = { padding: hugeText(MiB + 1024) };
          return r;
        },
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
  });

  it.each([
    ['a cyclic template_parameters', (c: any) => c.sendPushNotification('tok', { template_name: 'x', template_parameters: cyclic() })],
    [
      'a BigInt reward amount',
      (c: any) => c.sendReward('tok', { amount: { value: 10n, currency: 'IDR' }, description: 'd', reward_type: 'CASHBACK' }),
    ],
    ['a throwing Proxy as reminder params', (c: any) => c.createReminder('tok', throwingProxy())],
    ['a throwing Proxy as auth code', (c: any) => c.getAuthToken(throwingProxy())],
    ['a throwing Proxy as per-call options', (c: any) => c.getProfile('tok', throwingProxy())],
    ['a throwing Proxy as reward metadata', (c: any) => c.sendReward('tok', { ...reward(), metadata: throwingProxy() })],
  ])('createGoPayServer: %s → a GoPayError', async (_n: string, run: (c: any) => unknown) => {
    stand.reset([], () => ok({}));
    const e = await failureOf(() => run(miniApp()));
    expect(core.isGoPayError(e), String(e)).toBe(true);
  });

  it.each([
    ['a cyclic additionalInfo', () => [{ ...paymentBody(), additionalInfo: cyclic() }]],
    ['a BigInt in additionalInfo', () => [{ ...paymentBody(), additionalInfo: { n: 10n } }]],
    ['a throwing Proxy as body', () => [throwingProxy()]],
    ['a throwing Proxy as payOptionDetails', () => [{ ...paymentBody(), payOptionDetails: throwingProxy() }]],
    ['a throwing Proxy as options', () => [paymentBody(), throwingProxy()]],
  ])('createSnapClient.createPayment: %s → a GoPayError', async (_n: string, args: () => unknown[]) => {
    stand.reset([], snapRoutes());
    const c = snap();
    const e = await failureOf(() => c.createPayment(...args()));
    expect(core.isGoPayError(e), String(e)).toBe(true);
  });

  it.each(['getPaymentStatus', 'refundPayment', 'cancelPayment'])(
    'createSnapClient.%s with a throwing Proxy or a cyclic query → a GoPayError',
    async (m) => {
      stand.reset([], snapRoutes());
      const c = snap();
      const e1 = await failureOf(() => c[m](throwingProxy()));
      expect(core.isGoPayError(e1), String(e1)).toBe(true);
      const q = cyclic();
      Object.assign(q, { originalReferenceNo: 'A1B2C3', originalPartnerReferenceNo: 'INV-1', partnerRefundNo: 'RF-1' });
      const e2 = await failureOf(() => c[m](q));
      expect(core.isGoPayError(e2), String(e2)).toBe(true);
    },
  );

  it('the factories turn a throwing Proxy as options into a GoPayError thrown synchronously', () => {
    expect(core.isGoPayError(thrownBy(() => S.createGoPayServer(throwingProxy())))).toBe(true);
    expect(core.isGoPayError(thrownBy(() => S.createSnapClient(throwingProxy())))).toBe(true);
    expect(
      core.isGoPayError(thrownBy(() => S.createSnapClient(snapOptions({ tokenStore: throwingProxy(), headers: throwingProxy() })))),
    ).toBe(true);
  });

  it('a __proto__ key in an answer stays a plain field (data, error body, SNAP answer)', async () => {
    stand.reset([
      { status: 200, body: '{"success":true,"data":{"auth_token":"t","gopay_account_id":"a","__proto__":{"polluted":"yes"}}}' },
    ]);
    const r = await miniApp().getAuthToken('P'.repeat(64));
    expect(r.auth_token).toBe('t');
    expect(Object.prototype.hasOwnProperty.call(r, '__proto__')).toBe(true);
    expect(r.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    stand.reset([{ status: 400, body: '{"success":false,"__proto__":{"polluted":"yes"},"error":{"description":"bad"}}' }]);
    const e = await rejectionOf(miniApp().getAuthToken('P'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.description).toBe('bad');
    expect(Object.prototype.hasOwnProperty.call(e.body, '__proto__')).toBe(true);
    expect(e.body.polluted).toBeUndefined();
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => {
          const p = (paymentReply(s) as any).body;
          const text = JSON.stringify(p).replace(
            '"additionalInfo":{"foo":"bar"}',
            '"additionalInfo":{"foo":"bar","__proto__":{"polluted":"yes"}}',
          );
          return { status: 200, body: text };
        },
      }),
    );
    const pay = await snap().createPayment(paymentBody());
    expect(Object.prototype.hasOwnProperty.call(pay.additionalInfo, '__proto__')).toBe(true);
    expect(pay.additionalInfo.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('secrets never appear in an error', () => {
  it('credentials, auth codes and tokens echoed back as they are (message, body, cause, JSON.stringify)', async () => {
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
    const e4 = await failureOf(() => S.createGoPayServer({ credentials: CREDS, baseUrl: 'https://' }).getAuthToken(code));
    expect(core.isGoPayError(e4)).toBe(true);
    expectNoSecrets(e4, [code, CREDS]);
  });

  // Each secret echoed back in another form: cut, URL-encoded, decoded from Basic, or in another case.
  const CODE = `Ab3${randomBytes(30).toString('hex')}Z`.slice(0, 64);
  const TOKEN = `Tok/${randomBytes(12).toString('base64')}+abc=/${randomBytes(8).toString('hex')}`;
  const forms: Array<[string, () => string[]]> = [
    ['the auth code cut (its first 24 characters)', () => [CODE.slice(0, 24)]],
    ['the auth code in lower case', () => [CODE.toLowerCase()]],
    ['the auth code in upper case', () => [CODE.toUpperCase()]],
    ['the credential URL-encoded', () => [encodeURIComponent(CREDS)]],
    ['the credential decoded from Basic', () => [`${CREDS_ID}:${CREDS_PASSWORD}`]],
    ['the password decoded from Basic', () => [CREDS_PASSWORD]],
    ['the password decoded from Basic, URL-encoded', () => [encodeURIComponent(CREDS_PASSWORD)]],
    ['the credential cut (its first 20 characters)', () => [CREDS.slice(0, 20)]],
    ['the credential in lower case', () => [CREDS.toLowerCase()]],
  ];
  it.each(forms)('Mini App: %s', async (_n, echoed) => {
    const [shown] = echoed();
    stand.reset([
      {
        status: 400,
        body: { success: false, error: { code: '400', description: `refused: ${shown}` }, echo: shown, nested: { value: `x ${shown} y` } },
      },
    ]);
    const e = await rejectionOf(miniApp().getAuthToken(CODE));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expectNoSecrets(e, [shown, CODE, CREDS]);
  });

  const tokenForms: Array<[string, (t: string) => string]> = [
    ['as it is', (t) => t],
    ['cut (its first 20 characters)', (t) => t.slice(0, 20)],
    ['URL-encoded', (t) => encodeURIComponent(t)],
    ['in upper case', (t) => t.toUpperCase()],
    ['in lower case', (t) => t.toLowerCase()],
  ];
  it.each(tokenForms)('Mini App: the auth token echoed %s', async (_n, form) => {
    const shown = form(TOKEN);
    stand.reset([{ status: 401, body: { success: false, error: { description: `token ${shown} rejected` }, echo: shown } }]);
    const e = await rejectionOf(miniApp().getProfile(TOKEN));
    expectNoSecrets(e, [shown, TOKEN]);
  });

  it.each(tokenForms)('SNAP: the access token and the client secret echoed %s', async (_n, form) => {
    const secretToken = `${TOKEN}-snap`;
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/access-token/b2b': () => tokenReply('900', secretToken),
        '/v1.0/debit/payment-host-to-host': () => ({
          status: 400,
          body: {
            responseCode: '4005401',
            responseMessage: `Invalid Field Format ${form(secretToken)} ${form(CLIENT_SECRET)}`,
            echo: { token: form(secretToken), secret: form(CLIENT_SECRET) },
          },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expectNoSecrets(e, [form(secretToken), form(CLIENT_SECRET), secretToken, CLIENT_SECRET, keys.privateKey.split('\n')[1]]);
  });

  it('a password in baseUrl never appears (either client, whatever happens)', async () => {
    const password = 'PaSsW0rd-in-the-URL-42';
    const withPassword = (base: string) => base.replace('http://', `http://user:${password}@`);
    // A closed port: the request cannot be answered.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    stand.reset([], snapRoutes({ '/v1/mini-apps/users/profile': () => ({ status: 500, body: { success: false } }) }));
    // A client may refuse such a baseUrl, or strip the password and carry on: whatever fails, the password stays out.
    const settle = async (run: () => unknown) => {
      try {
        await run();
        return undefined;
      } catch (e) {
        return e;
      }
    };
    let errors = 0;
    for (const base of [withPassword(stand.state.url), withPassword(closedUrl)]) {
      const e1 = await settle(() => S.createGoPayServer({ credentials: CREDS, baseUrl: base, retries: 0 }).getProfile('tok'));
      const e2 = await settle(() =>
        S.createSnapClient(snapOptions({ baseUrl: base, retries: 0 })).getPaymentStatus({ originalReferenceNo: 'A1' }, { timeout: 2_000 }),
      );
      for (const e of [e1, e2]) {
        if (e === undefined) continue;
        errors++;
        expect(core.isGoPayError(e), String(e)).toBe(true);
        expectNoSecrets(e, [password, encodeURIComponent(password)]);
      }
    }
    expect(errors).toBeGreaterThanOrEqual(2);
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('verifyNotification and NOTIFICATION_ACK', () => {
  const other = keyPair();
  const notification = {
    originalPartnerReferenceNo: 'INV-77',
    originalReferenceNo: 'REF-77',
    latestTransactionStatus: '00',
    transactionStatusDesc: 'Success',
    amount: { value: '10000.00', currency: 'IDR' },
    additionalInfo: {},
  };
  const signed = (raw: string, ts = jakarta(), path = '/v1.0/debit/notify', key = keys.privateKey) =>
    rsaSign('sha256', Buffer.from(`POST:${path}:${sha256hex(minify(raw))}:${ts}`), key).toString('base64');
  const input = (
    raw: string,
    ts: string,
    signature: string,
    { lower = false, url = 'https://merchant.example/v1.0/debit/notify' } = {},
  ) => ({
    method: 'POST',
    url,
    headers: lower
      ? { 'x-timestamp': ts, 'x-signature': signature, 'content-type': 'application/json' }
      : { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signature, 'Content-Type': 'application/json' },
    body: raw,
  });
  const verify = (i: unknown, o: Record<string, unknown> = {}) => S.verifyNotification(i, { publicKey: keys.publicKey, ...o });
  const refused = async (p: Promise<unknown>) => {
    const e = await rejectionOf(p);
    expect(e).toBeInstanceOf(S.GoPaySignatureError);
    expect(e.code).toBe('INVALID_SIGNATURE');
    expect(core.isGoPayError(e, 'INVALID_SIGNATURE')).toBe(true);
  };

  it('accepts a good notification (the signature is over the minified body) and resolves with it parsed', async () => {
    const raw = JSON.stringify(notification, null, 2);
    const ts = jakarta();
    await expect(verify(input(raw, ts, signed(raw, ts)))).resolves.toEqual(notification);
    await expect(verify(input(raw, ts, signed(raw, ts), { lower: true }))).resolves.toEqual(notification);
  });

  it('minify removes whitespace outside strings only: spaces, escapes and \\u sequences inside strings are kept as sent', async () => {
    const raw = '{\n\t"a" : "two  spaces",\r\n "b": "say \\"hi  there\\" \\\\ ",  "c" : "\\u0041 \\n" , "d": [ 1 , 2 ]\n}';
    const parsed = JSON.parse(raw);
    const ts = jakarta();
    await expect(verify(input(raw, ts, signed(raw, ts)))).resolves.toEqual(parsed);
    // A signature over the JSON round trip (which rewrites "\u0041" as "A") is not the signature over the minified body.
    const roundTrip = JSON.stringify(parsed);
    const wrong = rsaSign('sha256', Buffer.from(`POST:/v1.0/debit/notify:${sha256hex(roundTrip)}:${ts}`), keys.privateKey).toString(
      'base64',
    );
    await refused(verify(input(raw, ts, wrong)));
  });

  it('accepts a fetch Request', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    const req = new Request('https://merchant.example/v1.0/debit/notify', {
      method: 'POST',
      headers: { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signed(raw, ts), 'Content-Type': 'application/json' },
      body: raw,
    });
    await expect(verify(req)).resolves.toEqual(notification);
  });

  it('the default path is the request path from its /v1.0/ segment on (Midtrans appends /v1.0/debit/notify to the registered URL)', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    const url = 'https://merchant.example/api/gopay/v1.0/debit/notify';
    await expect(verify(input(raw, ts, signed(raw, ts, '/v1.0/debit/notify'), { url }))).resolves.toEqual(notification);
    const req = new Request(url, { method: 'POST', headers: { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signed(raw, ts) }, body: raw });
    await expect(verify(req)).resolves.toEqual(notification);
    // Signed over the whole path instead: not what Midtrans signs, refused by default…
    await refused(verify(input(raw, ts, signed(raw, ts, '/api/gopay/v1.0/debit/notify'), { url })));
    // …and accepted when the path option says so.
    await expect(
      verify(input(raw, ts, signed(raw, ts, '/api/gopay/v1.0/debit/notify'), { url }), { path: '/api/gopay/v1.0/debit/notify' }),
    ).resolves.toEqual(notification);
  });

  it('a request path without a /v1.0/ segment: the whole path is the default', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    const url = 'https://merchant.example/hooks/gopay';
    await expect(verify(input(raw, ts, signed(raw, ts, '/hooks/gopay'), { url }))).resolves.toEqual(notification);
    await refused(verify(input(raw, ts, signed(raw, ts, '/v1.0/debit/notify'), { url })));
  });

  it('the path option: the path Midtrans signed', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    await expect(verify(input(raw, ts, signed(raw, ts, '/v1.0/debit/other')), { path: '/v1.0/debit/other' })).resolves.toEqual(
      notification,
    );
    await refused(verify(input(raw, ts, signed(raw, ts)), { path: '/v1.0/debit/other' }));
  });

  it.each([
    ['a changed byte in the body', (raw: string) => ({ raw: raw.replace('"00"', '"06"') })],
    ['another key', (_raw: string) => ({ key: other.privateKey })],
    ['another path', (_raw: string) => ({ path: '/v1.0/debit/other' })],
    ['a changed timestamp', (_raw: string) => ({ tsOverride: jakarta(Date.now() - 1_000) })],
    ['a timestamp 25 hours old (beyond the one-day default)', (_raw: string) => ({ ts: jakarta(Date.now() - 25 * HOUR) })],
    ['a timestamp 25 hours ahead', (_raw: string) => ({ ts: jakarta(Date.now() + 25 * HOUR) })],
    ['an unparsable timestamp', (_raw: string) => ({ ts: 'yesterday' })],
    ['no signature', (_raw: string) => ({ drop: 'X-SIGNATURE' })],
    ['no timestamp', (_raw: string) => ({ drop: 'X-TIMESTAMP' })],
    ['a body that is not JSON (signed nonetheless)', (_raw: string) => ({ raw: '{"latestTransactionStatus":"00"' })],
  ])('refuses %s with GoPaySignatureError', async (_n: string, change: (raw: string) => any) => {
    const raw0 = JSON.stringify(notification);
    const c = change(raw0);
    const ts = c.ts ?? jakarta();
    const notJson = c.raw && !c.raw.endsWith('}');
    const signature = signed(notJson ? c.raw : raw0, ts, c.path, c.key);
    const sent = input(c.raw ?? raw0, c.tsOverride ?? ts, signature);
    if (c.drop) delete (sent.headers as any)[c.drop];
    await refused(verify(sent));
  });

  it('the default tolerance is one day, either way: 2 hours old or ahead verifies', async () => {
    const raw = JSON.stringify(notification);
    for (const ts of [jakarta(Date.now() - 2 * HOUR), jakarta(Date.now() + 2 * HOUR), jakarta(Date.now() - 23 * HOUR)])
      await expect(verify(input(raw, ts, signed(raw, ts)))).resolves.toEqual(notification);
  });

  it('tolerance sets the accepted clock difference', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta(Date.now() - 600_000);
    await expect(verify(input(raw, ts, signed(raw, ts)), { tolerance: 3_600_000 })).resolves.toEqual(notification);
    await refused(verify(input(raw, ts, signed(raw, ts)), { tolerance: 60_000 }));
    const old = jakarta(Date.now() - 30 * HOUR);
    await expect(verify(input(raw, old, signed(raw, old)), { tolerance: 2 * 86_400_000 })).resolves.toEqual(notification);
  });

  it('publicKey may be an array while Midtrans rotates its key: any one that verifies', async () => {
    const raw = JSON.stringify(notification);
    const ts = jakarta();
    await expect(verify(input(raw, ts, signed(raw, ts)), { publicKey: [other.publicKey, keys.publicKey] })).resolves.toEqual(notification);
    await expect(verify(input(raw, ts, signed(raw, ts)), { publicKey: [keys.publicKey, other.publicKey] })).resolves.toEqual(notification);
    await refused(verify(input(raw, ts, signed(raw, ts)), { publicKey: [other.publicKey] }));
  });

  it('maxBodyBytes defaults to 1 MiB (counted in bytes): a larger body is refused even when signed', async () => {
    const ts = jakarta();
    const under = JSON.stringify({ ...notification, additionalInfo: { pad: 'x'.repeat(1_000_000) } });
    await expect(verify(input(under, ts, signed(under, ts)))).resolves.toMatchObject({ latestTransactionStatus: '00' });
    const over = JSON.stringify({ ...notification, additionalInfo: { pad: 'x'.repeat(MiB) } });
    await refused(verify(input(over, ts, signed(over, ts))));
    // 600,000 characters, 1.2 million bytes in UTF-8.
    const multibyte = JSON.stringify({ ...notification, additionalInfo: { pad: 'é'.repeat(600_000) } });
    expect(multibyte.length).toBeLessThan(MiB);
    await refused(verify(input(multibyte, ts, signed(multibyte, ts))));
  });

  it('maxBodyBytes option', async () => {
    const ts = jakarta();
    const raw = JSON.stringify(notification);
    await refused(verify(input(raw, ts, signed(raw, ts)), { maxBodyBytes: 100 }));
    const big = JSON.stringify({ ...notification, additionalInfo: { pad: 'x'.repeat(1_500_000) } });
    await expect(verify(input(big, ts, signed(big, ts)), { maxBodyBytes: 2 * MiB })).resolves.toMatchObject({
      latestTransactionStatus: '00',
    });
  });

  it('a larger streamed body is refused before it is read further (no hang, not read to the end)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let pulled = 0;
    const total = 64 * MiB;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (pulled >= total) return ctrl.close();
        pulled += chunk.byteLength;
        ctrl.enqueue(chunk);
      },
    });
    const ts = jakarta();
    const req = new Request('https://merchant.example/v1.0/debit/notify', {
      method: 'POST',
      headers: { 'X-TIMESTAMP': ts, 'X-SIGNATURE': signed('{}', ts) },
      body: stream,
      duplex: 'half',
    } as any);
    await refused(verify(req));
    expect(pulled).toBeLessThan(4 * MiB);
  });

  it("NOTIFICATION_ACK is { responseCode: '2005600', responseMessage: 'Successful' }", () => {
    expect(S.NOTIFICATION_ACK).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('mock GoPay server', { timeout: 30_000 }, () => {
  let mock: any;
  let url = '';
  const notify = createStandIn();
  const NOTIFY_PATH = '/api/gopay/v1.0/debit/notify';
  const base = () => url.replace(/\/$/, '');
  const ackAll = () => notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));

  beforeAll(async () => {
    if (loadError) return;
    await notify.start();
    ackAll();
    mock = await M.createMockGoPayServer({ notifyUrl: `${notify.state.url}${NOTIFY_PATH}` });
    url = await mock.listen(0);
  }, 30_000);

  afterAll(async () => {
    await mock?.close?.();
    await notify.stop();
  });

  const client = () => S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: url });
  const snapClient = (extra: Record<string, unknown> = {}, m = mock, u = url) =>
    S.createSnapClient({
      clientId: m.merchant.clientId,
      partnerId: m.merchant.partnerId,
      clientSecret: m.merchant.clientSecret,
      privateKey: m.merchant.privateKey,
      merchantId: m.merchant.merchantId,
      baseUrl: u,
      ...extra,
    });
  const mockPayment = (value = '10000.00', m = mock) => ({
    partnerReferenceNo: `INV-${randomBytes(5).toString('hex')}`,
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value, currency: 'IDR' } }],
    urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
    additionalInfo: { pointOfPurchaseId: m.merchant.pointOfPurchaseId },
  });
  /** A SNAP request signed here with node:crypto, bypassing the client's own checks. */
  const snapRaw = async (
    path: string,
    body: unknown,
    o: { token?: string | null; partnerId?: string; timestamp?: string; secret?: string; externalId?: string } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const token = o.token === undefined ? await snapClient().accessToken() : o.token;
    const ts = o.timestamp ?? jakarta();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-timestamp': ts,
      'x-partner-id': o.partnerId ?? mock.merchant.partnerId,
      'x-external-id': o.externalId ?? randomBytes(8).toString('hex'),
      'channel-id': '95221',
      'x-signature': hmac512(o.secret ?? mock.merchant.clientSecret, `POST:${path}:${token ?? ''}:${sha256hex(raw)}:${ts}`),
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${base()}${path}`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: json };
  };
  const rawPaymentBody = () => ({ ...mockPayment(), merchantId: mock.merchant.merchantId, chargeToken: '' });
  const notesFor = (ref: string, n = notify) => n.state.seen.filter((s) => s.body.includes(ref));
  const statusesFor = (ref: string) => {
    const out: string[] = [];
    for (const s of notesFor(ref)) {
      const st = JSON.parse(s.body).latestTransactionStatus;
      if (out[out.length - 1] !== st) out.push(st);
    }
    return out;
  };
  const statusOf = async (ref: string, m = mock, u = url) =>
    (await snapClient({}, m, u).getPaymentStatus({ originalReferenceNo: ref })).latestTransactionStatus;
  const verifyNote = (n: Seen) =>
    S.verifyNotification(
      { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: n.body },
      { publicKey: mock.notificationPublicKey },
    );

  it('listen() serves on 127.0.0.1 and resolves with the base URL; mock.merchant and the notification key are given', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    for (const k of ['credentials', 'clientId', 'partnerId', 'clientSecret', 'privateKey', 'merchantId', 'pointOfPurchaseId'])
      expect(typeof mock.merchant[k], k).toBe('string');
    expect(mock.merchant.partnerId).not.toBe(mock.merchant.clientId);
    expect(mock.merchant.privateKey).toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(mock.notificationPublicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(typeof mock.fetch).toBe('function');
    expect(Array.isArray(mock.requests)).toBe(true);
  });

  it('the credentials and the notification key are fixed: the same on every start', async () => {
    const m2 = await M.createMockGoPayServer();
    try {
      expect(m2.merchant).toEqual(mock.merchant);
      expect(m2.notificationPublicKey).toBe(mock.notificationPublicKey);
    } finally {
      await m2.close?.()?.catch?.(() => {});
    }
  });

  it('… and the same in another process', async () => {
    const script = `import(${JSON.stringify(pathToFileURL(dist('mock-server.mjs')).href)}).then(async (M) => {
      const m = await M.createMockGoPayServer();
      process.stdout.write(JSON.stringify({ merchant: m.merchant, key: m.notificationPublicKey }));
      process.exit(0);
    });`;
    const out = await new Promise<string>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      let err = '';
      child.stdout!.on('data', (d) => (text += String(d)));
      child.stderr!.on('data', (d) => (err += String(d)));
      child.on('exit', (codeNo) => (codeNo === 0 ? resolvePromise(text) : reject(new Error(`child exited ${codeNo}: ${err}`))));
    });
    const theirs = JSON.parse(out);
    expect(theirs.merchant).toEqual(mock.merchant);
    expect(theirs.key).toBe(mock.notificationPublicKey);
  });

  it('the merchant option replaces the credentials', async () => {
    const k = keyPair();
    const merchant = {
      credentials: Buffer.from('custom-merchant:custom-password').toString('base64'),
      clientId: 'custom-client-id',
      partnerId: 'custom-partner-id',
      clientSecret: 'custom-client-secret',
      privateKey: k.privateKey,
      merchantId: 'M-CUSTOM',
      pointOfPurchaseId: 'POP-CUSTOM',
    };
    const m = await M.createMockGoPayServer({ merchant });
    const u = await m.listen(0);
    try {
      expect(m.merchant).toMatchObject(merchant);
      await expect(
        S.createGoPayServer({ credentials: merchant.credentials, baseUrl: u }).getAuthToken(await bridgeAuthCode()),
      ).resolves.toHaveProperty('auth_token');
      const e = await rejectionOf(
        S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: u, retries: 0 }).getAuthToken(await bridgeAuthCode()),
      );
      expect(e).toBeInstanceOf(S.GoPayApiError);
      const p = await snapClient({}, m, u).createPayment(mockPayment('5000.00', m));
      expect(typeof p.referenceNo).toBe('string');
      const e2 = await rejectionOf(snapClient({ retries: 0 }, mock, u).accessToken());
      expect(e2).toBeInstanceOf(S.GoPayApiError);
    } finally {
      await m.close();
    }
  });

  it('an auth code from createMockBridge is accepted once (token, then a profile with username), then refused as GoPay does', async () => {
    const code = await bridgeAuthCode();
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    const c = client();
    const t = await c.getAuthToken(code);
    expect(typeof t.auth_token).toBe('string');
    expect(typeof t.gopay_account_id).toBe('string');
    const profile = await c.getProfile(t.auth_token);
    expect(typeof profile.username).toBe('string');
    const e = await rejectionOf(c.getAuthToken(code));
    expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
    expect(e.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('an auth code from createMockBridge in another process is accepted', async () => {
    const script = `import(${JSON.stringify(pathToFileURL(dist('mock.mjs')).href)}).then((B) => {
      B.createMockBridge({ latency: 0 }).call('GPMiniAppAuth', 'getAuthCode', {}, (env) => {
        const e = typeof env === 'string' ? JSON.parse(env) : env;
        process.stdout.write(String(e && e.data && e.data.authCode));
        process.exit(0);
      }, () => process.exit(2), 10000);
    });`;
    const code = await new Promise<string>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout!.on('data', (d) => (text += String(d)));
      child.on('exit', (codeNo) =>
        codeNo === 0 ? resolvePromise(text.trim().split('\n').pop()!) : reject(new Error(`child exited ${codeNo}`)),
      );
    });
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
  });

  it('an unknown code answers as GoPay does: { success: false, error: { description: AuthCode Not Found } }, 4xx', async () => {
    const res = await fetch(`${base()}/v1/mini-apps/authorizations/token`, {
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
    expect(e).not.toBeInstanceOf(S.GoPayAuthCodeExpiredError);
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
      await sleep(200);
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
    const res = await mock.fetch(
      new Request('http://mock.invalid/v1/mini-apps/authorizations/token', {
        method: 'POST',
        headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
        body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
      }),
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const code = await bridgeAuthCode();
    const ok2 = await mock.fetch(
      new Request('http://mock.invalid/v1/mini-apps/authorizations/token', {
        method: 'POST',
        headers: { authorization: `Basic ${mock.merchant.credentials}`, 'content-type': 'application/json', 'request-id': 'r-1' },
        body: JSON.stringify({ auth_code: code }),
      }),
    );
    expect(ok2.status).toBe(200);
    expect(await ok2.json()).toMatchObject({ success: true, data: { auth_token: expect.any(String) } });
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

  it('maxRequests: the request log keeps the last ones (default 1,000; the option sets it)', async () => {
    const send = async (m: any, n: number) => {
      for (let i = 0; i < n; i++) {
        const mark = `m${String(i).padStart(5, '0')}x`;
        await m.fetch(new Request(`http://mock.invalid/v1/mini-apps/users/profile?mark=${mark}`, { headers: { 'request-id': mark } }));
      }
    };
    const keepsLast = (log: unknown[], first: number, last: number) => {
      const text = JSON.stringify(log);
      if (!/m\d{5}x/.test(text)) return; // the log's entries do not show these marks: only the count is checked
      expect(text).toContain(`m${String(last).padStart(5, '0')}x`);
      expect(text).not.toContain(`m${String(first).padStart(5, '0')}x`);
    };
    const small = await M.createMockGoPayServer({ maxRequests: 5 });
    try {
      await send(small, 12);
      expect(small.requests).toHaveLength(5);
      keepsLast(small.requests, 6, 11);
    } finally {
      await small.close?.()?.catch?.(() => {});
    }
    const byDefault = await M.createMockGoPayServer();
    try {
      await send(byDefault, 1_010);
      expect(byDefault.requests).toHaveLength(1_000);
      keepsLast(byDefault.requests, 9, 1_009);
    } finally {
      await byDefault.close?.()?.catch?.(() => {});
    }
  });

  it('SNAP: the token (grantType or grant_type) and a payment are accepted with mock.merchant', async () => {
    const c = snapClient();
    expect(typeof (await c.accessToken())).toBe('string');
    for (const body of [{ grantType: 'client_credentials' }, { grant_type: 'client_credentials' }]) {
      const ts = jakarta();
      const signature = rsaSign('sha256', Buffer.from(`${mock.merchant.clientId}|${ts}`), mock.merchant.privateKey).toString('base64');
      const res = await fetch(`${base()}/v1.0/access-token/b2b`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': ts,
          'x-client-key': mock.merchant.clientId,
          'x-signature': signature,
        },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(200);
      const answer = await res.json();
      expect(answer.responseCode).toBe('2007300');
      expect(typeof answer.accessToken).toBe('string');
    }
    const p = await c.createPayment(mockPayment());
    expect(typeof p.referenceNo).toBe('string');
  });

  it('SNAP token request: a bad RSA signature or a stale X-TIMESTAMP is refused (401 Unauthorized), secrets kept out of the error', async () => {
    const wrongKey = keyPair();
    const e = await rejectionOf(snapClient({ privateKey: wrongKey.privateKey, retries: 0 }).accessToken());
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(401);
    expect(String(e.responseCode)).toMatch(/^401/);
    expectNoSecrets(e, [mock.merchant.clientSecret, wrongKey.privateKey.split('\n')[1]]);
    const ts = jakarta(Date.now() - 25 * HOUR);
    const signature = rsaSign('sha256', Buffer.from(`${mock.merchant.clientId}|${ts}`), mock.merchant.privateKey).toString('base64');
    const res = await fetch(`${base()}/v1.0/access-token/b2b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-client-key': mock.merchant.clientId, 'x-signature': signature },
      body: JSON.stringify({ grantType: 'client_credentials' }),
    });
    expect(res.status).toBe(401);
    const answer = await res.json();
    expect(String(answer.responseCode)).toMatch(/^401/);
    expect(String(answer.responseMessage)).toMatch(/^Unauthorized/);
  });

  it.each([
    ['an X-PARTNER-ID equal to the clientId', () => ({ partnerId: mock.merchant.clientId })],
    ['an unknown X-PARTNER-ID', () => ({ partnerId: 'nobody' })],
    ['a bad HMAC signature', () => ({ secret: 'not-the-secret' })],
    ['a stale X-TIMESTAMP (25 hours old)', () => ({ timestamp: jakarta(Date.now() - 25 * HOUR) })],
    ['no Bearer token', () => ({ token: null })],
  ])('host-to-host with %s → 401, 4015400 Unauthorized…', async (_n: string, over: () => any) => {
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', rawPaymentBody(), over());
    expect(r.status).toBe(401);
    expect(r.body.responseCode).toBe('4015400');
    expect(String(r.body.responseMessage)).toMatch(/^Unauthorized/);
    // The same request, well formed, is accepted.
    const good = await snapRaw('/v1.0/debit/payment-host-to-host', rawPaymentBody());
    expect(good.status).toBe(200);
    expect(good.body.responseCode).toBe('2005400');
  });

  it('the client with partnerId = clientId is refused by the mock (X-PARTNER-ID must be the partner id)', async () => {
    const e = await rejectionOf(snapClient({ partnerId: mock.merchant.clientId }).createPayment(mockPayment()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4015400');
  });

  it.each([
    ['partnerReferenceNo', (b: any) => delete b.partnerReferenceNo],
    ['chargeToken', (b: any) => delete b.chargeToken],
    ['payOptionDetails', (b: any) => delete b.payOptionDetails],
    ['payOptionDetails[].transAmount', (b: any) => delete b.payOptionDetails[0].transAmount],
  ])('host-to-host without %s → 400, 4005402 Invalid Mandatory Field…', async (_n: string, drop: (b: any) => void) => {
    const body = rawPaymentBody();
    drop(body);
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', body);
    expect(r.status).toBe(400);
    expect(r.body.responseCode).toBe('4005402');
    expect(String(r.body.responseMessage)).toMatch(/^Invalid Mandatory Field/);
  });

  it('host-to-host accepts both readings: urlParam as an object, transAmount.value 1500; no pointOfPurchaseId is checked', async () => {
    const body: any = rawPaymentBody();
    body.urlParam = { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' };
    body.payOptionDetails[0].transAmount.value = '1500';
    body.additionalInfo = {};
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', body);
    expect(r.status).toBe(200);
    expect(r.body.responseCode).toBe('2005400');
    expect(typeof r.body.webRedirectUrl).toBe('string');
  });

  it('life of a payment: 03 pending, completePayment success → 00; status by originalReferenceNo and originalExternalId; signed notification', async () => {
    ackAll();
    const c = snapClient();
    const externalId = `ext-${randomBytes(6).toString('hex')}`;
    const body = mockPayment('25000.00');
    const p = await c.createPayment(body, { externalId });
    expect(p.partnerReferenceNo).toBe(body.partnerReferenceNo);
    expect(p.deeplink).toMatch(/^gopay:\/\/merchanttransfer\?/);
    expect(p.deeplink).toBe(core.toPaymentDeeplink(p.webRedirectUrl));
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0 }) });
    await expect(gp.launchPayment(p.deeplink)).resolves.toMatchObject({ status: 'success' });
    expect(await statusOf(p.referenceNo)).toBe('03');

    await mock.completePayment(p.referenceNo, 'success');
    const byRef = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    const byExt = await c.getPaymentStatus({ originalExternalId: externalId });
    for (const s of [byRef, byExt]) {
      expect(s.latestTransactionStatus).toBe('00');
      expect(Number(s.transAmount.value)).toBe(25000);
      expect(s.transAmount.currency).toBe('IDR');
      expect(typeof s.paidTime).toBe('string');
    }

    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    const n = notesFor(p.referenceNo)[0];
    expect(n.method).toBe('POST');
    expect(n.path).toBe(NOTIFY_PATH);
    const ts = n.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    // Independent check with node:crypto: SHA256withRSA over METHOD:/v1.0/…:sha256(minify(body)):timestamp — the path from /v1.0/ on.
    expect(rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify:${sha256hex(minify(n.body))}:${ts}`, n.headers['x-signature'])).toBe(
      true,
    );
    const parsed = await verifyNote(n);
    expect(parsed.latestTransactionStatus).toBe('00');
    const tampered = n.body.replace(/"00"/, '"06"');
    expect(tampered).not.toBe(n.body);
    const e = await rejectionOf(
      S.verifyNotification(
        { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: tampered },
        { publicKey: mock.notificationPublicKey },
      ),
    );
    expect(e).toBeInstanceOf(S.GoPaySignatureError);
    expect(mock.notifications.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['failed', '06'],
    ['expired', '08'],
  ])("completePayment(ref, '%s') → %s, notified", async (outcome: string, status: string) => {
    ackAll();
    const p = await snapClient().createPayment(mockPayment());
    await mock.completePayment(p.referenceNo, outcome);
    expect(await statusOf(p.referenceNo)).toBe(status);
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe(status);
  });

  it("the mock bridge (server option) reports the user's 'success': 00 and a signed notification", async () => {
    ackAll();
    const p = await snapClient().createPayment(mockPayment('5000.00'));
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: 'success' }) });
    await expect(gp.launchPayment(p.deeplink)).resolves.toEqual({ status: 'success' });
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe('00');
    expect(await statusOf(p.referenceNo)).toBe('00');
  });

  it.each(['failed', 'cancelled'])(
    "the user's '%s' in the mock sheet (a cancel, going back) leaves the payment pending: 03, no notification",
    async (answer: string) => {
      ackAll();
      const p = await snapClient().createPayment(mockPayment('5000.00'));
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: answer }) });
      await expect(gp.launchPayment(p.deeplink)).resolves.toEqual({ status: answer });
      await sleep(500);
      expect(await statusOf(p.referenceNo)).toBe('03');
      expect(notesFor(p.referenceNo)).toHaveLength(0);
    },
  );

  it('a cancelled sheet stays 03 until paymentTtl passes → 08, notified', async () => {
    const m = await M.createMockGoPayServer({ paymentTtl: 6_000, notifyUrl: `${notify.state.url}/ttl${NOTIFY_PATH}` });
    const u = await m.listen(0);
    try {
      ackAll();
      const body = mockPayment('5000.00', m);
      const p = await snapClient({}, m, u).createPayment(body);
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: u, paymentStatus: 'cancelled' }) });
      await gp.launchPayment(p.deeplink);
      expect(await statusOf(p.referenceNo, m, u)).toBe('03');
      expect(await waitFor(async () => (await statusOf(p.referenceNo, m, u)) === '08', 20_000)).toBe(true);
      expect(await waitFor(() => notesFor(p.referenceNo).some((s) => JSON.parse(s.body).latestTransactionStatus === '08'))).toBe(true);
    } finally {
      await m.close();
    }
  });

  it('a pending payment expires at its validUpTo → 08 (long before the 15-minute paymentTtl)', async () => {
    ackAll();
    // GoPay's page sets a minimum validity (20 s): a validUpTo 22 s ahead is a real, short one. The clock (Date only:
    // sockets and timers stay real) is moved past it rather than waited for.
    const p = await snapClient().createPayment({ ...mockPayment(), validUpTo: jakarta(Date.now() + 22_000) });
    expect(await statusOf(p.referenceNo)).toBe('03');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 23_000);
      expect(await waitFor(async () => (await statusOf(p.referenceNo)) === '08', 10_000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancelPayment: a pending payment → 05 (2005700, notified); a paid one is refused', async () => {
    ackAll();
    const c = snapClient();
    const body = mockPayment();
    const p = await c.createPayment(body);
    const r = await c.cancelPayment({
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: p.referenceNo,
      reason: 'changed mind',
    });
    expect(r.responseCode).toBe('2005700');
    expect(await statusOf(p.referenceNo)).toBe('05');
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe('05');

    const body2 = mockPayment();
    const paid = await c.createPayment(body2);
    await mock.completePayment(paid.referenceNo, 'success');
    const e = await rejectionOf(
      c.cancelPayment({ originalPartnerReferenceNo: body2.partnerReferenceNo, originalReferenceNo: paid.referenceNo }),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(await statusOf(paid.referenceNo)).toBe('00');
  });

  it('cancel without originalPartnerReferenceNo is accepted (Midtrans’s clients send it so)', async () => {
    const p = await snapClient().createPayment(mockPayment());
    const r = await snapRaw('/v1.0/debit/cancel', { merchantId: mock.merchant.merchantId, originalReferenceNo: p.referenceNo });
    expect(r.body.responseCode).toBe('2005700');
    expect(await statusOf(p.referenceNo)).toBe('05');
  });

  it('refunds: 04, partial refunds add up to the paid amount and no further, the same partnerRefundNo answers the first refund; notified in order', async () => {
    ackAll();
    const c = snapClient();
    const body = mockPayment('10000.00');
    const p = await c.createPayment(body);
    await mock.completePayment(p.referenceNo, 'success');
    const refund = (partnerRefundNo: string, value?: string) =>
      c.refundPayment({
        originalPartnerReferenceNo: body.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        partnerRefundNo,
        ...(value ? { refundAmount: { value, currency: 'IDR' } } : {}),
        reason: 'test',
      });
    const tag = randomBytes(3).toString('hex');
    const r1 = await refund(`RF1-${tag}`, '3000.00');
    expect(r1.responseCode).toBe('2005800');
    expect(r1.partnerRefundNo).toBe(`RF1-${tag}`);
    expect(typeof r1.refundNo).toBe('string');
    expect(Number(r1.refundAmount.value)).toBe(3000);
    let st = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    expect(st.latestTransactionStatus).toBe('04');
    expect(st.refundHistory).toHaveLength(1);

    const again = await refund(`RF1-${tag}`, '3000.00');
    expect(again.refundNo).toBe(r1.refundNo);
    expect((await c.getPaymentStatus({ originalReferenceNo: p.referenceNo })).refundHistory).toHaveLength(1);

    expect(await rejectionOf(refund(`RF2-${tag}`, '8000.00'))).toBeInstanceOf(S.GoPayApiError);
    const r3 = await refund(`RF3-${tag}`); // no refundAmount: the rest
    expect(r3.responseCode).toBe('2005800');
    expect(Number(r3.refundAmount.value)).toBe(7000);
    expect(await rejectionOf(refund(`RF4-${tag}`, '1.00'))).toBeInstanceOf(S.GoPayApiError);

    st = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    expect(st.latestTransactionStatus).toBe('04');
    expect(st.refundHistory).toHaveLength(2);
    expect(Number(st.transAmount.value)).toBe(10000);
    expect(typeof st.paidTime).toBe('string');

    const refundNotes = () => notesFor(p.referenceNo).filter((s) => JSON.parse(s.body).latestTransactionStatus === '04');
    expect(await waitFor(() => new Set(refundNotes().map((s) => s.body)).size >= 2)).toBe(true);
    const parsed = await Promise.all([...new Map(refundNotes().map((s) => [s.body, s])).values()].map(verifyNote));
    const amountOf = (x: any) => Number(x?.value ?? x);
    expect(parsed.map((n) => n.additionalInfo.refundHistory.length)).toEqual([1, 2]);
    expect(parsed.map((n) => amountOf(n.additionalInfo.totalRefundAmount))).toEqual([3000, 10000]);
    expect(statusesFor(p.referenceNo)).toEqual(['00', '04']);
  });

  it('a refund without partnerRefundNo or originalPartnerReferenceNo is accepted (Midtrans’s clients send it so)', async () => {
    const p = await snapClient().createPayment(mockPayment('10000.00'));
    await mock.completePayment(p.referenceNo, 'success');
    const r = await snapRaw('/v1.0/debit/refund', {
      merchantId: mock.merchant.merchantId,
      originalReferenceNo: p.referenceNo,
      refundAmount: { value: '500.00', currency: 'IDR' },
    });
    expect(r.body.responseCode).toBe('2005800');
    expect(await statusOf(p.referenceNo)).toBe('04');
  });

  it("notifications are retried until the merchant answers 2xx; one payment's notifications are sent in order", async () => {
    const refused = new Set<string>();
    notify.reset([], (s) => {
      // The first delivery of each notification body is refused.
      if (!refused.has(s.body)) {
        refused.add(s.body);
        return { status: 500, body: { responseCode: '5005600', responseMessage: 'busy' } };
      }
      return { status: 200, body: S.NOTIFICATION_ACK };
    });
    try {
      const c = snapClient();
      const body = mockPayment('7000.00');
      const p = await c.createPayment(body);
      await mock.completePayment(p.referenceNo, 'success');
      await c.refundPayment({
        originalPartnerReferenceNo: body.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        partnerRefundNo: `RF-${randomBytes(3).toString('hex')}`,
      });
      expect(await waitFor(() => notesFor(p.referenceNo).length >= 4, 25_000)).toBe(true);
      const seq = notesFor(p.referenceNo).map((s) => JSON.parse(s.body).latestTransactionStatus);
      // Each body twice (refused, then acknowledged), and no 04 before the 00 is acknowledged.
      expect(seq.slice(0, 4)).toEqual(['00', '00', '04', '04']);
      await sleep(500);
      expect(notesFor(p.referenceNo)).toHaveLength(4);
    } finally {
      ackAll();
    }
  });

  it('signNotification(payload, { path?, timestamp? }): the headers of a notification signed with the mock’s key', async () => {
    const payload = { originalReferenceNo: 'R-1', originalPartnerReferenceNo: 'INV-1', latestTransactionStatus: '00', additionalInfo: {} };
    const h = new Headers(await mock.signNotification(payload));
    const ts = String(h.get('x-timestamp'));
    expect(ts).toMatch(TS_RE);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(60_000);
    const body = JSON.stringify(payload, null, 1);
    expect(
      rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify:${sha256hex(minify(body))}:${ts}`, String(h.get('x-signature'))),
    ).toBe(true);
    await expect(
      S.verifyNotification(
        { method: 'POST', url: 'https://merchant.example/hooks/v1.0/debit/notify', headers: Object.fromEntries(h), body },
        { publicKey: mock.notificationPublicKey },
      ),
    ).resolves.toEqual(payload);
    const at = jakarta(Date.now() - HOUR);
    const h2 = new Headers(await mock.signNotification(payload, { path: '/v1.0/debit/notify-other', timestamp: at }));
    expect(h2.get('x-timestamp')).toBe(at);
    expect(
      rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify-other:${sha256hex(minify(body))}:${at}`, String(h2.get('x-signature'))),
    ).toBe(true);
  });

  it("GoPay's own endpoints answer no CORS request from a localhost page; the mock bridge's endpoints do", async () => {
    for (const path of ['/v1/mini-apps/authorizations/token', '/v1.0/debit/payment-host-to-host']) {
      const res = await fetch(`${base()}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    // The URLs the mock bridge itself calls (codes, payment reports), watched on globalThis.fetch.
    const called = new Set<string>();
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input: any, init?: any) => {
      const u = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (u.startsWith(base())) called.add(new URL(u).pathname);
      return realFetch(input, init);
    });
    let p: any;
    try {
      await bridgeAuthCode({ server: url });
      p = await snapClient().createPayment(mockPayment());
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: 'success' }) });
      await gp.launchPayment(p.deeplink);
    } finally {
      spy.mockRestore();
    }
    const bridgePaths = [...called].filter((x) => !x.startsWith('/v1/mini-apps/') && !x.startsWith('/v1.0/'));
    expect(bridgePaths.length, [...called].join(', ')).toBeGreaterThanOrEqual(1);
    for (const path of bridgePaths)
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
        const res = await fetch(`${base()}${path}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(res.status, `${path} ${origin}`).toBeLessThan(300);
        expect([origin, '*'], `${path} ${origin}`).toContain(res.headers.get('access-control-allow-origin'));
      }
  });

  it('any method or malformed URL gets a 4xx, never a 5xx or a dropped connection', async () => {
    const paths = [
      '/v1/mini-apps/authorizations/token',
      '/v1/mini-apps/users/profile',
      '/v1/mini-apps/notifications/push',
      '/v1/mini-apps/reminder',
      '/v1/mini-apps/reminder/x',
      '/v1/mini-apps/rewards',
      '/v1.0/access-token/b2b',
      '/v1.0/debit/payment-host-to-host',
      '/v1.0/debit/status',
      '/v1.0/debit/refund',
      '/v1.0/debit/cancel',
    ];
    const failures: string[] = [];
    for (const path of paths)
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND']) {
        const status = await rawHttp(url, method, path, { 'content-type': 'application/json' }, method === 'GET' ? '' : '{}');
        if (status === 'dropped' || status < 400 || status >= 500) failures.push(`${method} ${path} → ${status}`);
      }
    for (const path of [
      '/%',
      '/%zz',
      '/v1.0/debit/status/%',
      '//v1.0//debit//status',
      '/v1/mini-apps/reminder/%2e%2e',
      '/v1/mini-apps/reminder/%2F',
      '/v1/mini-apps/users/profile?%%%',
      '/v1/mini-apps/reminder/%00',
      `/${'a'.repeat(8_000)}`,
      '*',
      'http://evil.example/v1.0/debit/status',
    ])
      for (const method of ['GET', 'POST', 'DELETE']) {
        const status = await rawHttp(url, method, path, { 'content-type': 'application/json' }, method === 'GET' ? '' : '{}');
        if (status === 'dropped' || status < 400 || status >= 500) failures.push(`${method} ${path.slice(0, 40)} → ${status}`);
      }
    expect(failures).toEqual([]);
  });

  // "50,000 payments keep answering as fast as the first hundred" is a speed target: `npm run bench` measures it
  // (bench/mock-server.mjs), not a timed test here, which a busy machine would make flaky.

  it('close() stops serving', async () => {
    const m2 = await M.createMockGoPayServer();
    const u2 = await m2.listen(0);
    await m2.close();
    await expect(fetch(`${u2.replace(/\/$/, '')}/v1/mini-apps/users/profile`)).rejects.toThrow();
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('gopay-mock-server CLI', { timeout: 40_000 }, () => {
  let child: ChildProcess | undefined;
  const notify = createStandIn();
  beforeAll(async () => {
    await notify.start();
    notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));
  });
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid);
    await notify.stop();
  });

  it('prints its URL and the .env lines (every credential, the partner id, the PoP ID), serves, and prints a line per notification', async () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const bin = resolve(root, pkg.bin['gopay-mock-server']);
    expect(bin).toBe(dist('mock-server-cli.mjs'));
    child = spawn(process.execPath, [bin, '--port', '0', '--notify-url', `${notify.state.url}/cli/v1.0/debit/notify`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const URL_RE = /http:\/\/(127\.0\.0\.1|localhost):\d+/;
    expect(await waitFor(() => URL_RE.test(out), 15_000), out).toBe(true);
    const cliUrl = URL_RE.exec(out)![0];
    // The credentials are fixed: the ones this process's mock has.
    const local = await M.createMockGoPayServer();
    const merchant = local.merchant;
    await local.close?.()?.catch?.(() => {});
    const envLine = (value: string) => out.split('\n').find((l) => /^\s*[A-Z][A-Z0-9_]*=/.test(l) && l.includes(value));
    expect(await waitFor(() => !!envLine(merchant.pointOfPurchaseId), 5_000), out).toBe(true);
    for (const k of ['credentials', 'clientId', 'partnerId', 'clientSecret', 'merchantId', 'pointOfPurchaseId'])
      expect(envLine(merchant[k]), `.env line for ${k}\n${out}`).toBeTruthy();
    expect(out, 'the private key').toContain(merchant.privateKey.split('\n')[1]);

    const res = await fetch(`${cliUrl}/v1/mini-apps/authorizations/token`, {
      method: 'POST',
      headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);

    // A paid payment: the CLI sends the notification and prints a line (status, the merchant's answer).
    const c = S.createSnapClient({
      clientId: merchant.clientId,
      partnerId: merchant.partnerId,
      clientSecret: merchant.clientSecret,
      privateKey: merchant.privateKey,
      merchantId: merchant.merchantId,
      baseUrl: cliUrl,
    });
    const p = await c.createPayment({
      partnerReferenceNo: `CLI-${randomBytes(4).toString('hex')}`,
      payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value: '1000.00', currency: 'IDR' } }],
      additionalInfo: { pointOfPurchaseId: merchant.pointOfPurchaseId },
    });
    const before = out.length;
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: cliUrl, paymentStatus: 'success' }) });
    await gp.launchPayment(p.deeplink);
    expect(await waitFor(() => notify.state.seen.some((s) => s.path === '/cli/v1.0/debit/notify'), 15_000)).toBe(true);
    expect(await waitFor(() => /00/.test(out.slice(before)) && /(200|2005600)/.test(out.slice(before)), 10_000), out.slice(before)).toBe(
      true,
    );
  });
});
