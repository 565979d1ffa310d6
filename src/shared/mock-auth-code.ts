// A mock auth code that a mock GoPay server in another process (or tab) can check without shared state: 64 letters
// and digits like GoPay's, made of 40 random characters, the issue time (ms, base 36, 10 characters) and a
// 14-character check over both. The check is FNV-1a, not a secret: a mock code proves nothing, and only the mock
// GoPay server (gopay-miniapp-kit/mock-server) accepts it.

function fnv1a(text: string, offset: number): string {
  let hash = offset;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36).padStart(7, '0');
}

function check(body: string) {
  return fnv1a(body, 0x811c9dc5) + fnv1a(body, 0x6d2b79f5);
}

/** A mock auth code issued at `issuedAt` (ms) from 40 random letters and digits. */
export function mintMockAuthCode(random40: string, issuedAt: number): string {
  const body = random40 + Math.floor(issuedAt).toString(36).padStart(10, '0');
  return body + check(body);
}

/** When a mock auth code was issued, or undefined when `code` is not one (a typo, a real GoPay code). */
export function readMockAuthCode(code: unknown): { issuedAt: number } | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z0-9]{64}$/.test(code)) return undefined;
  const body = code.slice(0, 50);
  if (code.slice(50) !== check(body)) return undefined;
  const issuedAt = parseInt(body.slice(40), 36);
  return Number.isFinite(issuedAt) ? { issuedAt } : undefined;
}
