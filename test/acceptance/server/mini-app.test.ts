// @vitest-environment node
// createGoPayServer (GoPay's Mini App APIs): bad options and arguments refused before any request; each request and
// its answer against a GoPay stand-in on node:http; which answers mean an expired auth code. (Retries have a file of
// their own, mini-app-retries.test.ts: they wait.)
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { core, failureOf, rejectionOf, S, thrownBy, UUID_RE } from './helpers';
import { busy, CREDS, miniApp, ok, stand, useStandIns } from './stand-in';

useStandIns();

describe('createGoPayServer: validation before any request', () => {
  const spyFetch = () => vi.fn(async () => new Response(JSON.stringify({ success: true, data: {} }), { status: 200 }));

  it.each([
    ['no options', undefined],
    ['no credentials', {}],
    ["credentials ''", { credentials: '' }],
    ['credentials Symbol', { credentials: Symbol('c') }],
    ['credentials 42', { credentials: 42 }],
    ['timeout -1', { credentials: CREDS, timeout: -1 }],
    ["timeout 'soon'", { credentials: CREDS, timeout: 'soon' }],
    ['retries -1', { credentials: CREDS, retries: -1 }],
    ['retries 1.5', { credentials: CREDS, retries: 1.5 }],
    ["baseUrl 'https://'", { credentials: CREDS, baseUrl: 'https://' }],
    ["baseUrl 'not a url'", { credentials: CREDS, baseUrl: 'not a url' }],
    ["fetch 'no'", { credentials: CREDS, fetch: 'no' }],
  ])('%s → the factory throws GoPayValidationError synchronously, no request', (_n: string, options: any) => {
    const fetch = spyFetch();
    const e = thrownBy(() => S.createGoPayServer(options === undefined ? undefined : { fetch, ...options }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["getAuthToken('')", (c: any) => c.getAuthToken('')],
    ['getAuthToken()', (c: any) => c.getAuthToken()],
    ['getAuthToken(Symbol)', (c: any) => c.getAuthToken(Symbol('x'))],
    ['getAuthToken(42)', (c: any) => c.getAuthToken(42)],
    ["getProfile('')", (c: any) => c.getProfile('')],
    ['getProfile(Symbol)', (c: any) => c.getProfile(Symbol('x'))],
    ['sendPushNotification without template_name', (c: any) => c.sendPushNotification('tok', { template_parameters: {} })],
    ['createReminder without params', (c: any) => c.createReminder('tok')],
    ["removeReminder(tok, '')", (c: any) => c.removeReminder('tok', '')],
    ["removeReminder(tok, '.')", (c: any) => c.removeReminder('tok', '.')],
    ["removeReminder(tok, '..')", (c: any) => c.removeReminder('tok', '..')],
    ["removeReminder(tok, 'a/b')", (c: any) => c.removeReminder('tok', 'a/b')],
    ["removeReminder(tok, '../push')", (c: any) => c.removeReminder('tok', '../push')],
    ["removeReminder(tok, '/')", (c: any) => c.removeReminder('tok', '/')],
    ['sendReward without amount', (c: any) => c.sendReward('tok', { description: 'd', reward_type: 'CASHBACK' })],
    ['opts.requestId 42', (c: any) => c.getAuthToken('E'.repeat(64), { requestId: 42 })],
    ['opts.signal {}', (c: any) => c.getAuthToken('E'.repeat(64), { signal: {} })],
    ['opts.timeout -5', (c: any) => c.getAuthToken('E'.repeat(64), { timeout: -5 })],
  ])('%s → GoPayValidationError, no request', async (_n: string, run: (c: any) => Promise<unknown>) => {
    const fetch = spyFetch();
    const client = S.createGoPayServer({ credentials: CREDS, fetch });
    const e = await failureOf(() => run(client));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the default baseUrl is GoPay’s, and the fetch option is used', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: true, data: { auth_token: 't', gopay_account_id: 'g' } })));
    await S.createGoPayServer({ credentials: CREDS, fetch }).getAuthToken('F'.repeat(64));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://public-mini-app-merchants.gopayapi.com/v1/mini-apps/authorizations/token');
  });
});

describe('createGoPayServer: requests and answers (GoPay stand-in on node:http)', () => {
  it('getAuthToken: POST …/authorizations/token, Basic, JSON { auth_code } → { auth_token, gopay_account_id }', async () => {
    stand.reset([ok({ auth_token: 'tok-123', gopay_account_id: 'acc-9' })]);
    const code = 'G'.repeat(64);
    await expect(miniApp().getAuthToken(code)).resolves.toEqual({ auth_token: 'tok-123', gopay_account_id: 'acc-9' });
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/mini-apps/authorizations/token');
    expect(r.headers.authorization).toBe(`Basic ${CREDS}`);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ auth_code: code });
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('getProfile: GET …/users/profile with Bearer → { phone_number, email, username } (GoPay’s `username`)', async () => {
    const profile = { phone_number: '+628123', email: 'a@b.c', username: 'ani' };
    stand.reset([ok(profile)]);
    await expect(miniApp().getProfile('tok-123')).resolves.toEqual(profile);
    const [r] = stand.state.seen;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v1/mini-apps/users/profile');
    expect(r.headers.authorization).toBe('Bearer tok-123');
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('sendPushNotification, createReminder, removeReminder, sendReward: methods, paths, bodies, results', async () => {
    const c = miniApp();
    stand.reset([ok(undefined), ok({ reminder_id: 'rem-7' }), ok(undefined), ok({ payment_id: 'pay-1' })]);
    const push = { template_name: 'promo', template_parameters: { name: 'Ani' } };
    await expect(c.sendPushNotification('tok', push)).resolves.toBeUndefined();
    const reminder = { template_name: 'bill', template_parameters: { due: '1 Dec' }, reminder_id: 'rem-7' };
    await expect(c.createReminder('tok', reminder)).resolves.toEqual({ reminder_id: 'rem-7' });
    await expect(c.removeReminder('tok', 'rem-7')).resolves.toBeUndefined();
    const reward = { amount: { value: 1000, currency: 'IDR' }, description: 'thanks', reward_type: 'CASHBACK', metadata: { k: 'v' } };
    await expect(c.sendReward('tok', reward)).resolves.toEqual({ payment_id: 'pay-1' });
    const seen = stand.state.seen.map((r) => [r.method, r.path]);
    expect(seen).toEqual([
      ['POST', '/v1/mini-apps/notifications/push'],
      ['PUT', '/v1/mini-apps/reminder'],
      ['DELETE', '/v1/mini-apps/reminder/rem-7'],
      ['POST', '/v1/mini-apps/rewards'],
    ]);
    const [p, r, , w] = stand.state.seen;
    expect(JSON.parse(p.body)).toEqual(push);
    expect(JSON.parse(r.body)).toEqual(reminder);
    expect(JSON.parse(w.body)).toEqual(reward);
    for (const s of [p, r, w]) expect(s.headers['content-type']).toMatch(/^application\/json/);
    for (const s of stand.state.seen) {
      expect(s.headers.authorization).toBe('Bearer tok');
      expect(s.headers['request-id']).toMatch(UUID_RE);
    }
    expect(new Set(stand.state.seen.map((s) => s.headers['request-id'])).size).toBe(4);
  });

  it("removeReminder: an id with dots inside (not '.' or '..') is sent as it is", async () => {
    stand.reset([ok(undefined)]);
    await expect(miniApp().removeReminder('tok', 'rem.7.a')).resolves.toBeUndefined();
    expect(stand.state.seen.map((s) => [s.method, s.path])).toEqual([['DELETE', '/v1/mini-apps/reminder/rem.7.a']]);
  });

  it("Request-Id: the caller's when given, the same on every retry of one call", async () => {
    // busy(): a 5xx with Retry-After: 0, retried without the backoff wait (the backoff is timed in mini-app-retries.test.ts).
    stand.reset([busy(503), busy(502), ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64), { requestId: 'req-abc-1' });
    expect(stand.state.seen.map((s) => s.headers['request-id'])).toEqual(['req-abc-1', 'req-abc-1', 'req-abc-1']);
    stand.reset([busy(500), ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64));
    const ids = stand.state.seen.map((s) => s.headers['request-id']);
    expect(ids[0]).toMatch(UUID_RE);
    expect(ids[1]).toBe(ids[0]);
  });

  it('a { success: false } answer rejects even with HTTP 200', async () => {
    stand.reset([{ status: 200, body: { success: false, error: { description: 'Template not found' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.description).toBe('Template not found');
  });

  it.each([
    ['a success without the success flag', { status: 200, body: { data: { auth_token: 't', gopay_account_id: 'a' } } }],
    ['a 200 that is not JSON', { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } }],
    ['an empty 200', { status: 200, body: '' }],
    ["success: 'true' (a string)", { status: 200, body: { success: 'true', data: { auth_token: 't', gopay_account_id: 'a' } } }],
  ])('anything but { success: true } rejects with GoPayApiError: %s', async (_n: string, reply: any) => {
    stand.reset([reply]);
    const e = await rejectionOf(miniApp().getAuthToken('Q'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
  });

  it("GoPayApiError.responseCode is GoPay's error.code; description is error.description", async () => {
    stand.reset([{ status: 400, body: { success: false, error: { code: '110', description: 'Invalid request parameters' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(400);
    expect(e.responseCode).toBe('110');
    expect(e.description).toBe('Invalid request parameters');
  });
});

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
