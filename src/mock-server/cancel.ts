// POST /v1.0/debit/cancel (SNAP service 57), as "Cancel API" defines it: a payment still pending, found by
// `originalReferenceNo` or `originalExternalId`, becomes `05`; any other is refused with "4035715 Transaction Not
// Permitted.[reason]" (a paid payment is refunded, not canceled). The page lists no code for an unknown payment;
// the mock answers 4045701 Transaction Not Found, as the Refund API page does for its own.
import { snapTimestamp } from '../shared/snap-crypto';
import { json, snapError, type Incoming } from './http';
import { describeStatus } from '../shared/snap-statuses';
import { findOriginal } from './refund';
import { STATUS, type PaymentStore } from './store';

export const CANCEL_PATH = '/v1.0/debit/cancel';
const SERVICE = '57';

/** POST /v1.0/debit/cancel, once the signature checks passed. */
export function handleCancel(req: Incoming, store: PaymentStore): Response {
  const body = req.body as Record<string, unknown>;
  const payment = findOriginal(body, store, SERVICE);
  if (payment instanceof Response) return payment;
  const status = payment.latestTransactionStatus;
  if (status !== STATUS.pending) {
    const why = status === STATUS.success || status === STATUS.refunded ? 'it is paid: refund it instead' : 'it is no longer pending';
    return snapError(403, SERVICE, '15', `Transaction Not Permitted. The payment is ${describeStatus(status)}: ${why}.`);
  }
  void store.change(payment, STATUS.canceled, req.now);
  return json(200, {
    responseCode: `200${SERVICE}00`,
    responseMessage: 'Request has been processed successfully',
    originalReferenceNo: payment.referenceNo,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    cancelTime: snapTimestamp(payment.canceledAt!),
  });
}
