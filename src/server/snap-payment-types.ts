// The bodies and answers of SNAP's payment APIs, with the field names of Midtrans's pages "Direct Debit API – GoPay",
// "Seamless Payment (Bi-Snap)", "Get Transaction Status API", "Refund API" and "Cancel API". docs/server.md has the
// table: each field → the page that defines it.
import type { SnapTransactionStatus } from '../shared/snap-statuses';

export type { SnapTransactionStatus };
/**
 * An amount as SNAP writes it: a string with two decimals, in IDR.
 * @example { value: '15000.00', currency: 'IDR' }
 */
export interface SnapAmount {
  /** Two decimals, from `'1.00'` to `'99999999999.00'`: `(15000).toFixed(2)`. */
  value: string;
  currency: 'IDR';
}

/**
 * How the user pays: for a Mini App, GoPay with the whole amount.
 * @example { payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }
 */
export interface SnapPayOption {
  payMethod: 'GOPAY' | (string & {});
  /** `'GOPAY'` on the GoPay page; Midtrans's clients send `'GOPAY_WALLET'`. */
  payOption: string;
  transAmount: SnapAmount;
  feeAmount?: SnapAmount;
  [field: string]: unknown;
}

/**
 * Where the user goes back to (`urlParam`; the Mini App page says callbacks are not supported for Mini Apps).
 * @example { url: 'https://shop.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }
 */
export interface SnapUrlParam {
  url: string;
  type: string;
  isDeeplink?: 'Y' | 'N';
}

/**
 * The body of `createPayment` (`POST /v1.0/debit/payment-host-to-host`). There is no top-level `amount`: the amount
 * is `payOptionDetails[0].transAmount`. `chargeToken` (`''`) and `merchantId` (the client's) are filled in when
 * absent; fields not listed here are sent as given.
 * @example
 * {
 *   partnerReferenceNo: 'order-17',
 *   payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }],
 *   additionalInfo: { pointOfPurchaseId: process.env.GOPAY_POP_ID },
 * }
 */
