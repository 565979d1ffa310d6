#!/usr/bin/env node
// `npm run demo`: the whole GoPay flow on one laptop. Three parts, as in production:
//   1. the mock GoPay server (gopay-miniapp-kit/mock-server) — stands in for GoPay's and Midtrans's backends;
//   2. the merchant backend: demo/backend.ts, the recipe of docs/server.md, run as it is (a web-standard handler);
//   3. the Mini App page (demo/index.html) — the core on the mock bridge, joined to the mock server (`server`).
// Parts 2 and 3 share one port here; nothing leaves 127.0.0.1. This file is only the glue: node:http ↔ Request and
// Response, the static files, and the timeline the page shows.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMockGoPayServer } from '../dist/mock-server.mjs';
import { createGoPayServer, createSnapClient, isGoPayError } from '../dist/server.mjs';

const root = resolve(import.meta.dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};
// URL prefix → file or folder. The built ESM core imports the bare name `eventemitter3`: the page's import map
// points it at eventemitter3's own ESM build, served from node_modules.
const MOUNTS = [
  ['/vendor/eventemitter3.mjs', join(root, 'node_modules/eventemitter3/dist/eventemitter3.esm.js')],
  ['/dist/', join(root, 'dist')],
  ['/favicon.ico', join(root, 'demo/favicon.svg')],
  ['/', join(root, 'demo')],
];
/** Where the backend takes GoPay's notifications: any path ending in /v1.0/debit/notify (Midtrans signs from /v1.0/ on). */
const NOTIFY_PATH = '/api/gopay/v1.0/debit/notify';
const MAX_BODY = 1_000_000;

/**
 * demo/backend.ts as Node can run it: bundled in memory by esbuild, its `gopay-miniapp-kit/server` pointed at the
 * built dist/server.mjs — the same module this file creates the clients with — and written under reports/ (renamed
 * into place, so that two demos starting at once never read half a file).
 */
