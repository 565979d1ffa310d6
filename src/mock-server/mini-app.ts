// GoPay's Mini App APIs (https://public-mini-app-merchants.gopayapi.com): the token exchange behind the Basic
// credential, and the user APIs behind the auth token it issues. Answers `{ success, data?, error? }`.
import type { Random } from '../mock/random';
import { safeEqual } from '../server/crypto';
import type { AuthCodes } from './auth-codes';
import { isRecord, json, miniAppError, type Incoming } from './http';

export interface MiniAppState {
  credentials: string;
  authCodes: AuthCodes;
  random: () => Random;
  /** auth_token → gopay_account_id. GoPay's tokens do not expire. */
  tokens: Map<string, string>;
  reminders: Set<string>;
  /** `Request-Id` → the answer given, replayed when the same request comes again (GoPay's idempotency key). */
  answered: Map<string, { text: string; status: number; body: unknown }>;
}

export const MOCK_USER = { phone_number: '+6281234567890', email: 'budi.santoso@example.com', name: 'Budi Santoso' };

const ok = (data?: unknown) => json(200, data === undefined ? { success: true } : { success: true, data });

const isText = (value: unknown): value is string => typeof value == 'string' && value.trim().length > 0;

/** The reason a template body is refused, if it is. */
const templateProblem = (body: Record<string, unknown>): string | undefined =>
  !isText(body.template_name)
    ? 'template_name is required'
    : body.template_parameters !== undefined && !isRecord(body.template_parameters)
      ? 'template_parameters must be an object'
      : undefined;

const rewardProblem = (body: Record<string, unknown>): string | undefined => {
  const amount = body.amount;
  if (!isRecord(amount) || typeof amount.value != 'number' || !(amount.value > 0)) return 'amount.value must be a positive number';
  if (amount.currency !== 'IDR') return 'amount.currency must be IDR';
  if (!isText(body.description)) return 'description is required';
  if (!isText(body.reward_type)) return 'reward_type is required';
  return undefined;
};

const TOKEN_PATH = '/v1/mini-apps/authorizations/token';
const REMINDER_PATH = '/v1/mini-apps/reminder';

/** Answers a Mini App API request, or undefined when the path is not one. */
export const handleMiniApp = async (req: Incoming, state: MiniAppState): Promise<Response | undefined> => {
  if (!req.path.startsWith('/v1/mini-apps/')) return undefined;
  const requestId = req.headers.get('request-id');
  const key = requestId && `${req.method} ${req.path} ${requestId} ${req.headers.get('authorization') ?? ''}`;
  const earlier = key ? state.answered.get(key) : undefined;
  // A retry with the same Request-Id and body gets the first answer (a code is not spent twice).
  if (earlier && earlier.text === req.text) return json(earlier.status, earlier.body);
  const response = await route(req, state);
  if (key && response && response.status < 500) {
    state.answered.set(key, { text: req.text, status: response.status, body: await response.clone().json() });
  }
  return response;
};

const route = async (req: Incoming, state: MiniAppState): Promise<Response | undefined> => {
  const authorization = req.headers.get('authorization') ?? '';
  const body = isRecord(req.body) ? req.body : undefined;
  if (req.path === TOKEN_PATH) {
    if (req.method !== 'POST') return miniAppError(405, 'Method Not Allowed');
    if (!/^Basic /i.test(authorization) || !safeEqual(authorization.slice(6).trim(), state.credentials)) {
      return miniAppError(401, 'Unauthorized');
    }
    if (!body || !isText(body.auth_code)) return miniAppError(400, 'auth_code is required');
    if (!state.authCodes.redeem(body.auth_code, req.now)) return miniAppError(400, 'AuthCode Not Found');
    const authToken = state.random().token(48);
    const accountId = `GPA-${state.random().token(12, '0123456789')}`;
    state.tokens.set(authToken, accountId);
    return ok({ auth_token: authToken, gopay_account_id: accountId });
  }

  const token = /^Bearer (.+)$/i.exec(authorization)?.[1]?.trim();
  if (!token || !state.tokens.has(token)) return miniAppError(401, 'Invalid auth token');
  const needsBody = req.method === 'POST' || req.method === 'PUT';
  if (needsBody && !body) return miniAppError(400, 'The body must be a JSON object');

  if (req.path === '/v1/mini-apps/users/profile' && req.method === 'GET') return ok({ ...MOCK_USER });
  if (req.path === '/v1/mini-apps/notifications/push' && req.method === 'POST') {
    const problem = templateProblem(body!);
    return problem ? miniAppError(400, problem) : ok();
  }
  if (req.path === REMINDER_PATH && req.method === 'PUT') {
    const problem = templateProblem(body!);
    if (problem) return miniAppError(400, problem);
    const reminderId = isText(body!.reminder_id) ? body!.reminder_id : `RMD-${state.random().token(16)}`;
    state.reminders.add(reminderId);
    return ok({ reminder_id: reminderId });
  }
  if (req.path.startsWith(`${REMINDER_PATH}/`) && req.method === 'DELETE') {
    const reminderId = decodeURIComponent(req.path.slice(REMINDER_PATH.length + 1));
    return state.reminders.delete(reminderId) ? ok() : miniAppError(404, 'Reminder Not Found');
  }
  if (req.path === '/v1/mini-apps/rewards' && req.method === 'POST') {
    const problem = rewardProblem(body!);
    return problem ? miniAppError(400, problem) : ok({ payment_id: `RWD-${state.random().token(20)}` });
  }
  return miniAppError(404, 'Not Found');
};
