// @vitest-environment node
// The mock as an HTTP server: any method and any malformed URL gets a 4xx — through the web handler and through a
// real port (a raw socket for CONNECT and TRACE, which fetch cannot send) — never a 5xx or a dropped connection;
// the request log keeps the last maxRequests; the mock bridge's endpoints answer CORS to local pages only.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { BASE, post, snapApi } from './helpers';
import { ACK, inbox } from './inbox';

let mock: MockGoPayServer;
let url: string;
beforeAll(async () => {
  mock = await createMockGoPayServer({ maxRequests: 3 });
  url = await mock.listen();
});
afterAll(() => mock.close());

/** Sends `text` on a raw TCP connection; resolves with everything the server wrote before it closed. */
function raw(text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.on('data', (chunk) => (got += chunk));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
    socket.setTimeout(3_000, () => socket.destroy(new Error(`no answer: ${JSON.stringify(got)}`)));
  });
}

describe('every method and every URL is answered, with a 4xx when the request is at fault', () => {
  it.each([
    ['PATCH', '/v1.0/debit/status'],
    ['PUT', '/v1.0/access-token/b2b'],
    ['DELETE', '/'],
    ['PROPFIND', '/v1/mini-apps/users/profile'],
    ['OPTIONS', '/v1.0/debit/payment-host-to-host'],
    ['GET', '/v1.0/debit/refund'],
    ['POST', '/%zz'],
    ['GET', '/v1/mini-apps/%E0%A4%A/x'],
    ['HEAD', '/nowhere'],
  ])('web handler: %s %s', async (method, path) => {
    const response = await mock.fetch(new Request(BASE + path, { method, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each(['TRACE'])('a real port: %s is 405, not a 500', async (method) => {
    const answer = await raw(`${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toContain('{"error":"Method Not Allowed"}');
  });

  it('a real port: CONNECT is 405 on the same socket, not a dropped connection', async () => {
    const answer = await raw('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
  });

  it.each([
    ['a bad % escape in a path the mock decodes', 'DELETE /v1/mini-apps/reminder/%E0%A4%A HTTP/1.1'],
    ['a bad % escape elsewhere', 'GET /v1.0/debit/status%zz HTTP/1.1'],
    ['a method node does not know', 'FROB / HTTP/1.1'],
    ['a request line that is no HTTP', 'hello'],
  ])('a real port: %s is a 4xx', async (_, line) => {
    const answer = await raw(`${line}\r\nHost: x\r\nAuthorization: Bearer x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
  });

  it('mock.requests keeps the last maxRequests, oldest first', async () => {
    for (const path of ['/a', '/b', '/c', '/d']) await mock.fetch(new Request(BASE + path));
    expect(mock.requests.map((r) => r.path)).toEqual(['/b', '/c', '/d']);
    mock.reset();
    expect(mock.requests).toEqual([]);
  });
});

describe('the mock bridge endpoints (/mock/*)', () => {
  const LOCAL = 'http://localhost:5173';

  it('POST /mock/payments/report { deeplink, status: success } finishes the payment and notifies the merchant', async () => {
    const merchant = inbox([ACK]);
    const local = await createMockServer({ notifyUrl: 'http://shop.test/v1.0/debit/notify' }, { fetch: merchant.fetch });
    const { referenceNo, webRedirectUrl } = await snapApi(local).create('ORDER-R');
    const deeplink = `gopay://merchanttransfer${new URL(webRedirectUrl).search}`;
    const response = await local.fetch(post('/mock/payments/report', { deeplink, status: 'success' }, { origin: LOCAL }));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(await response.json()).toEqual({ referenceNo, latestTransactionStatus: '00' });
    await vi.waitFor(() => expect(local.notifications[0]?.state).toBe('delivered'));
    expect(merchant.bodies()[0]).toMatchObject({ originalReferenceNo: referenceNo, latestTransactionStatus: '00' });
  });

  it('refuses a report without a payment, a deeplink or a known status', async () => {
    const report = (body: unknown) => mock.fetch(post('/mock/payments/report', body));
    expect((await report({ deeplink: 'gopay://merchanttransfer?tref=NOPE', status: 'success' })).status).toBe(404);
    expect((await report({ deeplink: 'not a link', status: 'success' })).status).toBe(400);
    const { referenceNo } = await snapApi(mock).create();
    expect((await report({ deeplink: `gopay://merchanttransfer?tref=${referenceNo}`, status: 'toString' })).status).toBe(400);
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:4000', 'http://localhost'])('answers the preflight of %s', async (origin) => {
    const preflight = await mock.fetch(
      new Request(`${BASE}/mock/auth-codes`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin',
    });
  });

  it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])('refuses the origin %s', async (origin) => {
    const refused = await mock.fetch(post('/mock/auth-codes', {}, { origin }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('works over a real port, with CORS, for a local page; one port at a time', async () => {
    expect(mock.url).toBe(url);
    await expect(mock.listen()).rejects.toThrow(/already listening/);
    const response = await fetch(`${url}/mock/auth-codes`, { method: 'POST', headers: { origin: LOCAL }, body: '{}' });
    expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect((await response.json()).authCode).toMatch(/^[A-Za-z0-9]{64}$/);
  });
});
