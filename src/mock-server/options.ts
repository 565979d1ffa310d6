// The mock server's options, checked and defaulted in one place with the checks every entry shares: a wrong value or
// an unknown name is a GoPayValidationError that names it (and lists the names allowed), as the SDK's own factories
// do. Only own properties are read.
import { checkHttpUrl } from '../shared/check-http';
import { checkInteger, checkLatency, checkNumber, checkPath, checkSecret, invalid, readArguments, readObject } from '../shared/checks';
import { checkSeed } from '../shared/random';
import { snapTimestamp } from '../shared/snap-crypto';
import { DEFAULT_NOTIFY_PATH } from './notification-body';
import type { MockGoPayServerOptions, MockMerchant, MockSignNotificationOptions } from './types';

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

const FIELD = 'createMockGoPayServer(options)';
const OPTIONS = ['notifyUrl', 'authCodeTtl', 'paymentTtl', 'latency', 'seed', 'maxRequests', 'merchant', 'notifyRetry'];
const MERCHANT_FIELDS = ['credentials', 'clientId', 'partnerId', 'clientSecret', 'privateKey', 'merchantId', 'pointOfPurchaseId'];

/** A notify URL, checked: the same rule for the option and for `mock.notifyUrl = …` (`field` says which). */
export function readNotifyUrl(notifyUrl: unknown, field = `${FIELD}.notifyUrl`): string | undefined {
  return notifyUrl === undefined
    ? undefined
    : checkHttpUrl(notifyUrl, field, 'an http(s) URL, e.g. http://localhost:3000/v1.0/debit/notify');
}

function readMerchant(merchant: unknown): Partial<MockMerchant> {
  const field = `${FIELD}.merchant`;
  const read = readObject<MockMerchant>(merchant, field, MERCHANT_FIELDS, true);
  // Every field is checked as a secret: a merchant may put its real credentials here.
  for (const name of Object.keys(read)) checkSecret(read[name as keyof MockMerchant], `${field}.${name}`);
  return read;
}

export function readOptions(options: MockGoPayServerOptions): Settings {
  return readArguments(FIELD, () => {
    const read = readObject<MockGoPayServerOptions>(options, FIELD, OPTIONS);
    const retry = readObject<NonNullable<MockGoPayServerOptions['notifyRetry']>>(
      read.notifyRetry,
      `${FIELD}.notifyRetry`,
      ['attempts', 'delay'],
      true,
    );
    return {
      notifyUrl: readNotifyUrl(read.notifyUrl),
      authCodeTtl: checkNumber(read.authCodeTtl ?? DEFAULTS.authCodeTtl, `${FIELD}.authCodeTtl (ms)`, 1),
      paymentTtl: checkNumber(read.paymentTtl ?? DEFAULTS.paymentTtl, `${FIELD}.paymentTtl (ms)`, 1),
      latency: checkLatency(read.latency ?? DEFAULTS.latency, `${FIELD}.latency`),
      seed: read.seed === undefined ? undefined : checkSeed(read.seed, `${FIELD}.seed`),
      maxRequests: checkInteger(read.maxRequests ?? DEFAULTS.maxRequests, `${FIELD}.maxRequests`, 1),
      merchant: readMerchant(read.merchant),
      notifyAttempts: checkInteger(retry.attempts ?? DEFAULTS.notifyAttempts, `${FIELD}.notifyRetry.attempts`, 1),
      notifyDelay: checkNumber(retry.delay ?? DEFAULTS.notifyDelay, `${FIELD}.notifyRetry.delay (ms)`),
    };
  });
}

/** The largest distance from the epoch a Date holds, in ms. */
const MAX_TIME = 8.64e15;

/** `mock.signNotification(payload, options)`'s arguments: the body text, the path signed and the X-TIMESTAMP. */
export function readSignArguments(payload: unknown, options: unknown, now: number): { body: string; path: string; timestamp: string } {
  const field = 'mock.signNotification(payload, options)';
  return readArguments(field, () => {
    if (typeof payload !== 'string' && (payload === null || typeof payload !== 'object')) {
      invalid('mock.signNotification(payload)', 'the body: a string, or an object (signed as its JSON text)', payload);
    }
    const { path = DEFAULT_NOTIFY_PATH, timestamp = now } = readObject<MockSignNotificationOptions>(
      options,
      field,
      ['path', 'timestamp'],
      true,
    );
    // A string is sent as it is (a test may sign a malformed one); a number is a time.
    const isTime = typeof timestamp === 'number' && Math.abs(timestamp) <= MAX_TIME;
    return {
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      path: checkPath(path, `${field}.path`),
      timestamp:
        typeof timestamp === 'string'
          ? timestamp
          : isTime
            ? snapTimestamp(timestamp)
            : invalid(`${field}.timestamp`, 'the X-TIMESTAMP as sent (a string), or ms since the epoch', timestamp),
    };
  });
}
