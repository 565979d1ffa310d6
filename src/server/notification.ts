// verifyNotification: the one function that decides whether a payment notification came from GoPay (stripe-node's
// constructEvent, svix's verify). The checks run cheapest first — headers, timestamp, body size, then the RSA
// signature over METHOD:path:sha256(minify(body)):X-TIMESTAMP — so that an unsigned or oversized POST costs nothing.
import { GoPaySignatureError } from '../errors/GoPaySignatureError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { importPublicKey, notificationStringToSign, parseSnapTimestamp, verifyRsa } from '../shared/snap-crypto';
import { signedNotificationPath } from '../shared/snap-notification-path';
import { checkInteger, checkNumber, checkPath, checkSecret, readArguments, readObject } from '../shared/checks';
import { readCapped } from './read-capped';
import type { SnapNotification } from './snap-notification-types';

/**
 * The body to answer a notification with, once it is verified and stored; send it with an `X-TIMESTAMP:
 * snapTimestamp()` header (Midtrans's page marks it mandatory).
 * @example return Response.json(NOTIFICATION_ACK, { headers: { 'X-TIMESTAMP': snapTimestamp() } })
 */
export const NOTIFICATION_ACK: { readonly responseCode: '2005600'; readonly responseMessage: 'Successful' } = Object.freeze({
  responseCode: '2005600',
  responseMessage: 'Successful',
});

/**
 * A notification as your framework gives it, when it is not a fetch `Request`: the raw body text, before any JSON parser.
 * @example { method: req.method, url: req.originalUrl, headers: req.headers, body: req.rawBody }
 */
export interface NotificationInput {
  method: string;
  /** The request's URL or path (the query is not signed). */
  url: string;
  /** A `Headers` or a plain object (Node's `req.headers`); names are matched without regard to case. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body exactly as received. */
  body: string | Uint8Array;
}

/**
 * Options of `verifyNotification`.
 * @example { publicKey: process.env.GOPAY_NOTIFICATION_PUBLIC_KEY! }
 */
export interface VerifyNotificationOptions {
  /**
   * Midtrans's public key, PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`), or several while Midtrans rotates its
   * key (any one that verifies).
   */
  publicKey: string | readonly string[];
  /**
   * The path Midtrans signed. Midtrans appends `/v1.0/debit/notify` to the URL you registered and signs that relative
   * path, so the default is the request's path from its `/v1.0/` segment on (else the whole path).
   * @example { path: '/v1.0/debit/notify' }
   */
  path?: string;
  /**
   * Milliseconds `X-TIMESTAMP` may be away from now, either way. A day: Midtrans retries for hours, and no page says
   * a retry is signed afresh; the notification's `X-EXTERNAL-ID` is a one-day idempotency key.
   * @default 86400000
   */
  tolerance?: number;
  /**
   * A larger body is refused before it is read further.
   * @default 1048576
   */
  maxBodyBytes?: number;
}

const FIELD = 'verifyNotification(input, options)';

function readOptions(options: VerifyNotificationOptions) {
  const read = readObject<VerifyNotificationOptions>(options, FIELD, ['publicKey', 'path', 'tolerance', 'maxBodyBytes']);
  const keys = Array.isArray(read.publicKey) ? (read.publicKey as unknown[]) : [read.publicKey];
  if (!keys.length) throw new GoPayValidationError(`${FIELD}.publicKey must be a PEM or a non-empty array of them.`);
  keys.forEach((key, index) => checkSecret(key, `${FIELD}.publicKey${Array.isArray(read.publicKey) ? `[${index}]` : ''}`));
  const { path, tolerance = 86_400_000, maxBodyBytes = 1_048_576 } = read;
  return {
    keys: keys as string[],
    path: path === undefined ? undefined : checkPath(path, `${FIELD}.path`),
    // Infinity turns the timestamp check off.
    tolerance: checkNumber(tolerance, `${FIELD}.tolerance (ms)`, 0, Infinity),
    maxBodyBytes: checkInteger(maxBodyBytes, `${FIELD}.maxBodyBytes`, 1),
  };
}

function header(headers: NotificationInput['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function isRequest(input: object): input is Request {
  return typeof (input as Request).text === 'function' && typeof (input as Request).clone === 'function';
}

/** The signed path: the option, else the request's path from its (last) `/v1.0/` segment on, else all of it. */
function signedPath(url: string, option: string | undefined): string {
  if (option) return option;
  // As it came, not normalised by `new URL` (which reads `\` as `/`): GoPay signed the bytes it sent.
  return signedNotificationPath(url.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] || '/');
}

function tooLarge(maxBodyBytes: number): GoPaySignatureError {
  return new GoPaySignatureError(
    `verifyNotification: the body is larger than maxBodyBytes (${maxBodyBytes}); GoPay's notifications are a few KB.`,
  );
}