const loadBackend = async () => {
  const out = join(root, 'reports/demo/backend.mjs');
  const server = join(root, 'dist/server.mjs');
  const { outputFiles } = await build({
    entryPoints: [join(root, 'demo/backend.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    logLevel: 'silent',
    plugins: [
      {
        name: 'gopay-miniapp-kit',
        setup: (bundle) =>
          bundle.onResolve({ filter: /^gopay-miniapp-kit\/server$/ }, () => ({ path: relative(dirname(out), server), external: true })),
      },
    ],
  });
  await mkdir(dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, outputFiles[0].text);
  await rename(temporary, out);
  return import(pathToFileURL(out).href);
};

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

/** The raw bytes of a request's body, as they came: the notification's signature covers them. */
const readBody = async (req) => {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { httpStatus: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/** node:http's request → a web Request (headers as sent, body unchanged). */
const toRequest = async (req, origin) => {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  return new Request(new URL(req.url, origin), { method: req.method, headers, body });
};

/** A web Response → node:http's response (every Set-Cookie kept). */
const sendResponse = async (res, response) => {
  const headers = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, { 'cache-control': 'no-store', ...headers });
  res.end(Buffer.from(await response.arrayBuffer()));
};

const serveFile = async (req, res, pathname) => {
  const [prefix, target] = MOUNTS.find(([p]) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p));
  let path = target;
  if (prefix.endsWith('/')) {
    const relativePath = normalize(decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
    if (relativePath.startsWith('..')) return send(res, 403, { error: 'forbidden' });
    path = join(target, relativePath.endsWith('/') ? `${relativePath}index.html` : relativePath);
  }
  const body = await readFile(path);
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
};

/**
 * Starts the mock GoPay server and the demo (backend + page). `port: 0` picks a free port. `paymentTtl` is how long
 * an unpaid payment stays pending before GoPay expires it (short here, to watch it happen); `statusCheckAfter` is when
 * the backend asks GoPay about a pending order that got no notification; `pollEvery` is how often the page asks the
 * backend about its order (the tests ask more often). Resolves with the page's URL, the mock's URL, the mock itself,
 * the backend and `close()`.
 */
export const startDemoServer = async ({
  port = 5173,
  host = '127.0.0.1',
  mockPort = 0,
  paymentTtl = 60_000,
  statusCheckAfter = 10_000,
  pollEvery = 1_000,
} = {}) => {
  const [{ createBackend }, mock] = await Promise.all([loadBackend(), createMockGoPayServer({ paymentTtl })]);
  // A taken port (another mock, say) is not fatal: any free one will do, the page asks for it.
  const mockUrl = await mock.listen(mockPort).catch((error) => (mockPort !== 0 ? mock.listen(0) : Promise.reject(error)));

  // The timeline: every hop the backend sees, streamed to the pages (Server-Sent Events).
  const listeners = new Set();
  // `at` is when the hop began (ms since the epoch): the page orders its timeline by it.
  const timeline = (hop) => {
    const event = `data: ${JSON.stringify({ at: Date.now(), ...hop })}\n\n`;
    for (const res of listeners) res.write(event);
  };

  // Every request the backend sends GoPay goes through this fetch, so that the page can show it as a hop.
  const tracedFetch = async (input, init = {}) => {
    const at = Date.now();
    const started = performance.now();
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const label = `${init.method ?? request?.method ?? 'GET'} ${url.pathname}`;
    try {
      const response = await fetch(input, init);
      const ms = Math.round(performance.now() - started);
      timeline({ from: 'backend', to: 'gopay', label, status: response.status, ms, ok: response.ok, at });
      return response;
    } catch (error) {
      timeline({ from: 'backend', to: 'gopay', label, ok: false, detail: String(error?.message ?? error), at });
      throw error;
    }
  };
  const { merchant } = mock;
  const backend = createBackend({
    gopay: createGoPayServer({ credentials: merchant.credentials, baseUrl: mockUrl, fetch: tracedFetch }),
    snap: createSnapClient({ ...merchant, baseUrl: mockUrl, fetch: tracedFetch }),
    notificationPublicKey: mock.notificationPublicKey,
    pointOfPurchaseId: merchant.pointOfPurchaseId,
    statusCheckAfter,
    log: (line) => timeline({ from: 'backend', label: line, order: /^order ([\w-]+)/.exec(line)?.[1] }),
  });

  const server = createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host ?? `${host}:${server.address().port}`}`;
      const { pathname } = new URL(req.url, origin);
      if (req.method === 'GET' && pathname === '/api/config')
        return send(res, 200, { mockServer: mockUrl, paymentTtl, statusCheckAfter, pollEvery });
      if (req.method === 'GET' && pathname === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      const at = Date.now();
      const started = performance.now();
      const response = await backend.handle(await toRequest(req, origin));
      if (response) {
        // GoPay's notification is a hop of its own: the backend's answer is what the mock waits for.
        if (pathname.endsWith('/v1.0/debit/notify')) {
          const ms = Math.round(performance.now() - started);
          timeline({ from: 'gopay', to: 'backend', label: `${req.method} ${pathname}`, status: response.status, ms, ok: response.ok, at });
        }
        return await sendResponse(res, response);
      }
      if (pathname.startsWith('/api/')) return send(res, 404, { error: 'not found' });
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      await serveFile(req, res, pathname);
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return send(res, 404, { error: 'not found' });
      // The recipe answers the order routes' refusals itself (a bad refund amount 400, GoPay's refusal 502); a GoPayError
      // it still lets through (login: GoPay refusing anything but the code) is shown the same way: a value the SDK
      // refuses before sending is a 400, GoPay's refusal a 502 with its words. Anything else is a bug: 500, and the stack.
      const status = error.httpStatus ?? (isGoPayError(error, 'INVALID_ARGUMENT') ? 400 : isGoPayError(error) ? 502 : 500);
      if (status === 500) console.error('[demo backend]', error);
      else if (isGoPayError(error)) timeline({ from: 'backend', label: `refused: ${error.code}`, ok: false, detail: error.message });
      if (!res.headersSent) send(res, status, { error: String(error.message ?? error) });
      else res.end();
    }
  });

  await new Promise((resolveStart, reject) => {
    const listen = (p) => {
      server.once('error', (error) => {
        // The default port is taken: take any free one instead.
        if (error.code === 'EADDRINUSE' && p !== 0) listen(0);
        else reject(error);
      });
      server.listen(p, host, resolveStart);
    };
    listen(port);
  });
  const url = `http://${host}:${server.address().port}/`;
  // The mock learns where to send notifications once the backend has a port. The /api/gopay prefix is not signed:
  // Midtrans signs the path from /v1.0/ on, so the backend may mount its endpoint under any prefix.
  mock.notifyUrl = new URL(NOTIFY_PATH, url).href;
  return {
    url,
    mockUrl,
    mock,
    backend,
    close: async () => {
      for (const res of listeners) res.end();
      server.closeAllConnections?.();
      await Promise.all([new Promise((done) => server.close(() => done())), mock.close()]);
    },
  };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const paymentTtl = Number(process.env.PAYMENT_TTL) || 60_000;
  const { url, mockUrl, mock } = await startDemoServer({
    port: Number(process.env.PORT) || 5173,
    mockPort: Number(process.env.MOCK_PORT) || 8787,
    paymentTtl,
  });
  console.log(`GoPay Mini App demo:        ${url}`);
  console.log(`Mock GoPay server:          ${mockUrl} (signed notifications go to ${mock.notifyUrl})`);
  console.log(`Script-tag version:         ${url}umd.html`);
  console.log(`Unpaid payments expire after ${paymentTtl / 1000} s (GoPay: 15 min; PAYMENT_TTL=<ms> to change).`);
}
