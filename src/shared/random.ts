import { checkInteger } from './checks';

/** A small seeded PRNG (mulberry32): the same seed gives the same codes and readings. */
export function createRandom(seed: number = (Math.random() * 2 ** 32) >>> 0) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  /** `length` letters and digits, like GoPay's auth codes. */
  const token = (length: number, alphabet = ALPHANUMERIC): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  /** A number in [min, max). */
  const between = (min: number, max: number): number => min + next() * (max - min);
  return { next, token, between };
}

export type Random = ReturnType<typeof createRandom>;

/** A seed of `createRandom`, as both mocks take it: 32 bits, the state mulberry32 keeps. */
export function checkSeed(value: unknown, field: string): number {
  return checkInteger(value, field, 0, 0xffffffff);
}
