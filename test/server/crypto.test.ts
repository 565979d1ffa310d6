// @vitest-environment node
// src/server/crypto.ts (WebCrypto only) checked against node:crypto, independently.
import { createHash, createHmac, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  generateRsaKeyPair,
  hmacSha512,
  importPrivateKey,
  importPublicKey,
  minifyJson,
  notificationStringToSign,
  parseSnapTimestamp,
  randomId,
  safeEqual,
  sha256Hex,
  signRsa,
  snapTimestamp,
  toBase64,
  transactionStringToSign,
  verifyRsa,
} from '../../src/shared/snap-crypto';
import { GoPayValidationError } from '../../src/server/index';
import { jakarta, makeKeys } from './helpers';

const keys = makeKeys();
const nodeSign = (pem: string, text: string) => createSign('RSA-SHA256').update(text).sign(pem, 'base64');
const nodeVerify = (pem: string, text: string, signature: string) =>
  createVerify('RSA-SHA256').update(text).verify(pem, signature, 'base64');

describe('base64, hashes, HMAC', () => {
  it('toBase64 / fromBase64 agree with Buffer for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Buffer.from(fromBase64(text)!)).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 60 },
    );
  });

  it('fromBase64 refuses text that is not base64', () => {
    for (const text of ['a', 'ab$d', 'abc==', '====', 'é']) expect(fromBase64(text)).toBeUndefined();
    expect(fromBase64('ab\ncd')).toEqual(new Uint8Array([0x69, 0xb7, 0x1d]));
    // The pattern allows these; atob throws on them: undefined, not a DOMException.
    for (const text of ['ab=c', 'abc=d', 'abcde=']) expect(fromBase64(text)).toBeUndefined();
  });

  it('sha256Hex and hmacSha512 agree with node:crypto (unicode included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.string({ minLength: 1 }), async (text, secret) => {
        expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
        expect(await hmacSha512(secret, text)).toBe(createHmac('sha512', secret).update(text, 'utf8').digest('base64'));
      }),
      { numRuns: 100 },
    );
  });

  it('safeEqual', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('randomId is a UUID, fresh each time', () => {
    expect(randomId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomId()).not.toBe(randomId());
  });
});

describe('RSA keys and signatures', () => {
  it.each([
    ['PKCS#8', keys.pkcs8],
    ['PKCS#1 (wrapped into PKCS#8)', keys.pkcs1],
  ])('a %s private key signs exactly as node:crypto does', async (_name, pem) => {
    const key = await importPrivateKey(pem);
    for (const text of ['client-id|2026-11-30T21:30:00+07:00', '', 'ü🎉'.repeat(50)]) {
      const signature = await signRsa(key, text);
      expect(signature).toBe(nodeSign(keys.pkcs8, text));
      expect(nodeVerify(keys.spki, text, signature)).toBe(true);
    }
  });

  it.each([1024, 3072, 4096])('PKCS#1 keys of %i bits (other DER length forms) sign and verify', async (modulusLength) => {
    const pair = generateKeyPairSync('rsa', { modulusLength });
    const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pkcs1Public = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const signature = await signRsa(await importPrivateKey(pkcs1), 'text');
    expect(nodeVerify(spki, 'text', signature)).toBe(true);
    expect(await verifyRsa(await importPublicKey(pkcs1Public), signature, 'text')).toBe(true);
  });

  it.each([
    ['SPKI', keys.spki],
    ['PKCS#1 (wrapped into SPKI)', keys.pkcs1Public],
  ])('a %s public key verifies node:crypto signatures and refuses others', async (_name, pem) => {
    const key = await importPublicKey(pem);
    const signature = nodeSign(keys.pkcs8, 'POST:/v1.0/debit/notify:abc:ts');
    expect(await verifyRsa(key, signature, 'POST:/v1.0/debit/notify:abc:ts')).toBe(true);
    expect(await verifyRsa(key, signature, 'POST:/v1.0/debit/notify:abd:ts')).toBe(false);
    expect(await verifyRsa(key, 'not base64!', 'x')).toBe(false);
    expect(await verifyRsa(key, '', 'x')).toBe(false);
    expect(await verifyRsa(key, toBase64(randomBytes(256)), 'x')).toBe(false);
  });

  it('PEM from an environment variable: literal \\n, CRLF, indentation', async () => {
    const escaped = keys.pkcs1.trim().replace(/\n/g, '\\n');
    const crlf = keys.pkcs8.replace(/\n/g, '\r\n');
    const indented = keys.pkcs8.replace(/\n/g, '\n    ');
    for (const pem of [escaped, crlf, indented]) {
      expect(await signRsa(await importPrivateKey(pem), 'x')).toBe(nodeSign(keys.pkcs8, 'x'));
    }
  });

  it('refusals are GoPayValidationErrors that say which format was expected and never quote the key', async () => {
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    // Cut short: the DER lengths no longer match, whatever the random key.
    const lines = keys.pkcs8.trim().split('\n');
    const broken = [...lines.slice(0, 6), lines.at(-1)].join('\n');
    const attempts: (() => unknown)[] = [
      () => importPrivateKey('not a pem'),
      () => importPrivateKey(certificate),
      () => importPrivateKey(keys.spki),
      () => importPublicKey(keys.pkcs8),
      () => importPrivateKey(broken),
      () => importPrivateKey('-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----'),
      () => importPrivateKey(42 as never),
    ];
    for (const attempt of attempts) {
      const error = await Promise.resolve()
        .then(attempt)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GoPayValidationError);
      expect((error as Error).message).toMatch(/BEGIN (RSA )?(PRIVATE|PUBLIC) KEY/);
      expect(JSON.stringify(error) + (error as Error).message).not.toContain(keys.pkcs8.slice(40, 90));
    }
    // A failed import is not cached: the same text fails again (and a good key still works).
    await expect(importPrivateKey(broken)).rejects.toBeInstanceOf(GoPayValidationError);
  });

  it('generateRsaKeyPair gives PEMs node:crypto can use', async () => {
    const pair = await generateRsaKeyPair();
    expect(pair.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(nodeVerify(pair.publicKey, 'x', nodeSign(pair.privateKey, 'x'))).toBe(true);
  });
});

