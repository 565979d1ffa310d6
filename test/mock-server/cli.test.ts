// @vitest-environment node
// The CLI, built from source with esbuild and spawned as `gopay-mock-server` would be: it prints its URL and the
// merchant credentials as .env lines, and those credentials work against it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { MockGoPayServer } from '../../src/mock-server';
import { DEV_MERCHANT, DEV_NOTIFICATION_PUBLIC_KEY } from '../../src/mock-server/dev-merchant';
import { mintMockAuthCode } from '../../src/shared/mock-auth-code';
import { paymentBody, snapRequest, tokenRequest } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'gopay-cli-'));
const cli = join(dir, 'cli.mjs');
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [resolve(import.meta.dirname, '../../src/mock-server/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: cli,
    logLevel: 'silent',
  });
}, 30_000);
afterAll(() => {
  children.forEach((child) => child.kill('SIGKILL'));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI until it has printed everything (or exited); resolves with its output and the process. */
function run(args: string[]) {
  return new Promise<{ out: string; err: string; child: ChildProcess; code: number | null; output: () => string }>((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`CLI printed nothing useful: ${out}${err}`)), 15_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('# Your page')) {
        clearTimeout(timer);
        done({ out, err, child, code: null, output: () => out });
      }
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ out, err, child, code, output: () => out });
    });
  });
}

/** The .env lines, parsed as dotenv reads them (double-quoted values with \n). */
function readEnv(out: string): Record<string, string> {
  return Object.fromEntries(
    [...out.matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!.startsWith('"') ? JSON.parse(value!) : value!]),
  );
}

describe('gopay-mock-server', () => {
  it('prints its URL and working credentials as .env lines; SIGTERM stops it', { timeout: 30_000 }, async () => {
    const { out, child, output } = await run(['--port', '0', '--notify-url', 'http://localhost:3000/v1.0/debit/notify']);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(out).toContain('Notifications go to http://localhost:3000/v1.0/debit/notify');
    const env = readEnv(out);
    expect(env).toEqual({
      GOPAY_BASE_URL: url,
      GOPAY_CREDENTIALS: DEV_MERCHANT.credentials,
      SNAP_BASE_URL: url,
      SNAP_CLIENT_ID: DEV_MERCHANT.clientId,
      SNAP_PARTNER_ID: DEV_MERCHANT.partnerId,
      SNAP_CLIENT_SECRET: DEV_MERCHANT.clientSecret,
      SNAP_MERCHANT_ID: DEV_MERCHANT.merchantId,
      SNAP_PRIVATE_KEY: DEV_MERCHANT.privateKey,
      GOPAY_POP_ID: DEV_MERCHANT.pointOfPurchaseId,
      GOPAY_NOTIFICATION_PUBLIC_KEY: DEV_NOTIFICATION_PUBLIC_KEY,
    });
    // The same credentials in this process and in the CLI's: a restart keeps the merchant's .env working.
    expect(env.SNAP_PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(out).toContain(`createMockBridge({ server: '${url}' })`);

    const exchange = (credentials: string) =>
      fetch(`${url}/v1/mini-apps/authorizations/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
        body: JSON.stringify({ auth_code: mintMockAuthCode('c'.repeat(40), Date.now()) }),
      });
    expect((await exchange('d3Jvbmc6d3Jvbmc=')).status).toBe(401);
    expect(await (await exchange(env.GOPAY_CREDENTIALS!)).json()).toMatchObject({
      success: true,
      data: { auth_token: expect.any(String) },
    });

    // One line per request, with GoPay's words for a refusal.
    await expect.poll(output, { timeout: 5_000 }).toContain('POST /v1/mini-apps/authorizations/token → 401 Unauthorized');
    await expect.poll(output, { timeout: 5_000 }).toContain('POST /v1/mini-apps/authorizations/token → 200');

    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it("prints one line per notification it sends: status, payment and the merchant's answer", { timeout: 30_000 }, async () => {
    let answers = [500, 200];
    const merchant = createServer((req, res) => {
      req.resume();
      res.writeHead(answers.length > 1 ? answers.shift()! : answers[0]!, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ responseCode: '2005600', responseMessage: 'Successful' }));
    });
    await new Promise<void>((done) => merchant.listen(0, '127.0.0.1', done));
    try {
      const notifyUrl = `http://127.0.0.1:${(merchant.address() as { port: number }).port}/v1.0/debit/notify`;
      const { out, output } = await run(['--port', '0', '--notify-url', notifyUrl]);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      // A payment through the CLI's port, signed with the printed credentials.
      const cli = { merchant: DEV_MERCHANT } as MockGoPayServer;
      const local = (request: Request) => new Request(request.url.replace('http://gopay.mock', url), request);
      const token = (await (await fetch(local(tokenRequest(cli)))).json()).accessToken;
      const created = await (await fetch(local(snapRequest(cli, '/v1.0/debit/payment-host-to-host', paymentBody(cli), { token })))).json();
      const deeplink = `gopay://merchanttransfer?tref=${created.referenceNo}`;
      await fetch(`${url}/mock/payments/report`, { method: 'POST', body: JSON.stringify({ deeplink, status: 'success' }) });
      await expect.poll(output, { timeout: 10_000 }).toContain(`notify 00 ${created.referenceNo} → 500 2005600 (will retry)`);
      await expect.poll(output, { timeout: 10_000 }).toContain(`notify 00 ${created.referenceNo} → 200 2005600\n`);
    } finally {
      answers = [200];
      merchant.closeAllConnections();
      await new Promise((done) => merchant.close(done));
    }
  });

  it('--help prints the usage; a bad argument exits with 2', { timeout: 30_000 }, async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: gopay-mock-server [--port 8787] [--notify-url URL]');
    const bad = await run(['--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--port must be a port number');
    const badUrl = await run(['--port', '0', '--notify-url', 'localhost:3000']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.err).toContain('notifyUrl must be an http(s) URL');
  });
});
