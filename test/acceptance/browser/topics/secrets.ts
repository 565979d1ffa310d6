// Secrets never leak: auth codes, bank-account tokens and base64 photos reach no error (message, response, cause,
// JSON), event, debug entry or console line — also from malformed or failed answers — nor web storage or cookies.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, type AcceptanceApi, type GoPay } from '../api';
import { authCodeFor, failEnv, fakeBridge, okEnv, type Reply } from '../../fake-bridge';
import { dump, rejectionOf } from '../../helpers';

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;
/** Silences the console and records what reaches it; restore() when done. */
const spyConsole = () => {
  const spies = CONSOLE.map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
  return { text: () => dump(spies.map((s) => s.mock.calls)), restore: () => spies.forEach((s) => s.mockRestore()) };
};

export function registerSecrets({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const { asGoPayError } = errorChecks(core);

  describe('secrets never leak, also from malformed or failed answers', () => {
    const CODE = authCodeFor(777);
    const TOKEN = 'bank-token-SECRET-4242';
    const B64 = 'U0VDUkVUQkFTRTY0REFUQVNFQ1JFVA==';
    const leaks: Array<[string, (gp: GoPay) => Promise<unknown>, Reply, string]> = [
      [
        'getAuthCode: failure envelope carrying the code',
        (gp) => gp.getAuthCode(),
        { fail: { ...failEnv('500'), data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: success:false through onSuccess carrying the code',
        (gp) => gp.getAuthCode(),
        { ok: { success: false, ret: 'GP_EXCEPTION', error_code: '401', data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: array ret HY_TIMEOUT with the code',
        (gp) => gp.getAuthCode(),
        { ok: { ret: ['HY_TIMEOUT'], data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: unparsable JSON text with the code',
        (gp) => gp.getAuthCode(),
        { ok: `{"success":true,"data":{"authCode":"${CODE}"` },
        CODE,
      ],
      [
        'getAuthCode: unparsable JSON text through onFailure',
        (gp) => gp.getAuthCode(),
        { fail: `{"success":false,"data":{"authCode":"${CODE}"},` },
        CODE,
      ],
      [
        'getAuthCode: nested failure with the code',
        (gp) => gp.getAuthCode(),
        { fail: { success: false, error: { code: 500, message: 'x', authCode: CODE } } },
        CODE,
      ],
      [
        'getAuthCode: camelCase failure with the code at the top level',
        (gp) => gp.getAuthCode(),
        { ok: { callbackId: 'c1', ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'x', authCode: CODE } },
        CODE,
      ],
      [
        'call(GPMiniAppAuth.getAuthCode): failure with the code',
        (gp) => gp.call('GPMiniAppAuth', 'getAuthCode'),
        { fail: { ...failEnv('500'), data: { authCode: CODE } } },
        CODE,
      ],
      [
        'getBankAccountToken: failure with the token',
        (gp) => gp.getBankAccountToken(),
        { fail: { ...failEnv('300'), data: { token: TOKEN } } },
        TOKEN,
      ],
      ['getBankAccountToken: unparsable JSON text', (gp) => gp.getBankAccountToken(), { ok: `{"data":{"token":"${TOKEN}"}` }, TOKEN],
      [
        'getBankAccountToken: success:false through onSuccess',
        (gp) => gp.getBankAccountToken(),
        { ok: { success: false, ret: 'GP_EXCEPTION', error_code: '500', token: TOKEN } },
        TOKEN,
      ],
      [
        'takePhoto: failure with base64Data',
        (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
        { fail: { ...failEnv('400'), base64Data: B64 } },
        B64,
      ],
      [
        'takePhoto: camelCase GP_PARAM_ERR with base64Data',
        (gp) => gp.takePhoto({ mode: 'camera', needBase64: true }),
        { ok: { callbackId: 'c2', ret: 'GP_PARAM_ERR', errorCode: 'GP_PARAM_ERR', errorMessage: 'x', base64Data: B64 } },
        B64,
      ],
    ];

    it.each(leaks)('%s', async (_n, run, reply, secret) => {
      const output = spyConsole();
      try {
        const { bridge } = fakeBridge({ answer: () => reply });
        const entries: unknown[] = [];
        const events: unknown[] = [];
        const gp = createGoPay({ bridge, debug: (e) => entries.push(e) });
        const gp2 = createGoPay({ bridge, debug: true });
        gp.on('call', (e) => events.push(e));
        gp.on('settle', (e) => events.push(e));
        gp.on('ready', () => events.push('ready'));
        const e = asGoPayError(await rejectionOf(run(gp)));
        const e2 = asGoPayError(await rejectionOf(run(gp2)));
        for (const err of [e, e2]) {
          expect(String(err.message)).not.toContain(secret);
          expect(dump(err.response)).not.toContain(secret);
          expect(dump(err.cause)).not.toContain(secret);
          expect(JSON.stringify(err) ?? '').not.toContain(secret);
          expect(dump(err)).not.toContain(secret);
          expect(String(err)).not.toContain(secret);
        }
        expect(dump(events)).not.toContain(secret);
        expect(dump(entries)).not.toContain(secret);
        expect(output.text()).not.toContain(secret);
      } finally {
        output.restore();
      }
    });

    it('secrets in successful answers reach no event, debug entry (one per call) or console line, withAuthCode included', async () => {
      const output = spyConsole();
      try {
        const codes: string[] = [];
        const { bridge } = fakeBridge({
          answer: (r) => {
            if (r.methodName === 'getAuthCode') {
              codes.push(authCodeFor(700 + codes.length));
              return { ok: okEnv({ data: { authCode: codes[codes.length - 1] } }) };
            }
            if (r.methodName === 'getBankAccountToken') return { ok: okEnv({ data: { token: TOKEN } }) };
            if (r.methodName === 'takePhoto') return { ok: okEnv({ callbackId: 'c3', localPath: '/x.jpg', base64Data: B64 }) };
            return undefined;
          },
        });
        const entries: unknown[] = [];
        const events: unknown[] = [];
        const gp = createGoPay({ bridge, debug: (e) => entries.push(e) });
        gp.on('call', (e) => events.push(e));
        gp.on('settle', (e) => events.push(e));
        gp.on('ready', () => events.push('ready'));
        expect((await gp.getAuthCode()).code).toBe(codes[0]);
        expect((await gp.getBankAccountToken()).token).toBe(TOKEN);
        expect((await gp.takePhoto({ mode: 'camera', needBase64: true })).base64Data).toBe(B64);
        await gp.call('GPMiniAppAuth', 'getAuthCode');
        await gp.getLocale();
        await gp.withAuthCode(async () => 'ok');
        expect(events.length).toBeGreaterThan(0);
        expect(entries.length).toBeGreaterThanOrEqual(6);
        expect(dump(entries)).toContain('getAuthCode');
        expect(dump(entries)).toContain('getLocale');
        expect(codes.length).toBeGreaterThanOrEqual(3);
        const text = dump(events) + dump(entries) + output.text();
        for (const s of [...codes, TOKEN, B64]) expect(text).not.toContain(s);
      } finally {
        output.restore();
      }
    });

    it('auth codes never reach web storage or cookies', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge, debug: () => {} });
      await gp.getAuthCode();
      await gp.withAuthCode(async () => 'ok');
      const stored: string[] = [document.cookie];
      for (const store of [globalThis.localStorage, globalThis.sessionStorage]) {
        if (!store) continue;
        for (let i = 0; i < store.length; i++) stored.push(String(store.getItem(store.key(i) as string)));
      }
      const text = stored.join('\n');
      expect(text).not.toContain(authCodeFor(1));
      expect(text).not.toContain(authCodeFor(2));
    });
  });
}
