// POST /v1.0/debit/refund (SNAP service 58), as "Refund API" defines it: a paid payment, found by
// `originalReferenceNo` or `originalExternalId`, is refunded in full (no `refundAmount`) or in parts that add up to
// the paid amount and no further ("4035802 Exceeds Transaction Amount Limit"). `partnerRefundNo` is the refund's
// idempotency key: the same one answers the first refund again. Midtrans's page marks it and
// `originalPartnerReferenceNo` mandatory, yet says "If not passed then Midtrans creates a new one", and its Node
// client's example sends neither: both are accepted missing.
import type { Random } from '../shared/random';
import { snapTimestamp } from '../shared/snap-crypto';
import { amountProblem, idr, toCents } from './amounts';
import { json, snapError, type Incoming } from './http';
import { describeStatus } from '../shared/snap-statuses';
import { refundedCents } from './notification-body';
import { STATUS, type PaymentStore, type StoredPayment } from './store';
import type { MockRefund } from './types';

export const REFUND_PATH = '/v1.0/debit/refund';
const SERVICE = '58';
/** "Allowed characters are alphabets, numbers, dash (-), and underscore (_)", String(64). */
const REFUND_NO = /^[A-Za-z0-9\-_]{1,64}$/;

function refunded(payment: StoredPayment, refund: MockRefund): Response {
  return json(200, {
    responseCode: `200${SERVICE}00`,
    responseMessage: 'Request has been processed successfully',
    originalReferenceNo: payment.referenceNo,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    refundNo: refund.refundNo,
    partnerRefundNo: refund.partnerRefundNo,
    refundAmount: { ...refund.refundAmount },
    refundTime: snapTimestamp(refund.refundedAt),
  });
}

/** The payment a refund or cancel names, or the refusal: a missing reference, or a payment GoPay does not have. */
export function findOriginal(body: Record<string, unknown>, store: PaymentStore, service: string): StoredPayment | Response {
  const { originalReferenceNo: reference, originalExternalId: externalId, originalPartnerReferenceNo: partnerReference } = body;
  if (reference === undefined && externalId === undefined) {
    return snapError(400, service, '02', 'Invalid Mandatory Field originalReferenceNo');
  }
  const payment = store.find(body);
  // A payment found by its reference but sent with another order id is not the one the merchant meant.
  if (!payment || (partnerReference !== undefined && partnerReference !== payment.partnerReferenceNo)) {
    return snapError(404, service, '01', 'Transaction Not Found');
  }
  return payment;
}

/** POST /v1.0/debit/refund, once the signature checks passed. */
export function handleRefund(req: Incoming, store: PaymentStore, random: () => Random): Response {
  const body = req.body as Record<string, unknown>;
  const payment = findOriginal(body, store, SERVICE);
  if (payment instanceof Response) return payment;
  const { partnerRefundNo, refundAmount, reason } = body;
  if (partnerRefundNo !== undefined && (typeof partnerRefundNo !== 'string' || !REFUND_NO.test(partnerRefundNo))) {
    return snapError(400, SERVICE, '01', 'Invalid Field Format partnerRefundNo');
  }
  const earlier = payment.refunds.find((refund) => refund.partnerRefundNo === partnerRefundNo);
  if (earlier) return refunded(payment, earlier);
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 256))
    return snapError(400, SERVICE, '01', 'Invalid Field Format reason');
  if (refundAmount !== undefined) {
    const problem = amountProblem(refundAmount, 'refundAmount');
    if (problem)
      return snapError(
        400,
        SERVICE,
        problem[0],
        `${problem[0] === '02' ? 'Invalid Mandatory Field' : 'Invalid Field Format'} ${problem[1]}`,
      );
  }
  const status = payment.latestTransactionStatus;
  if (status !== STATUS.success && status !== STATUS.refunded) {
    return snapError(403, SERVICE, '15', `Transaction Not Permitted. The payment is ${describeStatus(status)}, not paid.`);
  }
  const left = toCents(payment.amount.value)! - refundedCents(payment);
  const cents = refundAmount === undefined ? left : toCents((refundAmount as Record<string, unknown>).value)!;
  if (cents > left || cents <= 0) return snapError(403, SERVICE, '02', 'Exceeds Transaction Amount Limit');
  const refund: MockRefund = {
    refundNo: random().token(20, '0123456789'),
    partnerRefundNo: (partnerRefundNo as string | undefined) ?? `refund-${random().token(16)}`,
    refundAmount: idr(cents),
    refundedAt: req.now,
    ...(reason === undefined ? {} : { reason: reason as string }),
  };
  void store.refund(payment, refund, req.now);
  return refunded(payment, refund);
}
