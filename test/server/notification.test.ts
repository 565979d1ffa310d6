// @vitest-environment node
// verifyNotification: notifications signed with node:crypto; every change to body, path, timestamp or signature
// is refused (a fast-check property flips one byte anywhere).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GoPaySignatureError,
  GoPayValidationError,
  NOTIFICATION_ACK,
  verifyNotification,
  type NotificationInput,
} from '../../src/server/index';
import { jakarta, makeKeys, rsaSign, sha256Hex } from './helpers';

const keys = makeKeys();
const other = makeKeys();
const PATH = '/v1.0/debit/notify';
const NOTIFICATION = {
  originalPartnerReferenceNo: 'order-17',
  originalReferenceNo: 'A120240318084521LfZpoc6BloID',
  merchantId: 'G123456789',
  amount: { value: '15000.00', currency: 'IDR' },
  latestTransactionStatus: '00',
  transactionStatusDesc: 'success',
  additionalInfo: { note: 'Terima kasih — 🎉', spaced: 'a  b' },
};

/** A notification signed as GoPay does, with node:crypto: RSA over METHOD:path:sha256(minified body):X-TIMESTAMP. */
const signed = (
  options: { body?: string; path?: string; time?: number; privateKey?: string } = {},
): NotificationInput & { headers: Record<string, string> } => {
  const body = options.body ?? JSON.stringify(NOTIFICATION);
  const path = options.path ?? PATH;
  const timestamp = jakarta(options.time ?? Date.now());
  // The body is signed minified; JSON.parse + stringify is the minification, written independently of minifyJson.
  const minified = JSON.stringify(JSON.parse(body));
  const signature = rsaSign(options.privateKey ?? keys.pkcs8, `POST:${path}:${sha256Hex(minified)}:${timestamp}`);
  return {
    method: 'POST',
    url: `http://merchant.example${path}?via=gopay`,
    headers: { 'x-timestamp': timestamp, 'x-signature': signature, 'content-type': 'application/json' },
    body,
  };
};

const refusal = (input: NotificationInput | Request, options = { publicKey: keys.spki }) =>
  verifyNotification(input, options).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('verifyNotification: accepts', () => {
  it('a notification GoPay signed, resolving with its parsed body', async () => {
    await expect(verifyNotification(signed(), { publicKey: keys.spki })).resolves.toEqual(NOTIFICATION);
  });

  it('a pretty-printed body (signed minified)', async () => {
    const body = JSON.stringify(NOTIFICATION, null, 2);
    await expect(verifyNotification(signed({ body }), { publicKey: keys.spki })).resolves.toEqual(NOTIFICATION);
  });

  it('a fetch Request, header names in any case, the public key as PKCS#1', async () => {
    const input = signed();
    const request = new Request(input.url, {
      method: 'POST',
      headers: { 'X-TIMESTAMP': input.headers['x-timestamp']!, 'X-Signature': input.headers['x-signature']! },
      body: input.body,
    });
    await expect(verifyNotification(request, { publicKey: keys.pkcs1Public })).resolves.toEqual(NOTIFICATION);
  });

  it('a relative url, a Uint8Array body, headers as arrays (Node req.headers)', async () => {
    const input = signed();
    const headers = { 'x-timestamp': [input.headers['x-timestamp']!], 'x-signature': input.headers['x-signature'] };
    await expect(
      verifyNotification(
        { method: 'post', url: PATH, headers, body: new TextEncoder().encode(input.body as string) },
        { publicKey: keys.spki },
      ),
    ).resolves.toEqual(NOTIFICATION);
  });

  it('a timestamp 4 minutes old or ahead (clocks drift), and an old one within a custom tolerance', async () => {
    await expect(verifyNotification(signed({ time: Date.now() - 240_000 }), { publicKey: keys.spki })).resolves.toBeTruthy();
    await expect(verifyNotification(signed({ time: Date.now() + 240_000 }), { publicKey: keys.spki })).resolves.toBeTruthy();
    await expect(
      verifyNotification(signed({ time: Date.now() - 3_600_000 }), { publicKey: keys.spki, tolerance: 3_700_000 }),
    ).resolves.toBeTruthy();
  });

  it('NOTIFICATION_ACK is the SNAP success answer, frozen', () => {
    expect(NOTIFICATION_ACK).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
    expect(Object.isFrozen(NOTIFICATION_ACK)).toBe(true);
  });
});

