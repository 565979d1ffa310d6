// The checks of what goes into an HTTP request: header values, extra headers, the URLs fetch is given. Built on the
// primitives of checks.ts, with the same message form.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { checkSecret, checkString, described, invalid, invalidSecret, isRecord } from './checks';

// Visible ASCII: what an HTTP header can carry. Anything else makes fetch throw, which would look like a network
// error and be retried for nothing.
const HEADER_VALUE = /^[\x21-\x7e]+$/;
// An HTTP header name (RFC 9110 token) and a value without control characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_TEXT = /^[\x20-\x7e\x80-\xff]*$/;

/** A secret sent in a header (credential, token): non-empty visible ASCII; the message never quotes it. */
export function checkSecretHeader(value: unknown, field: string): string {
  const secret = checkSecret(value, field);
  return HEADER_VALUE.test(secret) ? secret : invalidSecret(field, 'visible ASCII without spaces (it is sent in a header)', value);
}

/** An id sent in a header (Request-Id, X-EXTERNAL-ID, X-CLIENT-KEY): visible ASCII, 1 to `max` characters. */
export function checkHeaderId(value: unknown, field: string, max = 128): string {
  const text = checkString(value, field);
  return text.length <= max && HEADER_VALUE.test(text) ? text : invalid(field, `1 to ${max} visible ASCII characters without spaces`, text);
}

/** Extra headers: names and values fetch accepts, none of them one of `reserved` (the client's own, any case). */
export function checkHeaders(value: unknown, field: string, reserved: readonly string[]): Record<string, string> {
  const headers = isRecord(value) ? value : invalidSecret(field, 'an object', value);
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const text = headers[name];
    if (!HEADER_NAME.test(name)) invalid(`a header name of ${field}`, "an HTTP token (letters, digits and !#$%&'*+.^_`|~-)", name);
    if (reserved.some((own) => own.toLowerCase() === name.toLowerCase())) {
      throw new GoPayValidationError(`${field}["${name}"] cannot replace a header the client sets (${reserved.join(', ')}).`);
    }
    // A header may carry a secret (an API key): its value is never quoted.
    if (typeof text !== 'string' || !HEADER_TEXT.test(text)) {
      invalidSecret(`${field}["${name}"]`, 'a string without line breaks or control characters', text);
    }
    out[name] = text as string;
  }
  return out;
}

/**
 * An absolute http(s) URL that fetch accepts: fetch refuses a URL with a user or password, and a message never quotes
 * a value holding `@` (it may hold a password). `expected` may say more than "an http(s) URL" (an example).
 */
export function checkHttpUrl(value: unknown, field: string, expected = 'an http(s) URL'): string {
  const text = typeof value === 'string' ? value.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.username || url?.password || /^[a-z][a-z\d+.-]*:\/*[^/?#]*@/i.test(text)) {
    throw new GoPayValidationError(`${field} must not carry a user or password (fetch refuses such URLs): pass the host only.`);
  }
  if (!url || !/^https?:\/\/[^\s/?#]+/i.test(text)) return invalid(field, expected, shownUrl(value));
  return text;
}

/** An http(s) URL other paths are appended to: no query or fragment, and without its trailing slashes. */
export function checkBaseUrl(value: unknown, field: string, expected = 'an http(s) URL without query or fragment'): string {
  const text = checkHttpUrl(value, field, expected);
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(text)) invalid(field, expected, shownUrl(value));
  return text.replace(/\/+$/, '');
}

/** A URL as a message shows it: not at all when it holds `@`. */
function shownUrl(value: unknown): unknown {
  return typeof value === 'string' && value.includes('@') ? described('a URL with "@" (not quoted: it may hold a password)') : value;
}
