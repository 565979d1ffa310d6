// The signatures of BI-SNAP (Midtrans's "Signature Generation" page), on WebCrypto alone: no `node:` import, no
// Buffer, so that the same code signs on Node, Deno, Bun and edge workers. Shared by the server client (which
// signs) and the mock GoPay server (which verifies what the client signed, and signs notifications).
import { GoPayValidationError } from '../errors/GoPayValidationError';

const encoder = new TextEncoder();
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const HMAC = { name: 'HMAC', hash: 'SHA-512' } as const;
// rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters: the AlgorithmIdentifier that PKCS#8 and SPKI wrap.
const RSA_ALGORITHM_ID = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/** WebCrypto's `subtle`, or a clear error where the runtime has none (Node 18 without the global). */
export function subtle(): SubtleCrypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (!crypto?.subtle) {
    throw new GoPayValidationError('WebCrypto (globalThis.crypto.subtle) is missing: use Node 19+, Deno, Bun or a worker runtime.');
  }
  return crypto.subtle;
}

/** A fresh id for `Request-Id` and `X-EXTERNAL-ID`. */
export function randomId(): string {
  return (globalThis as { crypto: Crypto }).crypto.randomUUID();
}

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes base64; undefined when `text` is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    // atob refuses what the pattern lets through: padding where the length does not call for it ("abc=" + "d").
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** lowercase(hex(SHA-256(text))), as the SNAP string to sign takes the body. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await subtle().digest('SHA-256', encoder.encode(text)));
}

// HMAC keys imported once per secret: one import per request would cost more than the signature itself.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** base64(HMAC-SHA512(secret, text)): the signature of SNAP's transactional requests. */
export async function hmacSha512(secret: string, text: string): Promise<string> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = subtle().importKey('raw', encoder.encode(secret), HMAC, false, ['sign']);
    // A handful of secrets per process at most; the cap only guards against a caller minting one per request.
    if (hmacKeys.size >= 16) hmacKeys.clear();
    hmacKeys.set(secret, key);
  }
  return toBase64(await subtle().sign('HMAC', await key, encoder.encode(text)));
}

/** Compares two strings in time that depends on their length only (signatures, credentials). */
export function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

// DER: a tag, a length (short or long form), the content.
function der(tag: number, content: number[] | Uint8Array): number[] {
  const length = content.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  return [tag, ...lengthBytes, ...content];
}

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo, the only private format WebCrypto imports. */
function wrapPkcs1Private(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(der(0x30, [...der(0x02, [0]), ...RSA_ALGORITHM_ID, ...der(0x04, pkcs1)]));
}

/** PKCS#1 RSAPublicKey → SPKI SubjectPublicKeyInfo. */
function wrapPkcs1Public(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(der(0x30, [...RSA_ALGORITHM_ID, ...der(0x03, [0, ...pkcs1])]));
}

const PEM = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/;

/** The label and bytes of a PEM block. The message never quotes the key. */
function readPem(pem: unknown, field: string, expected: string): { label: string; bytes: Uint8Array<ArrayBuffer> } {
  const match = typeof pem === 'string' ? PEM.exec(pem.replace(/\\n/g, '\n')) : null;
  const bytes = match && fromBase64(match[2]!);
  if (!match || !bytes?.length) throw new GoPayValidationError(`${field} must be a PEM key (${expected}); what was given is not one.`);
  return { label: match[1]!, bytes };
}

// Keys are imported once per PEM (jose does the same): a signature per request must not re-parse the key.
const privateKeys = new Map<string, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

function cached(cache: Map<string, Promise<CryptoKey>>, pem: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let key = cache.get(pem);
  if (!key) {
    key = load();
    cache.set(pem, key);
    // A key that fails to import is not kept: the error is thrown again, not cached forever.
    key.catch(() => cache.delete(pem));
  }
  return key;
}

/** The two kinds of RSA key the SDK imports, each from its standard PEM or from PKCS#1 (wrapped for WebCrypto). */
const KEY_KINDS = {
  private: { label: 'PRIVATE KEY', format: 'pkcs8', wrapPkcs1: wrapPkcs1Private, usage: 'sign', cache: privateKeys },
  public: { label: 'PUBLIC KEY', format: 'spki', wrapPkcs1: wrapPkcs1Public, usage: 'verify', cache: publicKeys },
} as const;

