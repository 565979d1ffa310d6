// @vitest-environment node
// Retries, timeouts and aborts, counted on a real local server.
import { afterEach, describe, expect, it } from 'vitest';
import { createGoPayServer, GoPayAbortError, GoPayApiError, GoPayTimeoutError } from '../../src/server/index';
import { backoff, retryAfter } from '../../src/server/http';
import { payment, snapClient, startFakeSnap } from './fake-snap';
import { header, json, startServer, type Handler, type TestServer } from './helpers';

const CREDENTIALS = 'Y3JlZGVudGlhbHM=';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (handler: Handler, options: { retries?: number; timeout?: number | false } = {}) => {
  server = await startServer(handler);
  return createGoPayServer({ credentials: CREDENTIALS, baseUrl: server.url, ...options });
};
const success = { success: true, data: { name: 'Budi' } };
/** Fails the first `n` requests with `fail`, then answers success. */
const failFirst =
  (n: number, fail: Handler): Handler =>
  (request, res, index) =>
    index < n ? fail(request, res, index) : json(res, 200, success);
const ids = () => server!.requests.map((request) => header(request, 'request-id'));

describe('retries', () => {
  it.each([500, 502, 503, 504])('retries after HTTP %i with the same Request-Id', async (status) => {
    const gopay = await start(failFirst(2, (_r, res) => json(res, status, { success: false })));
    await expect(gopay.getProfile('tok-abcdef')).resolves.toEqual({ name: 'Budi' });
    expect(server!.requests).toHaveLength(3);
    expect(new Set(ids()).size).toBe(1);
  });

  it('gives up after `retries` extra attempts with a retryable GoPayApiError', async () => {
    const gopay = await start((_r, res) => json(res, 503, { success: false, error: { description: 'busy' } }), { retries: 1 });
    const error = (await gopay.getProfile('tok-abcdef').catch((e: unknown) => e)) as GoPayApiError;
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error).toMatchObject({ status: 503, retryable: true, description: 'busy' });
    expect(server!.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 429])('never retries HTTP %i, even with Retry-After', async (status) => {
    const gopay = await start((_r, res) => json(res, status, { success: false, error: { description: 'no' } }, { 'Retry-After': '0' }));
    const error = await gopay.getProfile('tok-abcdef').catch((e: unknown) => e);
    expect(error).toMatchObject({ status, retryable: false });
    expect(server!.requests).toHaveLength(1);
  });

  it('honours Retry-After on a 503', async () => {
    const gopay = await start(failFirst(1, (_r, res) => json(res, 503, { success: false }, { 'Retry-After': '1' })));
    const started = Date.now();
    await gopay.getProfile('tok-abcdef');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server!.requests).toHaveLength(2);
  });

  it('waits with backoff (at least 250 ms) before retrying a 5xx without Retry-After', async () => {
    const gopay = await start(failFirst(1, (_r, res) => json(res, 500, { success: false })));
    const started = Date.now();
    await gopay.getProfile('tok-abcdef');
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(server!.requests).toHaveLength(2);
  });

  it('retries after a network error (connection destroyed) with the same Request-Id', async () => {
    const gopay = await start(failFirst(2, (_r, res) => void res.socket!.destroy()));
    await expect(gopay.getProfile('tok-abcdef')).resolves.toEqual({ name: 'Budi' });
    expect(server!.requests).toHaveLength(3);
    expect(new Set(ids()).size).toBe(1);
  });

  it('a network error on every attempt is GoPayApiError status 0, retryable', async () => {
    const gopay = await start((_r, res) => void res.socket!.destroy(), { retries: 1 });
    const error = await gopay.getProfile('tok-abcdef').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API', status: 0, retryable: true });
    expect((error as Error).message).toMatch(/could not be reached after 2 attempts/);
    expect(server!.requests).toHaveLength(2);
  });

  it('backoff grows from 250 ms with up to 50 % jitter; Retry-After reads seconds and dates, capped at 60 s', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoff(0)).toBeGreaterThanOrEqual(250);
      expect(backoff(0)).toBeLessThanOrEqual(375);
      expect(backoff(2)).toBeGreaterThanOrEqual(1000);
      expect(backoff(2)).toBeLessThanOrEqual(1500);
    }
    const headers = (value: string) => new Headers({ 'Retry-After': value });
    expect(retryAfter(headers('2'))).toBe(2000);
    expect(retryAfter(headers('3600'))).toBe(60_000);
    expect(retryAfter(headers(new Date(Date.now() + 5000).toUTCString()))).toBeGreaterThan(3000);
    expect(retryAfter(headers('soon'))).toBeUndefined();
    expect(retryAfter(new Headers())).toBeUndefined();
  });
});

