// One request to GoPay, with a timeout per attempt, retries where a retry is safe, and the caller's AbortSignal.
// The id that makes a retry idempotent (Request-Id, X-EXTERNAL-ID) is chosen by the caller and sent unchanged on
// every attempt; headers that must be fresh (X-TIMESTAMP and the signature over it) are rebuilt per attempt.
import { GoPayAbortError } from '../errors/GoPayAbortError';
import { GoPayApiError } from '../errors/GoPayApiError';
import { GoPayTimeoutError } from '../errors/GoPayTimeoutError';
import { describeThrown } from '../shared/checks';
import type { TransportOptions } from './client-options';
import { readCapped } from './read-capped';
import { redactText } from './redact';

/** What one attempt sends besides method and URL. */
export interface Attempt {
  headers: Record<string, string>;
  body?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path after `baseUrl`, e.g. `/v1/mini-apps/users/profile`. */
  path: string;
  /** Builds each attempt's headers and body; `path` is the full path of the URL, as a signature takes it. */
  prepare: (path: string) => Attempt | Promise<Attempt>;
  /** The Request-Id / X-EXTERNAL-ID: named in errors. Empty when the request carries none. */
  requestId: string;
  /** The header `requestId` travels in, for messages. @default 'Request-Id' */
  idHeader?: string;
  signal?: AbortSignal;
  timeout: number | false;
  /** For messages: `GoPayServer.getAuthToken`. */
  className: string;
  methodName: string;
  /** Cut out of any text that reaches an error. */
  secrets: readonly string[];
}

/** An HTTP answer: its status and its body, parsed when it is JSON (else `undefined`, with `text`). */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const BASE_DELAY = 250;
const MAX_DELAY = 60_000;

/**
 * Whether an answer may be retried: GoPay failed (5xx). Never another status — not even a 429: the contract is
 * "never after a 4xx", and a rate limit is better met by the caller slowing down than by three times the requests.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500;
}

/** `Retry-After` in ms (seconds or an HTTP date; a 503 may carry it), capped at 60 s; undefined when absent or unreadable. */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_DELAY) : undefined;
}

/** Exponential backoff with jitter: 250–375 ms, then 500–750 ms, 1–1.5 s… (stripe-node's habit). */
export function backoff(retry: number): number {
  const base = Math.min(BASE_DELAY * 2 ** retry, MAX_DELAY);
  return Math.min(base + Math.random() * base * 0.5, MAX_DELAY);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const TIMED_OUT = Symbol('timed out');

/** The largest answer read: GoPay's answers are a few KB; a larger one is refused without reading the rest. */
export const MAX_ANSWER_BYTES = 1_048_576;

/** An answer that cannot be taken as it is: a redirect (never followed) or one too large. Never retried. */
export class RefusedAnswer {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {}
}

/** The body as text, at most `MAX_ANSWER_BYTES` of it (counted after decompression); a larger one is cut off unread. */
async function readText(response: Response): Promise<string> {
  const declared = Number(response.headers?.get?.('content-length'));
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw new RefusedAnswer(response.status, `an answer of ${declared} bytes (more than ${MAX_ANSWER_BYTES})`);
  }
  if (typeof response.body?.getReader !== 'function') {
    // A fetch whose Response has no stream (a test double): read whole, then measured.
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) throw new RefusedAnswer(response.status, `an answer over ${MAX_ANSWER_BYTES} bytes`);
    return text;
  }
  const text = await readCapped(response.body, MAX_ANSWER_BYTES);
  if (text === undefined) throw new RefusedAnswer(response.status, `an answer over ${MAX_ANSWER_BYTES} bytes`);
  return text;
}

