// Secrets never reach an error: not its message, its `body`, its `cause` nor `JSON.stringify(error)`. Every answer
// and every text taken from one passes through here before it is put on an error.
//
// GoPay (or a proxy in front of it) may echo a secret back in another form than it was sent, so a secret is looked
// for as any run of 8 or more of its characters, in any letter case (a cut or upper/lower-cased echo), and also in
// its URL-encoded form and, for a Basic credential, decoded (`user:password`, and the password alone).

/** Field names whose values are secrets wherever they appear in an answer. */
const SECRET_FIELDS = new Set(
  [
    'auth_code',
    'authCode',
    'auth_token',
    'authToken',
    'access_token',
    'accessToken',
    'refresh_token',
    'refreshToken',
    'token',
    'credentials',
    'clientSecret',
    'client_secret',
    'privateKey',
    'private_key',
    'authorization',
    'chargeToken',
  ].map((name) => name.toLowerCase()),
);

export const REDACTED = '[redacted]';

/** A run of this many characters of a secret counts as an echo of it. Shorter secrets are matched whole. */
const RUN = 8;
/** Secrets shorter than this are not searched: they would match ordinary words. */
const SHORTEST = 4;

/** Lower case without changing the length (a few Unicode letters grow when lower-cased), so indexes stay aligned. */
function lower(text: string): string {
  const out = text.toLowerCase();
  return out.length === text.length ? out : Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

/** `user:password` of a Basic credential, when `secret` is base64 of printable text. */
function decodedBasic(secret: string): string[] {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4) return [];
  let decoded: string;
  try {
    decoded = atob(secret);
  } catch {
    return [];
  }
  if (!/^[\x20-\x7e]+$/.test(decoded)) return [];
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded] : [decoded, decoded.slice(colon + 1)];
}

/** Every form a secret may come back in. */
function forms(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue;
    for (const form of [secret, encodeURIComponent(secret), ...decodedBasic(secret)]) {
      if (form.length >= SHORTEST) out.add(lower(form));
    }
  }
  return [...out];
}

/** What an echo looks like: the short forms, matched whole, and every run of `RUN` characters of the longer ones. */
interface Echoes {
  short: string[];
  runs: Set<string>;
}

/** The echoes of `secrets`, worked out once for all the strings of one answer. */
function echoesOf(secrets: readonly string[]): Echoes {
  const echoes: Echoes = { short: [], runs: new Set() };
  for (const form of forms(secrets)) {
    if (form.length < RUN) echoes.short.push(form);
    else for (let i = 0; i + RUN <= form.length; i++) echoes.runs.add(form.slice(i, i + RUN));
  }
  return echoes;
}

/** `text` with every character that belongs to an echo replaced, one `[redacted]` for each stretch of them. */
function cut(text: string, { short, runs }: Echoes): string {
  if (!text || (!short.length && !runs.size)) return text;
  const haystack = lower(text);
  const hits = new Uint8Array(text.length);
  for (const form of short) {
    for (let at = haystack.indexOf(form); at >= 0; at = haystack.indexOf(form, at + 1)) hits.fill(1, at, at + form.length);
  }
  if (runs.size) for (let i = 0; i + RUN <= haystack.length; i++) if (runs.has(haystack.slice(i, i + RUN))) hits.fill(1, i, i + RUN);
  let out = '';
  for (let i = 0; i < text.length;) {
    if (!hits[i]) {
      const end = hits.indexOf(1, i);
      out += text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else {
      out += REDACTED;
      while (hits[i]) i++;
    }
  }
  return out;
}

/** `text` with every echo of every secret (whole, cut, in another case, URL-encoded, decoded Basic) replaced. */
export function redactText(text: string, secrets: readonly string[]): string {
  return cut(text, echoesOf(secrets));
}

/**
 * A deep copy of `value` (parsed JSON) with secret fields replaced and known secrets cut out of every string and key.
 * Built with `Object.fromEntries`, so that a `__proto__` key stays a plain field. Cycles cannot occur in parsed JSON;
 * depth is capped anyway.
 */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  const echoes = echoesOf(secrets);
  function copy(item: unknown, depth: number): unknown {
    if (typeof item === 'string') return cut(item, echoes);
    if (!item || typeof item !== 'object') return item;
    if (depth > 32) return REDACTED;
    if (Array.isArray(item)) return item.map((inner: unknown) => copy(inner, depth + 1));
    return Object.fromEntries(
      Object.entries(item).map(([key, inner]) => [
        cut(key, echoes),
        SECRET_FIELDS.has(key.toLowerCase()) && inner != null && inner !== '' ? REDACTED : copy(inner, depth + 1),
      ]),
    );
  }
  return copy(value, 0);
}
