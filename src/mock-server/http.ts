// Answers in GoPay's two envelopes, and the CORS rule of the mock-only endpoints. Web types only.

/** A parsed request as the routes see it: the raw body is kept for signatures. */
export interface Incoming {
  method: string;
  path: string;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  body: unknown;
  now: number;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * The Mini App APIs' failure envelope: `{ success: false, error: { code?, description } }`. `code` only where
 * GoPay's pages give one (303, 310, 110, 305, 902 …): the token endpoint's page gives none.
 */
export function miniAppError(status: number, description: string, code?: string): Response {
  return json(status, { success: false, error: code === undefined ? { description } : { code, description } });
}

/**
 * A SNAP refusal: `responseCode` is the HTTP status, the service code and the case code (Bank Indonesia's SNAP
 * standard, which Midtrans follows: 73 access token, 54 host-to-host, 55 status, 57 cancel, 58 refund).
 */
export function snapError(status: number, service: string, caseCode: string, responseMessage: string): Response {
  return json(status, { responseCode: `${status}${service}${caseCode}`, responseMessage });
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

// The page (mock bridge) and the mock run on different ports of the developer's machine; nothing else may call.
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function isLocalOrigin(origin: string | null): origin is string {
  return !!origin && LOCAL_ORIGIN.test(origin);
}

/** CORS headers for a local origin (reflected, never `*`). */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Copies `response` with extra headers. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  return copy;
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}
