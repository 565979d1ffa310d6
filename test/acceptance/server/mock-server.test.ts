// @vitest-environment node
// The mock GoPay server (dist/mock-server.mjs): listen, its fixed credentials, the Mini App APIs and auth codes, its controls (fetch, fail, reset, maxRequests), CORS, any method or URL, close().
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { core, dist, expectNoSecrets, keyPair, rawHttp, rejectionOf, S } from './helpers';
import { bridgeAuthCode, bridgeMock, M, useMockServer } from './mock';

describe('mock GoPay server', { timeout: 30_000 }, () => {
  const { ctx, base, client, snapClient, mockPayment } = useMockServer();
  let mock: any;
  let url = '';
  beforeAll(() => {
    ({ mock, url } = ctx);
  });

  it('listen() serves on 127.0.0.1 and resolves with the base URL; mock.merchant and the notification key are given', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    for (const k of ['credentials', 'clientId', 'partnerId', 'clientSecret', 'privateKey', 'merchantId', 'pointOfPurchaseId'])
      expect(typeof mock.merchant[k], k).toBe('string');
    expect(mock.merchant.partnerId).not.toBe(mock.merchant.clientId);
    expect(mock.merchant.privateKey).toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(mock.notificationPublicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(typeof mock.fetch).toBe('function');
    expect(Array.isArray(mock.requests)).toBe(true);
  });

  it('the credentials and the notification key are fixed: the same on every start', async () => {
    const m2 = await M.createMockGoPayServer();
    try {
      expect(m2.merchant).toEqual(mock.merchant);
      expect(m2.notificationPublicKey).toBe(mock.notificationPublicKey);
    } finally {
      await m2.close?.()?.catch?.(() => {});
    }
  });

  it('… and the same in another process', async () => {
    const script = `import(${JSON.stringify(pathToFileURL(dist('mock-server.mjs')).href)}).then(async (M) => {
      const m = await M.createMockGoPayServer();
      process.stdout.write(JSON.stringify({ merchant: m.merchant, key: m.notificationPublicKey }));
      process.exit(0);
    });`;
    const out = await new Promise<string>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      let err = '';
      child.stdout!.on('data', (d) => (text += String(d)));
      child.stderr!.on('data', (d) => (err += String(d)));
      child.on('exit', (codeNo) => (codeNo === 0 ? resolvePromise(text) : reject(new Error(`child exited ${codeNo}: ${err}`))));
    });
    const theirs = JSON.parse(out);
    expect(theirs.merchant).toEqual(mock.merchant);
    expect(theirs.key).toBe(mock.notificationPublicKey);
  });

  it('the merchant option replaces the credentials', async () => {
    const k = keyPair();
    const merchant = {
      credentials: Buffer.from('custom-merchant:custom-password').toString('base64'),
      clientId: 'custom-client-id',
      partnerId: 'custom-partner-id',
      clientSecret: 'custom-client-secret',
      privateKey: k.privateKey,
      merchantId: 'M-CUSTOM',
      pointOfPurchaseId: 'POP-CUSTOM',
    };
    const m = await M.createMockGoPayServer({ merchant });
    const u = await m.listen(0);
    try {
      expect(m.merchant).toMatchObject(merchant);
      await expect(
        S.createGoPayServer({ credentials: merchant.credentials, baseUrl: u }).getAuthToken(await bridgeAuthCode()),
      ).resolves.toHaveProperty('auth_token');
      const e = await rejectionOf(
        S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: u, retries: 0 }).getAuthToken(await bridgeAuthCode()),
      );
      expect(e).toBeInstanceOf(S.GoPayApiError);
      const p = await snapClient({}, m, u).createPayment(mockPayment('5000.00', m));
      expect(typeof p.referenceNo).toBe('string');
      const e2 = await rejectionOf(snapClient({ retries: 0 }, mock, u).accessToken());
      expect(e2).toBeInstanceOf(S.GoPayApiError);
    } finally {
      await m.close();
    }
  });

  it('an auth code from createMockBridge is accepted once (token, then a profile with username), then refused as GoPay does', async () => {
    const code = await bridgeAuthCode();
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    const c = client();
    const t = await c.getAuthToken(code);
    expect(typeof t.auth_token).toBe('string');
    expect(typeof t.gopay_account_id).toBe('string');
    const profile = await c.getProfile(t.auth_token);
    expect(typeof profile.username).toBe('string');
    const e = await rejectionOf(c.getAuthToken(code));
    expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
    expect(e.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('an auth code from createMockBridge in another process is accepted', async () => {
    const script = `import(${JSON.stringify(pathToFileURL(dist('mock.mjs')).href)}).then((B) => {
      B.createMockBridge({ latency: 0 }).call('GPMiniAppAuth', 'getAuthCode', {}, (env) => {
        const e = typeof env === 'string' ? JSON.parse(env) : env;
        process.stdout.write(String(e && e.data && e.data.authCode));
        process.exit(0);
      }, () => process.exit(2), 10000);
    });`;
    const code = await new Promise<string>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout!.on('data', (d) => (text += String(d)));
      child.on('exit', (codeNo) =>
        codeNo === 0 ? resolvePromise(text.trim().split('\n').pop()!) : reject(new Error(`child exited ${codeNo}`)),
      );
    });
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
  });

  it('an unknown code answers as GoPay does: { success: false, error: { description: AuthCode Not Found } }, 4xx', async () => {
    const res = await fetch(`${base()}/v1/mini-apps/authorizations/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${mock.merchant.credentials}`, 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: randomBytes(32).toString('hex') }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject({ success: false, error: { description: 'AuthCode Not Found' } });
    const e = await rejectionOf(client().getAuthToken('Z'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
  });

  it('a wrong Basic credential is refused (4xx GoPayApiError), without using up the code', async () => {
    const code = await bridgeAuthCode();
    const e = await rejectionOf(S.createGoPayServer({ credentials: 'd3Jvbmc6d3Jvbmc=', baseUrl: url }).getAuthToken(code));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e).not.toBeInstanceOf(S.GoPayAuthCodeExpiredError);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
    expectNoSecrets(e, [code, 'd3Jvbmc6d3Jvbmc=']);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
  });

  it('authCodeTtl defaults to 6 minutes: a 5.5-minute-old code is accepted, a 6.5-minute-old one refused', async () => {
    const codeIssuedAgo = async (ms: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() - ms);
        return await bridgeAuthCode();
      } finally {
        vi.useRealTimers();
      }
    };
    const fresh = await codeIssuedAgo(330_000);
    const old = await codeIssuedAgo(390_000);
    await expect(client().getAuthToken(fresh)).resolves.toHaveProperty('auth_token');
    expect((await rejectionOf(client().getAuthToken(old))).code).toBe('AUTH_CODE_EXPIRED');
  });

  it("withAuthCode in the same process retries once when the backend's getAuthToken says the code expired", async () => {
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0 }) });
    const c = client();
    let burnt = '';
    const seen: string[] = [];
    const result = await gp.withAuthCode(async (arg: any) => {
      const code = typeof arg === 'string' ? arg : arg.code;
      seen.push(code);
      if (!burnt) {
        burnt = code;
        await c.getAuthToken(code); // used once here: the next exchange of this code is refused
      }
      return c.getAuthToken(code);
    });
    expect(result).toHaveProperty('auth_token');
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
  });

  it('an expired code is refused (authCodeTtl option)', async () => {
    const short = await M.createMockGoPayServer({ authCodeTtl: 50 });
    const shortUrl = await short.listen(0);
    try {
      const code = await bridgeAuthCode();
      // The clock (Date only) is moved 1 s on — past the 50 ms TTL, far from the 6-minute default — rather than waited for.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 1_000);
        const e = await rejectionOf(S.createGoPayServer({ credentials: short.merchant.credentials, baseUrl: shortUrl }).getAuthToken(code));
        expect(e).toBeInstanceOf(S.GoPayAuthCodeExpiredError);
      } finally {
        vi.useRealTimers();
      }
    } finally {
      await short.close();
    }
  });

  it("the mock bridge's server option: its auth codes come from the mock server and are accepted once", async () => {
    const code = await bridgeAuthCode({ server: url });
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    await expect(client().getAuthToken(code)).resolves.toHaveProperty('auth_token');
    expect((await rejectionOf(client().getAuthToken(code))).code).toBe('AUTH_CODE_EXPIRED');
  });

  it('mock.fetch is the whole mock as a web handler (no port needed)', async () => {
    const res = await mock.fetch(
      new Request('http://mock.invalid/v1/mini-apps/authorizations/token', {
        method: 'POST',
        headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
        body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
      }),
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const code = await bridgeAuthCode();
    const ok2 = await mock.fetch(
      new Request('http://mock.invalid/v1/mini-apps/authorizations/token', {
        method: 'POST',
        headers: { authorization: `Basic ${mock.merchant.credentials}`, 'content-type': 'application/json', 'request-id': 'r-1' },
        body: JSON.stringify({ auth_code: code }),
      }),
    );
    expect(ok2.status).toBe(200);
    expect(await ok2.json()).toMatchObject({ success: true, data: { auth_token: expect.any(String) } });
  });

  it('requests, fail() and reset(): a fault is injected, recorded, and gone after reset()', async () => {
    mock.reset();
    const before = mock.requests.length;
    mock.fail('/v1/mini-apps/authorizations/token', 503, { success: false, error: { description: 'injected' } });
    const e = await rejectionOf(
      S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: url, retries: 0 }).getAuthToken(await bridgeAuthCode()),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(503);
    const received = mock.requests.slice(before).filter((r: any) => JSON.stringify(r).includes('/v1/mini-apps/authorizations/token'));
    expect(received.length).toBeGreaterThanOrEqual(1);
    mock.reset();
    await expect(client().getAuthToken(await bridgeAuthCode())).resolves.toHaveProperty('auth_token');
  });

  it('maxRequests: the request log keeps the last ones (default 1,000; the option sets it)', async () => {
    const send = async (m: any, n: number) => {
      for (let i = 0; i < n; i++) {
        const mark = `m${String(i).padStart(5, '0')}x`;
        await m.fetch(new Request(`http://mock.invalid/v1/mini-apps/users/profile?mark=${mark}`, { headers: { 'request-id': mark } }));
      }
    };
    const keepsLast = (log: unknown[], first: number, last: number) => {
      const text = JSON.stringify(log);
      if (!/m\d{5}x/.test(text)) return; // the log's entries do not show these marks: only the count is checked
      expect(text).toContain(`m${String(last).padStart(5, '0')}x`);
      expect(text).not.toContain(`m${String(first).padStart(5, '0')}x`);
    };
    const small = await M.createMockGoPayServer({ maxRequests: 5 });
    try {
      await send(small, 12);
      expect(small.requests).toHaveLength(5);
      keepsLast(small.requests, 6, 11);
    } finally {
      await small.close?.()?.catch?.(() => {});
    }
    const byDefault = await M.createMockGoPayServer();
    try {
      await send(byDefault, 1_010);
      expect(byDefault.requests).toHaveLength(1_000);
      keepsLast(byDefault.requests, 9, 1_009);
    } finally {
      await byDefault.close?.()?.catch?.(() => {});
    }
  });

  it("GoPay's own endpoints answer no CORS request from a localhost page; the mock bridge's endpoints do", async () => {
    for (const path of ['/v1/mini-apps/authorizations/token', '/v1.0/debit/payment-host-to-host']) {
      const res = await fetch(`${base()}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    // The URLs the mock bridge itself calls (codes, payment reports), watched on globalThis.fetch.
    const called = new Set<string>();
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input: any, init?: any) => {
      const u = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (u.startsWith(base())) called.add(new URL(u).pathname);
      return realFetch(input, init);
    });
    let p: any;
    try {
      await bridgeAuthCode({ server: url });
      p = await snapClient().createPayment(mockPayment());
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: 'success' }) });
      await gp.launchPayment(p.deeplink);
    } finally {
      spy.mockRestore();
    }
    const bridgePaths = [...called].filter((x) => !x.startsWith('/v1/mini-apps/') && !x.startsWith('/v1.0/'));
    expect(bridgePaths.length, [...called].join(', ')).toBeGreaterThanOrEqual(1);
    for (const path of bridgePaths)
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
        const res = await fetch(`${base()}${path}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(res.status, `${path} ${origin}`).toBeLessThan(300);
        expect([origin, '*'], `${path} ${origin}`).toContain(res.headers.get('access-control-allow-origin'));
      }
  });

  it('any method or malformed URL gets a 4xx, never a 5xx or a dropped connection', async () => {
    const paths = [
      '/v1/mini-apps/authorizations/token',
      '/v1/mini-apps/users/profile',
      '/v1/mini-apps/notifications/push',
      '/v1/mini-apps/reminder',
      '/v1/mini-apps/reminder/x',
      '/v1/mini-apps/rewards',
      '/v1.0/access-token/b2b',
      '/v1.0/debit/payment-host-to-host',
      '/v1.0/debit/status',
      '/v1.0/debit/refund',
      '/v1.0/debit/cancel',
    ];
    const failures: string[] = [];
    for (const path of paths)
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND']) {
        const status = await rawHttp(url, method, path, { 'content-type': 'application/json' }, method === 'GET' ? '' : '{}');
        if (status === 'dropped' || status < 400 || status >= 500) failures.push(`${method} ${path} → ${status}`);
      }
    for (const path of [
      '/%',
      '/%zz',
      '/v1.0/debit/status/%',
      '//v1.0//debit//status',
      '/v1/mini-apps/reminder/%2e%2e',
      '/v1/mini-apps/reminder/%2F',
      '/v1/mini-apps/users/profile?%%%',
      '/v1/mini-apps/reminder/%00',
      `/${'a'.repeat(8_000)}`,
      '*',
      'http://evil.example/v1.0/debit/status',
    ])
      for (const method of ['GET', 'POST', 'DELETE']) {
        const status = await rawHttp(url, method, path, { 'content-type': 'application/json' }, method === 'GET' ? '' : '{}');
        if (status === 'dropped' || status < 400 || status >= 500) failures.push(`${method} ${path.slice(0, 40)} → ${status}`);
      }
    expect(failures).toEqual([]);
  });

  // "50,000 payments keep answering as fast as the first hundred" is a speed target: `npm run bench` measures it
  // (bench/mock-server.mjs), not a timed test here, which a busy machine would make flaky.

  it('close() stops serving', async () => {
    const m2 = await M.createMockGoPayServer();
    const u2 = await m2.listen(0);
    await m2.close();
    await expect(fetch(`${u2.replace(/\/$/, '')}/v1/mini-apps/users/profile`)).rejects.toThrow();
  });
});
