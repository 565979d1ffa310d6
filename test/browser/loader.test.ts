// @vitest-environment node
// The lazy loader in real Chromium, against a stand-in gp-container script served from localhost.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useChromium } from './chromium';

const NONCE = 'abc123';
// What GoPay's script does: define window.gpContainer. This one answers every call after 5 ms.
const STAND_IN = `window.gpContainer = { call: function (c, m, p, ok) {
  setTimeout(function () { ok({ success: true, ret: 'GP_SUCCESS', data: { echo: c + '.' + m } }); }, 5);
} };`;

let mode: 'ok' | '404' | 'slow' | 'empty' = 'ok';
let scriptRequests = 0;
let server: Server;
let origin: string;
const browser = useChromium();

const page = (csp: boolean) => `<!doctype html><html><head>
<script ${csp ? `nonce="${NONCE}" ` : ''}src="/dist/gopay-miniapp-kit.umd.js"></script></head><body>loader test</body></html>`;

beforeAll(async () => {
  const umd = await readFile(join(import.meta.dirname, '../../dist/gopay-miniapp-kit.umd.js'));
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname === '/gp-container.js') {
      scriptRequests++;
      if (mode === '404') return res.writeHead(404).end('not found');
      const send = () =>
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(mode === 'empty' ? '/* defines nothing */' : STAND_IN);
      return mode === 'slow' ? setTimeout(send, 3_000) : send();
    }
    if (url.pathname === '/dist/gopay-miniapp-kit.umd.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(umd);
    const csp = url.searchParams.has('csp');
    res.writeHead(200, { 'content-type': 'text/html', ...(csp ? { 'content-security-policy': `script-src 'nonce-${NONCE}'` } : {}) });
    res.end(page(csp));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(() => {
  mode = 'ok';
  scriptRequests = 0;
});

const open = async (csp = false): Promise<Page> => {
  const p = await browser().newPage();
  await p.goto(`${origin}/${csp ? '?csp' : ''}`);
  return p;
};

/** Runs SDK calls in the page: returns each outcome as { ok, value } or { code, reason, name }. */
type Outcome = { ok?: unknown; code?: string; reason?: string; name?: string };
const run = (p: Page, options: Record<string, unknown>, calls: number) =>
  p.evaluate(
    async ({ options, calls }) => {
      const kit = (window as unknown as { GoPayMiniApp: typeof import('../../src/core/index') }).GoPayMiniApp;
      const gp = kit.createGoPay({ scriptUrl: '/gp-container.js', ...options });
      const settle = (promise: Promise<unknown>) =>
        promise.then(
          (ok) => ({ ok }),
          (e) => ({ code: e.code, reason: e.reason, name: e.name }),
        );
      const outcomes = await Promise.all(Array.from({ length: calls }, (_, i) => settle(gp.call('GPTest', `m${i}`))));
      const scripts = document.querySelectorAll('script[src="/gp-container.js"]').length;
      const retry = await settle(gp.call('GPTest', 'retry'));
      return { outcomes, scripts, retry };
    },
    { options, calls },
  ) as Promise<{ outcomes: Outcome[]; scripts: number; retry: Outcome }>;

describe('the lazy loader in Chromium', () => {
  it('5 concurrent calls make exactly one request for the script', { timeout: 20_000 }, async () => {
    const p = await open();
    expect(scriptRequests).toBe(0);
    const { outcomes, scripts } = await run(p, {}, 5);
    expect(outcomes).toEqual([0, 1, 2, 3, 4].map((i) => ({ ok: { echo: `GPTest.m${i}` } })));
    expect(scripts).toBe(1);
    expect(scriptRequests).toBe(1);
    await p.close();
  });

  it('a 404 rejects with script-load and removes the script; the next call retries and works', { timeout: 20_000 }, async () => {
    mode = '404';
    const p = await open();
    // Three concurrent calls share one failed load; the retry inside `run` tries again (and fails again).
    const { outcomes, scripts, retry } = await run(p, {}, 3);
    expect(outcomes).toEqual(Array(3).fill({ code: 'UNAVAILABLE', reason: 'script-load', name: 'GoPayUnavailableError' }));
    expect(scripts).toBe(0);
    expect(retry).toMatchObject({ code: 'UNAVAILABLE' });
    mode = 'ok';
    const again = await run(p, {}, 1);
    expect(again.outcomes).toEqual([{ ok: { echo: 'GPTest.m0' } }]);
    expect(again.scripts).toBe(1);
    expect(scriptRequests).toBe(3);
    await p.close();
  });

  it('a script slower than loadTimeout rejects with UNAVAILABLE', { timeout: 20_000 }, async () => {
    mode = 'slow';
    const p = await open();
    const started = Date.now();
    const { outcomes, scripts } = await run(p, { loadTimeout: 500, timeout: false }, 2);
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(outcomes).toEqual(Array(2).fill({ code: 'UNAVAILABLE', reason: 'script-load', name: 'GoPayUnavailableError' }));
    expect(scripts).toBe(0);
    await p.close();
  });

  it('a script that defines no gpContainer rejects with no-container', { timeout: 20_000 }, async () => {
    mode = 'empty';
    const p = await open();
    // The loader waits up to loadTimeout for gpContainer.call to appear after the script's load.
    const { outcomes } = await run(p, { loadTimeout: 500, timeout: false }, 1);
    expect(outcomes).toEqual([{ code: 'UNAVAILABLE', reason: 'no-container', name: 'GoPayUnavailableError' }]);
    await p.close();
  });

  it("under CSP script-src 'nonce-…' the bridge loads only with the nonce option", { timeout: 20_000 }, async () => {
    const p = await open(true);
    const blocked = await run(p, {}, 1);
    expect(blocked.outcomes).toEqual([{ code: 'UNAVAILABLE', reason: 'script-load', name: 'GoPayUnavailableError' }]);
    expect(scriptRequests).toBe(0);
    const allowed = await run(p, { nonce: NONCE }, 1);
    expect(allowed.outcomes).toEqual([{ ok: { echo: 'GPTest.m0' } }]);
    expect(scriptRequests).toBe(1);
    await p.close();
  });
});
