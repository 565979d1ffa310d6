// The payment notification as Midtrans's "Payment Notification API" page defines it (POST /v1.0/debit/notify, SNAP
// service 56): the body of a payment's status, and its headers, signed with SHA256withRSA over
// `POST:<path>:hex(sha256(minify(body))):X-TIMESTAMP`, where <path> is the relative path Midtrans appends to the
// merchant's registered URL — `/v1.0/debit/notify` — not the full path of the URL it is delivered to.
import { notificationStringToSign, signRsa, snapTimestamp } from '../shared/snap-crypto';
import { signedNotificationPath } from '../shared/snap-notification-path';
import { describeStatus } from '../shared/snap-statuses';
import { idr, toCents } from './amounts';
import { STATUS } from './store';
import type { MockNotificationHeaders, MockPayment } from './types';

export const DEFAULT_NOTIFY_PATH = '/v1.0/debit/notify';
/** Any 5-digit string (Bank Indonesia's CHANNEL-ID); this is Midtrans's own example's. */
const CHANNEL_ID = '95221';

/** What the user paid with, which GoPay reports once a payment is paid (absent while pending, the page says). */
export const USER_PAYMENT_DETAILS = [{ payMethod: 'gopay', payOption: 'GOPAY_WALLET' }];

/** The path of `notifyUrl` that Midtrans signs: from its (last) `/v1.0/` segment on, else the whole path. */
export function signedPath(notifyUrl: string): string {
  return signedNotificationPath(new URL(notifyUrl).pathname);
}

export function refundedCents(payment: MockPayment): number {
  return payment.refunds.reduce((sum, refund) => sum + toCents(refund.refundAmount.value)!, 0);
}

function wasPaid(payment: MockPayment): boolean {
  return payment.latestTransactionStatus === STATUS.success || payment.latestTransactionStatus === STATUS.refunded;
}

/** The notify body for a payment's current status (a snapshot: later changes send their own). */
export function notificationBody(payment: MockPayment, merchantId: string): Record<string, unknown> {
  const status = payment.latestTransactionStatus;
  const additionalInfo: Record<string, unknown> = {};
  if (wasPaid(payment)) additionalInfo.userPaymentDetails = USER_PAYMENT_DETAILS;
  if (status === STATUS.refunded) {
    // The page's table: refundNo, refundStatus, partnerRefundNo, refundAmount, reason, refundTime.
    additionalInfo.refundHistory = payment.refunds.map((refund) => ({
      refundNo: refund.refundNo,
      refundStatus: '00',
      partnerRefundNo: refund.partnerRefundNo,
      refundAmount: refund.refundAmount,
      reason: refund.reason ?? '',
      refundTime: snapTimestamp(refund.refundedAt),
    }));
    additionalInfo.totalRefundAmount = idr(refundedCents(payment));
  }
  return {
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalReferenceNo: payment.referenceNo,
    originalExternalId: payment.externalId,
    merchantId,
    amount: { ...payment.amount },
    latestTransactionStatus: status,
    transactionStatusDesc: describeStatus(status),
    createdTime: snapTimestamp(payment.createdAt),
    // "Transaction completed timestamp (for latestTransactionStatus = 00)": when it was paid, refunded or not.
    ...(payment.paidAt !== undefined && wasPaid(payment) ? { finishedTime: snapTimestamp(payment.paidAt) } : {}),
    additionalInfo,
  };
}

export interface SignParts {
  key: CryptoKey;
  partnerId: string;
  externalId: string;
  path: string;
  timestamp: string;
}

/** The headers of a notification whose body is `body`, signed with `key`. */
export async function notificationHeaders(body: string, parts: SignParts): Promise<MockNotificationHeaders> {
  const signature = await signRsa(parts.key, await notificationStringToSign('POST', parts.path, body, parts.timestamp));
  return {
    'content-type': 'application/json',
    'x-timestamp': parts.timestamp,
    'x-signature': signature,
    // "Merchant will then need to give Midtrans a partner id that will be used in request header as X-PARTNER-ID."
    'x-partner-id': parts.partnerId,
    'x-external-id': parts.externalId,
    'channel-id': CHANNEL_ID,
  };
}