describe('verifyNotification: refuses with GoPaySignatureError', () => {
  const cases: [string, () => NotificationInput, RegExp][] = [
    [
      'a changed body',
      () => ({ ...signed(), body: JSON.stringify({ ...NOTIFICATION, latestTransactionStatus: '06' }) }),
      /signature does not match/,
    ],
    ['a changed path', () => ({ ...signed(), url: 'http://merchant.example/v1.0/debit/notify2' }), /signature does not match/],
    ['a changed method', () => ({ ...signed(), method: 'PUT' }), /signature does not match/],
    [
      'a changed timestamp',
      () => {
        const input = signed();
        return { ...input, headers: { ...input.headers, 'x-timestamp': jakarta(Date.now() - 1000) } };
      },
      /signature does not match|away/,
    ],
    [
      'a stale timestamp (over a day)',
      () => signed({ time: Date.now() - 86_401_000 }),
      /X-TIMESTAMP is 8640\d s away from now \(tolerance 86400 s\)/,
    ],
    ['a timestamp from the future (over a day)', () => signed({ time: Date.now() + 86_500_000 }), /away from now/],
    ['another key', () => signed({ privateKey: other.pkcs8 }), /signature does not match/],
    [
      'no X-SIGNATURE',
      () => {
        const input = signed();
        return { ...input, headers: { 'x-timestamp': input.headers['x-timestamp']! } };
      },
      /X-SIGNATURE header is missing/,
    ],
    [
      'no X-TIMESTAMP',
      () => {
        const input = signed();
        return { ...input, headers: { 'x-signature': input.headers['x-signature']! } };
      },
      /X-TIMESTAMP header is missing/,
    ],
    [
      'a timestamp that is not ISO-8601',
      () => {
        const input = signed();
        return { ...input, headers: { ...input.headers, 'x-timestamp': String(Date.now()) } };
      },
      /not an ISO-8601/,
    ],
    ['a signed body that is not a JSON object', () => ({ ...signed({ body: '[1,2]' }) }), /not a JSON object/],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const error = await refusal(make());
    expect(error).toBeInstanceOf(GoPaySignatureError);
    expect(error).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect((error as Error).message).toMatch(message);
  });

  it('a signature re-encoded with other unused bits in its last character (atob would decode it to the same bytes)', async () => {
    const input = signed();
    const signature = input.headers['x-signature']!;
    const last = signature.replace(/=+$/, '').length - 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twin = alphabet[alphabet.indexOf(signature[last]!) ^ 1]!;
    const changed = signature.slice(0, last) + twin + signature.slice(last + 1);
    expect(atob(changed)).toBe(atob(signature));
    await expect(refusal({ ...input, headers: { ...input.headers, 'x-signature': changed } })).resolves.toBeInstanceOf(GoPaySignatureError);
  });

  it('a path with a backslash for a slash (new URL would read it as the same path)', async () => {
    const input = signed();
    await expect(refusal({ ...input, url: 'http://merchant.example/v1.0\\debit/notify' })).resolves.toBeInstanceOf(GoPaySignatureError);
  });

  it('a changed body in a fetch Request', async () => {
    const input = signed();
    const request = new Request(input.url, { method: 'POST', headers: input.headers, body: input.body.toString().replace('"00"', '"04"') });
    await expect(refusal(request)).resolves.toBeInstanceOf(GoPaySignatureError);
  });

  it('property: flipping one byte anywhere in body, path, timestamp or signature is refused', async () => {
    const parts = ['body', 'path', 'timestamp', 'signature'] as const;
    const base = signed();
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const texts = {
      body: base.body as string,
      path: PATH,
      timestamp: base.headers['x-timestamp']!,
      signature: base.headers['x-signature']!,
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...parts), fc.nat(), fc.integer({ min: 1, max: 255 }), async (part, at, mask) => {
        const bytes = encoder.encode(texts[part]);
        bytes[at % bytes.length] ^= mask;
        const changed = { ...texts, [part]: decoder.decode(bytes) };
        const input = {
          method: 'POST',
          url: `http://merchant.example${changed.path}`,
          headers: { 'x-timestamp': changed.timestamp, 'x-signature': changed.signature },
          body: changed.body,
        };
        const error = await refusal(input);
        // A flip may also make the input unreadable (a path with a newline is still a string: refused by signature).
        expect(error).toBeInstanceOf(GoPaySignatureError);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('verifyNotification: bad arguments are GoPayValidationError', () => {
  it('an unknown option is refused, naming the allowed ones', async () => {
    await expect(verifyNotification(signed(), { publicKey: keys.spki, toleranceMs: 5 } as never)).rejects.toThrow(
      new GoPayValidationError(
        'a key of verifyNotification(input, options) must be one of publicKey, path, tolerance, maxBodyBytes, got "toleranceMs".',
      ),
    );
  });

  it.each([
    ['no publicKey', signed(), {}],
    ['a private key as publicKey', signed(), { publicKey: keys.pkcs8 }],
    ['a negative tolerance', signed(), { publicKey: keys.spki, tolerance: -1 }],
    ['an unknown option', signed(), { publicKey: keys.spki, toleranceMs: 5 }],
    ['a body already parsed', { ...signed(), body: NOTIFICATION }, { publicKey: keys.spki }],
    ['no input', null, { publicKey: keys.spki }],
    [
      'a Request whose body was already read',
      (() => {
        const request = new Request('http://merchant.example/v1.0/debit/notify', { method: 'POST', body: '{}' });
        void request.text();
        return request;
      })(),
      { publicKey: keys.spki },
    ],
  ])('%s', async (_name, input, options) => {
    await expect(verifyNotification(input as never, options as never)).rejects.toBeInstanceOf(GoPayValidationError);
  });
});

describe('verifyNotification: the signed path', () => {
  it('defaults to the path from its /v1.0/ segment on: Midtrans appends /v1.0/debit/notify to the URL you registered', async () => {
    const input = signed();
    await expect(
      verifyNotification({ ...input, url: 'https://shop.example/api/gopay/v1.0/debit/notify' }, { publicKey: keys.spki }),
    ).resolves.toEqual(NOTIFICATION);
    // The last /v1.0/ segment: a merchant's own prefix may hold one too.
    await expect(verifyNotification({ ...input, url: '/v1.0/hooks/v1.0/debit/notify' }, { publicKey: keys.spki })).resolves.toEqual(
      NOTIFICATION,
    );
  });

  it('a path without /v1.0/ is taken whole; options.path names the signed path when a route rewrites it', async () => {
    const atRoot = signed({ path: '/gopay-notify' });
    await expect(verifyNotification(atRoot, { publicKey: keys.spki })).resolves.toEqual(NOTIFICATION);
    const rewritten = { ...signed(), url: '/internal/notifications' };
    await expect(refusal(rewritten)).resolves.toBeInstanceOf(GoPaySignatureError);
    await expect(verifyNotification(rewritten, { publicKey: keys.spki, path: PATH })).resolves.toEqual(NOTIFICATION);
    // The option wins over the request's path.
    await expect(refusal(signed(), { publicKey: keys.spki, path: '/v1.0/debit/other' } as never)).resolves.toBeInstanceOf(
      GoPaySignatureError,
    );
  });

  it('options.path must start with /', async () => {
    await expect(verifyNotification(signed(), { publicKey: keys.spki, path: 'v1.0/debit/notify' })).rejects.toBeInstanceOf(
      GoPayValidationError,
    );
  });
});

describe('verifyNotification: tolerance, key rotation, body size', () => {
  it('tolerance defaults to one day: Midtrans retries for hours with the same signature', async () => {
    await expect(verifyNotification(signed({ time: Date.now() - 2 * 3_600_000 }), { publicKey: keys.spki })).resolves.toEqual(NOTIFICATION);
    await expect(verifyNotification(signed({ time: Date.now() - 86_000_000 }), { publicKey: keys.spki })).resolves.toEqual(NOTIFICATION);
    await expect(
      refusal(signed({ time: Date.now() - 3_600_000 }), { publicKey: keys.spki, tolerance: 60_000 } as never),
    ).resolves.toBeInstanceOf(GoPaySignatureError);
  });

  it('publicKey may be several (rotation): any one that verifies', async () => {
    await expect(verifyNotification(signed(), { publicKey: [other.spki, keys.pkcs1Public] })).resolves.toEqual(NOTIFICATION);
    await expect(refusal(signed(), { publicKey: [other.spki, other.pkcs1Public] } as never)).resolves.toBeInstanceOf(GoPaySignatureError);
    await expect(verifyNotification(signed(), { publicKey: [] })).rejects.toBeInstanceOf(GoPayValidationError);
    await expect(verifyNotification(signed(), { publicKey: [keys.spki, 42 as never] })).rejects.toThrow(/publicKey\[1\]/);
  });

  it('a body over maxBodyBytes is refused before its signature is checked (text, bytes, Request with and without Content-Length)', async () => {
    const input = signed();
    const big = JSON.stringify({ ...NOTIFICATION, padding: 'x'.repeat(2_000) });
    const options = { publicKey: keys.spki, maxBodyBytes: 1_000 };
    const tooLarge = /larger than maxBodyBytes \(1000\)/;
    await expect(verifyNotification({ ...input, body: big }, options)).rejects.toThrow(tooLarge);
    await expect(verifyNotification({ ...input, body: new TextEncoder().encode(big) }, options)).rejects.toThrow(tooLarge);
    // Multi-byte text: 400 characters, 1,200 bytes.
    await expect(verifyNotification({ ...input, body: '€'.repeat(400) }, options)).rejects.toThrow(tooLarge);
    await expect(
      verifyNotification(new Request(input.url, { method: 'POST', headers: input.headers, body: big }), options),
    ).rejects.toThrow(tooLarge);
    // A stream without Content-Length: cut off once over the limit; the rest is never pulled.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('x'.repeat(600)));
      },
    });
    const streamed = new Request(input.url, { method: 'POST', headers: input.headers, body: stream, duplex: 'half' } as RequestInit);
    await expect(verifyNotification(streamed, options)).rejects.toThrow(tooLarge);
    expect(pulled).toBeLessThan(5);
    // The default is 1 MiB.
    await expect(verifyNotification({ ...input, body: 'x'.repeat(1_048_577) }, { publicKey: keys.spki })).rejects.toThrow(/\(1048576\)/);
    await expect(verifyNotification(input, { publicKey: keys.spki, maxBodyBytes: 0 })).rejects.toBeInstanceOf(GoPayValidationError);
  });

  it('checks cheapest first: missing headers and a stale timestamp are refused before the body is read', async () => {
    let pulled = 0;
    // highWaterMark 0: the stream pulls only when someone reads it.
    const body = () =>
      new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(1024));
          },
        },
        { highWaterMark: 0 },
      );
    const unsigned = new Request('https://shop.example/v1.0/debit/notify', { method: 'POST', body: body(), duplex: 'half' } as RequestInit);
    await expect(verifyNotification(unsigned, { publicKey: keys.spki })).rejects.toThrow(/X-SIGNATURE header is missing/);
    const stale = signed({ time: Date.now() - 2 * 86_400_000 });
    const staleRequest = new Request(stale.url, { method: 'POST', headers: stale.headers, body: body(), duplex: 'half' } as RequestInit);
    await expect(verifyNotification(staleRequest, { publicKey: keys.spki })).rejects.toThrow(/away from now/);
    expect(pulled).toBe(0);
  });
});
