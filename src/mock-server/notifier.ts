// The payment notification as Midtrans sends it (POST /v1.0/debit/notify, SNAP service 56): signed with the
// mock's own RSA key over `POST:<path>:hex(sha256(minify(body))):X-TIMESTAMP`, retried with backoff until the
// merchant answers responseCode 2005600, and given up visibly after the last attempt.
import type { Random } from '../mock/random';
import { notificationStringToSign, signRsa, snapTimestamp } from '../server/crypto';
import { parseJson, isRecord } from './http';
import type { MockNotification, MockPayment } from './types';

export const NOTIFICATION_ACK_CODE = '2005600';
const CHANNEL_ID = '95221';
const ATTEMPT_TIMEOUT = 5_000;

export const STATUS_DESCRIPTIONS: Record<string, string> = { '00': 'Success', '03': 'Pending', '05': 'Canceled', '06': 'Failed' };

export interface NotifierOptions {
  notifyUrl: () => string | undefined;
  privateKey: CryptoKey;
  partnerId: string;
  merchantId: string;
  random: () => Random;
  attempts: number;
  delay: number;
  log: MockNotification[];
}

/** The SNAP notify body for a payment's current status. */
export const notificationBody = (payment: MockPayment, merchantId: string, now: number) => ({
  originalPartnerReferenceNo: payment.partnerReferenceNo,
  originalReferenceNo: payment.referenceNo,
  merchantId,
  amount: payment.amount,
  latestTransactionStatus: payment.latestTransactionStatus,
  transactionStatusDesc: STATUS_DESCRIPTIONS[payment.latestTransactionStatus] ?? 'Unknown',
  createdTime: snapTimestamp(payment.createdAt),
  // A pending payment has not finished.
  ...(payment.latestTransactionStatus === '03' ? {} : { finishedTime: snapTimestamp(now) }),
  additionalInfo: {},
});

export const createNotifier = (options: NotifierOptions) => {
  const timers = new Set<{ cancel: () => void }>();
  // Bumped by cancelAll(): a send that started under an older generation stops retrying.
  let generation = 0;

  /** Waits `ms`, or less when the notifier is closed. */
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        cancel: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        timers.delete(entry);
        resolve();
      }, ms);
      timers.add(entry);
    });

  const attempt = async (url: string, notification: MockNotification) => {
    const timestamp = snapTimestamp();
    const path = new URL(url).pathname;
    const signature = await signRsa(options.privateKey, await notificationStringToSign('POST', path, notification.body, timestamp));
    const at = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': timestamp,
          'x-signature': signature,
          'x-partner-id': options.partnerId,
          'x-external-id': notification.externalId,
          'channel-id': CHANNEL_ID,
        },
        body: notification.body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT),
      });
      const answer = parseJson(await response.text());
      const responseCode = isRecord(answer) && typeof answer.responseCode == 'string' ? answer.responseCode : undefined;
      notification.attempts.push({ at, status: response.status, ...(responseCode ? { responseCode } : {}) });
      return response.ok && responseCode === NOTIFICATION_ACK_CODE;
    } catch (error) {
      notification.attempts.push({ at, status: 0, error: String((error as Error)?.message ?? error) });
      return false;
    }
  };

  /** Sends the notification for `payment`'s current status; resolves when it is delivered or given up. */
  const send = async (payment: MockPayment): Promise<MockNotification> => {
    const notification: MockNotification = {
      referenceNo: payment.referenceNo,
      body: JSON.stringify(notificationBody(payment, options.merchantId, Date.now())),
      externalId: options.random().token(20, '0123456789'),
      attempts: [],
      state: 'sending',
    };
    options.log.push(notification);
    const url = options.notifyUrl();
    if (!url) {
      notification.state = 'no-notify-url';
      return notification;
    }
    const started = generation;
    const cancelled = () => started !== generation;
    for (let i = 0; i < options.attempts && !cancelled(); i++) {
      if (i > 0) await wait(options.delay * 2 ** (i - 1));
      if (cancelled()) break;
      if (await attempt(url, notification)) {
        notification.state = 'delivered';
        return notification;
      }
    }
    notification.state = 'gave-up';
    if (cancelled()) return notification;
    const last = notification.attempts[notification.attempts.length - 1];
    console.warn(
      `[gopay-mock-server] The notification for payment ${payment.referenceNo} was not acknowledged by ${url} after ` +
        `${notification.attempts.length} attempt(s) (last: ${last?.error ?? `HTTP ${last?.status} ${last?.responseCode ?? ''}`.trim()}). ` +
        `The merchant must answer { responseCode: '${NOTIFICATION_ACK_CODE}' }. Given up.`,
    );
    return notification;
  };

  return {
    send,
    /** Stops every retry still waiting (close, reset); later sends work as usual. */
    cancelAll() {
      generation++;
      timers.forEach((timer) => timer.cancel());
      timers.clear();
    },
  };
};

export type Notifier = ReturnType<typeof createNotifier>;
