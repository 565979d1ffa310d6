// @vitest-environment node
// The Mini App half of the mock GoPay server: the Basic credential, one-time auth codes within their life, and the
// user APIs behind the auth token.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { mintMockAuthCode } from '../../src/shared/mock-auth-code';
import { createMockServer } from '../../src/mock-server/create';
import { GoPayValidationError } from '../../src/server';
import { BASE, exchange, issuedCode, manualClock, post } from './helpers';

let mock: MockGoPayServer;
beforeAll(async () => {
  mock = await createMockGoPayServer({ seed: 7 });
});
afterEach(() => {
  mock.reset();
  vi.useRealTimers();
});

const NOT_FOUND = { success: false, error: { description: 'AuthCode Not Found' } };
function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

async function login(): Promise<string> {
  const answer = await (await exchange(mock, await issuedCode(mock))).json();
  return answer.data.auth_token;
}

describe('auth codes', () => {
  it('a code from /mock/auth-codes is exchanged once for { auth_token, gopay_account_id }', async () => {
    const issued = await (await mock.fetch(post('/mock/auth-codes', {}))).json();
    expect(issued).toEqual({ authCode: expect.stringMatching(/^[A-Za-z0-9]{64}$/), expiresIn: 360 });
    const first = await exchange(mock, issued.authCode);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      success: true,
      data: { auth_token: expect.stringMatching(/^[A-Za-z0-9]{48}$/), gopay_account_id: expect.stringMatching(/^GPA-\d{12}$/) },
    });
    const replayed = await exchange(mock, issued.authCode);
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toEqual(NOT_FOUND);
  });

  it('a code minted by a mock bridge in another process is accepted once (verifiable format)', async () => {
    const code = mintMockAuthCode('x'.repeat(40), Date.now() - 1_000);
    expect((await exchange(mock, code)).status).toBe(200);
    expect(await (await exchange(mock, code)).json()).toEqual(NOT_FOUND);
  });

  it.each([
    ['an unknown code', 'A'.repeat(64)],
    ['a minted code with one character changed', mintMockAuthCode('y'.repeat(40), Date.now()).replace(/^y/, 'z')],
    ['a code from the future', mintMockAuthCode('f'.repeat(40), Date.now() + 3_600_000)],
    ['a number', 12345],
  ])('%s is refused as GoPay does', async (_, code) => {
    const response = await exchange(mock, code);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(code === 12345 ? { success: false, error: { description: 'auth_code is required' } } : NOT_FOUND);
  });

  it('a code older than authCodeTtl (6 min by default) is refused; one just inside is accepted', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T10:00:00Z'));
    const old = await issuedCode(mock);
    const fresh = await issuedCode(mock);
    const minted = mintMockAuthCode('m'.repeat(40), Date.now());
    vi.setSystemTime(new Date('2026-11-30T10:05:59Z'));
    expect((await exchange(mock, fresh)).status).toBe(200);
    vi.setSystemTime(new Date('2026-11-30T10:06:00.001Z'));
    expect(await (await exchange(mock, old)).json()).toEqual(NOT_FOUND);
    expect(await (await exchange(mock, minted)).json()).toEqual(NOT_FOUND);
  });

  it('authCodeTtl shortens the life', async () => {
    const clock = manualClock();
    const short = await createMockServer({ authCodeTtl: 50 }, { clock });
    const [code, kept] = [await issuedCode(short), await issuedCode(short)];
    expect((await (await short.fetch(post('/mock/auth-codes', {}))).json()).expiresIn).toBe(0);
    clock.advance(50);
    expect((await exchange(short, kept)).status).toBe(200);
    clock.advance(1);
    expect(await (await exchange(short, code)).json()).toEqual(NOT_FOUND);
  });

  it('reset() forgets issued codes', async () => {
    const code = await issuedCode(mock);
    mock.reset();
    // Still a valid verifiable code: the format alone lets it through once, as from another process.
    expect((await exchange(mock, code)).status).toBe(200);
  });
});

