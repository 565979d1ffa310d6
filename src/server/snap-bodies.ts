// The request bodies of SNAP's payment APIs, checked before anything is signed or sent, with the rules of Midtrans's
// pages: "Direct Debit API – GoPay" / "Seamless Payment (Bi-Snap)" (host-to-host payment), "Get Transaction Status
// API", "Refund API", "Cancel API". A body GoPay would refuse with 400xx02 "Invalid Mandatory Field" is refused here,
// with a message that says what to send instead.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { checkObject, checkPattern, checkString, invalid, own, readObject } from '../shared/checks';

/** `partnerReferenceNo`: "String(64) … Allowed Symbols are dash(-), underscore(_), tilde (~), and dot (.)". */
const REFERENCE = /^[A-Za-z0-9\-_~.]{1,64}$/;
const REFERENCE_RULE = '1 to 64 letters, digits, -, _, ~ or . (GoPay declines any other symbol)';
/** `partnerRefundNo`: "String(64) … alphabets, numbers, dash (-), and underscore (_)". */
const REFUND_NO = /^[A-Za-z0-9\-_]{1,64}$/;
/** An amount's value: IDR with two decimals, "Minimum value: 1.00 … Maximum value: 99999999999.00". */
const VALUE = /^\d{1,11}\.\d{2}$/;

const EXAMPLE_OPTION = "[{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }]";

/** `{ value: '15000.00', currency: 'IDR' }`, within GoPay's limits. */
export function checkAmount(value: unknown, field: string): void {
  const amount = checkObject(value, field);
  const text = own(amount, 'value');
  if (typeof text !== 'string' || !VALUE.test(text) || Number(text) < 1) {
    invalid(`${field}.value`, "a string with two decimals from '1.00' to '99999999999.00' (e.g. (15000).toFixed(2))", text);
  }
  const currency = own(amount, 'currency');
  if (currency !== 'IDR') invalid(`${field}.currency`, "'IDR'", currency);
}

/**
 * The host-to-host payment body, with `chargeToken` ('' as Midtrans's clients send it) and `merchantId` filled in
 * when absent. Fields this does not name pass through unchecked.
 */
export function paymentBody(body: unknown, field: string, merchantId: string): Record<string, unknown> {
  const payment = checkObject(body, field);
  const options = own(payment, 'payOptionDetails');
  if (options === undefined && own(payment, 'amount') !== undefined) {
    throw new GoPayValidationError(
      `${field} has a top-level amount, which GoPay's payment body does not have: put it in payOptionDetails: ${EXAMPLE_OPTION}.`,
    );
  }
  checkPattern(own(payment, 'partnerReferenceNo'), `${field}.partnerReferenceNo`, REFERENCE, REFERENCE_RULE);
  if (!Array.isArray(options) || !options.length) {
    throw new GoPayValidationError(`${field}.payOptionDetails is required by GoPay: a non-empty array such as ${EXAMPLE_OPTION}.`);
  }
  options.forEach((option: unknown, index) => {
    const at = `${field}.payOptionDetails[${index}]`;
    const detail = checkObject(option, at);
    checkString(own(detail, 'payMethod'), `${at}.payMethod`);
    checkString(own(detail, 'payOption'), `${at}.payOption`);
    checkAmount(own(detail, 'transAmount'), `${at}.transAmount`);
  });
  const chargeToken = own(payment, 'chargeToken');
  if (chargeToken !== undefined && typeof chargeToken !== 'string') {
    invalid(`${field}.chargeToken`, "a string ('' for a Mini App payment)", chargeToken);
  }
  const merchant = own(payment, 'merchantId');
  if (merchant !== undefined) checkString(merchant, `${field}.merchantId`);
  return { ...payment, chargeToken: chargeToken ?? '', merchantId: merchant ?? merchantId };
}

/** GoPay finds a payment by its `originalReferenceNo` or by the `X-EXTERNAL-ID` of its creation: one of them is needed. */
function checkPaymentRef(query: Record<string, unknown>, field: string): void {
  const reference = own(query, 'originalReferenceNo');
  const externalId = own(query, 'originalExternalId');
  if (reference === undefined && externalId === undefined) {
    throw new GoPayValidationError(
      `${field} needs originalReferenceNo (the referenceNo createPayment answered) or originalExternalId (its X-EXTERNAL-ID): GoPay finds a payment by one of them.`,
    );
  }
  if (reference !== undefined) checkString(reference, `${field}.originalReferenceNo`);
  if (externalId !== undefined)
    checkPattern(externalId, `${field}.originalExternalId`, /^[\x21-\x7e]{1,36}$/, 'an X-EXTERNAL-ID (1 to 36 characters)');
  const partnerReference = own(query, 'originalPartnerReferenceNo');
  if (partnerReference !== undefined) checkString(partnerReference, `${field}.originalPartnerReferenceNo`);
}

/** The status query, with `serviceCode: '54'` (the host-to-host payment's). */
export function statusBody(query: unknown, field: string): Record<string, unknown> {
  const refs = readObject<Record<string, unknown>>(query, field, [
    'originalPartnerReferenceNo',
    'originalReferenceNo',
    'originalExternalId',
  ]);
  checkPaymentRef(refs, field);
  return { ...refs, serviceCode: '54' };
}

/** A refund: `originalPartnerReferenceNo`, the payment's reference, and `partnerRefundNo` (the refund's idempotency key). */
export function refundBody(refund: unknown, field: string): Record<string, unknown> {
  const body = checkObject(refund, field);
  checkString(own(body, 'originalPartnerReferenceNo'), `${field}.originalPartnerReferenceNo`);
  checkPaymentRef(body, field);
  const refundNo = own(body, 'partnerRefundNo');
  if (refundNo === undefined) {
    throw new GoPayValidationError(
      `${field}.partnerRefundNo is required: your id of this refund (e.g. 'refund-' + order.id), so that a retried refund never refunds twice.`,
    );
  }
  checkPattern(refundNo, `${field}.partnerRefundNo`, REFUND_NO, '1 to 64 letters, digits, - or _');
  if (own(body, 'refundAmount') !== undefined) checkAmount(own(body, 'refundAmount'), `${field}.refundAmount`);
  if (own(body, 'reason') !== undefined) checkString(own(body, 'reason'), `${field}.reason`);
  return body;
}

/** A cancel of a payment still pending. */
export function cancelBody(cancel: unknown, field: string): Record<string, unknown> {
  const body = checkObject(cancel, field);
  checkString(own(body, 'originalPartnerReferenceNo'), `${field}.originalPartnerReferenceNo`);
  checkPaymentRef(body, field);
  if (own(body, 'reason') !== undefined) checkString(own(body, 'reason'), `${field}.reason`);
  return body;
}
