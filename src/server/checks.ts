// The argument checks shared by both clients and verifyNotification. Options are read from their own properties only
// (a value inherited from a polluted Object.prototype is never used), unknown names are refused, and a message
// never quotes a secret.
import { isGoPayError } from '../errors/index';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import type { CallOptions } from './mini-app-types';

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
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
 * The own, known properties of `value`; `undefined` counts as absent. An unknown name is refused (a typo would
 * otherwise be ignored), except the names in `ignored`: the other client's options, so that one merchant object
 * (`mock.merchant`, your config) can be spread into both factories.
 */
export function readObject<T extends object>(
  value: unknown,
  field: string,
  allowed: readonly string[],
  optional = false,
  ignored: readonly string[] = [],
): Partial<T> {
  if (value === undefined && optional) return {};
  const object = checkPlainObject(value, field);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (ignored.includes(key)) continue;
    if (!allowed.includes(key))
      throw new GoPayValidationError(`${field} has an unknown option "${key}": use one of ${allowed.join(', ')}.`);
    const item = object[key];
    if (item !== undefined) out[key] = item;
  }
  return out as Partial<T>;
}

/** The own property `key` of a plain object (a request body), or undefined. */
export function own(object: object, key: string): unknown {
  return hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** A non-empty string. The message names the field and the type it got, never the value: it may be a secret. */
export function checkSecret(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new GoPayValidationError(
      `${field} must be a non-empty string, got ${typeof value === 'string' ? 'an empty string' : kind(value)}.`,
    );
  }
  return value;
}

// Visible ASCII: what an HTTP header can carry. Anything else makes fetch throw, which would look like a network
// error and be retried for nothing.
const HEADER_VALUE = /^[\x21-\x7e]+$/;

/** A secret sent in a header (credential, token): non-empty visible ASCII; the message never quotes it. */
export function checkSecretHeader(value: unknown, field: string): string {
  if (!HEADER_VALUE.test(checkSecret(value, field))) {
    throw new GoPayValidationError(`${field} must be visible ASCII without spaces (it is sent in a header).`);
  }
  return value as string;
}

/** An id sent in a header (Request-Id, X-EXTERNAL-ID, X-CLIENT-KEY): visible ASCII, 1 to `max` characters. */
export function checkHeaderId(value: unknown, field: string, max = 128): string {
  const text = checkText(value, field);
  if (!HEADER_VALUE.test(text) || text.length > max) {
    throw new GoPayValidationError(`${field} must be 1 to ${max} visible ASCII characters without spaces, got ${JSON.stringify(text)}.`);
  }
  return text;
}

/** A non-empty string that is not secret (an id, a URL): it may be quoted. */
export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new GoPayValidationError(
      `${field} must be a non-empty string, got ${typeof value === 'string' ? JSON.stringify(value) : kind(value)}.`,
    );
  }
  return value;
}

/** A string matching `pattern` (described by `rule` in the message), e.g. a reference number GoPay restricts. */
export function checkPattern(value: unknown, field: string, pattern: RegExp, rule: string): string {
  const text = checkText(value, field);
  if (!pattern.test(text)) throw new GoPayValidationError(`${field} must be ${rule}, got ${JSON.stringify(text)}.`);
  return text;
}

export function checkPlainObject(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new GoPayValidationError(`${field} must be an object, got ${kind(value)}.`);
  return value as Record<string, unknown>;
}

const MAX_TIMER = 2_147_483_647;

/** Milliseconds from 1 to 2^31 - 1, or `false` (no timeout). */
export function checkTimeout(value: unknown, field: string): number | false {
  if (value === false || (typeof value === 'number' && value >= 1 && value <= MAX_TIMER)) return value;
  throw new GoPayValidationError(`${field} must be a number of ms from 1 to ${MAX_TIMER}, or false, got ${String(value)}.`);
}

/**
 * An https or http URL that fetch accepts, without query, fragment, user or password, and without a trailing slash.
 * A value holding `@` is never quoted: it may hold a password.
 */
