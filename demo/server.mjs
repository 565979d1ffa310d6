#!/usr/bin/env node
// `npm run demo`: the whole GoPay flow on one laptop. Three parts, as in production:
//   1. the mock GoPay server (gopay-miniapp-kit/mock-server) — stands in for GoPay's and Midtrans's backends;
//   2. the merchant backend (demo/backend.mjs, on gopay-miniapp-kit/server) — login, pay, notification endpoints;
//   3. the Mini App page (demo/index.html) — the core on the mock bridge, joined to the mock server (`server`).
// Parts 2 and 3 share one port here; nothing leaves 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMockGoPayServer } from '../dist/mock-server.mjs';
import { createBackend } from './backend.mjs';

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

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

const readText = async (req) => {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 100_000) throw Object.assign(new Error('body too large'), { status: 413 });
  }
  return text;
};

const serveFile = async (req, res, pathname) => {
  const [prefix, target] = MOUNTS.find(([p]) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p));
  let path = target;
  if (prefix.endsWith('/')) {
    const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
    if (relative.startsWith('..')) return send(res, 403, { error: 'forbidden' });
    path = join(target, relative.endsWith('/') ? `${relative}index.html` : relative);
  }
  const body = await readFile(path);
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
};

/**
 * Starts the mock GoPay server and the demo (backend + page). `port: 0` picks a free port. Resolves with the page's
 * URL, the mock's URL, the mock itself and `close()`.
 */
export const startDemoServer = async ({ port = 5173, host = '127.0.0.1', mockPort = 0 } = {}) => {
  const mock = await createMockGoPayServer();
  // A taken port (another mock, say) is not fatal: any free one will do, the page asks for it.
  const mockUrl = await mock.listen(mockPort).catch((error) => (mockPort !== 0 ? mock.listen(0) : Promise.reject(error)));

  // The timeline: every hop the backend sees, streamed to the pages (Server-Sent Events).
  const listeners = new Set();
  const timeline = (hop) => {
    const event = `data: ${JSON.stringify({ ...hop, at: Date.now() })}\n\n`;
    for (const res of listeners) res.write(event);
  };
  const backend = createBackend({
    gopayBaseUrl: mockUrl,
    merchant: mock.merchant,
    notificationPublicKey: mock.notificationPublicKey,
    timeline,
  });

  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      if (req.method === 'GET' && pathname === '/api/config') return send(res, 200, { mockServer: mockUrl });
      if (req.method === 'GET' && pathname === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      const text = req.method === 'GET' || req.method === 'HEAD' ? '' : await readText(req);
      const answer = await backend(req.method, pathname, req, text);
      if (answer) return send(res, answer.status, answer.body, answer.headers);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      await serveFile(req, res, pathname);
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return send(res, 404, { error: 'not found' });
      console.error('[demo backend]', error);
      send(res, error.status ?? 500, { error: String(error.message ?? error) });
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
  // The mock learns where to send notifications once the backend has a port.
  mock.notifyUrl = `${url}v1.0/debit/notify`;
  return {
    url,
    mockUrl,
    mock,
    close: async () => {
      for (const res of listeners) res.end();
      server.closeAllConnections?.();
      await Promise.all([new Promise((done) => server.close(() => done())), mock.close()]);
    },
  };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url, mockUrl } = await startDemoServer({
    port: Number(process.env.PORT) || 5173,
    mockPort: Number(process.env.MOCK_PORT) || 8787,
  });
  console.log(`GoPay Mini App demo:        ${url}`);
  console.log(`Mock GoPay server:          ${mockUrl} (signed notifications go to ${url}v1.0/debit/notify)`);
  console.log(`Script-tag version:         ${url}umd.html`);
}
