// Auth codes, tokens and base64 data: the values that must never reach a log, an event or an error.
const SECRET = /auth_?code|token|base64/i;
// The same names in text (JSON text, one cut short, `token=…`): the value after them goes.
const SECRET_IN_TEXT = /((?:auth_?code|token|base64)\w*["']?\s*[:=]\s*["']?)[^"'&,;}\s]+/gi;

/**
 * A copy of `value` with auth codes, tokens and base64 data replaced by `'[redacted]'`: under a secret's name in an
 * object, or after a secret's name in text. Never throws: a field that cannot be read is marked so.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_IN_TEXT, '$1[redacted]');
  if (!value || typeof value !== 'object' || depth > 8) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
  for (const key of Object.keys(value)) {
    try {
      copy[key] = SECRET.test(key) ? '[redacted]' : redact((value as Record<string, unknown>)[key], depth + 1);
    } catch {
      copy[key] = '[unreadable]';
    }
  }
  return copy;
}
