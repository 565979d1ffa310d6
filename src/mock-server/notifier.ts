// Delivers payment notifications to the merchant's notifyUrl as Midtrans does: signed afresh on each attempt,
// retried with backoff until the merchant answers 2xx, given up visibly after the last attempt. One payment's
// notifications leave in the order its status changed (a `00` is never overtaken by the `04` of its refund);
// different payments do not wait for each other.
import type { Random } from '../shared/random';
import { snapTimestamp } from '../shared/snap-crypto';
import type { BoundedLog } from './bounded';
import { sleep, type Clock } from './clock';
import { isRecord } from '../shared/checks';
import { parseJson } from './http';
import { notificationBody, notificationHeaders, signedPath } from './notification-body';
import type { MockNotification, MockNotificationAttempt, MockPayment } from './types';

const ATTEMPT_TIMEOUT = 5_000;

export interface NotifierOptions {
  clock: Clock;
  notifyUrl: () => string | undefined;
  privateKey: CryptoKey;
  partnerId: string;
  merchantId: string;
  random: () => Random;
  attempts: number;
  delay: number;
  log: BoundedLog<MockNotification>;
  fetch: typeof fetch;
  /** Told of every attempt, as it ends (the CLI prints one line each). */
  onAttempt?: (notification: MockNotification, attempt: MockNotificationAttempt) => void;
}

export interface Notifier {
  /** Queues the notification of `payment`'s status now; resolves when it is delivered or given up. */
  send(payment: MockPayment): Promise<MockNotification>;
  /** Stops every retry still waiting (close, reset); later sends work as usual. */
  cancelAll(): void;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const cancels = new Set<() => void>();
  /** The last notification of each payment still on its way: the next one waits for it. */
  const tails = new Map<string, Promise<unknown>>();
  // Bumped by cancelAll(): a delivery that started under an older generation stops retrying.
  let generation = 0;

  async function attempt(url: string, notification: MockNotification): Promise<boolean> {
    const at = options.clock.now();
    const headers = await notificationHeaders(notification.body, {
      key: options.privateKey,
      partnerId: options.partnerId,
      externalId: notification.externalId,
      path: signedPath(url),
      timestamp: snapTimestamp(at),
    });
    let record: MockNotificationAttempt;
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { ...headers },
        body: notification.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT),
      });
      const answer = parseJson(await response.text());
      const responseCode = isRecord(answer) && typeof answer.responseCode === 'string' ? answer.responseCode : undefined;
      record = { at, status: response.status, ...(responseCode ? { responseCode } : {}) };
    } catch (error) {
      record = { at, status: 0, error: String((error as Error)?.message ?? error) };
    }
    notification.attempts.push(record);
    options.onAttempt?.(notification, record);
    // Midtrans counts any 2xx as received (its retry guide); the body's 2005600 is what the page asks for, not checked.
    return record.status >= 200 && record.status < 300;
  }

  async function deliver(notification: MockNotification, started: number): Promise<void> {
    const url = options.notifyUrl();
    if (!url) {
      notification.state = 'no-notify-url';
      return;
    }
    notification.state = 'sending';
    const cancelled = () => started !== generation;
    for (let i = 0; i < options.attempts && !cancelled(); i++) {
      if (i > 0) await sleep(options.clock, options.delay * 2 ** (i - 1), cancels);
      if (cancelled()) break;
      if (await attempt(url, notification)) {
        notification.state = 'delivered';
        return;
      }
    }
    notification.state = 'gave-up';
    if (cancelled()) return;
    const last = notification.attempts[notification.attempts.length - 1];
    console.warn(
      `[gopay-mock-server] The ${notification.latestTransactionStatus} notification of payment ${notification.referenceNo} was not ` +
        `acknowledged by ${url} after ${notification.attempts.length} attempt(s) (last: ${last?.error ?? `HTTP ${last?.status}`}). ` +
        `The merchant must answer 2xx (GoPay's page: { responseCode: '2005600' }). Given up.`,
    );
  }

  function send(payment: MockPayment): Promise<MockNotification> {
    const notification: MockNotification = {
      referenceNo: payment.referenceNo,
      latestTransactionStatus: payment.latestTransactionStatus,
      body: JSON.stringify(notificationBody(payment, options.merchantId)),
      // "Numeric string … unique in the same day": 20 digits, as the page's example.
      externalId: options.random().token(20, '0123456789'),
      attempts: [],
      state: 'queued',
    };
    options.log.push(notification);
    const started = generation;
    const previous = tails.get(payment.referenceNo) ?? Promise.resolve();
    const run = () => deliver(notification, started);
    const delivered = previous.then(run, run);
    tails.set(payment.referenceNo, delivered);
    // The queue of a payment is forgotten once empty: 50,000 payments leave no 50,000 promises behind.
    void delivered.finally(() => {
      if (tails.get(payment.referenceNo) === delivered) tails.delete(payment.referenceNo);
    });
    return delivered.then(() => notification);
  }

  return {
    send,
    cancelAll() {
      generation++;
      for (const cancel of [...cancels]) cancel();
      cancels.clear();
    },
  };
}