describe('timeouts', () => {
  it('a slow first attempt times out and is retried', async () => {
    const gopay = await start(
      (_r, res, index) => {
        if (index == 0) setTimeout(() => json(res, 200, success), 1000);
        else json(res, 200, success);
      },
      { timeout: 100 },
    );
    await expect(gopay.getProfile('tok-abcdef')).resolves.toEqual({ name: 'Budi' });
    expect(server!.requests).toHaveLength(2);
    expect(new Set(ids()).size).toBe(1);
  });

  it('GoPayTimeoutError when the last attempt timed out', async () => {
    const gopay = await start((_r, res) => void setTimeout(() => json(res, 200, success), 2000), { timeout: 80, retries: 1 });
    const error = await gopay.getProfile('tok-abcdef').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayTimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', timeout: 80 });
    expect((error as Error).message).toMatch(/GoPayServer\.getProfile: no answer from GoPay in 80 ms after 2 attempts/);
    expect(server!.requests).toHaveLength(2);
  });

  it('a per-call timeout overrides the client one; the timer also covers a slow body', async () => {
    const gopay = await start(
      (_r, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"success":true,');
        setTimeout(() => res.end('"data":{}}'), 1000);
      },
      { timeout: 10_000, retries: 0 },
    );
    await expect(gopay.getProfile('tok-abcdef', { timeout: 100 })).rejects.toBeInstanceOf(GoPayTimeoutError);
  });
});

describe('abort', () => {
  it('an already aborted signal sends nothing', async () => {
    const gopay = await start((_r, res) => json(res, 200, success));
    const reason = new Error('user left');
    const error = await gopay.getProfile('tok-abcdef', { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoPayAbortError);
    expect((error as GoPayAbortError).cause).toBe(reason);
    expect(server!.requests).toHaveLength(0);
  });

  it('aborting mid-request rejects at once with GoPayAbortError', async () => {
    const gopay = await start((_r, res) => void setTimeout(() => json(res, 200, success), 2000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(gopay.getProfile('tok-abcdef', { signal: controller.signal })).rejects.toBeInstanceOf(GoPayAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborting during the backoff stops the retries', async () => {
    const gopay = await start((_r, res) => json(res, 503, { success: false }, { 'Retry-After': '5' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(gopay.getProfile('tok-abcdef', { signal: controller.signal })).rejects.toBeInstanceOf(GoPayAbortError);
    expect(server!.requests).toHaveLength(1);
  });
});

describe('SNAP retries keep X-EXTERNAL-ID and re-sign each attempt', () => {
  it('a createPayment that times out names its X-EXTERNAL-ID (for getPaymentStatus({ originalExternalId }))', async () => {
    const fake = await startFakeSnap({
      override: (request) => request.url == '/v1.0/debit/payment-host-to-host',
    });
    try {
      const snap = snapClient(fake.url, { retries: 0 });
      const error = await snap.createPayment(payment('o-2', '1.00'), { externalId: 'ext-42', timeout: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GoPayTimeoutError);
      expect(error).toMatchObject({ requestId: 'ext-42' });
      expect((error as Error).message).toMatch(
        /SnapClient\.createPayment: no answer from GoPay in 100 ms \(POST \/v1\.0\/debit\/payment-host-to-host, X-EXTERNAL-ID ext-42\)/,
      );
    } finally {
      await fake.close();
    }
  });

  it('a 500 on createPayment is retried with the same X-EXTERNAL-ID, a fresh valid signature each time', async () => {
    let failures = 0;
    const fake = await startFakeSnap({
      override: (request, res) => {
        if (request.url == '/v1.0/debit/payment-host-to-host' && failures++ < 2) {
          json(res, 500, { responseCode: '5005400', responseMessage: 'General Error' });
          return true;
        }
        return false;
      },
    });
    try {
      const snap = snapClient(fake.url);
      await expect(snap.createPayment(payment('o-1', '1.00'))).resolves.toMatchObject({
        responseCode: '2005400',
      });
      const payments = fake.requests.filter((request) => request.url == '/v1.0/debit/payment-host-to-host');
      expect(payments).toHaveLength(3);
      expect(new Set(payments.map((request) => header(request, 'x-external-id'))).size).toBe(1);
      expect(fake.errors).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
