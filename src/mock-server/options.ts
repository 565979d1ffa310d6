// The mock server's options, checked and defaulted in one place.
import type { MockGoPayServerOptions, MockMerchant } from './types';

export const DEFAULTS = {
  authCodeTtl: 360_000,
  paymentTtl: 900_000,
  latency: 0,
  maxRequests: 1000,
  notifyAttempts: 6,
  notifyDelay: 500,
} as const;

export interface Settings {
  notifyUrl: string | undefined;
  authCodeTtl: number;
  paymentTtl: number;
  latency: number | [number, number];
  seed: number | undefined;
  maxRequests: number;
  merchant: Partial<MockMerchant>;
  notifyAttempts: number;
  notifyDelay: number;
}

const KNOWN = ['notifyUrl', 'authCodeTtl', 'paymentTtl', 'latency', 'seed', 'maxRequests', 'merchant', 'notifyRetry'];
const MERCHANT_FIELDS = ['credentials', 'clientId', 'partnerId', 'clientSecret', 'privateKey', 'merchantId', 'pointOfPurchaseId'];

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function refuse(message: string): never {
  throw new TypeError(`createMockGoPayServer: ${message}`);
}

/** A notify URL, checked (the same rule for the option and for `mock.notifyUrl = …`). */
export function readNotifyUrl(notifyUrl: unknown): string | undefined {
  if (notifyUrl !== undefined && !isHttpUrl(notifyUrl)) {
    refuse(`notifyUrl must be an http(s) URL, e.g. http://localhost:3000/v1.0/debit/notify; got ${String(notifyUrl)}.`);
  }
  return notifyUrl as string | undefined;
}

function readMerchant(merchant: unknown): Partial<MockMerchant> {
  if (merchant === undefined) return {};
  if (typeof merchant !== 'object' || merchant === null) refuse('merchant must be an object of credentials.');
  for (const [name, value] of Object.entries(merchant)) {
    if (!MERCHANT_FIELDS.includes(name)) refuse(`unknown merchant field "${name}" (known: ${MERCHANT_FIELDS.join(', ')}).`);
    if (typeof value !== 'string' || !value.trim()) refuse(`merchant.${name} must be a non-empty string.`);
  }
  return merchant as Partial<MockMerchant>;
}

export function readOptions(options: MockGoPayServerOptions): Settings {
  if (typeof options !== 'object' || options === null) refuse('options must be an object.');
  for (const name of Object.keys(options)) if (!KNOWN.includes(name)) refuse(`unknown option "${name}" (known: ${KNOWN.join(', ')}).`);
  const {
    authCodeTtl = DEFAULTS.authCodeTtl,
    paymentTtl = DEFAULTS.paymentTtl,
    latency = DEFAULTS.latency,
    seed,
    maxRequests = DEFAULTS.maxRequests,
    notifyRetry = {},
  } = options;
  if (!isMs(authCodeTtl) || authCodeTtl === 0) refuse('authCodeTtl must be a positive number of ms.');
  if (!isMs(paymentTtl) || paymentTtl === 0) refuse('paymentTtl must be a positive number of ms.');
  const range = Array.isArray(latency) && latency.length === 2 && latency.every(isMs) && latency[0] <= latency[1];
  if (!isMs(latency) && !range) refuse('latency must be ms, or a [min, max] range of ms.');
  if (seed !== undefined && !Number.isInteger(seed)) refuse('seed must be an integer.');
  if (!Number.isInteger(maxRequests) || maxRequests < 1) refuse('maxRequests must be a whole number ≥ 1.');
  const { attempts = DEFAULTS.notifyAttempts, delay = DEFAULTS.notifyDelay } = notifyRetry;
  if (!Number.isInteger(attempts) || attempts < 1) refuse('notifyRetry.attempts must be a whole number ≥ 1.');
  if (!isMs(delay)) refuse('notifyRetry.delay must be ms.');
  return {
    notifyUrl: readNotifyUrl(options.notifyUrl),
    authCodeTtl,
    paymentTtl,
    latency,
    seed,
    maxRequests,
    merchant: readMerchant(options.merchant),
    notifyAttempts: attempts,
    notifyDelay: delay,
  };
}