export function checkBaseUrl(value: unknown, field: string): string {
  const text = checkText(value, field).trim();
  const shown = text.includes('@') ? 'a URL with "@" (not quoted: it may hold a password)' : JSON.stringify(text);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.username || url?.password || /^[a-z][a-z\d+.-]*:\/*[^/?#]*@/i.test(text)) {
    throw new GoPayValidationError(`${field} must not carry a user or password (fetch refuses such URLs): pass the host only.`);
  }
  if (!url || !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(text)) {
    throw new GoPayValidationError(`${field} must be an http(s) URL without query or fragment, got ${shown}.`);
  }
  return text.replace(/\/+$/, '');
}

// An HTTP header name (RFC 9110 token) and a value without control characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_TEXT = /^[\x20-\x7e\x80-\xff]*$/;

/** Extra headers: names and values fetch accepts, none of them one of `reserved` (the client's own, any case). */
export function checkHeaders(value: unknown, field: string, reserved: readonly string[]): Record<string, string> {
  const headers = checkPlainObject(value, field);
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const text = headers[name];
    if (!HEADER_NAME.test(name)) throw new GoPayValidationError(`${field} has a header name that is not valid: ${JSON.stringify(name)}.`);
    if (reserved.some((own) => own.toLowerCase() === name.toLowerCase())) {
      throw new GoPayValidationError(`${field}["${name}"] cannot replace a header the client sets (${reserved.join(', ')}).`);
    }
    if (typeof text !== 'string' || !HEADER_TEXT.test(text)) {
      throw new GoPayValidationError(`${field}["${name}"] must be a string without line breaks or control characters.`);
    }
    out[name] = text;
  }
  return out;
}

/** What both clients share: how requests are sent. */
export interface TransportOptions {
  baseUrl: string;
  timeout: number | false;
  retries: number;
  fetch: typeof fetch;
}

export function resolveTransport(options: Record<string, unknown>, defaultBaseUrl: string, name: string): TransportOptions {
  const fetchFn = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof fetchFn !== 'function') throw new GoPayValidationError(`${name}: no fetch: pass options.fetch, or use Node 18+.`);
  const retries = options.retries ?? 2;
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new GoPayValidationError(`${name}(options).retries must be an integer from 0 to 10, got ${String(retries)}.`);
  }
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultBaseUrl, `${name}(options).baseUrl`),
    timeout: checkTimeout(options.timeout ?? 10_000, `${name}(options).timeout`),
    retries,
    // Called unbound: a fetch bound to another object (a polyfill) would throw "Illegal invocation".
    fetch: (input, init) => (fetchFn as typeof fetch)(input, init),
  };
}

const CALL_OPTIONS = ['requestId', 'signal', 'timeout'];

/** Whether `value` behaves as an AbortSignal. Duck-typed: one from another realm (a vm context) fails `instanceof`. */
function isSignal(value: unknown): value is AbortSignal {
  const signal = value as AbortSignal | null;
  return (
    !!signal &&
    typeof signal === 'object' &&
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  );
}

/**
 * The per-call options every method takes last; `extra` names the method's own (createPayment's externalId), and
 * `idLength` bounds the ids (SNAP's X-EXTERNAL-ID is stored in 36 characters).
 */
export function readCallOptions<T extends CallOptions>(opts: unknown, method: string, extra: readonly string[] = [], idLength = 128): T {
  return readArguments(`${method}(…, opts)`, () => {
    const read = readObject<T>(opts, `${method}(…, opts)`, [...CALL_OPTIONS, ...extra], true) as T;
    if (read.signal !== undefined && !isSignal(read.signal)) {
      throw new GoPayValidationError(`${method}(…, opts).signal must be an AbortSignal (e.g. AbortSignal.timeout(5000)).`);
    }
    if (read.timeout !== undefined) checkTimeout(read.timeout, `${method}(…, opts).timeout`);
    for (const key of ['requestId', ...extra]) {
      const value = (read as Record<string, unknown>)[key];
      if (value !== undefined) checkHeaderId(value, `${method}(…, opts).${key}`, idLength);
    }
    return read;
  });
}