function importRsaKey(kind: keyof typeof KEY_KINDS, pem: string, field: string): Promise<CryptoKey> {
  const { label: standard, format, wrapPkcs1, usage, cache } = KEY_KINDS[kind];
  const expected = `-----BEGIN ${standard}----- or -----BEGIN RSA ${standard}-----`;
  const { label, bytes } = readPem(pem, field, expected);
  if (label !== standard && label !== `RSA ${standard}`) {
    throw new GoPayValidationError(`${field} must be a ${kind} key (${expected}), got a PEM "${label}".`);
  }
  const der = label === standard ? bytes : wrapPkcs1(bytes);
  return cached(cache, pem, () =>
    subtle()
      .importKey(format, der, RSA, false, [usage])
      .catch((): never => {
        throw new GoPayValidationError(`${field} is not a valid RSA key (${expected}).`);
      }),
  );
}

/** Imports an RSA private key from PEM: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). */
export function importPrivateKey(pem: string, field = 'privateKey'): Promise<CryptoKey> {
  return importRsaKey('private', pem, field);
}

/** Imports an RSA public key from PEM: SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`). */
export function importPublicKey(pem: string, field = 'publicKey'): Promise<CryptoKey> {
  return importRsaKey('public', pem, field);
}

/** base64(SHA256withRSA(key, text)). */
export async function signRsa(key: CryptoKey, text: string): Promise<string> {
  return toBase64(await subtle().sign(RSA, key, encoder.encode(text)));
}

/** Whether `signature` (base64) is SHA256withRSA of `text` under `key`; false for anything that is not canonical base64. */
export async function verifyRsa(key: CryptoKey, signature: string, text: string): Promise<boolean> {
  const bytes = fromBase64(signature);
  // Only the canonical encoding: atob ignores the unused bits of the last character, so two texts would name one
  // signature, and a changed header would still verify.
  if (!bytes?.length || toBase64(bytes) !== signature) return false;
  return subtle().verify(RSA, key, bytes, encoder.encode(text));
}

function toPem(bytes: ArrayBuffer, label: string): string {
  return `-----BEGIN ${label}-----\n${toBase64(bytes)
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;
}

/** A fresh RSA-2048 key pair as PEM (PKCS#8 and SPKI): the mock server's and the tests' keys. */
export async function generateRsaKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  const pair = await subtle().generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    'sign',
    'verify',
  ]);
  return {
    privateKey: toPem(await subtle().exportKey('pkcs8', pair.privateKey), 'PRIVATE KEY'),
    publicKey: toPem(await subtle().exportKey('spki', pair.publicKey), 'PUBLIC KEY'),
  };
}

/** Jakarta time (UTC+7, no daylight saving), the offset GoPay's examples use: `2026-11-30T21:30:00+07:00`. */
export function snapTimestamp(now: number = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** The time an `X-TIMESTAMP` names (ms since the epoch), or NaN when it is not ISO-8601 with an offset or `Z`. */
export function parseSnapTimestamp(text: unknown): number {
  return typeof text === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text) ? Date.parse(text) : NaN;
}

/** Where the JSON string opened by the quote at `open` ends (after its closing quote), or the text's end. */
function stringEnd(text: string, open: number): number {
  for (let from = open + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    // A quote after an odd run of backslashes is escaped: count the run back (each backslash is counted once).
    let slash = quote - 1;
    while (slash > open && text.charCodeAt(slash) === 92) slash--;
    if ((quote - 1 - slash) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * JSON text without the whitespace between tokens ("minify(body)" of the SNAP string to sign); strings are kept
 * byte for byte, so that the digest is that of the body as it was sent, not of a re-serialised copy. One pass that
 * jumps from quote to quote with indexOf: a megabyte takes milliseconds, not a character-by-character rebuild.
 */
export function minifyJson(text: string): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const open = text.indexOf('"', at);
    const between = text.slice(at, open < 0 ? text.length : open);
    out += /\s/.test(between) ? between.replace(/\s+/g, '') : between;
    if (open < 0) break;
    at = stringEnd(text, open);
    out += text.slice(open, at);
  }
  return out;
}

/** SNAP's string to sign for a transactional request (HMAC) — `METHOD:path:token:hex(sha256(body)):timestamp`. */
export async function transactionStringToSign(method: string, path: string, accessToken: string, body: string, timestamp: string) {
  return `${method.toUpperCase()}:${path}:${accessToken}:${await sha256Hex(minifyJson(body))}:${timestamp}`;
}

/** SNAP's string to sign for a notification (RSA) — `METHOD:path:hex(sha256(minify(body))):timestamp`. */
export async function notificationStringToSign(method: string, path: string, body: string, timestamp: string) {
  return `${method.toUpperCase()}:${path}:${await sha256Hex(minifyJson(body))}:${timestamp}`;
}
