// Real local HTTP servers standing in for GoPay, and keys and signatures made with node:crypto — independently of
// the code under test (src/server/crypto.ts).
import { createHash, createHmac, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createGoPayServer } from '../../src/server/index';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (request: Received, response: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 that records every request and lets `handler` answer. */
export const startServer = async (handler: Handler): Promise<TestServer> => {
  const requests: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      Promise.resolve(handler(received, res, requests.length - 1)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** RSA-2048 keys in every PEM form the SDK accepts, made by node:crypto. */
export const makeKeys = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    spki: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pkcs1Public: publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
  };
};

export const rsaSign = (privatePem: string, text: string) => createSign('RSA-SHA256').update(text).sign(privatePem, 'base64');
export const rsaVerify = (publicPem: string, text: string, signature: string) =>
  createVerify('RSA-SHA256').update(text).verify(publicPem, signature, 'base64');
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
export const hmac512 = (secret: string, text: string) => createHmac('sha512', secret).update(text).digest('base64');

/** The Jakarta X-TIMESTAMP of `ms`, written independently of snapTimestamp. */
export const jakarta = (ms: number) => {
  const d = new Date(ms + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`;
};

export const header = (request: Received, name: string) => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** All the secret strings of a test, and a check that none of them appears in `text`. */
export const leaks = (text: string, secrets: string[]) => secrets.filter((secret) => secret && text.includes(secret));

/** The part of a stack that an error's data can reach: its first line (`Name: message`), not the frames, which name
 * the test runner's and fast-check's own files and would match a generated "secret" by chance. */
const stackHead = (stack: unknown) => String(stack).split(/\n\s+at /)[0];

/** Every text an error exposes: message, stack head, JSON, and its cause chain's. */
export const exposed = (error: unknown): string => {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { message?: unknown; stack?: unknown; body?: unknown; cause?: unknown; description?: unknown };
    parts.push(String(e.message), stackHead(e.stack), JSON.stringify(current), JSON.stringify(e.body ?? null), String(e.description));
    current = e.cause;
  }
  return parts.join('\n');
};

/** The Basic credential the Mini App tests' clients send. */
export const MINI_APP_CREDENTIALS = 'bWVyY2hhbnQ6c3VwZXItc2VjcmV0LWNyZWQ=';

/**
 * One local stand-in for GoPay's Mini App APIs per test, closed after each: `start(handler)` serves it and returns a
 * `createGoPayServer` client on it without retries; `listen(handler)` only serves; `server()` is the one running.
 */
export const useMiniAppServer = () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const listen = async (handler: Handler) => (server = await startServer(handler));
  const start = async (handler: Handler) =>
    createGoPayServer({ credentials: MINI_APP_CREDENTIALS, baseUrl: (await listen(handler)).url, retries: 0 });
  return { start, listen, server: () => server! };
};
