// @vitest-environment node
// The mock auth-code format: the mock bridge mints, the mock GoPay server (another process) reads. Both sides depend
// on it byte for byte, so its layout is pinned here.
import { describe, expect, it } from 'vitest';
import { mintMockAuthCode, readMockAuthCode } from '../../src/shared/mock-auth-code';

const RANDOM = 'abcdefghijABCDEFGHIJ0123456789klmnopqrst';

describe('mintMockAuthCode / readMockAuthCode', () => {
  it('lays a code out as 40 random characters, the issue time in base 36 (10), and a 14-character check', () => {
    const code = mintMockAuthCode(RANDOM, 1_764_500_000_123);
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(code.slice(0, 40)).toBe(RANDOM);
    expect(code.slice(40, 50)).toBe((1_764_500_000_123).toString(36).padStart(10, '0'));
    // Pinned: a mock GoPay server of another release must still accept this code.
    expect(code).toBe('abcdefghijABCDEFGHIJ0123456789klmnopqrst00millqpob1vzqkzn174kdcj');
  });

  it('reads back the issue time (whole ms) of any code it minted', () => {
    for (const issuedAt of [0, 1, 1_764_500_000_123, 4_102_444_800_000]) {
      expect(readMockAuthCode(mintMockAuthCode(RANDOM, issuedAt))).toEqual({ issuedAt });
    }
    expect(readMockAuthCode(mintMockAuthCode(RANDOM, 1234.9))).toEqual({ issuedAt: 1234 });
  });

  it('refuses a code with any one character changed', () => {
    const code = mintMockAuthCode(RANDOM, 1_764_500_000_123);
    for (let i = 0; i < code.length; i++) {
      const changed = code.slice(0, i) + (code[i] === 'x' ? 'y' : 'x') + code.slice(i + 1);
      expect(readMockAuthCode(changed)).toBeUndefined();
    }
  });

  it.each([undefined, null, 42, '', 'short', `${'a'.repeat(63)}-`, 'A'.repeat(64), 'A'.repeat(65)])('refuses %j', (code) => {
    expect(readMockAuthCode(code)).toBeUndefined();
  });
});
