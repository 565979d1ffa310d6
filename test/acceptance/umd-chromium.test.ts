// @vitest-environment node
// The script-tag (UMD) builds in Debian's Chromium: globals, the key contract, and the real lazy loader.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium';
import { CORE_EXPORTS, MOCK_EXPORTS } from './contract';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (f: string) => resolve(root, 'dist', f);

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>acceptance</title></head>
<body>
<script src="/dist/gopay-miniapp-kit.umd.min.js"></script>
<script src="/dist/gopay-miniapp-kit.mock.umd.min.js"></script>
</body></html>`;

/** A stand-in for GoPay's gp-container.min.js: defines window.gpContainer answering a few methods. */
const STAND_IN = `(function () {
  window.__standInLoads = (window.__standInLoads || 0) + 1;
  window.gpContainer = {
    call: function (className, methodName, params, ok, fail) {
      setTimeout(function () {
        var key = className + '.' + methodName;
        if (key === 'GPMiniAppAuth.getAuthCode') ok({ success: true, ret: 'GP_SUCCESS', data: { authCode: 'S'.repeat(60) + '0001' } });
        else if (key === 'GPBase.getLocale') ok({ success: true, ret: 'GP_SUCCESS', app_locale: 'en_ID' });
        else ok({ success: true, ret: 'GP_SUCCESS', data: { echo: key } });
      }, 5);
    }
  };
})();`;

let browser: Browser;
let server: Server;
let base = '';
let page: Page;
const hits = new Map<string, number>();
const hanging: ServerResponse[] = [];

const handler = (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = url.pathname + url.search;
  hits.set(key, (hits.get(key) ?? 0) + 1);
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', PAGE);
  if (url.pathname === '/full') return send(200, 'text/html; charset=utf-8', PAGE.replace(/\.min\.js/g, '.js'));
  if (url.pathname.startsWith('/dist/')) {
    try {
      return send(200, 'text/javascript; charset=utf-8', readFileSync(dist(url.pathname.slice('/dist/'.length)), 'utf8'));
    } catch {
      return send(404, 'text/plain', 'not built');
    }
  }
  if (url.pathname === '/stand-in.js') {
    const delay = Number(url.searchParams.get('delay') ?? '0');
    setTimeout(() => send(200, 'text/javascript; charset=utf-8', STAND_IN), delay);
    return;
  }
  if (url.pathname === '/late-call.js')
    return send(
      200,
      'text/javascript; charset=utf-8',
      `window.gpContainer = {}; setTimeout(function () { window.gpContainer.call = function (c, m, p, ok) {
         setTimeout(function () { ok({ success: true, ret: 'GP_SUCCESS', app_locale: 'id_ID' }); }, 1); }; }, 300);`,
    );
  if (url.pathname === '/empty.js') return send(200, 'text/javascript; charset=utf-8', '/* defines nothing */');
  if (url.pathname === '/hang.js') {
    hanging.push(res);
    return;
  }
  return send(404, 'text/plain', 'not found');
};

/** Runs an async function body in the page and returns its (JSON-able) result. */
const inPage = <T = any>(body: string): Promise<T> => page.evaluate(`(async () => { ${body} })()`) as Promise<T>;

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const res of hanging) res.destroy();
  server?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

beforeEach(async () => {
  await page.goto(`${base}/`);
});

describe('UMD builds in Chromium', () => {
  it('defines GoPayMiniApp with the same names as the ESM core, and GoPayMiniAppMock', async () => {
    const esm = await import(/* @vite-ignore */ dist('index.mjs'));
    const esmNames = Object.keys(esm)
      .filter((k) => k !== 'default')
      .sort();
    const r = await inPage<{ core: string[]; mock: string[]; container: string; scripts: number; version: string }>(`
      const g = window.GoPayMiniApp, m = window.GoPayMiniAppMock;
      return {
        core: g ? Object.keys(g).filter((k) => k !== 'default' && k !== '__esModule').sort() : [],
        mock: m ? Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort() : [],
        container: typeof window.gpContainer,
        scripts: document.scripts.length,
        version: g && typeof g.VERSION,
      };`);
    expect(r.core).toEqual(esmNames);
    for (const name of CORE_EXPORTS) expect(r.core).toContain(name);
    for (const name of MOCK_EXPORTS) expect(r.mock).toContain(name);
    expect(r.version).toBe('string');
    // Loading the scripts ran nothing: no container, no injected script, the mock not switched on.
    expect(r.container).toBe('undefined');
    expect(r.scripts).toBe(2);
  });

  it('the non-minified UMD builds define the same globals', async () => {
    await page.goto(`${base}/full`);
    const esm = await import(/* @vite-ignore */ dist('index.mjs'));
    const esmNames = Object.keys(esm)
      .filter((k) => k !== 'default')
      .sort();
    const r = await inPage(`
      const keys = (o) => (o ? Object.keys(o).filter((k) => k !== 'default' && k !== '__esModule').sort() : []);
      const gp = GoPayMiniApp.createGoPay({ bridge: GoPayMiniAppMock.createMockBridge({ latency: 0 }) });
      return { core: keys(window.GoPayMiniApp), mock: keys(window.GoPayMiniAppMock), code: (await gp.getAuthCode()).code };`);
    expect(r.core).toEqual(esmNames);
    for (const name of MOCK_EXPORTS) expect(r.mock).toContain(name);
    expect(r.code).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('the mock is loud: it logs once that it is active (not on every call)', async () => {
    const messages: string[] = [];
    const onConsole = (msg: { type(): string; text(): string }) => messages.push(`${msg.type()}: ${msg.text()}`);
    page.on('console', onConsole);
    try {
      await inPage(`
        window.__gp = GoPayMiniApp.createGoPay({ bridge: GoPayMiniAppMock.createMockBridge({ latency: 0 }) });
        await window.__gp.getLocale();`);
      await new Promise((r) => setTimeout(r, 100));
      const afterFirst = messages.length;
      await inPage(`await window.__gp.getLocale(); await window.__gp.getAuthCode(); await window.__gp.getLocale();`);
      await new Promise((r) => setTimeout(r, 100));
      expect(afterFirst).toBe(1);
      expect(messages.length).toBe(afterFirst);
    } finally {
      page.off('console', onConsole);
    }
  });

  it('getAuthCode through the mock resolves with { code (64 letters+digits), issuedAt, expiresAt }', async () => {
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ bridge: GoPayMiniAppMock.createMockBridge({ latency: 0 }) });
      const a = await gp.getAuthCode();
      const b = await gp.getAuthCode();
      return { a, b, now: Date.now() };`);
    expect(r.a.code).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(r.b.code).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(r.b.code).not.toBe(r.a.code);
    expect(typeof r.a.issuedAt).toBe('number');
    expect(r.a.issuedAt).toBeLessThanOrEqual(r.now);
    expect(r.a.expiresAt - r.a.issuedAt).toBe(300_000);
  });

  it('PERMISSION_DENIED before consent, granted after getConsent(location)', async () => {
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ bridge: GoPayMiniAppMock.createMockBridge({ latency: 0 }) });
      let before;
      try { await gp.getLocation(); before = 'resolved'; }
      catch (e) {
        before = { code: e.code, bridgeCode: e.bridgeCode, isBridge: e instanceof GoPayMiniApp.GoPayBridgeError,
                   isGoPay: GoPayMiniApp.isGoPayError(e, 'PERMISSION_DENIED') };
      }
      const consent = await gp.getConsent('location');
      const after = await gp.getLocation();
      return { before, consent, after };`);
    expect(r.before).toEqual({ code: 'PERMISSION_DENIED', bridgeCode: '300', isBridge: true, isGoPay: true });
    expect(r.consent.granted).toBe(true);
    expect(typeof r.after.coords.latitude).toBe('number');
  });

  it('launchPayment passes each paymentStatus through, and converts an https webRedirectUrl', async () => {
    const r = await inPage(`
      const out = {};
      for (const status of ['success', 'failed', 'pending', 'cancelled']) {
        const m = GoPayMiniAppMock.createMockBridge({ latency: 0, paymentStatus: status });
        const gp = GoPayMiniApp.createGoPay({ bridge: m });
        out[status] = (await gp.launchPayment('https://gwk.gopayapi.com/app/merchanttransfer?tref=U1&amount=9')).status;
        out.deeplink = m.calls[m.calls.length - 1].params.deeplink;
      }
      return out;`);
    expect(r).toMatchObject({ success: 'success', failed: 'failed', pending: 'pending', cancelled: 'cancelled' });
    expect(r.deeplink).toBe('gopay://merchanttransfer?tref=U1&amount=9');
  });

  it('a bridge that never answers gives code TIMEOUT; isGoPayError works', async () => {
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ bridge: { call() {} }, timeout: 200 });
      const t0 = Date.now();
      try { await gp.getLocale(); return 'resolved'; }
      catch (e) {
        return {
          ms: Date.now() - t0,
          code: e.code,
          timeout: e.timeout,
          isTimeoutClass: e instanceof GoPayMiniApp.GoPayTimeoutError,
          isBase: e instanceof GoPayMiniApp.GoPayError,
          any: GoPayMiniApp.isGoPayError(e),
          byCode: GoPayMiniApp.isGoPayError(e, 'TIMEOUT'),
          wrongCode: GoPayMiniApp.isGoPayError(e, 'ABORTED'),
          plain: GoPayMiniApp.isGoPayError(new Error('x')),
          fake: GoPayMiniApp.isGoPayError({ code: 'TIMEOUT', message: 'x', name: 'GoPayTimeoutError' }),
          nul: GoPayMiniApp.isGoPayError(null),
        };
      }`);
    expect(r).toMatchObject({
      code: 'TIMEOUT',
      timeout: 200,
      isTimeoutClass: true,
      isBase: true,
      any: true,
      byCode: true,
      wrongCode: false,
      plain: false,
      fake: false,
      nul: false,
    });
    expect(r.ms).toBeGreaterThanOrEqual(150);
  });

  it('installMockBridge puts the mock on window.gpContainer and a client without bridge uses it', async () => {
    const r = await inPage(`
      const m = GoPayMiniAppMock.installMockBridge({ latency: 0 });
      const same = window.gpContainer === m;
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${base}/missing.js?installed' });
      const locale = await gp.getLocale();
      return { same, locale, scripts: document.scripts.length };`);
    expect(r.same).toBe(true);
    expect(['en_ID', 'id_ID']).toContain(r.locale);
    expect(r.scripts).toBe(2);
    expect(hits.get('/missing.js?installed')).toBeUndefined();
  });
});

