// @vitest-environment node
// Secrets (credentials, auth codes, tokens, the client secret, a password in baseUrl) never appear in an error, in any form.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { core, expectNoSecrets, failureOf, rejectionOf, S } from './helpers';
import { CREDS, CREDS_ID, CREDS_PASSWORD, miniApp, stand, useStandIns } from './stand-in';
import { CLIENT_SECRET, keys, paymentBody, snap, snapOptions, snapRoutes, tokenReply } from './snap-stand-in';

useStandIns();

describe('secrets never appear in an error', () => {
  it('credentials, auth codes and tokens echoed back as they are (message, body, cause, JSON.stringify)', async () => {
    const code = `SECRETCODE${'L'.repeat(54)}`;
    stand.reset([
      {
        status: 400,
        body: {
          success: false,
          error: { description: `bad request for ${code}`, auth_code: code, authorization: `Basic ${CREDS}` },
          auth_code: code,
          credentials: CREDS,
        },
      },
    ]);
    const e1 = await rejectionOf(miniApp().getAuthToken(code));
    expectNoSecrets(e1, [code, CREDS]);
    const token = 'SECRET-TOKEN-0123456789';
    stand.reset([{ status: 401, body: { success: false, error: { description: `token ${token} rejected` }, auth_token: token } }]);
    const e2 = await rejectionOf(miniApp().getProfile(token));
    expectNoSecrets(e2, [token, CREDS]);
    stand.reset([], () => 'destroy');
    const e3 = await rejectionOf(miniApp({ retries: 0 }).getProfile(token));
    expectNoSecrets(e3, [token, CREDS]);
    const e4 = await failureOf(() => S.createGoPayServer({ credentials: CREDS, baseUrl: 'https://' }).getAuthToken(code));
    expect(core.isGoPayError(e4)).toBe(true);
    expectNoSecrets(e4, [code, CREDS]);
  });

  // Each secret echoed back in another form: cut, URL-encoded, decoded from Basic, or in another case.
  const CODE = `Ab3${randomBytes(30).toString('hex')}Z`.slice(0, 64);
  const TOKEN = `Tok/${randomBytes(12).toString('base64')}+abc=/${randomBytes(8).toString('hex')}`;
  const forms: Array<[string, () => string[]]> = [
    ['the auth code cut (its first 24 characters)', () => [CODE.slice(0, 24)]],
    ['the auth code in lower case', () => [CODE.toLowerCase()]],
    ['the auth code in upper case', () => [CODE.toUpperCase()]],
    ['the credential URL-encoded', () => [encodeURIComponent(CREDS)]],
    ['the credential decoded from Basic', () => [`${CREDS_ID}:${CREDS_PASSWORD}`]],
    ['the password decoded from Basic', () => [CREDS_PASSWORD]],
    ['the password decoded from Basic, URL-encoded', () => [encodeURIComponent(CREDS_PASSWORD)]],
    ['the credential cut (its first 20 characters)', () => [CREDS.slice(0, 20)]],
    ['the credential in lower case', () => [CREDS.toLowerCase()]],
  ];
  it.each(forms)('Mini App: %s', async (_n, echoed) => {
    const [shown] = echoed();
    stand.reset([
      {
        status: 400,
        body: { success: false, error: { code: '400', description: `refused: ${shown}` }, echo: shown, nested: { value: `x ${shown} y` } },
      },
    ]);
    const e = await rejectionOf(miniApp().getAuthToken(CODE));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expectNoSecrets(e, [shown, CODE, CREDS]);
  });

  const tokenForms: Array<[string, (t: string) => string]> = [
    ['as it is', (t) => t],
    ['cut (its first 20 characters)', (t) => t.slice(0, 20)],
    ['URL-encoded', (t) => encodeURIComponent(t)],
    ['in upper case', (t) => t.toUpperCase()],
    ['in lower case', (t) => t.toLowerCase()],
  ];
  it.each(tokenForms)('Mini App: the auth token echoed %s', async (_n, form) => {
    const shown = form(TOKEN);
    stand.reset([{ status: 401, body: { success: false, error: { description: `token ${shown} rejected` }, echo: shown } }]);
    const e = await rejectionOf(miniApp().getProfile(TOKEN));
    expectNoSecrets(e, [shown, TOKEN]);
  });

  it.each(tokenForms)('SNAP: the access token and the client secret echoed %s', async (_n, form) => {
    const secretToken = `${TOKEN}-snap`;
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/access-token/b2b': () => tokenReply('900', secretToken),
        '/v1.0/debit/payment-host-to-host': () => ({
          status: 400,
          body: {
            responseCode: '4005401',
            responseMessage: `Invalid Field Format ${form(secretToken)} ${form(CLIENT_SECRET)}`,
            echo: { token: form(secretToken), secret: form(CLIENT_SECRET) },
          },
        }),
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expectNoSecrets(e, [form(secretToken), form(CLIENT_SECRET), secretToken, CLIENT_SECRET, keys.privateKey.split('\n')[1]]);
  });

  it('a password in baseUrl never appears (either client, whatever happens)', async () => {
    const password = 'PaSsW0rd-in-the-URL-42';
    const withPassword = (base: string) => base.replace('http://', `http://user:${password}@`);
    // A closed port: the request cannot be answered.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    stand.reset([], snapRoutes({ '/v1/mini-apps/users/profile': () => ({ status: 500, body: { success: false } }) }));
    // A client may refuse such a baseUrl, or strip the password and carry on: whatever fails, the password stays out.
    const settle = async (run: () => unknown) => {
      try {
        await run();
        return undefined;
      } catch (e) {
        return e;
      }
    };
    let errors = 0;
    for (const base of [withPassword(stand.state.url), withPassword(closedUrl)]) {
      const e1 = await settle(() => S.createGoPayServer({ credentials: CREDS, baseUrl: base, retries: 0 }).getProfile('tok'));
      const e2 = await settle(() =>
        S.createSnapClient(snapOptions({ baseUrl: base, retries: 0 })).getPaymentStatus({ originalReferenceNo: 'A1' }, { timeout: 2_000 }),
      );
      for (const e of [e1, e2]) {
        if (e === undefined) continue;
        errors++;
        expect(core.isGoPayError(e), String(e)).toBe(true);
        expectNoSecrets(e, [password, encodeURIComponent(password)]);
      }
    }
    expect(errors).toBeGreaterThanOrEqual(2);
  });
});
