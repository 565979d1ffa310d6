// @vitest-environment node
// Smoke test of the script-tag (UMD) builds in Debian's Chromium: the globals, a few calls, and a real <script>
// load of a stand-in for GoPay's gp-container script, all served by a node:http server on localhost.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CORE_EXPORTS, MOCK_EXPORTS } from './helpers';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (f: string) => resolve(root, 'dist', f);

/** Debian's Chromium (or CHROME_PATH), never a downloaded browser; launched as test/browser/chromium.ts does. */
const CANDIDATES = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const launch = (): Promise<Browser> => {
  const executablePath = CANDIDATES.find((p) => p && existsSync(p));
  if (!executablePath) throw new Error('No Chromium found: install it with `apt-get install -y chromium` or set CHROME_PATH.');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
  });
};

const page = (min: boolean) => `<!doctype html>
<html><head><meta charset="utf-8"><title>acceptance</title></head>
<body>
<script src="/dist/gopay-miniapp-kit.umd${min ? '.min' : ''}.js"></script>
<script src="/dist/gopay-miniapp-kit.mock.umd${min ? '.min' : ''}.js"></script>
<script>
  window.__unhandled = [];
  // isInGoPay is checked last in each test, so that a missing method does not hide the other checks.
  window.__probe = (gp, o) => (typeof gp.isInGoPay === 'function' ? gp.isInGoPay(o) : Promise.resolve('isInGoPay missing'));
  window.addEventListener('unhandledrejection', (e) => window.__unhandled.push(String(e.reason && (e.reason.code || e.reason.message) || e.reason)));
</script>
</body></html>`;

/** A stand-in for GoPay's gp-container.min.js: defines window.gpContainer, answering like the container. */
const standIn = (mode: string) => `(function () {
  window.__standInLoads = (window.__standInLoads || 0) + 1;
  window.gpContainer = {
    call: function (className, methodName, params, ok, fail) {
      setTimeout(function () {
        var key = className + '.' + methodName;
        if (${JSON.stringify(mode)} === '1003') return fail({ success: false, ret: 'GP_EXCEPTION', error_code: '1003', error_message: 'not GoPay' });
        if (key === 'GPMiniAppAuth.getAuthCode') ok({ success: true, ret: 'GP_SUCCESS', data: { authCode: 'S'.repeat(60) + '0001' } });
        else if (key === 'GPBase.getLocale') ok({ success: true, ret: 'GP_SUCCESS', app_locale: 'en_ID' });
        else if (key === 'GPLocation.getLocation') fail({ success: false, ret: 'GP_EXCEPTION', error_type: 'JS_BRIDGE_ERROR', error_code: '300', error_message: 'Permission denied' });
        else ok({ success: true, ret: 'GP_SUCCESS' });
      }, 5);
    }
  };
})();`;

let browser: Browser | undefined;
let launchError: unknown;
let server: Server;
let base = '';
let tab: Page;
const hits = new Map<string, number>();
const notifications: Array<{ headers: Record<string, string>; body: string }> = [];

const handler = (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  hits.set(url.pathname + url.search, (hits.get(url.pathname + url.search) ?? 0) + 1);
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', page(true));
  if (url.pathname === '/full') return send(200, 'text/html; charset=utf-8', page(false));
  if (url.pathname.startsWith('/dist/')) {
    try {
      return send(200, 'text/javascript; charset=utf-8', readFileSync(dist(url.pathname.slice('/dist/'.length)), 'utf8'));
    } catch {
      return send(404, 'text/plain', 'not built');
    }
  }
  if (url.pathname === '/hang.js') return; // never answers (closed with the server)
  if (url.pathname === '/v1.0/debit/notify') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      notifications.push({ headers: req.headers as Record<string, string>, body });
      send(200, 'application/json', JSON.stringify({ responseCode: '2005600', responseMessage: 'Successful' }));
    });
    return;
  }
  if (url.pathname === '/gp-container.js') {
    const delay = Number(url.searchParams.get('delay') ?? '0');
    setTimeout(() => send(200, 'text/javascript; charset=utf-8', standIn(url.searchParams.get('mode') ?? 'ok')), delay);
    return;
  }
  return send(404, 'text/plain', 'not found');
};

