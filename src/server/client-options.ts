// The options both clients share: how requests are sent (checked once, by the factory) and the per-call options every
// method takes last. Built on the shared checks: options are read from their own properties only, unknown names are
// refused, and a message never quotes a secret.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { checkHeaderId, checkBaseUrl } from '../shared/check-http';
import { checkFunction, checkInteger, checkSignal, checkTimeout, readArguments, readObject } from '../shared/checks';
import type { CallOptions } from './mini-app-types';

/** What both clients share: how requests are sent. */
export interface TransportOptions {
  baseUrl: string;
  timeout: number | false;
  retries: number;
  fetch: typeof fetch;
}

/** The transport options of `read` (the factory's options, already read), named after the factory `name`. */
export function resolveTransport(read: Record<string, unknown>, defaultBaseUrl: string, name: string): TransportOptions {
  const field = `${name}(options)`;
  const fetchFn = read.fetch === undefined ? (globalThis as { fetch?: typeof fetch }).fetch : checkFunction(read.fetch, `${field}.fetch`);
  if (typeof fetchFn !== 'function') throw new GoPayValidationError(`${name}: no fetch: pass options.fetch, or use Node 18+.`);
  return {
    baseUrl: checkBaseUrl(read.baseUrl ?? defaultBaseUrl, `${field}.baseUrl`),
    timeout: checkTimeout(read.timeout ?? 10_000, `${field}.timeout`),
    retries: checkInteger(read.retries ?? 2, `${field}.retries`, 0, 10),
    // Called unbound: a fetch bound to another object (a polyfill) would throw "Illegal invocation".
    fetch: (input, init) => (fetchFn as typeof fetch)(input, init),
  };
}

const CALL_OPTIONS = ['requestId', 'signal', 'timeout'];

/**
 * The per-call options every method takes last; `extra` names the method's own (createPayment's externalId), and
 * `idLength` bounds the ids (SNAP's X-EXTERNAL-ID is stored in 36 characters).
 */
export function readCallOptions<T extends CallOptions>(opts: unknown, method: string, extra: readonly string[] = [], idLength = 128): T {
  const field = `${method}(…, opts)`;
  return readArguments(field, () => {
    const read = readObject<T>(opts, field, [...CALL_OPTIONS, ...extra], true) as Record<string, unknown>;
    if (read.signal !== undefined) checkSignal(read.signal, `${field}.signal`);
    if (read.timeout !== undefined) checkTimeout(read.timeout, `${field}.timeout`);
    for (const key of ['requestId', ...extra]) {
      if (read[key] !== undefined) checkHeaderId(read[key], `${field}.${key}`, idLength);
    }
    return read as T;
  });
}
