// @vitest-environment node
// The mock's script-tag build in real Chromium, placed in <head> with data-ui: <body> does not exist yet when it runs.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useChromium } from './chromium';

const browser = useChromium();
let server: Server;
let origin: string;

// A raw caller asks for consent from <head>, before <body> is parsed: the sheet must still appear.
const page = (mock: string) => `<!doctype html><html><head>
<script src="/dist/${mock}" data-auto-install data-ui data-seed="3"></script>
<script src="/dist/gopay-miniapp-kit.umd.js"></script>
<script>
  window.installedInHead = !!(window.gpContainer && window.gpContainer.call);
  window.early = new Promise(function (resolve) {
    window.gpContainer.call('GP', 'authorize', { scope: 'location' }, resolve, resolve);
  });
</script>
</head><body><p>Mini App content</p></body></html>`;

beforeAll(async () => {
  const dist = join(import.meta.dirname, '../../dist');
  server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname.startsWith('/dist/')) {
      const body = await readFile(join(dist, url.pathname.slice('/dist/'.length).replace(/[^\w.-]/g, ''))).catch(() => undefined);
      return body ? res.writeHead(200, { 'content-type': 'text/javascript' }).end(body) : res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.searchParams.get('mock')!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe.each(['gopay-miniapp-kit.mock.umd.js', 'gopay-miniapp-kit.mock.umd.min.js'])('%s in <head> with data-ui', (mock) => {
  it('installs window.gpContainer, shows the panel once <body> exists, and its sheets work', { timeout: 20_000 }, async () => {
    const p = await browser().newPage();
    const errors: string[] = [];
    p.on('pageerror', (error) => errors.push(String(error)));
    await p.goto(`${origin}/?mock=${mock}`);
    expect(await p.evaluate(() => (window as unknown as { installedInHead: boolean }).installedInHead)).toBe(true);
    expect(await p.locator('body > .gpmock-bar').count()).toBe(1);

    // The consent asked from <head> waits for a click; the secondary answer does not look like the primary one.
    const sheet = p.locator('.gpmock-sheet');
    await sheet.waitFor();
    const background = (label: string) => sheet.locator(`button:text("${label}")`).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(await background('Allow')).toBe('rgb(0, 174, 214)');
    expect(await background('Deny')).toBe('rgb(238, 238, 238)');
    await sheet.locator('button:text("Deny")').click();
    expect(await p.evaluate(() => (window as unknown as { early: Promise<unknown> }).early)).toEqual({
      success: true,
      ret: 'GP_SUCCESS',
      data: { successScope: { location: false } },
    });

    // The core from its own script tag uses the installed mock.
    const granted = p.evaluate(() =>
      (window as unknown as { GoPayMiniApp: typeof import('../../src/core/index') }).GoPayMiniApp.createGoPay().getConsent('camera'),
    );
    await p.locator('.gpmock-sheet button:text("Allow")').click();
    expect(await granted).toEqual({ granted: true, successScope: { camera: true } });
    expect(errors).toEqual([]);
    await p.close();
  });
});