describe('SNAP strings', () => {
  it('snapTimestamp is Jakarta time with +07:00, at any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const stamp = snapTimestamp(ms);
        expect(stamp).toBe(jakarta(ms));
        expect(parseSnapTimestamp(stamp)).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
    expect(snapTimestamp(Date.UTC(2026, 10, 30, 14, 30))).toBe('2026-11-30T21:30:00+07:00');
  });

  it('parseSnapTimestamp reads offsets, Z and milliseconds; NaN for anything else', () => {
    expect(parseSnapTimestamp('2026-11-30T21:30:00+07:00')).toBe(Date.UTC(2026, 10, 30, 14, 30));
    expect(parseSnapTimestamp('2026-11-30T14:30:00.123Z')).toBe(Date.UTC(2026, 10, 30, 14, 30, 0, 123));
    for (const bad of ['2026-11-30 21:30:00', '2026-11-30T21:30:00', '1764513000000', 42, undefined]) {
      expect(parseSnapTimestamp(bad)).toBeNaN();
    }
  });

  it('minifyJson removes whitespace between tokens and keeps strings byte for byte', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, '\t', ' \r\n '), (value, indent) => {
        expect(minifyJson(JSON.stringify(value, null, indent as never))).toBe(JSON.stringify(value));
      }),
    );
    expect(minifyJson('{ "a b" : "c \\" d" ,\n "e": [ 1 , 2 ] }')).toBe('{"a b":"c \\" d","e":[1,2]}');
  });

  it('property: minifyJson equals the character-by-character definition on any text, JSON or not (cut, escapes, backslash runs)', () => {
    // The definition, written out one character at a time: what is signed must not change with the faster pass.
    const reference = (text: string) => {
      let out = '';
      let inString = false;
      for (let i = 0; i < text.length; i++) {
        const char = text[i]!;
        if (inString) {
          out += char;
          if (char === '\\') out += text[++i] ?? '';
          else if (char === '"') inString = false;
        } else if (char === '"') {
          inString = true;
          out += char;
        } else if (!/\s/.test(char)) out += char;
      }
      return out;
    };
    const pieces = fc.constantFrom('"', '\\', ' ', '\n', '\t', 'a', '{', ':', ',', '\u00a0', '\u2028', 'é');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (text) => {
          expect(minifyJson(text)).toBe(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the strings to sign, as the contract gives them', async () => {
    const body = '{ "a": 1 }';
    const digest = createHash('sha256').update('{"a":1}').digest('hex');
    expect(await transactionStringToSign('post', '/v1.0/debit/status', 'tok', body, 'ts')).toBe(`POST:/v1.0/debit/status:tok:${digest}:ts`);
    expect(await notificationStringToSign('post', '/v1.0/debit/notify', body, 'ts')).toBe(`POST:/v1.0/debit/notify:${digest}:ts`);
  });
});
