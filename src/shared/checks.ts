import { GoPayValidationError } from '../errors/GoPayValidationError';

// Every check returns the value it was given, or throws a GoPayValidationError naming the field, what it must
// be and what it got. A check never calls a method of the value it checks: a Symbol, a null-prototype object or
// a throwing getter must end in a GoPayValidationError, not a TypeError.

/** Throws the error for a value that is not what `field` must be. A received value prints quoted if a string, else as it prints, and never throws. */
export function invalid(field: string, expected: string, got: unknown): never {
  let printed: string = typeof got;
  try {
    printed = typeof got === 'string' ? JSON.stringify(got) : String(got);
  } catch {
    // A null-prototype object, or one whose toString throws: its type will do.
  }
  throw new GoPayValidationError(`${field} must be ${expected}, got ${printed}.`);
}

function check<T>(ok: unknown, value: unknown, field: string, expected: string): T {
  return ok ? (value as T) : invalid(field, expected, value);
}

/**
 * The value of `key` when `record` has it as its own property, else `undefined`: a value inherited from
 * `Object.prototype` (a polluting library leaves one) is never read as an option, a param or a code.
 */
export function own(record: unknown, key: string): unknown {
  return record != null && Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

export function checkString(value: unknown, field: string): string {
  return check(typeof value === 'string' && value.trim(), value, field, 'a non-empty string');
}

/** A number from `min` to `max`, by default 2^31 - 1 (the largest delay a timer takes). */
export function checkNumber(value: unknown, field: string, min = 0, max = 2147483647): number {
  return check(typeof value === 'number' && value >= min && value <= max, value, field, `a number from ${min} to ${max}`);
}

export function checkTimeout(value: unknown): number | false {
  return value === false ? value : checkNumber(value, 'timeout', 1);
}

export function checkFunction<T>(value: T, field: string): T {
  return check(typeof value === 'function', value, field, 'a function');
}

/** An object that is not an array (`null` is no object here). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function checkObject(value: unknown, field: string): Record<string, unknown> {
  return check(isRecord(value), value, field, 'an object');
}

export function checkOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  return check(allowed.includes(value as T), value, field, `one of ${allowed.join(', ')}`);
}

/** An `AbortSignal`, also one from another realm or a polyfill: what `send` uses of it is checked. */
export function checkSignal(value: unknown): AbortSignal {
  return check(
    !!value && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function',
    value,
    'signal',
    'an AbortSignal',
  );
}

/**
 * A link whose scheme is safe to hand to the app: by default any scheme but `javascript:`, `data:` and `vbscript:`; a
 * caller may name its own (saveFile may save a `data:` URL), with the words that describe it.
 */
export function checkLink(
  value: unknown,
  field: string,
  allowed = /^(?!(javascript|data|vbscript):)[a-z][\w+.-]*:/i,
  expected = 'a link with a scheme, not javascript:, data:, vbscript:',
): string {
  const link = checkString(value, field).trim();
  return check(allowed.test(link), link, field, expected);
}
