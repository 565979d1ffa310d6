// Payments: toPaymentDeeplink(webRedirectUrl), and launchPayment sending that deeplink and passing the status through.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi } from '../api';
import { fakeBridge, okEnv } from '../../fake-bridge';

export function registerPayment({ core }: AcceptanceApi): void {
  const { createGoPay, toPaymentDeeplink } = core;

  describe('payment: toPaymentDeeplink and launchPayment', () => {
    it('toPaymentDeeplink turns an https webRedirectUrl into gopay://merchanttransfer + its query string', () => {
      expect(toPaymentDeeplink('https://gwk.gopayapi.com/app/merchanttransfer?tref=ABC123&amount=10000')).toBe(
        'gopay://merchanttransfer?tref=ABC123&amount=10000',
      );
      expect(toPaymentDeeplink('https://pay.example.com/some/path?x=1&y=a%20b#frag')).toMatch(/^gopay:\/\/merchanttransfer\?x=1&y=a%20b/);
    });

    it('launchPayment sends exactly toPaymentDeeplink(webRedirectUrl)', async () => {
      const url = 'https://app.gopay.example/merchanttransfer?tref=Z9&amount=1&sig=abc';
      const { bridge, calls } = fakeBridge();
      await createGoPay({ bridge }).launchPayment(url);
      expect(calls[0].params).toEqual({ deeplink: toPaymentDeeplink(url) });
    });

    it.each(['success', 'failed', 'pending', 'cancelled'])('launchPayment passes status %s through', async (status) => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { status } }) }) });
      await expect(createGoPay({ bridge }).launchPayment('gopay://merchanttransfer?tref=1')).resolves.toMatchObject({ status });
    });
  });
}