const inPage = <T = any>(body: string): Promise<T> => tab.evaluate(`(async () => { ${body} })()`) as Promise<T>;

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    browser = await launch();
    tab = await browser.newPage();
  } catch (e) {
    launchError = e;
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

beforeEach(async () => {
  if (launchError) throw launchError;
  await tab.goto(`${base}/`);
});

describe('UMD builds in Chromium: smoke', () => {
  it('Chromium is found and launches', () => {
    if (launchError) throw launchError;
    expect(browser?.isConnected()).toBe(true);
  });

  it('GoPayMiniApp has the same names as the ESM core, GoPayMiniAppMock the mock; loading ran nothing', async () => {
    const esm = await import(/* @vite-ignore */ dist('index.mjs'));
    const esmNames = Object.keys(esm)
      .filter((k) => k !== 'default')
      .sort();
    const r = await inPage(`
      const keys = (o) => (o ? Object.keys(o).filter((k) => k !== 'default' && k !== '__esModule').sort() : []);
      return { core: keys(window.GoPayMiniApp), mock: keys(window.GoPayMiniAppMock), container: typeof window.gpContainer,
        scripts: document.querySelectorAll('script[src]').length, version: typeof (window.GoPayMiniApp || {}).VERSION };`);
    expect(r.core).toEqual(esmNames);
    for (const name of CORE_EXPORTS) expect(r.core).toContain(name);
    for (const name of MOCK_EXPORTS) expect(r.mock).toContain(name);
    expect(r.version).toBe('string');
    expect(r.container).toBe('undefined');
    expect(r.scripts).toBe(2);
  });

  it('the non-minified builds define the same globals', async () => {
    await tab.goto(`${base}/full`);
    const r = await inPage(`
      const keys = (o) => (o ? Object.keys(o).filter((k) => k !== 'default' && k !== '__esModule').sort() : []);
      return { core: keys(window.GoPayMiniApp), mock: keys(window.GoPayMiniAppMock) };`);
    for (const name of CORE_EXPORTS) expect(r.core).toContain(name);
    for (const name of MOCK_EXPORTS) expect(r.mock).toContain(name);
  });

  it('calls through the mock; the mock logs once that it is active, not on every call', async () => {
    const messages: string[] = [];
    const onConsole = (msg: { type(): string; text(): string }) => messages.push(`${msg.type()}: ${msg.text()}`);
    tab.on('console', onConsole);
    try {
      const r = await inPage(`
        const m = GoPayMiniAppMock.createMockBridge({ latency: 0 });
        const gp = GoPayMiniApp.createGoPay({ bridge: m });
        const a = await gp.getAuthCode();
        const b = await gp.getAuthCode();
        let denied;
        try { await gp.getLocation(); } catch (e) { denied = { code: e.code, bridge: e instanceof GoPayMiniApp.GoPayBridgeError }; }
        const consent = await gp.getConsent('location');
        const loc = await gp.getLocation();
        const pay = await gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=U1&amount=9');
        const inGoPay = await window.__probe(gp);
        await gp.getLocale(); await gp.getLocale();
        return { a, b, denied, granted: consent.granted, lat: typeof loc.coords.latitude, pay,
          deeplink: m.calls.find((c) => c.methodName === 'launchPayment').params.deeplink, inGoPay };`);
      await new Promise((res) => setTimeout(res, 100));
      expect(r.a.code).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(r.b.code).not.toBe(r.a.code);
      expect(r.a.expiresAt - r.a.issuedAt).toBe(300_000);
      expect(r.denied).toEqual({ code: 'PERMISSION_DENIED', bridge: true });
      expect(r.granted).toBe(true);
      expect(r.lat).toBe('number');
      expect(r.pay).toEqual({ status: 'success' });
      expect(r.deeplink).toBe('gopay://merchanttransfer?tref=U1&amount=9');
      expect(messages).toHaveLength(1);
      expect(r.inGoPay).toBe(true);
    } finally {
      tab.off('console', onConsole);
    }
  });

  it('a real <script> load of the stand-in container: one async script with the nonce for concurrent callers', async () => {
    const src = `${base}/gp-container.js?delay=200&id=concurrent`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', nonce: 'n0nce-xyz' });
      const before = document.querySelectorAll('script[src="${src}"]').length;
      const pending = Promise.all([gp.ready(), gp.getAuthCode(), gp.getLocale(), window.__probe(gp)]);
      await new Promise((res) => setTimeout(res, 50));
      const tags = Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}');
      const seen = { count: tags.length, async: tags[0] && tags[0].async, nonce: tags[0] && tags[0].nonce };
      const [ready, code, locale, inGoPay] = await pending;
      let denied;
      try { await gp.getLocation(); } catch (e) { denied = { code: e.code, bridgeCode: e.bridgeCode, hint: /getConsent\\(['"]location['"]\\)/.test(e.message) }; }
      return { before, seen, ready: ready === undefined, code: code.code, locale, inGoPay, denied, loads: window.__standInLoads };`);
    expect(r.before).toBe(0);
    expect(r.seen).toEqual({ count: 1, async: true, nonce: 'n0nce-xyz' });
    expect(r.ready).toBe(true);
    expect(r.code).toBe(`${'S'.repeat(60)}0001`);
    expect(r.locale).toBe('en_ID');
    expect(r.loads).toBe(1);
    expect(hits.get('/gp-container.js?delay=200&id=concurrent')).toBe(1);
    expect(r.denied).toEqual({ code: 'PERMISSION_DENIED', bridgeCode: '300', hint: true });
    expect(r.inGoPay).toBe(true);
  });

  it('a container that answers 1003 is not GoPay: isInGoPay false, calls reject with NOT_IN_GOPAY', async () => {
    const src = `${base}/gp-container.js?mode=1003&id=1003`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}' });
      const inGoPay = await window.__probe(gp);
      let code;
      try { await gp.getLocale(); } catch (e) { code = e.code; }
      return { inGoPay, code };`);
    expect(r.code).toBe('NOT_IN_GOPAY');
    expect(r.inGoPay).toBe(false);
  });

  it('a 404 script: UNAVAILABLE script-load, removed, retried by the next call; isInGoPay false; no unhandled rejection', async () => {
    const src = `${base}/missing.js?id=404`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', loadTimeout: 3000 });
      const grab = async (p) => { try { await p; return 'resolved'; } catch (e) {
        return { code: e.code, reason: e.reason, cls: e instanceof GoPayMiniApp.GoPayUnavailableError,
                 is: GoPayMiniApp.isGoPayError(e, 'UNAVAILABLE') }; } };
      const first = await grab(gp.getAuthCode());
      const left = Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length;
      const second = await grab(gp.ready());
      const ctrl = new AbortController(); ctrl.abort();
      const aborted = await Promise.allSettled([gp.getAuthCode({ signal: ctrl.signal }), gp.call('GPBase', 'getLocale', {}, { signal: ctrl.signal })]);
      const inGoPay = await window.__probe(gp);
      await new Promise((res) => setTimeout(res, 200));
      return { first, left, second, aborted: aborted.map((x) => x.status + ':' + (x.reason && x.reason.code)), inGoPay, unhandled: window.__unhandled };`);
    expect(r.first).toEqual({ code: 'UNAVAILABLE', reason: 'script-load', cls: true, is: true });
    expect(r.left).toBe(0);
    expect(r.second).toMatchObject({ code: 'UNAVAILABLE', reason: 'script-load' });
    expect(r.aborted.every((s: string) => /^rejected:(ABORTED|UNAVAILABLE)$/.test(s))).toBe(true);
    expect(r.unhandled).toEqual([]);
    expect(hits.get('/missing.js?id=404')).toBeGreaterThanOrEqual(2);
    expect(r.inGoPay).toBe(false);
  });

  it('a bridge that never answers: TIMEOUT carrying its ms; isGoPayError narrows by code', async () => {
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ bridge: { call() {} }, timeout: 200 });
      try { await gp.getLocale(); return 'resolved'; }
      catch (e) {
        return { code: e.code, timeout: e.timeout, cls: e instanceof GoPayMiniApp.GoPayTimeoutError,
          byCode: GoPayMiniApp.isGoPayError(e, 'TIMEOUT'), wrong: GoPayMiniApp.isGoPayError(e, 'ABORTED'),
          fake: GoPayMiniApp.isGoPayError({ code: 'TIMEOUT', message: 'x', name: 'GoPayTimeoutError' }),
          inGoPay: await window.__probe(gp, { timeout: 100 }), unhandled: window.__unhandled };
      }`);
    expect(r).toMatchObject({ code: 'TIMEOUT', timeout: 200, cls: true, byCode: true, wrong: false, fake: false, unhandled: [] });
    expect(r.inGoPay).toBe(false);
  });

  it('an existing <script> with the same src is waited for, never duplicated', async () => {
    const src = `${base}/gp-container.js?delay=300&id=existing`;
    const r = await inPage(`
      const tag = document.createElement('script');
      tag.src = '${src}';
      document.head.appendChild(tag);
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}' });
      const locale = await gp.getLocale();
      return { locale, count: Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length,
        loads: window.__standInLoads };`);
    expect(r).toEqual({ locale: 'en_ID', count: 1, loads: 1 });
    expect(hits.get('/gp-container.js?delay=300&id=existing')).toBe(1);
  });

  it('a script that never loads rejects with UNAVAILABLE after loadTimeout and is removed', async () => {
    const src = `${base}/hang.js?id=hang`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', loadTimeout: 400 });
      const t0 = Date.now();
      try { await gp.getLocale(); return 'resolved'; }
      catch (e) { return { ms: Date.now() - t0, code: e.code, cls: e instanceof GoPayMiniApp.GoPayUnavailableError,
        left: Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length }; }`);
    expect(r).toMatchObject({ code: 'UNAVAILABLE', cls: true, left: 0 });
    expect(r.ms).toBeGreaterThanOrEqual(350);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('the mock bridge joins a mock GoPay server on another origin: codes accepted once, the payment answer notified', async () => {
    const M = await import(/* @vite-ignore */ dist('mock-server.mjs'));
    const S = await import(/* @vite-ignore */ dist('server.mjs'));
    notifications.length = 0;
    const mock = await M.createMockGoPayServer({ notifyUrl: `${base}/v1.0/debit/notify` });
    const url = String(await mock.listen(0)).replace(/\/$/, '');
    try {
      const snap = S.createSnapClient({
        clientId: mock.merchant.clientId,
        partnerId: mock.merchant.partnerId,
        clientSecret: mock.merchant.clientSecret,
        privateKey: mock.merchant.privateKey,
        merchantId: mock.merchant.merchantId,
        baseUrl: url,
      });
      const payment = await snap.createPayment({
        partnerReferenceNo: `INV-UMD-${Date.now()}`,
        payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }],
        urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
        additionalInfo: {},
      });
      const r = await inPage(`
        const gp = GoPayMiniApp.createGoPay({ bridge: GoPayMiniAppMock.createMockBridge({ latency: 0, server: '${url}' }) });
        const code = await gp.withAuthCode(async (c) => (typeof c === 'string' ? c : c.code));
        const pay = await gp.launchPayment('${payment.deeplink}');
        return { code, pay };`);
      expect(r.code).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(r.pay).toEqual({ status: 'success' });
      const miniApp = S.createGoPayServer({ credentials: mock.merchant.credentials, baseUrl: url });
      await expect(miniApp.getAuthToken(r.code)).resolves.toHaveProperty('auth_token');
      expect((await miniApp.getAuthToken(r.code).catch((e: any) => e)).code).toBe('AUTH_CODE_EXPIRED');
      for (let i = 0; i < 100 && notifications.length === 0; i++) await new Promise((res) => setTimeout(res, 50));
      expect(notifications.length).toBeGreaterThanOrEqual(1);
      const n = notifications[0];
      const verified = await S.verifyNotification(
        { method: 'POST', url: `${base}/v1.0/debit/notify`, headers: n.headers, body: n.body },
        { publicKey: mock.notificationPublicKey },
      );
      expect(verified.latestTransactionStatus).toBe('00');
    } finally {
      await mock.close();
    }
  });

  it('installMockBridge puts the mock on window.gpContainer; a client without a bridge uses it, loading no script', async () => {
    const r = await inPage(`
      const m = GoPayMiniAppMock.installMockBridge({ latency: 0 });
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${base}/gp-container.js?id=unused' });
      return { same: window.gpContainer === m, locale: await gp.getLocale(), scripts: document.querySelectorAll('script[src]').length };`);
    expect(r.same).toBe(true);
    expect(['en_ID', 'id_ID']).toContain(r.locale);
    expect(r.scripts).toBe(2);
    expect(hits.get('/gp-container.js?id=unused')).toBeUndefined();
  });
});
