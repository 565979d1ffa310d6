// @vitest-environment node
// createGoPayServer against a GoPay stand-in on node:http: each Mini App request and its answer.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it } from 'vitest';
import { rejectionOf, S, UUID_RE } from './helpers';
import { CREDS, miniApp, ok, stand, useStandIns } from './stand-in';

useStandIns();

describe('createGoPayServer: requests and answers (GoPay stand-in on node:http)', () => {
  it('getAuthToken: POST …/authorizations/token, Basic, JSON { auth_code } → { auth_token, gopay_account_id }', async () => {
    stand.reset([ok({ auth_token: 'tok-123', gopay_account_id: 'acc-9' })]);
    const code = 'G'.repeat(64);
    await expect(miniApp().getAuthToken(code)).resolves.toEqual({ auth_token: 'tok-123', gopay_account_id: 'acc-9' });
    const [r] = stand.state.seen;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/mini-apps/authorizations/token');
    expect(r.headers.authorization).toBe(`Basic ${CREDS}`);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ auth_code: code });
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('getProfile: GET …/users/profile with Bearer → { phone_number, email, username } (GoPay’s `username`)', async () => {
    const profile = { phone_number: '+628123', email: 'a@b.c', username: 'ani' };
    stand.reset([ok(profile)]);
    await expect(miniApp().getProfile('tok-123')).resolves.toEqual(profile);
    const [r] = stand.state.seen;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v1/mini-apps/users/profile');
    expect(r.headers.authorization).toBe('Bearer tok-123');
    expect(r.headers['request-id']).toMatch(UUID_RE);
  });

  it('sendPushNotification, createReminder, removeReminder, sendReward: methods, paths, bodies, results', async () => {
    const c = miniApp();
    stand.reset([ok(undefined), ok({ reminder_id: 'rem-7' }), ok(undefined), ok({ payment_id: 'pay-1' })]);
    const push = { template_name: 'promo', template_parameters: { name: 'Ani' } };
    await expect(c.sendPushNotification('tok', push)).resolves.toBeUndefined();
    const reminder = { template_name: 'bill', template_parameters: { due: '1 Dec' }, reminder_id: 'rem-7' };
    await expect(c.createReminder('tok', reminder)).resolves.toEqual({ reminder_id: 'rem-7' });
    await expect(c.removeReminder('tok', 'rem-7')).resolves.toBeUndefined();
    const reward = { amount: { value: 1000, currency: 'IDR' }, description: 'thanks', reward_type: 'CASHBACK', metadata: { k: 'v' } };
    await expect(c.sendReward('tok', reward)).resolves.toEqual({ payment_id: 'pay-1' });
    const seen = stand.state.seen.map((r) => [r.method, r.path]);
    expect(seen).toEqual([
      ['POST', '/v1/mini-apps/notifications/push'],
      ['PUT', '/v1/mini-apps/reminder'],
      ['DELETE', '/v1/mini-apps/reminder/rem-7'],
      ['POST', '/v1/mini-apps/rewards'],
    ]);
    const [p, r, , w] = stand.state.seen;
    expect(JSON.parse(p.body)).toEqual(push);
    expect(JSON.parse(r.body)).toEqual(reminder);
    expect(JSON.parse(w.body)).toEqual(reward);
    for (const s of [p, r, w]) expect(s.headers['content-type']).toMatch(/^application\/json/);
    for (const s of stand.state.seen) {
      expect(s.headers.authorization).toBe('Bearer tok');
      expect(s.headers['request-id']).toMatch(UUID_RE);
    }
    expect(new Set(stand.state.seen.map((s) => s.headers['request-id'])).size).toBe(4);
  });

  it("removeReminder: an id with dots inside (not '.' or '..') is sent as it is", async () => {
    stand.reset([ok(undefined)]);
    await expect(miniApp().removeReminder('tok', 'rem.7.a')).resolves.toBeUndefined();
    expect(stand.state.seen.map((s) => [s.method, s.path])).toEqual([['DELETE', '/v1/mini-apps/reminder/rem.7.a']]);
  });

  it("Request-Id: the caller's when given, the same on every retry of one call", async () => {
    stand.reset([{ status: 503, body: {} }, { status: 502, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64), { requestId: 'req-abc-1' });
    expect(stand.state.seen.map((s) => s.headers['request-id'])).toEqual(['req-abc-1', 'req-abc-1', 'req-abc-1']);
    stand.reset([{ status: 500, body: {} }, ok({ auth_token: 't', gopay_account_id: 'a' })]);
    await miniApp().getAuthToken('H'.repeat(64));
    const ids = stand.state.seen.map((s) => s.headers['request-id']);
    expect(ids[0]).toMatch(UUID_RE);
    expect(ids[1]).toBe(ids[0]);
  });

  it('a { success: false } answer rejects even with HTTP 200', async () => {
    stand.reset([{ status: 200, body: { success: false, error: { description: 'Template not found' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.description).toBe('Template not found');
  });

  it.each([
    ['a success without the success flag', { status: 200, body: { data: { auth_token: 't', gopay_account_id: 'a' } } }],
    ['a 200 that is not JSON', { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } }],
    ['an empty 200', { status: 200, body: '' }],
    ["success: 'true' (a string)", { status: 200, body: { success: 'true', data: { auth_token: 't', gopay_account_id: 'a' } } }],
  ])('anything but { success: true } rejects with GoPayApiError: %s', async (_n: string, reply: any) => {
    stand.reset([reply]);
    const e = await rejectionOf(miniApp().getAuthToken('Q'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
  });

  it("GoPayApiError.responseCode is GoPay's error.code; description is error.description", async () => {
    stand.reset([{ status: 400, body: { success: false, error: { code: '110', description: 'Invalid request parameters' } } }]);
    const e = await rejectionOf(miniApp().sendPushNotification('tok', { template_name: 'x', template_parameters: {} }));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(400);
    expect(e.responseCode).toBe('110');
    expect(e.description).toBe('Invalid request parameters');
  });
});
