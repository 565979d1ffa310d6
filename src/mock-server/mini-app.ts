// GoPay's Mini App APIs (https://public-mini-app-merchants.gopayapi.com): the token exchange behind the Basic
// credential, and the user APIs behind the auth token it issues. Answers `{ success, data?, error? }`, with the
// `error.code` of the pages' "Error Codes" tables (303 no Authorization, 310 malformed, 110 unauthorized, 305
// schema, 902 malformed JSON) where they give one; the token page gives none, so its refusals carry none.
import type { Random } from '../shared/random';
import { safeEqual } from '../shared/snap-crypto';
import type { AuthCodes } from './auth-codes';
import { setBounded } from './bounded';
import { isRecord, isText } from '../shared/checks';
import { json, miniAppError, parseJson, type Incoming } from './http';

export interface MiniAppState {
  credentials: string;
  authCodes: AuthCodes;
  random: () => Random;
  /** auth_token → gopay_account_id. GoPay's tokens do not expire. */
  tokens: Map<string, string>;
  reminders: Set<string>;
  /** `Request-Id` → the answer given, replayed when the same request comes again (GoPay's idempotency key). */
  answered: Map<string, { text: string; status: number; body: unknown }>;
  /** How many answers `answered` keeps: a retry comes within seconds. */
  maxAnswers: number;
}

/** The one user of the mock. "Get Profile" answers `username`, not a display name. */
export const MOCK_USER = { phone_number: '+6281234567890', email: 'budi.santoso@example.com', username: 'budisantoso' };

const TOKEN_PATH = '/v1/mini-apps/authorizations/token';
const REMINDER_PATH = '/v1/mini-apps/reminder';
const REWARD_TYPES = ['EMONEY', 'GOPAY_COINS'];

function ok(data?: unknown): Response {
  return json(200, data === undefined ? { success: true } : { success: true, data });
}

/** The reason a template body is refused: both fields are "Required: Yes" on the push and reminder pages. */
function templateProblem(body: Record<string, unknown>): string | undefined {
  if (!isText(body.template_name)) return 'template_name is required';
  if (!isRecord(body.template_parameters)) return 'template_parameters is required (an object)';
  return undefined;
}

/** "Reward GoPay Coins/eMoney": a positive integer amount in IDR, a description, EMONEY or GOPAY_COINS. */
function rewardProblem(body: Record<string, unknown>): [string, string] | undefined {
  const amount = body.amount;
  if (!isRecord(amount) || !Number.isSafeInteger(amount.value) || !((amount.value as number) > 0)) {
    return ['305', 'amount.value must be a positive integer'];
  }
  if (amount.currency !== 'IDR') return ['305', 'amount.currency must be IDR'];
  if (!isText(body.description)) return ['305', 'description is required'];
  if (!REWARD_TYPES.includes(body.reward_type as string)) return ['310', 'reward_type must be EMONEY or GOPAY_COINS'];
  return undefined;
}

/** Answers a Mini App API request, or undefined when the path is not one. */
export async function handleMiniApp(req: Incoming, state: MiniAppState): Promise<Response | undefined> {
  if (!req.path.startsWith('/v1/mini-apps/')) return undefined;
  const requestId = req.headers.get('request-id');
  const key = requestId && `${req.method} ${req.path} ${requestId} ${req.headers.get('authorization') ?? ''}`;
  const earlier = key ? state.answered.get(key) : undefined;
  // A retry with the same Request-Id and body gets the first answer (a code is not spent twice).
  if (earlier && earlier.text === req.text) return json(earlier.status, earlier.body);
  const response = route(req, state);
  if (key && response.status < 500) {
    setBounded(state.answered, key, { text: req.text, status: response.status, body: await response.clone().json() }, state.maxAnswers);
  }
  return response;
}

function exchange(req: Incoming, state: MiniAppState, body: Record<string, unknown> | undefined): Response {
  if (req.method !== 'POST') return miniAppError(405, 'Method Not Allowed');
  const authorization = req.headers.get('authorization') ?? '';
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

/** The refusal of a user API's Authorization header, if any. */
function bearerProblem(authorization: string | null, state: MiniAppState): Response | undefined {
  if (!authorization) return miniAppError(401, 'FIELD_CANNOT_BE_BLANK: Authorization', '303');
  const token = /^Bearer (\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) return miniAppError(401, 'MALFORMED_DATA: Authorization must be Bearer <auth_token>', '310');
  if (!state.tokens.has(token)) return miniAppError(401, 'UNAUTHORIZED: invalid auth token', '110');
  return undefined;
}

function route(req: Incoming, state: MiniAppState): Response {
  const body = isRecord(req.body) ? req.body : undefined;
  if (req.path === TOKEN_PATH) return exchange(req, state, body);
  const refused = bearerProblem(req.headers.get('authorization'), state);
  if (refused) return refused;
  const needsBody = req.method === 'POST' || req.method === 'PUT';
  if (needsBody && !body) {
    return parseJson(req.text) === undefined && req.text.trim()
      ? miniAppError(400, 'MALFORMED_JSON', '902')
      : miniAppError(400, 'The body must be a JSON object', '305');
  }

  if (req.path === '/v1/mini-apps/users/profile' && req.method === 'GET') return ok({ ...MOCK_USER });
  if (req.path === '/v1/mini-apps/notifications/push' && req.method === 'POST') {
    const problem = templateProblem(body!);
    return problem ? miniAppError(400, problem, '305') : ok();
  }
  if (req.path === REMINDER_PATH && req.method === 'PUT') {
    const problem = templateProblem(body!);
    if (problem) return miniAppError(400, problem, '305');
    const reminderId = isText(body!.reminder_id) ? body!.reminder_id : `RMD-${state.random().token(16)}`;
    state.reminders.add(reminderId);
    return ok({ reminder_id: reminderId });
  }
  if (req.path.startsWith(`${REMINDER_PATH}/`) && req.method === 'DELETE') {
    let reminderId: string;
    try {
      reminderId = decodeURIComponent(req.path.slice(REMINDER_PATH.length + 1));
    } catch {
      // A bad % escape (`/reminder/%E0%A4%A`) is the caller's mistake, not the server's.
      return miniAppError(400, 'MALFORMED_DATA: reminder id', '310');
    }
    return state.reminders.delete(reminderId) ? ok() : miniAppError(404, 'Reminder not found');
  }
  if (req.path === '/v1/mini-apps/rewards' && req.method === 'POST') {
    const problem = rewardProblem(body!);
    return problem ? miniAppError(400, problem[1], problem[0]) : ok({ payment_id: `RWD-${state.random().token(20)}` });
  }
  return miniAppError(404, 'Not Found');
}
