#!/usr/bin/env node
// The demo's server: serves demo/ and dist/ on localhost, plus two fake backend endpoints that stand in for your
// merchant backend (the auth-code exchange and payment creation). node:http only; nothing leaves localhost.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ts': 'text/plain',
};
// URL prefix → folder. The built ESM has no imports, so the browser loads it as it is.
const MOUNTS = [
  ['/dist/', join(root, 'dist')],
  ['/', join(root, 'demo')],
];

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const readBody = async (req) => {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('body too large');
  }
  return text ? JSON.parse(text) : {};
};

/** Starts the demo server; `port: 0` picks a free port. Resolves with its URL and a `close()`. */
export const startDemoServer = ({ port = 5173, host = '127.0.0.1' } = {}) => {
  // What GoPay's token API would remember: a code can be exchanged once.
  const exchanged = new Set();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (req.method === 'POST' && url.pathname === '/api/login') {
        // Stands in for your backend, which would POST the code to GoPay's
        // /v1/mini-apps/authorizations/token with its Basic credential (never sent to the browser).
        const { auth_code: code } = await readBody(req);
        if (typeof code !== 'string' || !/^[A-Za-z0-9]{16,}$/.test(code) || exchanged.has(code)) {
          return json(res, 401, { success: false, error: { description: 'AuthCode Not Found' } });
        }
        exchanged.add(code);
        return json(res, 200, {
          success: true,
          data: { auth_token: `demo-${randomBytes(8).toString('hex')}`, gopay_account_id: `GP${code.slice(0, 6)}` },
        });
      }
      if (req.method === 'POST' && url.pathname === '/api/payments') {
        // Stands in for your backend creating a BI-SNAP payment and getting GoPay's webRedirectUrl.
        const { amount = 25_000 } = await readBody(req);
        const reference = `DEMO-${randomBytes(4).toString('hex').toUpperCase()}`;
        return json(res, 200, {
          reference,
          webRedirectUrl: `https://gopay.co.id/app/merchanttransfer?tref=${reference}&amount=${Number(amount) || 25_000}&activity=GP:RR`,
        });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
      const [prefix, folder] = MOUNTS.find(([p]) => url.pathname.startsWith(p));
      const relative = normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
      if (relative.startsWith('..')) return json(res, 403, { error: 'forbidden' });
      const path = join(folder, relative.endsWith('/') ? `${relative}index.html` : relative);
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return json(res, 404, { error: 'not found' });
      json(res, 500, { error: String(error.message ?? error) });
    }
  });
  return new Promise((resolveStart, reject) => {
    const listen = (p) => {
      server.once('error', (error) => {
        // The default port is taken: take any free one instead.
        if (error.code === 'EADDRINUSE' && p !== 0) listen(0);
        else reject(error);
      });
      server.listen(p, host, () => {
        const { port: actual } = server.address();
        resolveStart({ url: `http://${host}:${actual}/`, close: () => new Promise((done) => server.close(() => done())) });
      });
    };
    listen(port);
  });
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startDemoServer({ port: Number(process.env.PORT) || 5173 });
  console.log(`GoPay Mini App demo (on the mock bridge): ${url}`);
  console.log(`Script-tag version: ${url}umd.html`);
}
