// The checks shared by both clients. Options are read from their own properties only (a value inherited from a
// polluted Object.prototype is never used), unknown names are refused, and a message never quotes a secret.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import type { CallOptions } from './types';

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * The own, known properties of `value`; `undefined` counts as absent. An unknown name is refused (a typo would
 * otherwise be ignored), except the names in `ignored`: the other client's options, so that one merchant object
 * (`mock.merchant`, your config) can be spread into both factories.
 */
export const readObject = <T extends object>(
  value: unknown,
  field: string,
  allowed: readonly string[],
  optional = false,
  ignored: readonly string[] = [],
): Partial<T> => {
  if (value === undefined && optional) return {};
  if (!value || typeof value != 'object' || Array.isArray(value)) {
    throw new GoPayValidationError(`${field} must be an object, got ${kind(value)}.`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (ignored.includes(key)) continue;
    if (!allowed.includes(key))
      throw new GoPayValidationError(`${field} has an unknown option "${key}": use one of ${allowed.join(', ')}.`);
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = item;
  }
  return out as Partial<T>;
};

/** The own property `key` of a plain object (a request body), or undefined. */
export const own = (object: object, key: string): unknown => (hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined);

/** A non-empty string. The message names the field and the type it got, never the value: it may be a secret. */
export const checkSecret = (value: unknown, field: string): string => {
  if (typeof value != 'string' || !value.trim()) {
    throw new GoPayValidationError(
      `${field} must be a non-empty string, got ${typeof value == 'string' ? 'an empty string' : kind(value)}.`,
    );
  }
  return value;
};

// Visible ASCII: what an HTTP header can carry. Anything else makes fetch throw, which would look like a network
// error and be retried for nothing.
const HEADER_VALUE = /^[\x21-\x7e]+$/;

/** A secret sent in a header (credential, token): non-empty visible ASCII; the message never quotes it. */
export const checkSecretHeader = (value: unknown, field: string): string => {
  if (!HEADER_VALUE.test(checkSecret(value, field))) {
    throw new GoPayValidationError(`${field} must be visible ASCII without spaces (it is sent in a header).`);
  }
  return value as string;
};

/** An id sent in a header (Request-Id, X-EXTERNAL-ID, X-CLIENT-KEY): visible ASCII, 1 to 128 characters. */
export const checkHeaderId = (value: unknown, field: string): string => {
  const text = checkText(value, field);
  if (!HEADER_VALUE.test(text) || text.length > 128) {
    throw new GoPayValidationError(`${field} must be 1 to 128 visible ASCII characters without spaces, got ${JSON.stringify(text)}.`);
  }
  return text;
};

/** A non-empty string that is not secret (an id, a URL): it may be quoted. */
export const checkText = (value: unknown, field: string): string => {
  if (typeof value != 'string' || !value.trim()) {
    throw new GoPayValidationError(
      `${field} must be a non-empty string, got ${typeof value == 'string' ? JSON.stringify(value) : kind(value)}.`,
    );
  }
  return value;
};

export const checkPlainObject = (value: unknown, field: string): Record<string, unknown> => {
  if (!value || typeof value != 'object' || Array.isArray(value))
    throw new GoPayValidationError(`${field} must be an object, got ${kind(value)}.`);
  return value as Record<string, unknown>;
};

const MAX_TIMER = 2_147_483_647;

/** Milliseconds from 1 to 2^31 - 1, or `false` (no timeout). */
export const checkTimeout = (value: unknown, field: string): number | false => {
  if (value === false || (typeof value == 'number' && value >= 1 && value <= MAX_TIMER)) return value;
  throw new GoPayValidationError(`${field} must be a number of ms from 1 to ${MAX_TIMER}, or false, got ${String(value)}.`);
};

/** An https or http URL without a trailing slash. */
export const checkBaseUrl = (value: unknown, field: string): string => {
  const text = checkText(value, field).trim();
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(text)) {
    throw new GoPayValidationError(`${field} must be an http(s) URL without query or fragment, got ${JSON.stringify(text)}.`);
  }
  return text.replace(/\/+$/, '');
};

/** What both clients share: how requests are sent. */
export interface TransportOptions {
  baseUrl: string;
  timeout: number | false;
  retries: number;
  fetch: typeof fetch;
}

export const resolveTransport = (options: Record<string, unknown>, defaultBaseUrl: string, name: string): TransportOptions => {
  const fetchFn = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof fetchFn != 'function') throw new GoPayValidationError(`${name}: no fetch: pass options.fetch, or use Node 18+.`);
  const retries = options.retries ?? 2;
  if (typeof retries != 'number' || !Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new GoPayValidationError(`${name}(options).retries must be an integer from 0 to 10, got ${String(retries)}.`);
  }
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultBaseUrl, `${name}(options).baseUrl`),
    timeout: checkTimeout(options.timeout ?? 10_000, `${name}(options).timeout`),
    retries,
    // Called unbound: a fetch bound to another object (a polyfill) would throw "Illegal invocation".
    fetch: (input, init) => (fetchFn as typeof fetch)(input, init),
  };
};

const CALL_OPTIONS = ['requestId', 'signal', 'timeout'];

/** The per-call options every method takes last; `extra` names the method's own (createPayment's externalId). */
export const readCallOptions = <T extends CallOptions>(opts: unknown, method: string, extra: readonly string[] = []): T => {
  const read = readObject<T>(opts, `${method}(…, opts)`, [...CALL_OPTIONS, ...extra], true) as T;
  // Duck-typed: an AbortSignal from another realm (a vm context, an iframe) fails `instanceof`.
  const signal = read.signal as AbortSignal | undefined;
  if (
    signal !== undefined &&
    (typeof signal != 'object' || typeof signal.aborted != 'boolean' || typeof signal.addEventListener != 'function')
  ) {
    throw new GoPayValidationError(`${method}(…, opts).signal must be an AbortSignal.`);
  }
  if (read.timeout !== undefined) checkTimeout(read.timeout, `${method}(…, opts).timeout`);
  for (const key of ['requestId', ...extra]) {
    const value = (read as Record<string, unknown>)[key];
    if (value !== undefined) checkHeaderId(value, `${method}(…, opts).${key}`);
  }
  return read;
};
