// Auth codes, tokens and base64 data: the values that must never reach a log, an event or an error.
const SECRET = /auth_?code|token|base64/i;

/** A copy of `value` with auth codes, tokens and base64 data replaced by `'[redacted]'`. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (!value || typeof value != 'object' || depth > 8) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
  for (const key in value) {
    copy[key] = SECRET.test(key) ? '[redacted]' : redact((value as Record<string, unknown>)[key], depth + 1);
  }
  return copy;
};