export interface SnapPaymentBody {
  /** Your order id: 1 to 64 letters, digits, `-`, `_`, `~` or `.`. Not unique for GoPay: keep the `referenceNo` it answers. */
  partnerReferenceNo: string;
  payOptionDetails: SnapPayOption[];
  /** @default '' (as Midtrans's clients send it) */
  chargeToken?: string;
  /** @default the client's `merchantId` */
  merchantId?: string;
  subMerchantId?: string;
  externalStoreId?: string;
  /** When the payment expires, ISO-8601 with offset (GoPay: at least 20 s, default 15 min). */
  validUpTo?: string;
  urlParam?: SnapUrlParam[] | SnapUrlParam;
  /** `pointOfPurchaseId`: your Mini App's PoP ID from GoPay; also `items`, `customerDetails`, `metadata`. */
  additionalInfo?: { pointOfPurchaseId?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * What `createPayment` resolves with: GoPay's answer plus `deeplink`, ready for the browser's `gp.launchPayment(deeplink)`.
 * @example { responseCode: '2005400', responseMessage: 'Successful', referenceNo: 'A120240930071006pW0gbFMTguID',
 *   partnerReferenceNo: 'order-17', webRedirectUrl: 'https://gopay.co.id/app/merchanttransfer?tref=…', deeplink: 'gopay://merchanttransfer?tref=…' }
 */
export interface SnapPaymentResult {
  responseCode: string;
  responseMessage: string;
  /** GoPay's id of the payment: save it with the order; status, refund, cancel and notifications name it. */
  referenceNo: string;
  partnerReferenceNo: string;
  webRedirectUrl: string;
  /** `toPaymentDeeplink(webRedirectUrl)`. */
  deeplink: string;
  appRedirectUrl?: string;
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Which payment `getPaymentStatus` asks about: GoPay finds it by `originalReferenceNo` or `originalExternalId`.
 * @example { originalReferenceNo: order.gopayReferenceNo }
 */
export type SnapStatusQuery =
  | { originalReferenceNo: string; originalExternalId?: string; originalPartnerReferenceNo?: string }
  | { originalReferenceNo?: string; originalExternalId: string; originalPartnerReferenceNo?: string };

/**
 * One refund of a payment, as status answers (`refundHistory`, naming your refund id `partnerReferenceNo`) and
 * refund notifications (`additionalInfo.refundHistory`, naming it `partnerRefundNo`) list them.
 * @example { refundNo: 'R1', partnerRefundNo: 'refund-17-1', refundAmount: { value: '5000.00', currency: 'IDR' }, refundStatus: '00' }
 */
export interface SnapRefund {
  refundNo: string;
  partnerRefundNo?: string;
  partnerReferenceNo?: string;
  refundAmount?: SnapAmount;
  /** `00` refund success, `06` refund failed. */
  refundStatus: '00' | '06';
  refundTime?: string;
  refundDate?: string;
  reason?: string;
  [field: string]: unknown;
}

/**
 * What `getPaymentStatus` resolves with (`POST /v1.0/debit/status`).
 * @example { responseCode: '2005500', responseMessage: 'Successful', originalReferenceNo: 'A1203…', serviceCode: '54',
 *   latestTransactionStatus: '00', transAmount: { value: '15000.00', currency: 'IDR' }, paidTime: '2026-12-03T10:00:00+07:00' }
 */
export interface SnapStatusResult {
  responseCode: string;
  responseMessage: string;
  originalPartnerReferenceNo?: string;
  originalReferenceNo?: string;
  originalExternalId?: string;
  serviceCode?: string;
  latestTransactionStatus: SnapTransactionStatus;
  transactionStatusDesc?: string;
  /** The amount of the payment (not `amount`: that is the notification's name). */
  transAmount?: SnapAmount;
  paidTime?: string;
  refundHistory?: SnapRefund[];
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * A refund (`POST /v1.0/debit/refund`). Name the payment by `originalReferenceNo` or `originalExternalId`. Without
 * `refundAmount` the rest of the payment is refunded.
 * @example { originalPartnerReferenceNo: 'order-17', originalReferenceNo: 'A1203…', partnerRefundNo: 'refund-17-1', refundAmount: { value: '5000.00', currency: 'IDR' }, reason: 'Out of stock' }
 */
export type SnapRefundRequest = {
  originalPartnerReferenceNo: string;
  /** Your id of this refund (letters, digits, `-`, `_`; at most 64): the same id never refunds twice. */
  partnerRefundNo: string;
  refundAmount?: SnapAmount;
  reason?: string;
  additionalInfo?: Record<string, unknown>;
  [field: string]: unknown;
} & ({ originalReferenceNo: string; originalExternalId?: string } | { originalReferenceNo?: string; originalExternalId: string });

/**
 * What `refundPayment` resolves with.
 * @example { responseCode: '2005800', responseMessage: 'Successful', originalReferenceNo: 'A1203…', refundNo: 'R1', partnerRefundNo: 'refund-17-1', refundAmount: { value: '5000.00', currency: 'IDR' }, refundTime: '…' }
 */
export interface SnapRefundResult {
  responseCode: string;
  responseMessage: string;
  originalReferenceNo?: string;
  refundNo: string;
  partnerRefundNo: string;
  refundAmount?: SnapAmount;
  refundTime: string;
  [field: string]: unknown;
}

/**
 * A cancel of a payment still pending (`POST /v1.0/debit/cancel`).
 * @example { originalPartnerReferenceNo: 'order-17', originalReferenceNo: 'A1203…', reason: 'Customer asked' }
 */
export type SnapCancelRequest = {
  originalPartnerReferenceNo: string;
  reason?: string;
  [field: string]: unknown;
} & ({ originalReferenceNo: string; originalExternalId?: string } | { originalReferenceNo?: string; originalExternalId: string });

/**
 * What `cancelPayment` resolves with.
 * @example { responseCode: '2005700', responseMessage: 'Successful', originalReferenceNo: 'A1203…', cancelTime: '…' }
 */
export interface SnapCancelResult {
  responseCode: string;
  responseMessage: string;
  originalReferenceNo?: string;
  cancelTime?: string;
  [field: string]: unknown;
}
