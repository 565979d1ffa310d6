// The notification GoPay POSTs to your endpoint ("Payment Notification API"), as verifyNotification resolves with it.
import type { SnapAmount, SnapRefund, SnapTransactionStatus } from './snap-payment-types';

/**
 * The body GoPay POSTs to your notification endpoint (`…/v1.0/debit/notify`), once `verifyNotification` has checked
 * it. Key your orders by `originalReferenceNo` (the `referenceNo` of `createPayment`); a refund is a new `04` with a
 * longer `additionalInfo.refundHistory`.
 * @example { originalPartnerReferenceNo: 'order-17', originalReferenceNo: 'A1203…', merchantId: 'G123',
 *   amount: { value: '15000.00', currency: 'IDR' }, latestTransactionStatus: '00', transactionStatusDesc: 'success' }
 */
export interface SnapNotification {
  originalPartnerReferenceNo?: string;
  originalReferenceNo: string;
  originalExternalId?: string;
  merchantId?: string;
  subMerchantId?: string;
  amount?: SnapAmount;
  latestTransactionStatus: SnapTransactionStatus;
  transactionStatusDesc?: string;
  createdTime?: string;
  finishedTime?: string;
  additionalInfo?: {
    refundHistory?: SnapRefund[];
    totalRefundAmount?: SnapAmount;
    userPaymentDetails?: unknown[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}
