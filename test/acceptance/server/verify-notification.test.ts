// @vitest-environment node
// verifyNotification and NOTIFICATION_ACK: notifications signed here with node:crypto.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { sign as rsaSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { core, HOUR, jakarta, keyPair, MiB, minify, rejectionOf, S, sha256hex } from './helpers';

describe('verifyNotification and NOTIFICATION_ACK', () => {
  // Midtrans's key (it signs the notifications) and another one.
  const keys = keyPair();
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
