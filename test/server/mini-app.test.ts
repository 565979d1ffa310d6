// @vitest-environment node
// createGoPayServer against a real local HTTP server: paths, headers, bodies, envelopes and errors.
import { describe, expect, it } from 'vitest';
import { createGoPayServer, GoPayApiError, GoPayAuthCodeExpiredError, GoPayValidationError, isGoPayError } from '../../src/server/index';
import { exposed, header, json, leaks, MINI_APP_CREDENTIALS, useMiniAppServer, type Handler } from './helpers';

const CREDENTIALS = MINI_APP_CREDENTIALS;
// As GoPay's codes are: 64 letters and digits.
const CODE = 'Zq8Rk2Lw9Tn4Vb7Xc1Md5Hf3Jg6Ps0Ya8Ue2Io4Qw7Er1Ty9Ui3Op5As6Df8Gh2J';
const TOKEN = 'user-token-1a2b3c4d5e6f';
const { start, listen, server } = useMiniAppServer();

const ok =
  (data?: unknown): Handler =>
  (_request, res) =>
    json(res, 200, { success: true, data });

describe('createGoPayServer: wire format', () => {
  it('getAuthToken: POST with Basic credentials, a Request-Id, the code in a JSON body; resolves with data', async () => {
    const gopay = await start(ok({ auth_token: TOKEN, gopay_account_id: 'acc-1' }));
    await expect(gopay.getAuthToken(CODE)).resolves.toEqual({ auth_token: TOKEN, gopay_account_id: 'acc-1' });
    const [request] = server().requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1/mini-apps/authorizations/token');
    expect(header(request!, 'authorization')).toBe(`Basic ${CREDENTIALS}`);
    expect(header(request!, 'content-type')).toBe('application/json');
    expect(header(request!, 'request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(request!.body)).toEqual({ auth_code: CODE });
  });

  it("uses the caller's Request-Id", async () => {
    const gopay = await start(ok({ auth_token: TOKEN, gopay_account_id: 'acc-1' }));
    await gopay.getAuthToken(CODE, { requestId: 'req-42' });
    expect(header(server().requests[0]!, 'request-id')).toBe('req-42');
  });

  it.each([
    [
      'getProfile',
      'GET',
      '/v1/mini-apps/users/profile',
      undefined,
      (g: ReturnType<typeof createGoPayServer>) => g.getProfile(TOKEN),
      { name: 'Budi' },
    ],
    [
      'sendPushNotification',
      'POST',
      '/v1/mini-apps/notifications/push',
      { template_name: 't', template_parameters: { a: '1' } },
      (g: ReturnType<typeof createGoPayServer>) => g.sendPushNotification(TOKEN, { template_name: 't', template_parameters: { a: '1' } }),
      undefined,
    ],
    [
      'createReminder',
      'PUT',
      '/v1/mini-apps/reminder',
      { template_name: 'due', template_parameters: {}, reminder_id: 'r1' },
      (g: ReturnType<typeof createGoPayServer>) =>
        g.createReminder(TOKEN, { template_name: 'due', template_parameters: {}, reminder_id: 'r1' }),
      { reminder_id: 'r1' },
    ],
    [
      'removeReminder',
      'DELETE',
      '/v1/mini-apps/reminder/r%201%3F',
      undefined,
      (g: ReturnType<typeof createGoPayServer>) => g.removeReminder(TOKEN, 'r 1?'),
      undefined,
    ],
    [
      'sendReward',
      'POST',
      '/v1/mini-apps/rewards',
      { amount: { value: 5000, currency: 'IDR' }, description: 'Bonus', reward_type: 'GOPAY_COINS' },
      (g: ReturnType<typeof createGoPayServer>) =>
        g.sendReward(TOKEN, { amount: { value: 5000, currency: 'IDR' }, description: 'Bonus', reward_type: 'GOPAY_COINS' }),
      { payment_id: 'p1' },
    ],
  ])('%s: %s %s with Bearer', async (_name, method, path, body, run, data) => {
    const gopay = await start(ok(data));
    const result = await run(gopay);
    const [request] = server().requests;
    expect(request!.method).toBe(method);
    expect(request!.url).toBe(path);
    expect(header(request!, 'authorization')).toBe(`Bearer ${TOKEN}`);
    expect(header(request!, 'request-id')).toBeTruthy();
    if (body) {
      expect(JSON.parse(request!.body)).toEqual(body);
      expect(header(request!, 'content-type')).toBe('application/json');
    } else expect(request!.body).toBe('');
    expect(result).toEqual(data);
  });

  it('a baseUrl with a path prefix and a trailing slash', async () => {
    const fake = await listen(ok({ name: 'x' }));
    const gopay = createGoPayServer({ credentials: CREDENTIALS, baseUrl: `${fake.url}/gopay/`, retries: 0 });
    await gopay.getProfile(TOKEN);
    expect(fake.requests[0]!.url).toBe('/gopay/v1/mini-apps/users/profile');
  });
});

describe('createGoPayServer: answers that reject', () => {
  it.each([404, 400, 401])('an unknown code (%i, AuthCode Not Found) is GoPayAuthCodeExpiredError', async (status) => {
    const gopay = await start((_r, res) => json(res, status, { success: false, error: { description: 'AuthCode Not Found' } }));
    const error = await gopay.getAuthToken(CODE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayAuthCodeExpiredError);
    expect(isGoPayError(error, 'AUTH_CODE_EXPIRED')).toBe(true);
    expect((error as Error).message).toContain('AuthCode Not Found');
    expect(leaks(exposed(error), [CODE, CREDENTIALS])).toEqual([]);
  });

  it('a refused credential is a GoPayApiError, not an expired code', async () => {
    const gopay = await start((_r, res) => json(res, 401, { success: false, error: { description: 'Unauthorized' } }));
    const error = (await gopay.getAuthToken(CODE).catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error).toMatchObject({ code: 'API', status: 401, description: 'Unauthorized', retryable: false });
    expect(error.requestId).toBe(header(server().requests[0]!, 'request-id'));
  });

  it.each([
    ['success: false on a 200', 200, { success: false, error: { description: 'Template not found' } }],
    ['a 2xx without success', 200, { data: {} }],
    ['text that is not JSON', 200, 'oops'],
    ['a 4xx with success: true', 403, { success: true, data: {} }],
  ])('%s rejects with GoPayApiError', async (_name, status, body) => {
    const gopay = await start((_r, res) => json(res, status, body));
    const error = await gopay.sendPushNotification(TOKEN, { template_name: 't', template_parameters: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayApiError);
    expect((error as GoPayApiError).status).toBe(status);
  });

  it('success without auth_token rejects', async () => {
    const gopay = await start(ok({}));
    await expect(gopay.getAuthToken(CODE)).rejects.toThrow(/without auth_token/);
  });
});

describe('createGoPayServer: secrets never leak', () => {
  it('an answer that echoes the code, the token and the credential is redacted everywhere', async () => {
    const echo: Handler = (request, res) =>
      json(res, 500, {
        success: false,
        error: { description: `bad code ${CODE} with ${CREDENTIALS}` },
        auth_code: CODE,
        echo: { headers: request.headers, body: request.body, token: TOKEN, list: [TOKEN] },
        data: { auth_token: TOKEN },
      });
    const gopay = await start(echo);
    // Each call redacts what it knows: getAuthToken the code (and auth_token by its field name), getProfile the token.
    const errors = [
      [await gopay.getAuthToken(CODE).catch((e: unknown) => e), [CODE, CREDENTIALS]],
      [await gopay.getProfile(TOKEN).catch((e: unknown) => e), [CREDENTIALS, TOKEN]],
    ] as const;
    for (const [error, secrets] of errors) {
      expect(error).toBeInstanceOf(GoPayApiError);
      expect(leaks(exposed(error), [...secrets])).toEqual([]);
      expect(JSON.stringify(error)).toContain('[redacted]');
    }
  });

  it('a network error names no secret', async () => {
    const gopay = createGoPayServer({ credentials: CREDENTIALS, baseUrl: 'http://127.0.0.1:1', retries: 0 });
    const error = await gopay.getAuthToken(CODE).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API', status: 0, retryable: true });
    expect(leaks(exposed(error), [CODE, CREDENTIALS])).toEqual([]);
  });

  it('a custom fetch that throws the request it got is redacted', async () => {
    const gopay = createGoPayServer({
      credentials: CREDENTIALS,
      retries: 0,
      fetch: async (_url, init) => {
        throw new Error(JSON.stringify(init));
      },
    });
    const error = await gopay.getAuthToken(CODE).catch((e: unknown) => e);
    expect(leaks(exposed(error), [CODE, CREDENTIALS])).toEqual([]);
  });
});

describe('createGoPayServer: validation before any request', () => {
  const calls = (gopay: ReturnType<typeof createGoPayServer>) => [
    () => gopay.getAuthToken(''),
    () => gopay.getAuthToken('   '),
    () => gopay.getAuthToken(12345 as never),
    () => gopay.getProfile(undefined as never),
    () => gopay.sendPushNotification(TOKEN, null as never),
    () => gopay.sendPushNotification(TOKEN, [] as never),
    () => gopay.sendPushNotification(TOKEN, { template_name: '', template_parameters: {} }),
    () => gopay.sendPushNotification(TOKEN, { template_name: 't' } as never),
    () => gopay.createReminder(TOKEN, { template_name: 't', template_parameters: {}, reminder_id: 7 as never }),
    () => gopay.removeReminder(TOKEN, ''),
    () => gopay.sendReward(TOKEN, { amount: { value: 1 }, description: 'd', reward_type: 'r' } as never),
    () => gopay.sendReward(TOKEN, { amount: { value: '5000.00', currency: 'IDR' }, description: 'd', reward_type: 'r' } as never),
    () => gopay.sendReward(TOKEN, { amount: { value: 0.5, currency: 'IDR' }, description: 'd', reward_type: 'r' }),
    () => gopay.sendReward(TOKEN, 'reward' as never),
    () => gopay.getProfile(TOKEN, { timeout: -1 }),
    () => gopay.getProfile(TOKEN, { signal: {} as never }),
    () => gopay.getProfile(TOKEN, { retries: 3 } as never),
    () => gopay.getProfile('token with\nnewline'),
    () => gopay.getProfile(TOKEN, { requestId: 'id with space' }),
    () => gopay.getProfile(TOKEN, { requestId: 'x'.repeat(129) }),
  ];

  it('every bad argument is a GoPayValidationError and nothing is sent', async () => {
    const gopay = await start(ok({}));
    for (const call of calls(gopay)) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GoPayValidationError);
      expect(leaks(exposed(error), ['12345', TOKEN])).toEqual([]);
    }
    expect(server().requests).toHaveLength(0);
  });

  it.each([
    [{}],
    [{ credentials: '' }],
    [{ credentials: 42 }],
    [{ credentials: CREDENTIALS, baseUrl: 'ftp://x' }],
    [{ credentials: CREDENTIALS, retries: -1 }],
    [{ credentials: CREDENTIALS, timeout: 0 }],
    [{ credentials: CREDENTIALS, fetch: 'no' }],
    [{ credentials: CREDENTIALS, credential: 'typo' }],
    [{ credentials: 'line\nbreak' }],
    [null],
  ])('createGoPayServer(%j) throws GoPayValidationError', (options) => {
    expect(() => createGoPayServer(options as never)).toThrow(GoPayValidationError);
  });

  it("createSnapClient's options are ignored, so one merchant object serves both factories; typos are still refused", () => {
    const merchant = { credentials: CREDENTIALS, clientId: 'c', clientSecret: 's', privateKey: 'k', merchantId: 'm', channelId: '95221' };
    expect(() => createGoPayServer(merchant)).not.toThrow();
    expect(() => createGoPayServer({ ...merchant, clientID: 'typo' } as never)).toThrow(
      new GoPayValidationError(
        'a key of createGoPayServer(options) must be one of credentials, baseUrl, timeout, retries, fetch, got "clientID".',
      ),
    );
  });

  it('an inherited credential is not used', () => {
    const options = Object.create({ credentials: CREDENTIALS });
    expect(() => createGoPayServer(options)).toThrow(GoPayValidationError);
  });

  it('the credential is never quoted in a validation message', () => {
    const error = (() => {
      try {
        createGoPayServer({ credentials: CREDENTIALS, baseUrl: 'nope' });
      } catch (e) {
        return e;
      }
    })();
    expect(leaks(exposed(error), [CREDENTIALS])).toEqual([]);
  });

  it('options given as the credential itself: the message says what it got, never the credential', () => {
    expect(() => createGoPayServer(CREDENTIALS as never)).toThrow(
      new GoPayValidationError('createGoPayServer(options) must be an object, got a string (not quoted: it may be a secret).'),
    );
  });

  it('options a polluting library left on Object.prototype are not read (baseUrl, timeout)', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ success: true, data: { auth_token: TOKEN } }), { status: 200 });
    };
    Object.assign(proto, { baseUrl: 'https://attacker.test', timeout: 0 });
    try {
      const gopay = createGoPayServer({ credentials: CREDENTIALS, fetch });
      await gopay.getAuthToken(CODE, { requestId: 'r-1' });
    } finally {
      delete proto.baseUrl;
      delete proto.timeout;
    }
    expect(urls).toEqual(['https://public-mini-app-merchants.gopayapi.com/v1/mini-apps/authorizations/token']);
  });

  it('an unknown per-call option is refused, naming the allowed ones', async () => {
    const gopay = createGoPayServer({ credentials: CREDENTIALS });
    await expect(gopay.getProfile(TOKEN, { requestID: 'r-1' } as never)).rejects.toThrow(
      new GoPayValidationError('a key of GoPayServer.getProfile(…, opts) must be one of requestId, signal, timeout, got "requestID".'),
    );
  });
});
