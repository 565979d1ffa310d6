// The argument checks of all four entries (the browser SDK, the mock bridge, the merchant server, the mock GoPay
// server): one rule and one message per concept. A check returns the value it was given, or throws a
// GoPayValidationError "<field> must be <expected>, got <received>." It never calls a method of the value it checks:
// a Symbol, a null-prototype object or a throwing getter must end in a GoPayValidationError, not a TypeError. Each
// check is a function of its own and the module does nothing at import, so a bundle carries only the checks it calls
// (the browser core has a size budget; the server's checks never reach it).
import { isGoPayError } from '../errors/index';
import { GoPayValidationError } from '../errors/GoPayValidationError';

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days). */
const MAX_DELAY = 2147483647;

/**
 * What a message says of a value that may be a secret (a credential, a key, a token, or an options object given one
 * by mistake): its kind, never its text.
 */
export function kindOf(got: unknown): string {
  if (typeof got === 'string')
    return !got ? 'an empty string' : got.trim() ? 'a string (not quoted: it may be a secret)' : 'a blank string';
  if (got == null) return String(got);
  if (Array.isArray(got)) return 'an array';
  return typeof got === 'object' ? 'an object' : `a ${typeof got}`;
}

/**
 * Throws the error for a value that is not what `field` must be. The received value prints quoted if a string, else
 * as String() prints it, and printing never throws.
 */
export function invalid(field: string, expected: string, got: unknown): never {
  let printed: string = typeof got;
  try {
    printed = typeof got === 'string' ? JSON.stringify(got) : String(got);
  } catch {
    // A null-prototype object, or one whose toString throws: its type will do.
  }
  throw new GoPayValidationError(`${field} must be ${expected}, got ${printed}.`);
}

/** A stand-in for a value that must not be printed: `invalid` prints it (with String()) as `text`. */
export function described(text: string): object {
  return { toString: () => text };
}

/** `invalid` for a value that may be a secret: the message says its kind only. */
export function invalidSecret(field: string, expected: string, got: unknown): never {
  return invalid(field, expected, described(kindOf(got)));
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

/** A string with something besides white space. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && !!value.trim();
}

export function checkString(value: unknown, field: string): string {
  // isText's test, written out: a call would cost the browser core bytes its budget does not have.
  return check(typeof value === 'string' && value.trim(), value, field, 'a non-empty string');
}

/** `checkString` for a secret (a credential, a key, an auth code): the message never quotes it. */
export function checkSecret(value: unknown, field: string): string {
  return isText(value) ? value : invalidSecret(field, 'a non-empty string', value);
}

/** A string matching `pattern`, which `rule` describes (a reference number GoPay restricts, a link's scheme). */
export function checkPattern(value: unknown, field: string, pattern: RegExp, rule: string): string {
  return check(pattern.test(checkString(value, field)), value, field, rule);
}

/** A path, as signed or matched: it starts with `/`. */
export function checkPath(value: unknown, field: string): string {
  return checkPattern(value, field, /^\//, "a path starting with /, e.g. '/v1.0/debit/notify'");
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

/** A number from `min` to `max`, by default the longest delay a timer takes (MAX_DELAY, written out for the core's size). */
export function checkNumber(value: unknown, field: string, min = 0, max = 2147483647): number {
  return check(typeof value === 'number' && value >= min && value <= max, value, field, `a number from ${min} to ${max}`);
}

/** A whole number from `min` to `max` (a count, a port, a seed). */
export function checkInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `≥ ${min}`;
  return check(Number.isInteger(value) && (value as number) >= min && (value as number) <= max, value, field, `an integer ${range}`);
}

/** Milliseconds before a call gives up, or `false`: it never does. */
export function checkTimeout(value: unknown, field = 'timeout'): number | false {
  return value === false ? value : checkNumber(value, field, 1);
}

/** Milliseconds before a mock answers, or a `[min, max]` range of them; a range is copied (the caller's array may change). */
export function checkLatency(value: unknown, field: string): number | [number, number] {
  const isDelay = (delay: unknown): delay is number => typeof delay === 'number' && delay >= 0 && delay <= MAX_DELAY;
  if (isDelay(value)) return value;
  if (Array.isArray(value) && value.length === 2 && isDelay(value[0]) && isDelay(value[1]) && value[0] <= value[1]) {
    return [value[0], value[1]];
  }
  return invalid(field, `milliseconds from 0 to ${MAX_DELAY}, or a [min, max] range of them with min <= max`, value);
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

/**
 * An AbortSignal: what is used of it is there. Duck-typed: a signal from another realm (an iframe, a vm context) or a
 * polyfill fails `instanceof`.
 */
export function checkSignal(value: unknown, field = 'signal'): AbortSignal {
  const signal = value as AbortSignal | null;
  const ok =
    !!signal &&
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function';
  return check(ok, value, field, 'an AbortSignal');
}

/**
 * The own, known properties of an options object, in an object without prototype (nothing inherited shows through);
 * `undefined` counts as absent. An unknown name is refused with the names allowed, as a typo would otherwise be
 * ignored, except the `ignored` ones (the server's two factories skip each other's options, so that one merchant
 * object serves both). Something else than an object is described, not printed: it may be a secret.
 */
export function readObject<T extends object>(
  value: unknown,
  field: string,
  allowed: readonly string[],
  optional = false,
  ignored: readonly string[] = [],
): Partial<T> {
  const out: Record<string, unknown> = Object.create(null);
  if (value === undefined && optional) return out as Partial<T>;
  const object = isRecord(value) ? value : invalidSecret(field, 'an object', value);
  for (const key of Object.keys(object)) {
    if (ignored.includes(key)) continue;
    checkOneOf(key, `a key of ${field}`, allowed);
    const item = object[key];
    if (item !== undefined) out[key] = item;
  }
  return out as Partial<T>;
}

/**
 * What was thrown, as text, whatever it is: a Proxy whose traps throw, an object that cannot be printed, an Error whose
 * message getter throws — describing an error must never throw another.
 */
export function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

/**
 * Runs the argument checks of `field`: anything they throw that is not a GoPayError (a getter or a Proxy that throws,
 * a cyclic or BigInt body that JSON.stringify refuses) becomes a GoPayValidationError that says so.
 */
export function readArguments<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isGoPayError(error)) throw error;
    throw new GoPayValidationError(
      `${field} could not be read (${describeThrown(error)}): pass plain data, without cycles, BigInt or throwing getters.`,
    );
  }
}
