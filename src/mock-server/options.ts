// The mock server's options, checked and defaulted in one place.
import type { MockGoPayServerOptions } from './types';

export const DEFAULTS = { authCodeTtl: 360_000, latency: 0, notifyAttempts: 6, notifyDelay: 500 } as const;

export interface Settings {
  notifyUrl: string | undefined;
  authCodeTtl: number;
  latency: number | [number, number];
  seed: number | undefined;
  notifyAttempts: number;
  notifyDelay: number;
}

const KNOWN = ['notifyUrl', 'authCodeTtl', 'latency', 'seed', 'notifyRetry'];

const isHttpUrl = (value: unknown): boolean => {
  try {
    return typeof value == 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

const isMs = (value: unknown): value is number => typeof value == 'number' && Number.isFinite(value) && value >= 0;

const refuse = (message: string): never => {
  throw new TypeError(`createMockGoPayServer: ${message}`);
};

export const readOptions = (options: MockGoPayServerOptions): Settings => {
  if (typeof options != 'object' || options === null) refuse('options must be an object.');
  for (const name of Object.keys(options)) if (!KNOWN.includes(name)) refuse(`unknown option "${name}" (known: ${KNOWN.join(', ')}).`);
  const { notifyUrl, authCodeTtl = DEFAULTS.authCodeTtl, latency = DEFAULTS.latency, seed, notifyRetry = {} } = options;
  if (notifyUrl !== undefined && !isHttpUrl(notifyUrl)) {
    refuse(`notifyUrl must be an http(s) URL, e.g. http://localhost:3000/v1.0/debit/notify; got ${String(notifyUrl)}.`);
  }
  if (!isMs(authCodeTtl) || authCodeTtl === 0) refuse('authCodeTtl must be a positive number of ms.');
  const range = Array.isArray(latency) && latency.length == 2 && latency.every(isMs) && latency[0] <= latency[1];
  if (!isMs(latency) && !range) refuse('latency must be ms, or a [min, max] range of ms.');
  if (seed !== undefined && !Number.isInteger(seed)) refuse('seed must be an integer.');
  const { attempts = DEFAULTS.notifyAttempts, delay = DEFAULTS.notifyDelay } = notifyRetry;
  if (!Number.isInteger(attempts) || attempts < 1) refuse('notifyRetry.attempts must be a whole number ≥ 1.');
  if (!isMs(delay)) refuse('notifyRetry.delay must be ms.');
  return { notifyUrl, authCodeTtl, latency, seed, notifyAttempts: attempts, notifyDelay: delay };
};
