// How a pending payment ends outside the merchant's API calls: the user's answer in the mock payment sheet (the
// mock bridge's report) or `mock.completePayment` (paid → `00`, failed → `06`, expired → `08`). In the sheet only a
// payment changes anything: GoPay's launchPayment answers `failed` when the user cancels, `cancelled` when they go
// back and `pending` on a processing error, and its FAQ says an unfinished payment "will remain in an incomplete
// state" — so all three leave it `03` until it expires.
import type { Incoming } from './http';
import { checkOneOf, checkString, isRecord, own } from '../shared/checks';
import { json } from './http';
import { describeStatus } from '../shared/snap-statuses';
import { STATUS, type PaymentStore, type StoredPayment } from './store';
import type { MockNotification, MockPaymentOutcome } from './types';

export const OUTCOME_STATUS: Record<MockPaymentOutcome, string> = {
  success: STATUS.success,
  failed: STATUS.failed,
  expired: STATUS.expired,
};
const OUTCOMES = Object.keys(OUTCOME_STATUS) as MockPaymentOutcome[];
/** What the mock bridge reports: the sheet's four answers, and the status each leaves. */
const SHEET_STATUS: Record<string, string> = {
  success: STATUS.success,
  failed: STATUS.pending,
  pending: STATUS.pending,
  cancelled: STATUS.pending,
};

/** The status `table` gives `key` (only a string names one): a name that Object.prototype holds is none. */
function statusOf(table: Record<string, string>, key: unknown): string | undefined {
  return typeof key === 'string' ? (own(table, key) as string | undefined) : undefined;
}

function finished(payment: StoredPayment): string {
  const status = payment.latestTransactionStatus;
  return `Payment ${payment.referenceNo} is already finished (${describeStatus(status)}): GoPay does not change it.`;
}

/** Finishes a pending payment and resolves with its notification once delivered or given up. */
export async function completePayment(
  store: PaymentStore,
  referenceNo: string,
  outcome: MockPaymentOutcome,
  now: number,
): Promise<MockNotification> {
  checkString(referenceNo, 'mock.completePayment(referenceNo)');
  const status = OUTCOME_STATUS[checkOneOf(outcome, 'mock.completePayment(referenceNo, status)', OUTCOMES)];
  store.runDue(now);
  const payment = store.payments.get(referenceNo);
  if (!payment) throw new Error(`No payment ${referenceNo} in the mock GoPay server (create it with host-to-host first).`);
  if (payment.latestTransactionStatus === STATUS.pending) return store.change(payment, status, now);
  // The same ending again sends its notification again (as a merchant testing its idempotency wants).
  if (payment.latestTransactionStatus === status) return store.resend(payment, now);
  throw new Error(finished(payment));
}

/** POST /mock/payments/report `{ deeplink, status }`: the mock bridge tells what the user chose in the sheet. */
export function handleReport(req: Incoming, store: PaymentStore): Response {
  const body = isRecord(req.body) ? req.body : {};
  let referenceNo: string | null = null;
  try {
    referenceNo = typeof body.deeplink === 'string' ? new URL(body.deeplink).searchParams.get('tref') : null;
  } catch {
    // not a URL: answered below
  }
  if (!referenceNo) return json(400, { error: 'deeplink must be a gopay://merchanttransfer?tref=<referenceNo> link' });
  const status = statusOf(SHEET_STATUS, body.status);
  if (!status) return json(400, { error: 'status must be success, pending, cancelled or failed' });
  const payment = store.payments.get(referenceNo);
  if (!payment) return json(404, { error: `No payment ${referenceNo}: create it with host-to-host first` });
  const current = payment.latestTransactionStatus;
  if (status !== STATUS.pending && current === STATUS.pending) {
    // The answer does not wait for the merchant: the notification is retried in the background.
    void store.change(payment, status, req.now);
  } else if (status !== STATUS.pending && current !== status) {
    return json(409, { error: finished(payment) });
  }
  return json(200, { referenceNo, latestTransactionStatus: payment.latestTransactionStatus });
}
