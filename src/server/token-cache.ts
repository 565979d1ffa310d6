// The SNAP access token: one request for all concurrent callers, kept until shortly before it expires, optionally
// shared between server instances through a `tokenStore`, and dropped when GoPay says it is invalid.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { waitFor, type WaitBounds } from '../shared/wait-for';
import type { TokenStore } from './snap-types';

/** A token and the time (ms since the epoch) it expires. */
export interface AccessTokenEntry {
  accessToken: string;
  expiresAt: number;
}

/** Stop using a token this long before it expires: a token that lives 60 s or less is used once, never cached. */
export const TOKEN_MARGIN = 60_000;

export interface TokenCache {
  /** A usable token: the cached one, or the result of the one request in flight, or a new request. */
  get(): Promise<string>;
  /** GoPay refused `token`: forget it (unless a newer token replaced it already) and never take it from the store again. */
  invalidate(token: string): void;
}

/** Reads what the store holds: our JSON entry, or undefined for anything else. */
function parseEntry(value: unknown): AccessTokenEntry | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const entry = JSON.parse(value) as Partial<AccessTokenEntry>;
    return typeof entry.accessToken === 'string' && typeof entry.expiresAt === 'number' ? (entry as AccessTokenEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** `promise`, or undefined once `ms` have passed: a store that hangs must not hold up every call after it. */
function within<T>(promise: T | Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    Promise.resolve(promise).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * @param request asks GoPay for a token; resolves with it and its lifetime in ms.
 * @param store shared with other instances under `key`. A store that fails, or does not answer within
 *   `storeTimeout` ms, is ignored: a token is then fetched. Writes are not waited for.
 */
export function createTokenCache(
  request: () => Promise<{ accessToken: string; lifetime: number }>,
  key: string,
  store?: TokenStore,
  storeTimeout = 10_000,
): TokenCache {
  let memory: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  // The last token GoPay refused: a store shared with an instance that has not noticed yet may still hold it.
  let refused: string | undefined;

  const fromStore = async (): Promise<string | undefined> => {
    if (!store) return undefined;
    try {
      const entry = parseEntry(await within(store.get(key), storeTimeout));
      if (!entry || entry.accessToken === refused) return undefined;
      const until = entry.expiresAt - TOKEN_MARGIN;
      if (until <= Date.now()) return undefined;
      memory = { token: entry.accessToken, until };
      return entry.accessToken;
    } catch {
      return undefined;
    }
  };

  const load = async (): Promise<string> => {
    const stored = await fromStore();
    if (stored) return stored;
    const { accessToken, lifetime } = await request();
    const entry = { accessToken, expiresAt: Date.now() + lifetime };
    memory = { token: accessToken, until: entry.expiresAt - TOKEN_MARGIN };
    if (store && memory.until > Date.now()) {
      // Not waited for: the token works without the store (the next instance fetches its own), and a store that
      // hangs must not hold this call.
      try {
        Promise.resolve(store.set(key, JSON.stringify(entry), memory.until - Date.now())).catch(() => {});
      } catch {
        // A store whose set throws synchronously: as above.
      }
    }
    return accessToken;
  };

  return {
    get() {
      if (memory && memory.until > Date.now()) return Promise.resolve(memory.token);
      if (!pending) {
        pending = load();
        // Settled: the next caller after a failure tries again, the next after a success reads `memory`.
        const clear = () => (pending = undefined);
        pending.then(clear, clear);
      }
      return pending;
    },
    invalidate(token) {
      refused = token;
      if (memory?.token === token) memory = undefined;
    },
  };
}

/** A call's wait for the token: bounded by its own timeout and signal; `requestId` names it when it times out. */
export interface TokenWait extends WaitBounds {
  /** The call's X-EXTERNAL-ID, as a timed-out attempt names it. */
  requestId?: string;
}

/**
 * One call's wait for the token that the cache shares between calls: a timeout or abort ends this wait, never the
 * shared request. A timeout says that nothing was sent, and names `requestId`.
 */
export function waitForToken(token: Promise<string>, { requestId, ...bounds }: TokenWait): Promise<string> {
  return waitFor(token, bounds, (error) => {
    error.message = `${bounds.className}.${bounds.methodName}: no access token within ${error.timeout} ms (the shared token request goes on; nothing was sent for this call).`;
    if (requestId) Object.assign(error, { requestId });
  });
}

/** A `tokenStore` option: an object with `get` and `set`, or undefined. */
export function checkStore(store: unknown): TokenStore | undefined {
  if (store === undefined) return undefined;
  const { get, set } = (store ?? {}) as Partial<TokenStore>;
  if (typeof get !== 'function' || typeof set !== 'function') {
    throw new GoPayValidationError('createSnapClient(options).tokenStore must be an object with get(key) and set(key, value, ttlMs).');
  }
  return store as TokenStore;
}