describe('the Basic credential', () => {
  it.each([
    ['a wrong credential', { authorization: 'Basic bm9wZTpub3Bl' }],
    ['no Authorization header', {}],
    ['a Bearer instead of Basic', { authorization: 'Bearer abc' }],
  ])('%s is refused with 401, and the code is not spent', async (_, headers) => {
    const code = await issuedCode(mock);
    const refused = await mock.fetch(post('/v1/mini-apps/authorizations/token', { auth_code: code }, headers));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ success: false, error: { description: 'Unauthorized' } });
    expect((await exchange(mock, code)).status).toBe(200);
  });

  it('a retry with the same Request-Id gets the first answer, not "AuthCode Not Found"', async () => {
    const code = await issuedCode(mock);
    const first = await (await exchange(mock, code, undefined, { 'request-id': 'req-1' })).json();
    const retry = await (await exchange(mock, code, undefined, { 'request-id': 'req-1' })).json();
    expect(retry).toEqual(first);
    expect(await (await exchange(mock, code, undefined, { 'request-id': 'req-2' })).json()).toEqual(NOT_FOUND);
  });
});

describe('user APIs (Bearer auth_token)', () => {
  const profile = (headers: Record<string, string>) => mock.fetch(new Request(`${BASE}/v1/mini-apps/users/profile`, { headers }));

  it("getProfile answers phone_number, email and username (GoPay's page: username, not a name)", async () => {
    const answer = await profile(bearer(await login()));
    expect(await answer.json()).toEqual({
      success: true,
      data: { phone_number: '+6281234567890', email: 'budi.santoso@example.com', username: 'budisantoso' },
    });
  });

  it.each([
    ['no Authorization', {}, '303'],
    ['a Basic credential', { authorization: 'Basic abc' }, '310'],
    ['an unknown token', bearer('nope'), '110'],
  ])("%s is refused with 401 and the error.code of GoPay's table (%s)", async (_, headers, code) => {
    const refused = await profile(headers);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ success: false, error: { code, description: expect.any(String) } });
  });

  it('push needs template_name and template_parameters (both "Required: Yes"); malformed JSON is 902', async () => {
    const headers = bearer(await login());
    const push = (body: unknown) => mock.fetch(post('/v1/mini-apps/notifications/push', body, headers));
    expect(await (await push({ template_name: 'order_paid', template_parameters: {} })).json()).toEqual({ success: true });
    for (const body of [{ template_parameters: {} }, { template_name: 'order_paid' }]) {
      const refused = await push(body);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.code).toBe('305');
    }
    expect(await (await push('{"template_name": ')).json()).toEqual({
      success: false,
      error: { code: '902', description: 'MALFORMED_JSON' },
    });
  });

  it('reminders: created (with or without an id of ours), removed once; a bad % escape in the id is a 400', async () => {
    const headers = bearer(await login());
    const put = (body: unknown) =>
      mock.fetch(new Request(`${BASE}/v1/mini-apps/reminder`, { method: 'PUT', headers: { ...headers }, body: JSON.stringify(body) }));
    const created = await (await put({ template_name: 'renew', template_parameters: { plan: 'gold' } })).json();
    expect(created).toEqual({ success: true, data: { reminder_id: expect.stringMatching(/^RMD-/) } });
    expect(await (await put({ template_name: 'renew', template_parameters: {}, reminder_id: 'mine-1' })).json()).toEqual({
      success: true,
      data: { reminder_id: 'mine-1' },
    });
    expect((await put({ template_name: 'renew' })).status).toBe(400);
    const remove = (id: string) => mock.fetch(new Request(`${BASE}/v1/mini-apps/reminder/${id}`, { method: 'DELETE', headers }));
    expect(await (await remove(created.data.reminder_id)).json()).toEqual({ success: true });
    const gone = await remove(created.data.reminder_id);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ success: false, error: { description: 'Reminder not found' } });
    const malformed = await remove('%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('310');
  });

  it('rewards: a positive integer amount in IDR, a description, EMONEY or GOPAY_COINS', async () => {
    const headers = bearer(await login());
    const reward = { amount: { value: 5000, currency: 'IDR' }, description: 'Cashback', reward_type: 'GOPAY_COINS' };
    const send = (body: unknown) => mock.fetch(post('/v1/mini-apps/rewards', body, headers));
    expect(await (await send(reward)).json()).toEqual({ success: true, data: { payment_id: expect.stringMatching(/^RWD-/) } });
    for (const value of [-1, 50.5, '5000']) {
      expect(await (await send({ ...reward, amount: { value, currency: 'IDR' } })).json()).toEqual({
        success: false,
        error: { code: '305', description: 'amount.value must be a positive integer' },
      });
    }
    expect((await (await send({ ...reward, reward_type: 'cashback' })).json()).error).toEqual({
      code: '310',
      description: 'reward_type must be EMONEY or GOPAY_COINS',
    });
  });

  it('GoPay endpoints answer no CORS headers, even to a local page', async () => {
    const code = await issuedCode(mock);
    const response = await exchange(mock, code, undefined, { origin: 'http://localhost:5173' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await mock.fetch(
      new Request(`${BASE}/v1/mini-apps/authorizations/token`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } }),
    );
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('controls', () => {
  it("fail() injects a fault for the next `times` requests, in the endpoint's shape; requests records everything", async () => {
    mock.fail('/v1/mini-apps/authorizations/token', 503, undefined, 1);
    const code = await issuedCode(mock);
    const failed = await exchange(mock, code);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ success: false, error: { description: 'Internal Server Error' } });
    expect((await exchange(mock, code)).status).toBe(200);
    expect(mock.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/mock/auth-codes', 200],
      ['POST', '/v1/mini-apps/authorizations/token', 503],
      ['POST', '/v1/mini-apps/authorizations/token', 200],
    ]);
    mock.fail('/v1/mini-apps', 500, { custom: true });
    expect(await (await exchange(mock, code)).json()).toEqual({ custom: true });
    expect(() => mock.fail('v1', 500)).toThrow(
      new GoPayValidationError(`mock.fail(path) must be a path starting with /, e.g. '/v1.0/debit/notify', got "v1".`),
    );
    expect(() => mock.fail('/v1', 700)).toThrow(
      new GoPayValidationError('mock.fail(path, status) must be an integer from 100 to 599, got 700.'),
    );
    expect(() => mock.fail('/v1', 500, undefined, 0)).toThrow(/times\) must be an integer ≥ 1, got 0/);
  });

  it('refuses unknown options and bad values', async () => {
    await expect(createMockGoPayServer({ notifyUrl: 'localhost:3000' })).rejects.toThrow(/notifyUrl must be an http/);
    await expect(createMockGoPayServer({ authCodeTtl: -1 })).rejects.toThrow(/authCodeTtl/);
    await expect(createMockGoPayServer({ latency: [5, 1] })).rejects.toThrow(/latency/);
    await expect(createMockGoPayServer({ paymentTtl: 0 })).rejects.toThrow(/paymentTtl/);
    await expect(createMockGoPayServer({ maxRequests: 0 })).rejects.toThrow(/maxRequests/);
    await expect(createMockGoPayServer({ merchant: { clientID: 'x' } as never })).rejects.toThrow(
      /a key of createMockGoPayServer\(options\)\.merchant must be one of credentials, clientId, .*, got "clientID"/,
    );
    await expect(createMockGoPayServer({ merchant: { partnerId: '' } })).rejects.toThrow(/merchant.partnerId/);
  });

  it('seed makes codes reproducible', async () => {
    const a = await createMockGoPayServer({ seed: 42 });
    const b = await createMockGoPayServer({ seed: 42 });
    // The first 40 characters are drawn; the rest carries the issue time and a check.
    expect((await issuedCode(a)).slice(0, 40)).toBe((await issuedCode(b)).slice(0, 40));
    expect((await issuedCode(a)).slice(0, 40)).not.toBe((await issuedCode(await createMockGoPayServer({ seed: 43 }))).slice(0, 40));
  });

  it('latency delays answers', async () => {
    const slow = await createMockGoPayServer({ latency: 60 });
    const started = performance.now();
    await slow.fetch(new Request(`${BASE}/`));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