/** One attempt: the answer, or a thrown `TIMED_OUT`, `RefusedAnswer`, or the fetch's own error. The timer also covers the body. */
async function attemptOnce(
  transport: TransportOptions,
  request: HttpRequest,
  url: string,
  { headers, body }: Attempt,
): Promise<HttpAnswer> {
  const controller = new AbortController();
  const { signal, timeout } = request;
  let timedOut = false;
  const timer =
    timeout === false
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Never followed: a redirect would re-send the body and its signature to wherever the Location points.
    const response = await transport.fetch(url, { method: request.method, headers, body, signal: controller.signal, redirect: 'manual' });
    if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
      await response.body?.cancel().catch(() => {});
      throw new RefusedAnswer(response.status, 'a redirect, which is never followed (check baseUrl)');
    }
    const text = await readText(response);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  } catch (error) {
    throw timedOut && !signal?.aborted ? TIMED_OUT : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends `request`, retrying after a network error, a timeout or a 5xx (`transport.retries` times at most).
 * Resolves with the last answer, whatever its status: the caller reads GoPay's envelope. Rejects with
 * `GoPayAbortError`, `GoPayTimeoutError` (the last attempt timed out) or `GoPayApiError` with `status: 0` (the last
 * attempt got no answer).
 */
export async function send(transport: TransportOptions, request: HttpRequest): Promise<HttpAnswer> {
  const { signal, className, methodName } = request;
  const url = transport.baseUrl + request.path;
  const path = new URL(url).pathname;
  const aborted = () => new GoPayAbortError({ className, methodName, cause: signal!.reason });
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw aborted();
    let wait: number;
    const last = attempt >= transport.retries;
    // Outside the try: a failure to sign (a malformed key) is the caller's error, not one to retry.
    const prepared = await request.prepare(path);
    try {
      const answer = await attemptOnce(transport, request, url, prepared);
      if (last || !isRetryableStatus(answer.status)) return answer;
      wait = retryAfter(answer.headers) ?? backoff(attempt);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (isRefused(error)) throw refused(request, error);
      if (last) throw failure(request, error, attempt + 1);
      wait = backoff(attempt);
    }
    try {
      await sleep(wait, signal);
    } catch {
      throw aborted();
    }
  }
}

/** `, Request-Id …` or `, X-EXTERNAL-ID …` for messages; nothing when the request carries no id (the token request). */
export function label(request: Pick<HttpRequest, 'requestId' | 'idHeader'>): string {
  return request.requestId ? `, ${request.idHeader ?? 'Request-Id'} ${request.requestId}` : '';
}

/** Whether `error` is our RefusedAnswer; false for anything `instanceof` cannot even look at (a hostile Proxy). */
function isRefused(error: unknown): error is RefusedAnswer {
  try {
    return error instanceof RefusedAnswer;
  } catch {
    return false;
  }
}

/** The error of an answer that is not taken: a redirect or one too large. */
function refused(request: HttpRequest, answer: RefusedAnswer): GoPayApiError {
  const { className, methodName, requestId } = request;
  return new GoPayApiError(
    `${className}.${methodName}: GoPay answered HTTP ${answer.status} with ${answer.reason} (${request.method} ${request.path}${label(request)}).`,
    { status: answer.status, requestId: requestId || undefined, retryable: false },
  );
}

/** The error of a call whose last attempt got no answer. */
function failure(request: HttpRequest, error: unknown, attempts: number): Error {
  const { className, methodName, requestId, timeout } = request;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (error === TIMED_OUT) {
    const timeoutError = new GoPayTimeoutError(timeout as number, { className, methodName });
    timeoutError.message = `${className}.${methodName}: no answer from GoPay in ${timeout} ms${tries} (${request.method} ${request.path}${label(request)}).`;
    // Midtrans: after a timeout, ask getPaymentStatus({ originalExternalId }) or retry with the same X-EXTERNAL-ID.
    return Object.assign(timeoutError, { requestId: requestId || undefined });
  }
  // The fetch's error is copied, its text redacted: a custom fetch could put anything in its message.
  const reason = describeThrown(error);
  let inner: string | undefined;
  try {
    const message = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
    inner = message === undefined ? undefined : String(message);
  } catch {
    inner = undefined;
  }
  const cause = new Error(redactText(inner ? `${reason} (${inner})` : reason, request.secrets));
  return new GoPayApiError(
    `${className}.${methodName}: GoPay could not be reached${tries} (${request.method} ${request.path}${label(request)}): ${cause.message}`,
    { status: 0, requestId: requestId || undefined, retryable: true, cause },
  );
}
