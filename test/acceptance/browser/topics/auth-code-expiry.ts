// An auth code's lifetime: getAuthCode stamps issuedAt/expiresAt (authCodeTtl), isAuthCodeExpired reads them
// (authCodeMargin).
import { describe, expect, it, vi } from 'vitest';
import { withFakeTimers, type AcceptanceApi, type AuthCode } from '../api';
import { authCodeFor, fakeBridge } from '../../fake-bridge';

export function registerAuthCodeExpiry({ core }: AcceptanceApi): void {
  const { createGoPay, isAuthCodeExpired } = core;
  /** isAuthCodeExpired without its types, for the values the types forbid. */
  const looseExpired = isAuthCodeExpired as (authCode: unknown, now?: number, margin?: number) => boolean;

  describe('auth code expiry: authCodeTtl, authCodeMargin, isAuthCodeExpired', () => {
    const ac: AuthCode = { code: authCodeFor(1), issuedAt: 1_000_000, expiresAt: 1_300_000 };

    it('isAuthCodeExpired compares now against expiresAt minus the margin', () => {
      expect(isAuthCodeExpired(ac, 1_000_001, 0)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_299_000, 0)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_300_001, 0)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_269_000, 30_000)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_271_000, 30_000)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_200_000, 150_000)).toBe(true);
    });

    it.each([
      ['undefined', undefined],
      ['null', null],
      ['{}', {}],
      ['a string', 'AC1'],
      ['expiresAt NaN', { code: 'x', issuedAt: 0, expiresAt: Number.NaN }],
      ['expiresAt Infinity', { code: 'x', issuedAt: 0, expiresAt: Number.POSITIVE_INFINITY }],
      ["expiresAt '9999999999999' (text)", { code: 'x', issuedAt: 0, expiresAt: '9999999999999' }],
    ])('isAuthCodeExpired: anything without a finite expiresAt counts as expired (%s)', (_n, v: unknown) => {
      expect(looseExpired(v)).toBe(true);
      expect(looseExpired(v, 0, 0)).toBe(true);
    });

    it('isAuthCodeExpired defaults the margin to 30 s and now to Date.now()', async () => {
      expect(isAuthCodeExpired(ac, 1_100_000)).toBe(false);
      expect(isAuthCodeExpired(ac, 1_280_000)).toBe(true);
      expect(isAuthCodeExpired(ac, 1_400_000)).toBe(true);
      await withFakeTimers(async () => {
        expect(isAuthCodeExpired(ac)).toBe(false);
        vi.setSystemTime(1_290_000);
        expect(isAuthCodeExpired(ac)).toBe(true);
      }, 1_000_500);
    });

    it('getAuthCode stamps issuedAt/expiresAt with authCodeTtl (default 300 000 ms)', async () => {
      await withFakeTimers(async () => {
        const { bridge } = fakeBridge();
        const a = await createGoPay({ bridge }).getAuthCode();
        expect(a.issuedAt).toBe(1_700_000_000_000);
        expect(a.expiresAt).toBe(1_700_000_300_000);
        const b = await createGoPay({ bridge, authCodeTtl: 360_000 }).getAuthCode();
        expect(b.expiresAt - b.issuedAt).toBe(360_000);
      }, 1_700_000_000_000);
    });

    it('a fresh code from getAuthCode is not expired; isAuthCodeExpired honours the margin', async () => {
      const { bridge } = fakeBridge();
      const a = await createGoPay({ bridge }).getAuthCode();
      expect(isAuthCodeExpired(a)).toBe(false);
      expect(isAuthCodeExpired(a, a.expiresAt - 29_000)).toBe(true);
      expect(isAuthCodeExpired(a, a.expiresAt - 31_000)).toBe(false);
    });
  });
}
