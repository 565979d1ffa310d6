// @vitest-environment node
// createGoPayServer: which GoPay answers mean an expired auth code (GoPayAuthCodeExpiredError), and which do not.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { core, rejectionOf, S } from './helpers';
import { miniApp, stand, useStandIns } from './stand-in';

useStandIns();

describe('createGoPayServer: expired auth codes', () => {
  it.each(['AuthCode Not Found', 'Auth code expired', 'auth code is invalid'])(
    "getAuthToken → GoPayAuthCodeExpiredError when GoPay says '%s' (4xx), not retried",
    async (description: string) => {
      stand.reset([], () => ({ status: 404, body: { success: false, error: { description } } }));
      const e = await rejectionOf(miniApp().getAuthToken('K'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
      expect(e.code).toBe('AUTH_CODE_EXPIRED');
      expect(core.isGoPayError(e, 'AUTH_CODE_EXPIRED')).toBe(true);
      expect(stand.state.seen).toHaveLength(1);
    },
  );

  it.each(['Merchant not found', 'Client credentials expired', 'Route not found', 'Not Found'])(
    "getAuthToken: '%s' is another 'not found' or 'expired' → GoPayApiError, not GoPayAuthCodeExpiredError",
    async (description: string) => {
      stand.reset([], () => ({ status: 404, body: { success: false, error: { description } } }));
      // A credential that shares no word with the description (secrets are redacted from descriptions).
      const credentials = Buffer.from(`id-7:${randomBytes(12).toString('hex')}`).toString('base64');
      const e = await rejectionOf(miniApp({ credentials }).getAuthToken('K'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayApiError);
      expect(e).not.toBeInstanceOf(S.GoPayAuthCodeExpiredError);
      expect(e.code).toBe('API');
      expect(e.description).toBe(description);
    },
  );

  it('only getAuthToken turns an auth-code description into GoPayAuthCodeExpiredError', async () => {
    stand.reset([], () => ({ status: 404, body: { success: false, error: { description: 'AuthCode Not Found' } } }));
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.code).toBe('API');
  });
});
