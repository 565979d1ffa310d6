// @vitest-environment node
// The server entry runs with web globals only: src/server/index.ts is bundled by esbuild (in memory, an IIFE, no
// Node built-ins allowed) and evaluated in a node:vm context that has fetch, WebCrypto, TextEncoder, URL, Headers,
// Request, Response, AbortController, timers and base64 — and no require, process or Buffer. It signs and verifies
// there; the signatures are checked outside with node:crypto.
import { build } from 'esbuild';
import { createContext, runInContext } from 'node:vm';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, MERCHANT_ID, PARTNER_ID, payment, snapKeys, startFakeSnap } from './fake-snap';
import { jakarta, rsaSign, rsaVerify, sha256Hex } from './helpers';

type ServerModule = typeof import('../../src/server/index');
let context: ReturnType<typeof createContext>;
let server: ServerModule;
let fake: Awaited<ReturnType<typeof startFakeSnap>>;

beforeAll(async () => {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, '../../src/server/index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'GoPayKitServer',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  expect(code).not.toMatch(/\brequire\(|from ['"]node:|\bBuffer\b|\bprocess\./);
  const web = {
    fetch,
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    URL,
    Headers,
    Request,
    Response,
    AbortController,
    AbortSignal,
    setTimeout,
    clearTimeout,
    btoa,
    atob,
  };
  context = createContext({ ...web });
  runInContext(code, context, { filename: 'gopay-miniapp-kit-server.iife.js' });
  server = runInContext('GoPayKitServer', context) as ServerModule;
  fake = await startFakeSnap();
}, 30_000);

afterAll(() => fake?.close());

describe('the server entry in an isolated context (web globals only)', () => {
  it('has no require, process or Buffer', () => {
    expect(runInContext('[typeof require, typeof process, typeof Buffer, typeof module, typeof window]', context)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(Object.keys(server).sort()).toEqual(
      expect.arrayContaining(['createGoPayServer', 'createSnapClient', 'verifyNotification', 'NOTIFICATION_ACK', 'GoPayApiError']),
    );
  });

  it('signs the token request (RSA, PKCS#1 key) and a payment (HMAC) that node:crypto verifies', async () => {
    const snap = server.createSnapClient({
      clientId: CLIENT_ID,
      partnerId: PARTNER_ID,
      clientSecret: CLIENT_SECRET,
      privateKey: snapKeys().pkcs1,
      merchantId: MERCHANT_ID,
      baseUrl: fake.url,
    });
    const created = await snap.createPayment(payment('vm-1', '1.00'));
    expect(created.deeplink).toMatch(/^gopay:\/\/merchanttransfer\?tref=/);
    const [token] = fake.requests;
    expect(rsaVerify(snapKeys().spki, `${CLIENT_ID}|${token!.headers['x-timestamp']}`, String(token!.headers['x-signature']))).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('verifies a notification signed by node:crypto, and refuses a changed one', async () => {
    const body = JSON.stringify({ originalPartnerReferenceNo: 'vm-1', latestTransactionStatus: '00' });
    const timestamp = jakarta(Date.now());
    const signature = rsaSign(snapKeys().pkcs8, `POST:/v1.0/debit/notify:${sha256Hex(body)}:${timestamp}`);
    const headers = { 'X-TIMESTAMP': timestamp, 'X-SIGNATURE': signature };
    const input = { method: 'POST', url: 'https://shop.example/v1.0/debit/notify', headers, body };
    await expect(server.verifyNotification(input, { publicKey: snapKeys().pkcs1Public })).resolves.toMatchObject({
      latestTransactionStatus: '00',
    });
    const error = await server
      .verifyNotification({ ...input, body: body.replace('00', '06') }, { publicKey: snapKeys().spki })
      .catch((e: unknown) => e);
    expect(server.isGoPayError(error, 'INVALID_SIGNATURE')).toBe(true);
  });

  it("signs with a key pair generated inside, and its errors are the context's GoPayErrors", async () => {
    const code = `(async () => {
      const { verifyNotification } = GoPayKitServer;
      const subtle = crypto.subtle;
      const pair = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
      const spki = btoa(String.fromCharCode(...new Uint8Array(await subtle.exportKey('spki', pair.publicKey))));
      const publicKey = '-----BEGIN PUBLIC KEY-----\\n' + spki.match(/.{1,64}/g).join('\\n') + '\\n-----END PUBLIC KEY-----';
      const body = '{"latestTransactionStatus":"00"}';
      const timestamp = new Date(Date.now() + 7 * 3600000).toISOString().replace(/\\.\\d{3}Z$/, '+07:00');
      const digest = Array.from(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, '0')).join('');
      const signed = await subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode('POST:/n:' + digest + ':' + timestamp));
      const signature = btoa(String.fromCharCode(...new Uint8Array(signed)));
      const ok = await verifyNotification({ method: 'POST', url: '/n', headers: { 'x-timestamp': timestamp, 'x-signature': signature }, body: new TextEncoder().encode(body) }, { publicKey });
      const refused = await verifyNotification({ method: 'POST', url: '/m', headers: { 'x-timestamp': timestamp, 'x-signature': signature }, body }, { publicKey }).catch((e) => e);
      return { ok, refused: refused instanceof GoPayKitServer.GoPaySignatureError, name: refused.name };
    })()`;
    await expect(runInContext(code, context)).resolves.toEqual({
      ok: { latestTransactionStatus: '00' },
      refused: true,
      name: 'GoPaySignatureError',
    });
  });
});
