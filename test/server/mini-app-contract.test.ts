// @vitest-environment node
// createGoPayServer on GoPay's pages: "Get Profile" answers `username`; GoPay's `error.code` is the error's
// `responseCode`; only "AuthCode Not Found" (an auth code GoPay does not know) means "get a fresh code"; a reminder
// id can never change the request's path.
import { describe, expect, it } from 'vitest';
import { GoPayApiError, GoPayAuthCodeExpiredError, GoPayValidationError } from '../../src/server/index';
import { json, useMiniAppServer } from './helpers';

const CODE = 'Zq8Rk2Lw9Tn4Vb7Xc1Md5Hf3Jg6Ps0Ya8Ue2Io4Qw7Er1Ty9Ui3Op5As6Df8Gh2J';
const TOKEN = 'user-token-1a2b3c4d5e6f';
const { start, server } = useMiniAppServer();

describe('createGoPayServer: GoPay’s answers as its pages give them', () => {
  it('getProfile resolves with GoPay’s fields: username, phone_number, email', async () => {
    const profile = { phone_number: '+6281234567890', email: 'budi@example.com', username: 'Budi' };
    const gopay = await start((_r, res) => json(res, 200, { success: true, data: profile }));
    await expect(gopay.getProfile(TOKEN)).resolves.toEqual(profile);
  });

  it.each([
    ['a string code', { code: '105', description: 'User not found' }, '105'],
    ['a numeric code', { code: 4060, description: 'Fraud validation failed' }, '4060'],
    ['no code', { description: 'Bad request' }, undefined],
  ])('GoPay’s error.code is responseCode (%s)', async (_name, error, responseCode) => {
    const gopay = await start((_r, res) => json(res, 400, { success: false, error }));
    const refused = (await gopay.getProfile(TOKEN).catch((e: unknown) => e)) as GoPayApiError;
    expect(refused).toBeInstanceOf(GoPayApiError);
    expect(refused.responseCode).toBe(responseCode);
    expect(refused.description).toBe(error.description);
  });

  it.each(['AuthCode Not Found', 'auth code expired', 'Invalid auth_code', 'AUTH CODE NOT FOUND'])(
    '"%s" on getAuthToken is GoPayAuthCodeExpiredError',
    async (description) => {
      const gopay = await start((_r, res) => json(res, 400, { success: false, error: { code: '303', description } }));
      const error = await gopay.getAuthToken(CODE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GoPayAuthCodeExpiredError);
      expect((error as GoPayAuthCodeExpiredError).cause).toMatchObject({ responseCode: '303', status: 400 });
    },
  );

  it.each(['Merchant not found', 'Client credentials expired', 'Route not found', 'Unauthorized', 'Token expired'])(
    '"%s" is not about the auth code: a GoPayApiError',
    async (description) => {
      const gopay = await start((_r, res) => json(res, 404, { success: false, error: { description } }));
      const error = await gopay.getAuthToken(CODE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GoPayApiError);
      expect(error).not.toBeInstanceOf(GoPayAuthCodeExpiredError);
    },
  );

  it('"AuthCode Not Found" from another method, a 429 or a 5xx is not an expired code', async () => {
    let status = 429;
    const gopay = await start((_r, res) => json(res, status, { success: false, error: { description: 'AuthCode Not Found' } }));
    await expect(gopay.getAuthToken(CODE)).rejects.not.toBeInstanceOf(GoPayAuthCodeExpiredError);
    status = 503;
    await expect(gopay.getAuthToken(CODE)).rejects.not.toBeInstanceOf(GoPayAuthCodeExpiredError);
    status = 400;
    await expect(gopay.getProfile(TOKEN)).rejects.not.toBeInstanceOf(GoPayAuthCodeExpiredError);
  });

  it.each(['.', '..', 'a/b', '../rewards', 'a\\b', '/'])('removeReminder(%j) is refused: it would change the path', async (id) => {
    const gopay = await start((_r, res) => json(res, 200, { success: true }));
    await expect(gopay.removeReminder(TOKEN, id)).rejects.toBeInstanceOf(GoPayValidationError);
    expect(server().requests).toHaveLength(0);
  });

  it('removeReminder encodes any other id into one path segment', async () => {
    const gopay = await start((_r, res) => json(res, 200, { success: true }));
    await gopay.removeReminder(TOKEN, 'rem 42?x=1#y');
    expect(server().requests[0]!.url).toBe('/v1/mini-apps/reminder/rem%2042%3Fx%3D1%23y');
  });
});
