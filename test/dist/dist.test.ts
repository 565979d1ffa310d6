// The built files, as users get them: ESM, CJS and the UMD script-tag builds. `npm test` builds first.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Plain paths: happy-dom's URL is not Node's, and node:fs wants Node's.
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const file = (name: string) => join(root, 'dist', name);
const PUBLIC = [
  'GoPayAbortError',
  'GoPayAuthCodeExpiredError',
  'GoPayBridgeError',
  'GoPayError',
  'GoPayTimeoutError',
  'GoPayUnavailableError',
  'GoPayValidationError',
  'VERSION',
  'createGoPay',
  'isAuthCodeExpired',
  'isGoPayError',
  'toPaymentDeeplink',
];
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

type Kit = typeof import('../../src/core/index');
type Mock = typeof import('../../src/mock/index');

/** One round trip through a built copy: a call, an error mapping, the auth-code guard, the mock. */
const exercise = async (kit: Kit, mock: Mock) => {
  expect(Object.keys(kit).filter((k) => k !== 'default' && k !== '__esModule').sort()).toEqual(PUBLIC);
  expect(kit.VERSION).toBe(version);
  const bridge = mock.createMockBridge({ seed: 5 });
  const gp = kit.createGoPay({ bridge });
  expect((await gp.getAuthCode()).code).toMatch(/^[A-Za-z0-9]{64}$/);
  const denied = await gp.getLocation().catch((e) => e);
  expect(kit.isGoPayError(denied, 'PERMISSION_DENIED')).toBe(true);
  expect(denied).toBeInstanceOf(kit.GoPayBridgeError);
  await expect(gp.getConsent('location')).resolves.toMatchObject({ granted: true });
  await expect(gp.getLocation()).resolves.toHaveProperty('coords.latitude');
  await expect(gp.launchPayment('https://gopay.co.id/app/merchanttransfer?tref=1')).resolves.toEqual({ status: 'success' });
  expect(kit.toPaymentDeeplink('https://a.test/b?c=d')).toBe('gopay://merchanttransfer?c=d');
  await expect(gp.vibrate(-1)).rejects.toBeInstanceOf(kit.GoPayValidationError);
};

describe('built files', () => {
  it('exist for every entry of the exports map', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const targets = JSON.stringify(pkg.exports).match(/\.\/dist\/[^"]+/g)!;
    expect(targets.length).toBeGreaterThanOrEqual(8);
    for (const target of targets) expect(existsSync(join(root, target)), target).toBe(true);
  });

  it('ESM', async () => {
    await exercise(await import(/* @vite-ignore */ pathToFileURL(file('index.mjs')).href), await import(/* @vite-ignore */ pathToFileURL(file('mock.mjs')).href));
  });

  it('CJS', async () => {
    const require = createRequire(import.meta.url);
    await exercise(require(file('index.cjs')), require(file('mock.cjs')));
  });

  it('the core ESM/CJS never contain mock code', () => {
    for (const name of ['index.mjs', 'index.cjs', 'gopay-miniapp-kit.umd.js', 'gopay-miniapp-kit.umd.min.js']) {
      const text = readFileSync(file(name), 'utf8');
      expect(text).not.toMatch(/createMockBridge|gpmock|mock bridge is active/i);
    }
  });

  it.each([
    ['gopay-miniapp-kit.umd.js', 'gopay-miniapp-kit.mock.umd.js'],
    ['gopay-miniapp-kit.umd.min.js', 'gopay-miniapp-kit.mock.umd.min.js'],
  ])('UMD %s defines window.GoPayMiniApp (and %s GoPayMiniAppMock)', async (core, mock) => {
    const w = window as unknown as { GoPayMiniApp?: Kit; GoPayMiniAppMock?: Mock; eval: (code: string) => void };
    delete w.GoPayMiniApp;
    delete w.GoPayMiniAppMock;
    // As a <script> would: no module system, so the UMD wrapper takes the global branch.
    for (const name of [core, mock]) new Function('module', 'exports', 'define', readFileSync(file(name), 'utf8')).call(window);
    expect(w.GoPayMiniApp).toBeDefined();
    expect(w.GoPayMiniAppMock).toBeDefined();
    await exercise(w.GoPayMiniApp!, w.GoPayMiniAppMock!);
  });
});
