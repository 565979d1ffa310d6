// @vitest-environment node
// The CLI, built from source with esbuild and spawned as `gopay-mock-server` would be: it prints its URL and the
// merchant credentials as .env lines, and those credentials work against it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintMockAuthCode } from '../../src/mock/auth-code-format';

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
const run = (args: string[]) =>
  new Promise<{ out: string; err: string; child: ChildProcess; code: number | null; output: () => string }>((done, fail) => {
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

/** The .env lines, parsed as dotenv reads them (double-quoted values with \n). */
const readEnv = (out: string): Record<string, string> =>
  Object.fromEntries(
    [...out.matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!.startsWith('"') ? JSON.parse(value!) : value!]),
  );

describe('gopay-mock-server', () => {
  it('prints its URL and working credentials as .env lines; SIGTERM stops it', { timeout: 30_000 }, async () => {
    const { out, child, output } = await run(['--port', '0', '--notify-url', 'http://localhost:3000/v1.0/debit/notify']);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(out).toContain('Notifications go to http://localhost:3000/v1.0/debit/notify');
    const env = readEnv(out);
    expect(Object.keys(env)).toEqual([
      'GOPAY_BASE_URL',
      'GOPAY_CREDENTIALS',
      'SNAP_BASE_URL',
      'SNAP_CLIENT_ID',
      'SNAP_CLIENT_SECRET',
      'SNAP_MERCHANT_ID',
      'SNAP_PRIVATE_KEY',
      'GOPAY_NOTIFICATION_PUBLIC_KEY',
    ]);
    expect(env.GOPAY_BASE_URL).toBe(url);
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
