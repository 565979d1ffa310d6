// @vitest-environment node
// What a refused or unreadable answer of GoPay's Mini App APIs becomes: a GoPayApiError whose message says what GoPay
// said (or that it said nothing readable), whose body is the answer (text when it is not JSON, cut at 1,000
// characters, secrets redacted), and whose retryable flag follows the status. And the fields a bad argument names.
import { describe, expect, it } from 'vitest';
import { createGoPayServer, GoPayApiError, GoPayValidationError } from '../../src/server/index';
import { json, MINI_APP_CREDENTIALS as CREDENTIALS, useMiniAppServer, type Handler } from './helpers';

const TOKEN = 'user-token-1a2b3c4d5e6f';
const REQUEST_ID = 'req-7';
const { start, server } = useMiniAppServer();

const text =
  (status: number, body: string): Handler =>
  (_request, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(body);
  };

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (error: unknown) => error as GoPayApiError,
  );

describe('GoPayApiError from an answer that is not success', () => {
  it('an answer that is not JSON: said so, its text as the body, retryable on a 5xx', async () => {
    const gopay = await start(text(502, '<html>Bad gateway</html>'));
    const error = await refusal(gopay.getProfile(TOKEN, { requestId: REQUEST_ID }));
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error.message).toBe(
      `GoPayServer.getProfile: GoPay answered HTTP 502: an answer that is not JSON (GET /v1/mini-apps/users/profile, Request-Id ${REQUEST_ID}).`,
    );
    expect(error).toMatchObject({ status: 502, body: '<html>Bad gateway</html>', requestId: REQUEST_ID, retryable: true });
    expect(error.description).toBeUndefined();
  });

  it('a long text body is cut at 1,000 characters, and a token in it is redacted', async () => {
    const gopay = await start(text(400, `token ${TOKEN} is unknown. ${'x'.repeat(2000)}`));
    const error = await refusal(gopay.getProfile(TOKEN));
    expect(typeof error.body).toBe('string');
    expect(error.body as string).not.toContain(TOKEN);
    expect((error.body as string).startsWith('token ')).toBe(true);
    expect((error.body as string).length).toBeLessThanOrEqual(1000);
    expect(error.retryable).toBe(false);
  });

  it('a JSON failure without a description says "no description" and keeps the parsed body', async () => {
    const gopay = await start((_request, res) => json(res, 400, { success: false, error: { code: 'X' } }));
    const error = await refusal(gopay.getProfile(TOKEN, { requestId: REQUEST_ID }));
    expect(error.message).toBe(
      `GoPayServer.getProfile: GoPay answered HTTP 400: no description (GET /v1/mini-apps/users/profile, Request-Id ${REQUEST_ID}).`,
    );
    expect(error.body).toEqual({ success: false, error: { code: 'X' } });
    expect(error.description).toBeUndefined();
    expect(error.retryable).toBe(false);
  });

  it('an empty answer has no body and says "no description"', async () => {
    const gopay = await start(text(500, ''));
    const error = await refusal(gopay.getProfile(TOKEN));
    expect(error.body).toBeUndefined();
    expect(error.message).toContain('GoPay answered HTTP 500: no description (');
    expect(error.retryable).toBe(true);
  });

  it("GoPay's description is the message's reason and the error's description", async () => {
    const gopay = await start((_request, res) => json(res, 403, { success: false, error: { description: 'Template not allowed' } }));
    const error = await refusal(gopay.sendPushNotification(TOKEN, { template_name: 't', template_parameters: {} }));
    expect(error.message).toContain('GoPay answered HTTP 403: Template not allowed (POST /v1/mini-apps/notifications/push,');
    expect(error.description).toBe('Template not allowed');
  });

  it('a success without a profile is a failure, not an empty profile', async () => {
    const gopay = await start((_request, res) => json(res, 200, { success: true }));
    const error = await refusal(gopay.getProfile(TOKEN));
    expect(error).toBeInstanceOf(GoPayApiError);
    expect(error.message).toBe('GoPayServer.getProfile: GoPay answered success without a profile.');
    expect(error).toMatchObject({ status: 200, retryable: false });
  });
});

describe('a bad argument names its field, before any request', () => {
  it.each([
    ['template_name', { template_parameters: {} }],
    ['template_parameters', { template_name: 'welcome' }],
  ])('sendPushNotification without %s', async (field, notification) => {
    const gopay = await start(() => expect.unreachable('no request'));
    const error = await gopay.sendPushNotification(TOKEN, notification as never).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error.message).toContain(`GoPayServer.sendPushNotification(notification).${field}`);
    expect(server().requests).toHaveLength(0);
  });

  it('sendReward with a metadata that is not an object', async () => {
    const gopay = await start(() => expect.unreachable('no request'));
    const reward = { amount: { value: 100, currency: 'IDR' }, description: 'Thanks', reward_type: 'EMONEY', metadata: 'x' };
    const error = await gopay.sendReward(TOKEN, reward as never).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error.message).toContain('GoPayServer.sendReward(reward).metadata');
  });

  it('createGoPayServer names itself and the option', () => {
    expect(() => createGoPayServer({ credentials: CREDENTIALS, timeout: -1 })).toThrow(/createGoPayServer/);
    expect(() => createGoPayServer({ credentials: CREDENTIALS, nope: 1 } as never)).toThrow(/createGoPayServer\(options\)/);
  });
});
