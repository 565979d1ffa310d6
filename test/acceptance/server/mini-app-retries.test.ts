// @vitest-environment node
// createGoPayServer: retries after a network error, a timeout or a 5xx (and only then), backoff, Retry-After, abort.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it } from 'vitest';
import { rejectionOf, S, sleep } from './helpers';
import { miniApp, ok, stand, useStandIns } from './stand-in';

useStandIns();

describe('createGoPayServer: retries only after a network error, a timeout or a 5xx', () => {
  it('5xx twice then success: 3 attempts (retries default 2)', async () => {
    stand.reset([{ status: 503, body: {} }, { status: 500, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await expect(miniApp().getAuthToken('I'.repeat(64))).resolves.toEqual({ auth_token: 't', gopay_account_id: 'a' });
    expect(stand.state.seen).toHaveLength(3);
  });

  it('5xx every time: GoPayApiError with status and retryable, after 1 + 2 attempts', async () => {
    stand.reset([], () => ({ status: 503, body: { success: false, error: { description: 'Service Unavailable' } } }));
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

  it('network errors are retried; when no answer ever comes, status is 0', async () => {
    stand.reset(['destroy', 'destroy', ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await expect(miniApp().getProfile('tok')).resolves.toEqual({ phone_number: '1', email: 'e', username: 'n' });
    expect(stand.state.seen).toHaveLength(3);
    stand.reset([], () => 'destroy');
    const e = await rejectionOf(miniApp().getProfile('tok'));
    expect(stand.state.seen).toHaveLength(3);
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(0);
    expect(e.retryable).toBe(true);
  });

  it('retries: 0 makes one attempt', async () => {
    stand.reset([], () => ({ status: 500, body: {} }));
    await rejectionOf(miniApp({ retries: 0 }).getProfile('tok'));
    expect(stand.state.seen).toHaveLength(1);
  });

  it('Retry-After is honoured', async () => {
    stand.reset([{ status: 503, headers: { 'retry-after': '1' }, body: {} }, ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await miniApp().getProfile('tok');
    expect(stand.state.seen).toHaveLength(2);
    expect(stand.state.seen[1].at - stand.state.seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it('timeout is per attempt: a hung attempt is retried; all hung → GoPayTimeoutError (timeout, requestId)', async () => {
    stand.reset(['hang', ok({ phone_number: '1', email: 'e', username: 'n' })]);
    await expect(miniApp({ timeout: 200 }).getProfile('tok')).resolves.toMatchObject({ username: 'n' });
    expect(stand.state.seen).toHaveLength(2);
    stand.reset([], () => 'hang');
    const t0 = Date.now();
    const e = await rejectionOf(miniApp({ timeout: 150, retries: 0 }).getProfile('tok', { requestId: 'req-slow-1' }));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(e).toBeInstanceOf(S.GoPayTimeoutError);
    expect(e.code).toBe('TIMEOUT');
    expect(e.timeout).toBe(150);
    expect(e.requestId).toBe('req-slow-1');
    const e2 = await rejectionOf(miniApp({ retries: 0 }).getProfile('tok', { timeout: 100 }));
    expect(e2.code).toBe('TIMEOUT');
  });

  it('an aborted signal rejects with GoPayAbortError and stops retrying', async () => {
    stand.reset([], () => 'hang');
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const e = await rejectionOf(miniApp().getProfile('tok', { signal: ctrl.signal }));
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(e.code).toBe('ABORTED');
    await sleep(400);
    expect(stand.state.seen).toHaveLength(1);
  });
});
