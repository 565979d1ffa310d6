// Auth codes as GoPay treats them: each one exchanged once, within its life. A code counts when this server
// issued it (POST /mock/auth-codes, the mock bridge's `server` option) or when it is a verifiable mock code
// minted by a mock bridge in any other process or tab (readMockAuthCode).
import { mintMockAuthCode, readMockAuthCode } from '../shared/mock-auth-code';
import type { Random } from '../shared/random';

// A code stamped this far in the future came from a clock that is wrong, not from a bridge.
const CLOCK_SKEW = 60_000;

export interface AuthCodes {
  /** A fresh code for the mock bridge; `expiresIn` in seconds. */
  issue(now: number): { authCode: string; expiresIn: number };
  /** True once per live code; false for a reused, expired or unknown one. */
  redeem(code: unknown, now: number): boolean;
  reset(): void;
}

export function createAuthCodes(ttl: number, random: () => Random): AuthCodes {
  // Both maps hold code → issue time, in the order codes arrive: the oldest are dropped once past their life
  // (an expired code is refused by its age alone), so that a mock running for days keeps a few minutes of codes.
  const issued = new Map<string, number>();
  const used = new Map<string, number>();

  function forgetExpired(map: Map<string, number>, now: number): void {
    for (const [code, at] of map) {
      if (now - at <= ttl + CLOCK_SKEW) break;
      map.delete(code);
    }
  }

  return {
    issue(now) {
      forgetExpired(issued, now);
      const authCode = mintMockAuthCode(random().token(40), now);
      issued.set(authCode, now);
      return { authCode, expiresIn: Math.floor(ttl / 1000) };
    },
    redeem(code, now) {
      forgetExpired(used, now);
      if (typeof code !== 'string' || used.has(code)) return false;
      const issuedAt = issued.get(code) ?? readMockAuthCode(code)?.issuedAt;
      if (issuedAt === undefined || issuedAt > now + CLOCK_SKEW || now - issuedAt > ttl) return false;
      used.set(code, issuedAt);
      issued.delete(code);
      return true;
    },
    reset() {
      issued.clear();
      used.clear();
    },
  };
}
