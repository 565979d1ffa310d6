// Secrets never reach an error: not its message, its `body`, its `cause` nor `JSON.stringify(error)`. Every answer
// and every text taken from one passes through here before it is put on an error.

/** Field names whose values are secrets wherever they appear in an answer. */
const SECRET_FIELDS = new Set(
  [
    'auth_code',
    'authCode',
    'auth_token',
    'authToken',
    'access_token',
    'accessToken',
    'refresh_token',
    'refreshToken',
    'token',
    'credentials',
    'clientSecret',
    'client_secret',
    'privateKey',
    'private_key',
    'authorization',
  ].map((name) => name.toLowerCase()),
);

export const REDACTED = '[redacted]';

/** `text` with every occurrence of every secret replaced. Secrets shorter than 4 characters are not searched. */
export const redactText = (text: string, secrets: readonly string[]): string => {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
};

/**
 * A deep copy of `value` (parsed JSON) with secret fields replaced and known secrets cut out of every string.
 * Cycles cannot occur in parsed JSON; depth is capped anyway.
 */
export const redact = (value: unknown, secrets: readonly string[], depth = 0): unknown => {
  if (typeof value == 'string') return redactText(value, secrets);
  if (!value || typeof value != 'object' || depth > 32) return typeof value == 'object' && value ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Keys too: an answer may index something by a token.
    copy[redactText(key, secrets)] = SECRET_FIELDS.has(key.toLowerCase()) && item != null ? REDACTED : redact(item, secrets, depth + 1);
  }
  return copy;
};
