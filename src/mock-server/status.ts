// POST /v1.0/debit/status (SNAP service 55), as "Get Transaction Status API" defines it: a payment is found by
// `originalReferenceNo` or `originalExternalId` (the X-EXTERNAL-ID of its creation) — never by the merchant's
// `originalPartnerReferenceNo` alone — and answered with `transAmount`, `paidTime` and `refundHistory`. A payment
// GoPay does not know is not a 404: the page lists `07 (Not found)` among the statuses and no 404 among the codes.
import { snapTimestamp } from '../shared/snap-crypto';
import { json, snapError, type Incoming } from './http';
import { USER_PAYMENT_DETAILS } from './notification-body';
import { STATUS, type PaymentStore } from './store';

export const STATUS_PATH = '/v1.0/debit/status';
const SERVICE = '55';
const SERVICE_PAY = '54';

/** POST /v1.0/debit/status, once the signature checks passed. */
export function handleStatus(req: Incoming, store: PaymentStore): Response {
  const query = req.body as Record<string, unknown>;
  const { originalReferenceNo: reference, originalExternalId: externalId, serviceCode } = query;
  if (reference === undefined && externalId === undefined) {
    return snapError(400, SERVICE, '02', 'Invalid Mandatory Field originalReferenceNo');
  }
  for (const [field, value] of Object.entries({ originalReferenceNo: reference, originalExternalId: externalId })) {
    if (value !== undefined && typeof value !== 'string') return snapError(400, SERVICE, '01', `Invalid Field Format ${field}`);
  }
  if (serviceCode === undefined) return snapError(400, SERVICE, '02', 'Invalid Mandatory Field serviceCode');
  if (serviceCode !== SERVICE_PAY) return snapError(400, SERVICE, '01', 'Invalid Field Format serviceCode');
  const payment = store.find(query);
  const answer = { responseCode: `200${SERVICE}00`, responseMessage: 'Request has been processed successfully' };
  if (!payment) {
    return json(200, {
      ...answer,
      ...(reference === undefined ? { originalExternalId: externalId } : { originalReferenceNo: reference }),
      serviceCode: SERVICE_PAY,
      latestTransactionStatus: STATUS.notFound,
    });
  }
  const status = payment.latestTransactionStatus;
  const paid = status === STATUS.success || status === STATUS.refunded;
  return json(200, {
    ...answer,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalReferenceNo: payment.referenceNo,
    originalExternalId: payment.externalId,
    serviceCode: SERVICE_PAY,
    latestTransactionStatus: status,
    transAmount: { ...payment.amount },
    // "The value will be returned for successful payment."
    ...(paid && payment.paidAt !== undefined ? { paidTime: snapTimestamp(payment.paidAt) } : {}),
    ...(payment.refunds.length
      ? {
          // This page's table: refundNo, partnerReferenceNo, refundStatus, refundAmount, refundDate (and reason).
          refundHistory: payment.refunds.map((refund) => ({
            refundNo: refund.refundNo,
            partnerReferenceNo: refund.partnerRefundNo,
            refundAmount: { ...refund.refundAmount },
            refundStatus: '00',
            refundDate: snapTimestamp(refund.refundedAt),
            ...(refund.reason === undefined ? {} : { reason: refund.reason }),
          })),
        }
      : {}),
    additionalInfo: {
      validUpTo: snapTimestamp(payment.expiresAt),
      ...(paid ? { payOptionDetails: USER_PAYMENT_DETAILS, userPaymentDetails: USER_PAYMENT_DETAILS } : {}),
    },
  });
}
