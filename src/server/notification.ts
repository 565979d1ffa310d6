// verifyNotification: the one function that decides whether a payment notification came from GoPay (stripe-node's
// constructEvent, svix's verify): raw body, signature over METHOD:path:sha256(minify(body)):X-TIMESTAMP with
// Midtrans's public key, and a timestamp within `tolerance` of now. Anything else is a GoPaySignatureError.
import { GoPaySignatureError } from '../errors/GoPaySignatureError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { importPublicKey, notificationStringToSign, parseSnapTimestamp, verifyRsa } from './crypto';
import { checkSecret, readObject } from './options';
import type { SnapNotification } from './snap-types';

/**
 * The body to answer a notification with, once it is verified and recorded (GoPay retries until it gets it).
 * @example return Response.json(NOTIFICATION_ACK)
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
  /** The request's URL or path: its path is what GoPay signed (the query is not). */
  url: string;
  /** A `Headers` or a plain object (Node's `req.headers`); names are matched without regard to case. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body exactly as received. */
  body: string | Uint8Array;
}

/**
 * Options of `verifyNotification`.
 * @example { publicKey: process.env.GOPAY_NOTIFICATION_PUBLIC_KEY!, tolerance: 300_000 }
 */
export interface VerifyNotificationOptions {
  /** Midtrans's public key, PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`). */
  publicKey: string;
  /**
   * Milliseconds `X-TIMESTAMP` may be away from now (either way: clocks drift).
   * @default 300000
   */
  tolerance?: number;
}

const header = (headers: NotificationInput['headers'], name: string): string | undefined => {
  if (typeof (headers as Headers).get == 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() == name.toLowerCase()) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
};

const readInput = async (input: Request | NotificationInput) => {
  if (!input || typeof input != 'object')
    throw new GoPayValidationError('verifyNotification(input) must be a Request or { method, url, headers, body }.');
  const isRequest = typeof (input as Request).text == 'function' && typeof (input as Request).clone == 'function';
  const { method, url, headers } = input;
  let raw: unknown = (input as NotificationInput).body;
  if (isRequest) {
    try {
      raw = await (input as Request).text();
    } catch {
      throw new GoPayValidationError(
        'verifyNotification(input): the Request body was already read; pass request.clone() or the raw parts.',
      );
    }
  }
  // ArrayBuffer.isView, not instanceof: a body from another realm (a vm context, a worker) is still bytes.
  const body = typeof raw == 'object' && ArrayBuffer.isView(raw) ? new TextDecoder().decode(raw) : raw;
  if (typeof method != 'string' || typeof url != 'string' || !headers || typeof headers != 'object' || typeof body != 'string') {
    throw new GoPayValidationError('verifyNotification(input) needs method, url, headers and the raw body text (before any JSON parser).');
  }
  // The path as it came, not normalised by `new URL` (which reads `\\` as `/`): GoPay signed the bytes it sent.
  const path = url.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] || '/';
  return { method, path, headers, body };
};

/**
 * Checks a payment notification and resolves with its body; rejects with `GoPaySignatureError` when a header is
 * missing, the timestamp is stale, or the signature does not cover this method, path, body and timestamp.
 * Pass the raw body: a re-serialised copy may differ from what GoPay signed. A `Request`'s body is read here.
 * @example
 * const notification = await verifyNotification(request, { publicKey });
 * if (notification.latestTransactionStatus === '00') await markPaid(notification.originalPartnerReferenceNo);
 * return Response.json(NOTIFICATION_ACK);
 */
export const verifyNotification = async (
  input: Request | NotificationInput,
  options: VerifyNotificationOptions,
): Promise<SnapNotification> => {
  const read = readObject<VerifyNotificationOptions>(options, 'verifyNotification(input, options)', ['publicKey', 'tolerance']);
  const publicKey = checkSecret(read.publicKey, 'verifyNotification(input, options).publicKey');
  const tolerance = read.tolerance ?? 300_000;
  if (typeof tolerance != 'number' || !(tolerance >= 0)) {
    throw new GoPayValidationError(`verifyNotification(input, options).tolerance must be a number of ms ≥ 0, got ${String(tolerance)}.`);
  }
  const key = await importPublicKey(publicKey, 'verifyNotification(input, options).publicKey');
  const { method, path, headers, body } = await readInput(input);

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
  // Whatever a hostile header does inside WebCrypto, the answer is a refusal, never another kind of error.
  const valid = await verifyRsa(key, signature, await notificationStringToSign(method, path, body, timestamp)).catch(() => false);
  if (!valid) {
    throw new GoPaySignatureError(
      `verifyNotification: the signature does not match ${method.toUpperCase()} ${path} with this body and timestamp (or another key signed it).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed != 'object' || Array.isArray(parsed))
    throw new GoPaySignatureError('verifyNotification: the signed body is not a JSON object.');
  return parsed as SnapNotification;
};
