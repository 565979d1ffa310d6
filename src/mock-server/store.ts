// The payments the mock knows, indexed the ways GoPay finds them — by `referenceNo` and by the `X-EXTERNAL-ID` of
// their creation (`originalExternalId`) — and every change of their status, each one handed to the notifier.
// Lookups are Map reads: 50,000 payments answer as fast as the first. `partnerReferenceNo` is not a key: Midtrans
// says it "doesn't have unique validation" and finds payments only by the other two.
import type { Clock } from './clock';
import { createExpiry } from './expiry';
import type { MockNotification, MockPayment, MockRefund } from './types';

/** A payment with what the mock needs to answer a retried creation exactly as the first time. */
export interface StoredPayment extends MockPayment {
  /** SHA-256 of the minified creation body: the same X-EXTERNAL-ID with another body is a conflict. */
  digest: string;
}

export const STATUS = {
  success: '00',
  pending: '03',
  refunded: '04',
  canceled: '05',
  failed: '06',
  notFound: '07',
  expired: '08',
} as const;

/** Sends the notification of a payment's status as it is now; resolves when it is delivered or given up. */
export type Notify = (payment: MockPayment, now: number) => Promise<MockNotification>;

export interface PaymentStore {
  /** By referenceNo (`mock.payments`). */
  readonly payments: Map<string, StoredPayment>;
  add(payment: StoredPayment): void;
  byExternalId(externalId: string): StoredPayment | undefined;
  /** The payment a status, refund or cancel names: `originalReferenceNo` first, as GoPay reads it when both are sent. */
  find(query: Record<string, unknown>): StoredPayment | undefined;
  /** Moves a payment to `status` (stamping when it was paid or canceled) and notifies. */
  change(payment: StoredPayment, status: string, now: number): Promise<MockNotification>;
  /** Sends the notification of the payment's current status again (no change). */
  resend(payment: StoredPayment, now: number): Promise<MockNotification>;
  /** Records a refund: the payment becomes `04`, and its notification lists every refund so far. */
  refund(payment: StoredPayment, refund: MockRefund, now: number): Promise<MockNotification>;
  /** Expires what is due; called before every request, and by the expiry timer. */
  runDue(now: number): void;
  /** Stops the expiry timer (close): nothing fires once the mock is closed. */
  stop(): void;
  clear(): void;
}

export function createPaymentStore(clock: Clock, notify: Notify): PaymentStore {
  const payments = new Map<string, StoredPayment>();
  const externalIds = new Map<string, StoredPayment>();

  function change(payment: StoredPayment, status: string, now: number): Promise<MockNotification> {
    payment.latestTransactionStatus = status;
    if (status === STATUS.success) payment.paidAt = now;
    if (status === STATUS.canceled) payment.canceledAt = now;
    return notify(payment, now);
  }

  const expiry = createExpiry(clock, (payment, now) => {
    void change(payment as StoredPayment, STATUS.expired, now);
  });

  return {
    payments,
    add(payment) {
      payments.set(payment.referenceNo, payment);
      externalIds.set(payment.externalId, payment);
      expiry.add(payment);
    },
    byExternalId: (externalId) => externalIds.get(externalId),
    find(query) {
      const { originalReferenceNo: reference, originalExternalId: externalId } = query;
      if (typeof reference === 'string') return payments.get(reference);
      return typeof externalId === 'string' ? externalIds.get(externalId) : undefined;
    },
    change,
    resend: (payment, now) => notify(payment, now),
    refund(payment, refund, now) {
      payment.refunds.push(refund);
      return change(payment, STATUS.refunded, now);
    },
    runDue: (now) => expiry.runDue(now),
    stop: () => expiry.disarm(),
    clear() {
      payments.clear();
      externalIds.clear();
      expiry.clear();
    },
  };
}
