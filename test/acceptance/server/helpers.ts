// Shared by the server acceptance files (test/acceptance/server/*.test.ts): the built server entry, loaded while
// watching for any use of `window`, and the small tools every file uses. Written from the public contract (docs/server.md,
// docs/local-development.md) only — never from src/; signatures are made and checked independently with node:crypto.
import { createHash, createHmac, createPrivateKey, generateKeyPairSync, verify as rsaVerify } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const dist = (f: string) => resolve(root, 'dist', f);

// -----------------------------------------------------------------------------------------------------------
// The built entries, loaded once per test file while watching for any use of `window`
// -----------------------------------------------------------------------------------------------------------

export const windowTouches: string[] = [];
export const watchWindow = () => {
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

/** Imports a server entry of dist/ while watching for any use of `window` (windowTouches). */
export const importWatched = async (file: string): Promise<any> => {
  const unwatch = watchWindow();
  try {
    return await import(/* @vite-ignore */ dist(file));
  } finally {
    unwatch();
  }
};
/** dist/server.mjs. dist/mock-server.mjs and dist/mock.mjs are loaded by mock.ts, in the files that use them. */
export const S: any = await importWatched('server.mjs');
/** dist/index.mjs (brand check, toPaymentDeeplink, createGoPay) */
export const core: any = await import(/* @vite-ignore */ dist('index.mjs'));

// -----------------------------------------------------------------------------------------------------------
// Time
// -----------------------------------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until cond() holds (true) or ms pass (false). The deadline is read from performance.now(), which
 * vi.useFakeTimers({ toFake: ['Date'] }) leaves alone: a frozen Date cannot make it poll forever.
 */
export const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 15_000, every = 20) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await cond()) return true;
    await sleep(every);
  }
  return false;
};

/** ISO-8601 at UTC+07:00 (Jakarta) without milliseconds, e.g. 2026-11-30T14:30:00+07:00. */
export const jakarta = (ms = Date.now()) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const HOUR = 3_600_000;
export const MiB = 1_048_576;

// -----------------------------------------------------------------------------------------------------------
// Signatures (node:crypto) and the contract's minify
// -----------------------------------------------------------------------------------------------------------

export const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
export const hmac512 = (key: string, s: string) => createHmac('sha512', key).update(s).digest('base64');
export const rsaOk = (publicKey: string, data: string, signature: string) =>
  rsaVerify('sha256', Buffer.from(data), publicKey, Buffer.from(String(signature), 'base64'));

/**
 * The contract's minify: whitespace (space, tab, CR, LF) outside strings removed, strings (and their escapes) kept
 * byte for byte. A string runs from `"` to the next `"` not escaped by a backslash (to the end of the text when none
 * closes it). One regular expression rather than a character loop: the 1 MiB bodies of the maxBodyBytes tests are
 * minified in milliseconds instead of a third of a second each.
 */
export const minify = (raw: string) => raw.replace(/"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|[ \n\r\t]+/g, (m) => (m.startsWith('"') ? m : ''));
/** The body a client sent is the minified JSON text. */
export const isMinifiedJson = (raw: string) => JSON.stringify(JSON.parse(raw)) === raw;

export const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const pkcs1 = createPrivateKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
  return { publicKey, privateKey, pkcs1 };
};

// -----------------------------------------------------------------------------------------------------------
// Errors
// -----------------------------------------------------------------------------------------------------------

/** The rejection reason of a promise (fails the test when it resolves). */
export const rejectionOf = async (p: Promise<unknown>): Promise<any> => {
  let value: unknown;
  try {
    value = await p;
  } catch (e) {
    return e;
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  throw new Error(`expected a rejection, got a resolution with ${shown}`);
};

/** What a synchronous call throws (fails the test when it does not throw). */
export const thrownBy = (run: () => unknown): any => {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a synchronous throw, the call returned');
};

/** The error of a call, whether it throws synchronously or rejects. */
export const failureOf = async (run: () => unknown): Promise<any> => {
  let p: unknown;
  try {
    p = run();
  } catch (e) {
    return e;
  }
  return rejectionOf(Promise.resolve(p));
};

/** Checks that none of the secrets shows in the error's message, body, cause, description, JSON.stringify or own properties. */
export const expectNoSecrets = (e: any, secrets: string[]) => {
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

// -----------------------------------------------------------------------------------------------------------
// Hostile arguments, raw HTTP
// -----------------------------------------------------------------------------------------------------------

/** An object whose every inspection throws (a hostile or broken argument). */
export const throwingProxy = () =>
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
export const cyclic = () => {
  const o: any = { a: 1 };
  o.self = o;
  return o;
};

/** One raw HTTP/1.1 request (any method, any request target): its status, or 'dropped'. */
export const rawHttp = (base: string, method: string, path: string, headers: Record<string, string> = {}, body = '') =>
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
