// The error classes and isGoPayError: what a rejection of the SDK is, and how to recognise one.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi } from '../api';
import { fakeBridge } from '../../fake-bridge';
import { rejectionOf } from '../../helpers';

export function registerErrors({ core }: AcceptanceApi): void {
  const { createGoPay, isGoPayError, GoPayError } = core;

  describe('errors: the classes and isGoPayError', () => {
    it('every error class extends GoPayError, which extends Error', () => {
      expect(GoPayError.prototype).toBeInstanceOf(Error);
      for (const cls of [
        core.GoPayTimeoutError,
        core.GoPayAbortError,
        core.GoPayUnavailableError,
        core.GoPayAuthCodeExpiredError,
        core.GoPayBridgeError,
        core.GoPayValidationError,
      ]) {
        expect(cls.prototype).toBeInstanceOf(GoPayError);
      }
    });

    it('isGoPayError recognises GoPayErrors (optionally by code) and nothing else', async () => {
      const { bridge } = fakeBridge({ mode: 'manual' });
      const gp = createGoPay({ bridge, timeout: 5 });
      const e = await rejectionOf(gp.getLocale());
      expect(isGoPayError(e)).toBe(true);
      expect(isGoPayError(e, 'TIMEOUT')).toBe(true);
      expect(isGoPayError(e, 'ABORTED')).toBe(false);
      expect(isGoPayError(new Error('TIMEOUT'))).toBe(false);
      expect(isGoPayError(null)).toBe(false);
      expect(isGoPayError(undefined)).toBe(false);
      expect(isGoPayError('TIMEOUT')).toBe(false);
      expect(isGoPayError({ code: 'TIMEOUT', name: 'GoPayTimeoutError', message: 'x' })).toBe(false);
    });
  });
}
