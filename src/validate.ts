import { GoPayValidationError } from './errors/GoPayValidationError';

// Every check returns the value it was given, or throws a GoPayValidationError naming the field, what it must
// be and what it got.

export const invalid = (field: string, expected: string, got: unknown): never => {
  throw new GoPayValidationError(`${field} must be ${expected}, got ${typeof got == 'string' ? JSON.stringify(got) : String(got)}.`);
};

const check = <T>(ok: unknown, value: unknown, field: string, expected: string): T => (ok ? (value as T) : invalid(field, expected, value));

export const checkString = (value: unknown, field: string): string =>
  check(typeof value == 'string' && value.trim(), value, field, 'a non-empty string');

/** A number from `min` to `max`, by default 2^31 - 1 (the largest delay a timer takes). */
export const checkNumber = (value: unknown, field: string, min = 0, max = 2147483647): number =>
  check(typeof value == 'number' && value >= min && value <= max, value, field, `a number from ${min} to ${max}`);

export const checkTimeout = (value: unknown, field = 'timeout'): number | false => (value === false ? value : checkNumber(value, field, 1));

export const checkFunction = <T>(value: T, field: string): T => check(typeof value == 'function', value, field, 'a function');

export const checkObject = (value: unknown, field: string): Record<string, unknown> =>
  check(value && typeof value == 'object' && !Array.isArray(value), value, field, 'an object');

export const checkOneOf = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T =>
  check(allowed.includes(value as T), value, field, `one of ${allowed.join(', ')}`);

/**
 * A URL with a scheme that is safe to hand to the app. By default any scheme but `javascript:`, `data:` and
 * `vbscript:`; a caller that names its own `allowed` schemes gets exactly those (saveFile may save a `data:` URL).
 */
export const checkLink = (value: unknown, field: string, allowed?: RegExp): string => {
  const link = checkString(value, field).trim();
  return allowed
    ? check(allowed.test(link), link, field, `a link matching ${allowed.source}`)
    : check(
        /^[a-z][\w+.-]*:/i.test(link) && !/^(javascript|data|vbscript):/i.test(link),
        link,
        field,
        'a link with a scheme, not javascript:, data: or vbscript:',
      );
};
