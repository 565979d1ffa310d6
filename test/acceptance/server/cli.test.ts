// @vitest-environment node
// The gopay-mock-server CLI (dist/mock-server-cli.mjs, the package’s bin) in a child process.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { core, dist, root, S, waitFor } from './helpers';
import { bridgeMock, M } from './mock';
import { createStandIn } from './stand-in';

describe('gopay-mock-server CLI', { timeout: 40_000 }, () => {
  let child: ChildProcess | undefined;
  const notify = createStandIn();
  beforeAll(async () => {
    await notify.start();
    notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));
  });
  afterAll(async () => {
    // The CLI serves until it is stopped: stop it, and wait until it has exited.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    }
    await notify.stop();
  });

  it('prints its URL and the .env lines (every credential, the partner id, the PoP ID), serves, and prints a line per notification', async () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const bin = resolve(root, pkg.bin['gopay-mock-server']);
    expect(bin).toBe(dist('mock-server-cli.mjs'));
    child = spawn(process.execPath, [bin, '--port', '0', '--notify-url', `${notify.state.url}/cli/v1.0/debit/notify`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const URL_RE = /http:\/\/(127\.0\.0\.1|localhost):\d+/;
    expect(await waitFor(() => URL_RE.test(out), 15_000), out).toBe(true);
    const cliUrl = URL_RE.exec(out)![0];
    // The credentials are fixed: the ones this process's mock has.
    const local = await M.createMockGoPayServer();
    const merchant = local.merchant;
    await local.close?.()?.catch?.(() => {});
    const envLine = (value: string) => out.split('\n').find((l) => /^\s*[A-Z][A-Z0-9_]*=/.test(l) && l.includes(value));
    expect(await waitFor(() => !!envLine(merchant.pointOfPurchaseId), 5_000), out).toBe(true);
    for (const k of ['credentials', 'clientId', 'partnerId', 'clientSecret', 'merchantId', 'pointOfPurchaseId'])
      expect(envLine(merchant[k]), `.env line for ${k}\n${out}`).toBeTruthy();
    expect(out, 'the private key').toContain(merchant.privateKey.split('\n')[1]);

    const res = await fetch(`${cliUrl}/v1/mini-apps/authorizations/token`, {
      method: 'POST',
      headers: { authorization: 'Basic d3Jvbmc=', 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: 'x'.repeat(64) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);

    // A paid payment: the CLI sends the notification and prints a line (status, the merchant's answer).
    const c = S.createSnapClient({
      clientId: merchant.clientId,
      partnerId: merchant.partnerId,
      clientSecret: merchant.clientSecret,
      privateKey: merchant.privateKey,
      merchantId: merchant.merchantId,
      baseUrl: cliUrl,
    });
    const p = await c.createPayment({
      partnerReferenceNo: `CLI-${randomBytes(4).toString('hex')}`,
      payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value: '1000.00', currency: 'IDR' } }],
      additionalInfo: { pointOfPurchaseId: merchant.pointOfPurchaseId },
    });
    const before = out.length;
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: cliUrl, paymentStatus: 'success' }) });
    await gp.launchPayment(p.deeplink);
    expect(await waitFor(() => notify.state.seen.some((s) => s.path === '/cli/v1.0/debit/notify'), 15_000)).toBe(true);
    expect(await waitFor(() => /00/.test(out.slice(before)) && /(200|2005600)/.test(out.slice(before)), 10_000), out.slice(before)).toBe(
      true,
    );
  });
});