describe('lazy loader in Chromium (no bridge option)', () => {
  it('loads the script once for concurrent calls, async, with the nonce', async () => {
    const src = `${base}/stand-in.js?delay=200&id=concurrent`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', nonce: 'n0nce-xyz' });
      const readyEvents = [];
      gp.on('ready', () => readyEvents.push(1));
      const beforeCall = document.querySelectorAll('script[src="${src}"]').length;
      const [ready, a, locale, again] = await Promise.all([gp.ready(), gp.getAuthCode(), gp.getLocale(), gp.ready()]);
      const scripts = Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}');
      const second = await gp.getLocale();
      return {
        beforeCall, ready: ready === undefined, code: a.code, locale, again: again === undefined, second,
        count: scripts.length, async: scripts[0] && scripts[0].async, nonce: scripts[0] && scripts[0].nonce,
        loads: window.__standInLoads, readyEvents: readyEvents.length,
      };`);
    expect(r.beforeCall).toBe(0);
    expect(r.ready).toBe(true);
    expect(r.again).toBe(true);
    expect(r.code).toBe(`${'S'.repeat(60)}0001`);
    expect(r.locale).toBe('en_ID');
    expect(r.second).toBe('en_ID');
    expect(r.loads).toBe(1);
    expect(r.count).toBeLessThanOrEqual(1);
    if (r.count === 1) {
      expect(r.async).toBe(true);
      expect(r.nonce).toBe('n0nce-xyz');
    }
    expect(r.readyEvents).toBeGreaterThanOrEqual(1);
    expect(hits.get('/stand-in.js?delay=200&id=concurrent')).toBe(1);
  });

  it('the injected <script> is async and carries the nonce while loading', async () => {
    const src = `${base}/stand-in.js?delay=300&id=attrs`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', nonce: 'n0nce-abc' });
      const p = gp.ready();
      await new Promise((res) => setTimeout(res, 100));
      const s = Array.from(document.querySelectorAll('script')).filter((x) => x.src === '${src}');
      const out = { count: s.length, async: s[0] && s[0].async, nonce: s[0] && s[0].nonce };
      await p;
      return out;`);
    expect(r).toEqual({ count: 1, async: true, nonce: 'n0nce-abc' });
  });

  it('an existing <script> with the same src is waited for, never duplicated', async () => {
    const src = `${base}/stand-in.js?delay=300&id=existing`;
    const r = await inPage(`
      const tag = document.createElement('script');
      tag.src = '${src}';
      document.head.appendChild(tag);
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}' });
      const locale = await gp.getLocale();
      return {
        locale,
        count: Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length,
        loads: window.__standInLoads,
      };`);
    expect(r.locale).toBe('en_ID');
    expect(r.count).toBe(1);
    expect(r.loads).toBe(1);
    expect(hits.get('/stand-in.js?delay=300&id=existing')).toBe(1);
  });

  it('an existing window.gpContainer is used as is', async () => {
    const r = await inPage(`
      const seen = [];
      window.gpContainer = { call(c, m, p, ok) { seen.push(c + '.' + m); setTimeout(() => ok({ success: true, ret: 'GP_SUCCESS', app_locale: 'id_ID' }), 1); } };
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${base}/stand-in.js?id=unused' });
      const locale = await gp.getLocale();
      return { locale, seen, scripts: document.scripts.length };`);
    expect(r).toEqual({ locale: 'id_ID', seen: ['GPBase.getLocale'], scripts: 2 });
    expect(hits.get('/stand-in.js?id=unused')).toBeUndefined();
  });

  it('a 404 scriptUrl gives UNAVAILABLE reason script-load, removes the script, and the next call retries', async () => {
    const src = `${base}/missing.js?id=404`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', loadTimeout: 3000 });
      const grab = async (p) => { try { await p; return 'resolved'; } catch (e) {
        return { code: e.code, reason: e.reason, cls: e instanceof GoPayMiniApp.GoPayUnavailableError,
                 is: GoPayMiniApp.isGoPayError(e, 'UNAVAILABLE') }; } };
      const first = await grab(gp.getAuthCode());
      const left = Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length;
      const second = await grab(gp.ready());
      return { first, left, second };`);
    expect(r.first).toEqual({ code: 'UNAVAILABLE', reason: 'script-load', cls: true, is: true });
    expect(r.left).toBe(0);
    expect(r.second).toMatchObject({ code: 'UNAVAILABLE', reason: 'script-load' });
    expect(hits.get('/missing.js?id=404')).toBe(2);
  });

  it('loadTimeout covers window.gpContainer.call appearing a little after the script loaded', async () => {
    const src = `${base}/late-call.js?id=late`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', loadTimeout: 3000 });
      try { return { locale: await gp.getLocale() }; } catch (e) { return { code: e.code, reason: e.reason }; }`);
    expect(r).toEqual({ locale: 'id_ID' });
  });

  it('a script that loads without defining gpContainer gives UNAVAILABLE (no-container)', async () => {
    const src = `${base}/empty.js?id=empty`;
    const r = await inPage(`
      const gp = GoPayMiniApp.createGoPay({ scriptUrl: '${src}', loadTimeout: 3000 });
      try { await gp.ready(); return 'resolved'; }
      catch (e) { return { code: e.code, reason: e.reason,
        left: Array.from(document.querySelectorAll('script')).filter((s) => s.src === '${src}').length }; }`);
    expect(r).toEqual({ code: 'UNAVAILABLE', reason: 'no-container', left: 0 });
  });

  it('a script that never loads rejects with UNAVAILABLE after loadTimeout', async () => {
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
});
