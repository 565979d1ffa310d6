// The merchant the mock accepts: the published development one, or the `merchant` option over it. GoPay holds the
// public half of the merchant's key; when the option brings its own private key, the public half is read out of it
// (an RSA private key carries its modulus and exponent), so that the option needs no second PEM.
import { invalidSecret } from '../shared/checks';
import { fromBase64, importPrivateKey, importPublicKey, subtle } from '../shared/snap-crypto';
import { DEV_MERCHANT, DEV_MERCHANT_PUBLIC_KEY } from './dev-merchant';
import type { MockMerchant } from './types';

export interface ResolvedMerchant {
  merchant: Readonly<MockMerchant>;
  /** Verifies the access-token request's SHA256withRSA signature. */
  publicKey: CryptoKey;
}

/** One DER element at `at`: its tag, where its content starts and where it ends. */
function readElement(bytes: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  return { tag, start, end: start + length };
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  // DER integers carry a leading zero when their top bit is set; JWK wants the plain big-endian number.
  const trimmed = bytes[0] === 0 ? bytes.subarray(1) : bytes;
  for (const byte of trimmed) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `{ n, e }` of a PKCS#8 or PKCS#1 RSA private key PEM; undefined when it is not one. */
function publicNumbers(pem: string): { n: string; e: string } | undefined {
  const match = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]*?)-----END/.exec(pem.replace(/\\n/g, '\n'));
  const der = match && fromBase64(match[2]!);
  if (!der) return undefined;
  try {
    let key = readElement(der, 0);
    if (!match[1]) {
      // PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier, OCTET STRING { RSAPrivateKey } }.
      const version = readElement(der, key.start);
      const algorithm = readElement(der, version.end);
      const octets = readElement(der, algorithm.end);
      key = readElement(der, octets.start);
    }
    // RSAPrivateKey: SEQUENCE { version, modulus, publicExponent, … }.
    const version = readElement(der, key.start);
    const n = readElement(der, version.end);
    const e = readElement(der, n.end);
    if (n.tag !== 0x02 || e.tag !== 0x02) return undefined;
    return { n: base64url(der.subarray(n.start, n.end)), e: base64url(der.subarray(e.start, e.end)) };
  } catch {
    return undefined;
  }
}

/** The development merchant, or `override` over it; refuses a private key that does not import. */
export async function resolveMerchant(override: Partial<MockMerchant>): Promise<ResolvedMerchant> {
  const merchant = Object.freeze({ ...DEV_MERCHANT, ...override });
  if (override.privateKey === undefined) {
    return { merchant, publicKey: await importPublicKey(DEV_MERCHANT_PUBLIC_KEY, 'the development public key') };
  }
  const refuse = () =>
    invalidSecret('createMockGoPayServer(options).merchant.privateKey', 'an RSA private key PEM (PKCS#8 or PKCS#1)', override.privateKey);
  try {
    // It throws at once for what is no PEM, and rejects for what WebCrypto cannot import.
    await importPrivateKey(override.privateKey, 'merchant.privateKey');
  } catch {
    refuse();
  }
  const numbers = publicNumbers(override.privateKey) ?? refuse();
  const publicKey = await subtle().importKey('jwk', { kty: 'RSA', ...numbers }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  return { merchant, publicKey };
}
