// @vitest-environment node
// createGoPayServer: retries after a network error, a timeout or a 5xx (and only then), backoff, Retry-After, abort.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
//
// The backoff (250 ms × 2ⁿ plus up to 50 % jitter) has no option: it is waited for, and timed, once for a dropped
// connection (no answer can carry Retry-After); a 5xx here carries Retry-After: 0 (busy()), which the contract lets
// replace it, when the test is about which answers are retried rather than how long the client waits.
import { describe, expect, it } from 'vitest';
import { rejectionOf, S, sleep, waitFor } from './helpers';
import { busy, miniApp, ok, stand, useStandIns, withStandIn } from './stand-in';

useStandIns();

describe('createGoPayServer: retries only after a network error, a timeout or a 5xx', () => {
  it('5xx twice then success: 3 attempts (retries default 2)', async () => {
    stand.reset([busy(503), busy(500), ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await expect(miniApp().getAuthToken('I'.repeat(64))).resolves.toEqual({ auth_token: 't', gopay_account_id: 'a' });
    expect(stand.state.seen).toHaveLength(3);
  });

  it('5xx every time: GoPayApiError with status and retryable, after 1 + 2 attempts', async () => {
    stand.reset([], () => busy(503, { success: false, error: { description: 'Service Unavailable' } }));
    const e = await rejectionOf(miniApp().getAuthToken('J'.repeat(64), { requestId: 'req-5xx' }));
    expect(stand.state.seen).toHaveLength(3);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(503);
    expect(e.retryable).toBe(true);
    expect(e.requestId).toBe('req-5xx');
    expect(e.description).toBe('Service Unavailable');
    expect(e.body).toMatchObject({ success: false, error: { description: 'Service Unavailable' } });
  });

  it.each([400, 401, 403, 404, 409, 422, 429])('a %s is never retried', async (status: number) => {
    stand.reset([], () => ({ status, headers: { 'retry-after': '0' }, body: { success: false, error: { description: 'no' } } }));
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(stand.state.seen).toHaveLength(1);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(status);
    expect(e.retryable).toBe(false);
  });

  it('retries: 0 makes one attempt', async () => {
    stand.reset([], () => ({ status: 500, body: {} }));
    await rejectionOf(miniApp({ retries: 0 }).getProfile('tok'));
    expect(stand.state.seen).toHaveLength(1);
  });

  // The four tests below wait for real — the backoff, a Retry-After of one second, timeouts, the time a wrong retry
  // would take to show — so they run at once (it.concurrent), each on stand-ins of its own (withStandIn).

  it.concurrent('network errors are retried; when no answer ever comes, status is 0', async ({ expect }) => {
    // Both halves wait the whole backoff (no answer, so no Retry-After): they run at once too.
    await withStandIn((gopay) =>
      withStandIn(async (silent) => {
        gopay.reset(['destroy', 'destroy', ok({ phone_number: '1', email: 'e', username: 'n' })]);
        silent.reset([], () => 'destroy');
        const [answer, e] = await Promise.all([
          miniApp({ baseUrl: gopay.state.url }).getProfile('tok'),
          rejectionOf(miniApp({ baseUrl: silent.state.url }).getProfile('tok')),
        ]);
        expect(answer).toEqual({ phone_number: '1', email: 'e', username: 'n' });
        expect(gopay.state.seen).toHaveLength(3);
        // The documented backoff: 250 ms, then 500 ms, each plus up to 50 % jitter (5 ms allowed for timer rounding).
        const [first, second, third] = gopay.state.seen.map((s) => s.at);
        expect(second - first).toBeGreaterThanOrEqual(245);
        expect(third - second).toBeGreaterThanOrEqual(495);
        expect(silent.state.seen).toHaveLength(3);
        expect(e).toBeInstanceOf(S.GoPayApiError);
        expect(e.status).toBe(0);
        expect(e.retryable).toBe(true);
      }),
    );
  });

  it.concurrent('Retry-After is honoured', async ({ expect }) => {
    // One second is the shortest Retry-After (delta-seconds) that differs from the backoff: this wait stays.
    await withStandIn(async (gopay) => {
      gopay.reset([{ status: 503, headers: { 'retry-after': '1' }, body: {} }, ok({ phone_number: '1', email: 'e', username: 'n' })]);
      await miniApp({ baseUrl: gopay.state.url }).getProfile('tok');
      expect(gopay.state.seen).toHaveLength(2);
      expect(gopay.state.seen[1].at - gopay.state.seen[0].at).toBeGreaterThanOrEqual(900);
    });
  });

  it.concurrent(
    'timeout is per attempt: a hung attempt is retried; all hung → GoPayTimeoutError (timeout, requestId)',
    async ({ expect }) => {
      await withStandIn(async (gopay) => {
        gopay.reset(['hang', ok({ phone_number: '1', email: 'e', username: 'n' })]);
        await expect(miniApp({ baseUrl: gopay.state.url, timeout: 200 }).getProfile('tok')).resolves.toMatchObject({ username: 'n' });
        expect(gopay.state.seen).toHaveLength(2);
        gopay.reset([], () => 'hang');
        const t0 = Date.now();
        const e = await rejectionOf(
          miniApp({ baseUrl: gopay.state.url, timeout: 150, retries: 0 }).getProfile('tok', { requestId: 'req-slow-1' }),
        );
        expect(Date.now() - t0).toBeLessThan(5_000);
        expect(e).toBeInstanceOf(S.GoPayTimeoutError);
        expect(e.code).toBe('TIMEOUT');
        expect(e.timeout).toBe(150);
        expect(e.requestId).toBe('req-slow-1');
        const e2 = await rejectionOf(miniApp({ baseUrl: gopay.state.url, retries: 0 }).getProfile('tok', { timeout: 100 }));
        expect(e2.code).toBe('TIMEOUT');
      });
    },
  );

  it.concurrent('an aborted signal rejects with GoPayAbortError and stops retrying', async ({ expect }) => {
    await withStandIn(async (gopay) => {
      gopay.reset([], () => 'hang');
      const ctrl = new AbortController();
      const pending = rejectionOf(miniApp({ baseUrl: gopay.state.url }).getProfile('tok', { signal: ctrl.signal }));
      // Aborted once the attempt is at the stand-in (rather than after a fixed 100 ms).
      expect(await waitFor(() => gopay.state.seen.length === 1, 5_000)).toBe(true);
      ctrl.abort();
      const e = await pending;
      expect(e).toBeInstanceOf(S.GoPayAbortError);
      expect(e.code).toBe('ABORTED');
      // Nothing more may arrive: a retry would come after the first backoff (250–375 ms), so 400 ms would see it.
      await sleep(400);
      expect(gopay.state.seen).toHaveLength(1);
    });
  });
});
