// The debug option: true logs each settled call through console.debug, a function receives the entries (method,
// params, outcome, ms), false (the default) logs nothing. Redaction of secrets: ./secrets.ts.
import { describe, expect, it, vi } from 'vitest';
import type { AcceptanceApi, GoPay } from '../api';
import { authCodeFor, failEnv, fakeBridge } from '../../fake-bridge';
import { dump, rejectionOf } from '../../helpers';

export function registerDebug({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('debug option', () => {
    const secretsScenario = async (gp: GoPay) => {
      await gp.getAuthCode();
      await gp.getBankAccountToken();
      await gp.takePhoto({ mode: 'camera', needBase64: true });
      await gp.getLocale();
    };
    const SECRETS = [authCodeFor(1), 'bank-token-123', 'QUJDREVGR0g='];

    it('debug: true logs each call through console.debug, with auth codes, tokens and base64 redacted', async () => {
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      try {
        const { bridge } = fakeBridge();
        await secretsScenario(createGoPay({ bridge, debug: true }));
        expect(spy.mock.calls.length).toBeGreaterThanOrEqual(4);
        const text = dump(spy.mock.calls);
        for (const s of SECRETS) expect(text).not.toContain(s);
        expect(text).toContain('getLocale');
      } finally {
        spy.mockRestore();
      }
    });

    it('debug entries give the method, the params, the outcome and the ms of each call', async () => {
      const entries: unknown[] = [];
      const { bridge } = fakeBridge({ answer: (r) => (r.methodName === 'getWifiInfo' ? { fail: failEnv('300') } : undefined) });
      const gp = createGoPay({ bridge, debug: (e) => entries.push(e) });
      await gp.copyToClipboard('VOUCHER-77');
      await rejectionOf(gp.getWifiInfo());
      const okEntry = entries.find((e) => dump(e).includes('copyToClipboard'));
      const failEntry = entries.find((e) => dump(e).includes('getWifiInfo'));
      expect(okEntry).toBeDefined();
      expect(failEntry).toBeDefined();
      expect(dump(okEntry)).toContain('VOUCHER-77');
      expect(dump(failEntry)).toMatch(/PERMISSION_DENIED|300/);
      const hasNumber = (x: unknown): boolean =>
        typeof x === 'number' || (!!x && typeof x === 'object' && Object.values(x as object).some(hasNumber));
      expect(hasNumber(okEntry)).toBe(true);
    });

    it('debug: false (default) logs nothing through console.debug', async () => {
      const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
      try {
        const { bridge } = fakeBridge();
        await secretsScenario(createGoPay({ bridge }));
        expect(spy).not.toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    });
  });
}
