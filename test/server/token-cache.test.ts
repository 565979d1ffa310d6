// @vitest-environment node
// The token cache on its own (src/server/token-cache.ts): what it takes from a tokenStore, where the 60 s margin falls
// to the millisecond, and which refusal forgets which token. The client-level behaviour is in token.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkStore, createTokenCache, TOKEN_MARGIN } from '../../src/server/token-cache';
import type { TokenStore } from '../../src/server/index';

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0);
const HOUR = 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A token endpoint that answers `fresh-1`, `fresh-2`, … living `lifetime` ms. */
function endpoint(lifetime = HOUR) {
  let n = 0;
  return vi.fn(async () => ({ accessToken: `fresh-${++n}`, lifetime }));
}

/** A store that holds `value` under every key. */
function holding(value: unknown) {
  return { get: vi.fn(async () => value), set: vi.fn() } satisfies TokenStore;
}

describe('what the cache takes from a tokenStore', () => {
  it('a stored entry that expires after the margin: taken, and kept in memory (the store is read once)', async () => {
    const store = holding(JSON.stringify({ accessToken: 'stored', expiresAt: NOW + TOKEN_MARGIN + 1 }));
    const request = endpoint();
    const cache = createTokenCache(request, 'k', store);
    expect(await cache.get()).toBe('stored');
    expect(await cache.get()).toBe('stored');
    expect(store.get).toHaveBeenCalledTimes(1);
    expect(request).not.toHaveBeenCalled();
  });

  it.each([
    ['it expires exactly at the margin', JSON.stringify({ accessToken: 'stored', expiresAt: NOW + TOKEN_MARGIN })],
    ['it expires inside the margin', JSON.stringify({ accessToken: 'stored', expiresAt: NOW + TOKEN_MARGIN / 2 })],
    ['it is not a string', { accessToken: 'stored', expiresAt: NOW + HOUR }],
    ['it is not JSON', 'stored'],
    ['its token is not a string', JSON.stringify({ accessToken: 42, expiresAt: NOW + HOUR })],
    ['it has no expiry', JSON.stringify({ accessToken: 'stored' })],
    ['its expiry is not a number', JSON.stringify({ accessToken: 'stored', expiresAt: String(NOW + HOUR) })],
  ])('a stored entry is not taken when %s: a token is fetched', async (_, value) => {
    const request = endpoint();
    const cache = createTokenCache(request, 'k', holding(value));
    expect(await cache.get()).toBe('fresh-1');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('a store whose get throws is ignored: a token is fetched', async () => {
    const request = endpoint();
    const store: TokenStore = {
      get() {
        throw new Error('store down');
      },
      set() {},
    };
    expect(await createTokenCache(request, 'k', store).get()).toBe('fresh-1');
  });
});

describe('the margin, to the millisecond', () => {
  it('a token that lives exactly the margin is never cached nor stored: the next call fetches again', async () => {
    const request = endpoint(TOKEN_MARGIN);
    const store = holding(undefined);
    const cache = createTokenCache(request, 'k', store);
    expect(await cache.get()).toBe('fresh-1');
    expect(await cache.get()).toBe('fresh-2');
    expect(store.set).not.toHaveBeenCalled();
  });

  it('a token that lives a millisecond longer is cached and stored with what is left of it', async () => {
    const request = endpoint(TOKEN_MARGIN + 1);
    const store = holding(undefined);
    const cache = createTokenCache(request, 'k', store);
    expect(await cache.get()).toBe('fresh-1');
    expect(await cache.get()).toBe('fresh-1');
    expect(store.set).toHaveBeenCalledWith('k', JSON.stringify({ accessToken: 'fresh-1', expiresAt: NOW + TOKEN_MARGIN + 1 }), 1);
  });
});

describe('invalidate', () => {
  it("forgets the token it names, not a newer one: a late refusal of an old token keeps the new token's cache", async () => {
    const request = endpoint();
    const cache = createTokenCache(request, 'k');
    expect(await cache.get()).toBe('fresh-1');
    cache.invalidate('fresh-1');
    expect(await cache.get()).toBe('fresh-2');
    cache.invalidate('fresh-1');
    expect(await cache.get()).toBe('fresh-2');
    expect(request).toHaveBeenCalledTimes(2);
  });
});

describe('checkStore', () => {
  it('takes an object with get and set, or nothing', () => {
    const store = holding(undefined);
    expect(checkStore(store)).toBe(store);
    expect(checkStore(undefined)).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['get without set', { get() {} }],
    ['set without get', { set() {} }],
    ['get that is not a function', { get: 'x', set() {} }],
  ])('refuses %s, saying what it needs', (_, store) => {
    expect(() => checkStore(store)).toThrow(
      expect.objectContaining({
        name: 'GoPayValidationError',
        message: 'createSnapClient(options).tokenStore must be an object with get(key) and set(key, value, ttlMs).',
      }),
    );
  });
});
