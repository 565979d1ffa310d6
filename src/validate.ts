import { GoPayValidationError } from './errors/GoPayValidationError';

// Every check throws a GoPayValidationError naming the field, what it must be and what it got.
const show = (value: unknown) => (typeof value == 'string' ? JSON.stringify(value) : String(value));

export const invalid = (field: string, expected: string, got: unknown): never => {
  throw new GoPayValidationError(`${field} must be ${expected}, got ${show(got)}.`);
};

export const checkString = (value: unknown, field: string): string =>
  typeof value == 'string' && value.trim() ? value : invalid(field, 'a non-empty string', value);

export const checkMs = (value: unknown, field: string, min = 0): number =>
  typeof value == 'number' && value >= min && value <= 2147483647 ? value : invalid(field, `a number of ms from ${min} to 2147483647`, value);

export const checkNumber = (value: unknown, field: string): number =>
  typeof value == 'number' && value >= 0 && value < Infinity ? value : invalid(field, 'a finite number >= 0', value);

export const checkTimeout = (value: unknown, field = 'timeout'): number | false =>
  value === false ? false : checkMs(value, field, 1);

export const checkObject = (value: unknown, field: string): Record<string, unknown> =>
  value && typeof value == 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : invalid(field, 'an object', value);

export const checkOneOf = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T =>
  allowed.includes(value as T) ? (value as T) : invalid(field, `one of ${allowed.join(', ')}`, value);

/** A URL with a scheme that is safe to hand to the app: never `javascript:`, `data:` or `vbscript:`. */
export const checkLink = (value: unknown, field: string, scheme = /^[a-z][\w+.-]*:/i): string => {
  const link = checkString(value, field).trim();
  return scheme.test(link) && !/^(javascript|data|vbscript):/i.test(link)
    ? link
    : invalid(field, `a link matching ${scheme.source} (not javascript:, data: or vbscript:)`, value);
};