/** The body as text, refused as soon as it is known to exceed `maxBodyBytes`. */
async function readBody(input: Request | NotificationInput, maxBodyBytes: number): Promise<string> {
  if (isRequest(input)) {
    if (Number(input.headers.get('content-length')) > maxBodyBytes) throw tooLarge(maxBodyBytes);
    if (!input.body) return '';
    const text = await readCapped(input.body, maxBodyBytes);
    if (text === undefined) throw tooLarge(maxBodyBytes);
    return text;
  }
  const raw: unknown = input.body;
  // ArrayBuffer.isView, not instanceof: a body from another realm (a vm context, a worker) is still bytes.
  if (typeof raw === 'object' && raw && ArrayBuffer.isView(raw)) {
    if (raw.byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
    return new TextDecoder().decode(raw);
  }
  if (typeof raw !== 'string')
    throw new GoPayValidationError('verifyNotification(input).body must be the raw body text (before any JSON parser) or its bytes.');
  // A UTF-16 length over the limit means more bytes still; a short one is measured only when it could exceed it.
  if (raw.length > maxBodyBytes || (raw.length * 3 > maxBodyBytes && new TextEncoder().encode(raw).length > maxBodyBytes)) {
    throw tooLarge(maxBodyBytes);
  }
  return raw;
}

/**
 * Checks a payment notification and resolves with its body; rejects with `GoPaySignatureError` when a header is
 * missing, the timestamp is outside `tolerance`, the body is over `maxBodyBytes`, or no key's signature covers this
 * method, path, body and timestamp. Pass the raw body: a re-serialised copy may differ from what GoPay signed.
 * @example
 * const notification = await verifyNotification(request, { publicKey });
 * await orders.applyNotification(request.headers.get('x-external-id'), notification); // idempotent, final states stay final
 * return Response.json(NOTIFICATION_ACK, { headers: { 'X-TIMESTAMP': snapTimestamp() } });
 */
export async function verifyNotification(
  input: Request | NotificationInput,
  options: VerifyNotificationOptions,
): Promise<SnapNotification> {
  const { keys, path: pathOption, tolerance, maxBodyBytes } = readArguments(FIELD, () => readOptions(options));
  const { method, url, headers } = readArguments('verifyNotification(input)', () => {
    if (!input || typeof input !== 'object')
      throw new GoPayValidationError('verifyNotification(input) must be a Request or { method, url, headers, body }.');
    const { method, url, headers } = input;
    if (typeof method !== 'string' || typeof url !== 'string' || !headers || typeof headers !== 'object') {
      throw new GoPayValidationError(
        'verifyNotification(input) needs method, url, headers and the raw body text (before any JSON parser).',
      );
    }
    if (isRequest(input) && input.bodyUsed) {
      throw new GoPayValidationError(
        'verifyNotification(input): the Request body was already read; pass request.clone() or the raw parts.',
      );
    }
    return { method, url, headers };
  });
  // Started now, so that a malformed key is the caller's error at once; imported once per PEM (cached).
  const imported = keys.map((pem) => importPublicKey(pem, `${FIELD}.publicKey`));
  for (const key of imported) key.catch(() => {});

  const signature = header(headers, 'x-signature');
  const timestamp = header(headers, 'x-timestamp');
  if (!signature) throw new GoPaySignatureError('verifyNotification: the X-SIGNATURE header is missing.');
  if (!timestamp) throw new GoPaySignatureError('verifyNotification: the X-TIMESTAMP header is missing.');
  const time = parseSnapTimestamp(timestamp);
  if (Number.isNaN(time)) throw new GoPaySignatureError('verifyNotification: X-TIMESTAMP is not an ISO-8601 time with an offset.');
  const skew = Math.abs(Date.now() - time);
  if (skew > tolerance) {
    throw new GoPaySignatureError(
      `verifyNotification: X-TIMESTAMP is ${Math.round(skew / 1000)} s away from now (tolerance ${tolerance / 1000} s).`,
    );
  }
  const body = await readBody(input, maxBodyBytes);
  const path = signedPath(url, pathOption);
  const text = await notificationStringToSign(method, path, body, timestamp);
  let valid = false;
  for (const pending of imported) {
    const key = await pending;
    // Whatever a hostile header does inside WebCrypto, the answer is a refusal, never another kind of error.
    if (await verifyRsa(key, signature, text).catch(() => false)) {
      valid = true;
      break;
    }
  }
  if (!valid) {
    throw new GoPaySignatureError(
      `verifyNotification: the signature does not match ${method.toUpperCase()} ${path} with this body and timestamp (or another key signed it; if your route rewrites the path, pass options.path).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new GoPaySignatureError('verifyNotification: the signed body is not a JSON object.');
  return parsed as SnapNotification;
}
