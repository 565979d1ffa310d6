// Payments: SNAP host-to-host (service 54) creates one and answers the webRedirectUrl the Mini App launches;
// SNAP status (55) reads it; the user's answer (the mock bridge's report, or completePayment) finishes it and
// sends the notification.
import type { Random } from '../mock/random';
import { isRecord, json, snapError, type Incoming } from './http';
import { STATUS_DESCRIPTIONS, type Notifier } from './notifier';
import type { MockNotification, MockPayment, MockPaymentOutcome } from './types';

export const HOST_TO_HOST_PATH = '/v1.0/debit/payment-host-to-host';
export const STATUS_PATH = '/v1.0/debit/status';
const SERVICE_PAY = '54';
const SERVICE_STATUS = '55';

/** SNAP's latestTransactionStatus for each answer of the payment sheet. */
export const OUTCOME_STATUS: Record<MockPaymentOutcome, string> = { success: '00', pending: '03', cancelled: '05', failed: '06' };
const isOutcome = (value: unknown): value is MockPaymentOutcome =>
  typeof value == 'string' && Object.prototype.hasOwnProperty.call(OUTCOME_STATUS, value);

export interface PaymentState {
  merchantId: string;
  random: () => Random;
  payments: Map<string, MockPayment>;
  notifier: Notifier;
}

/** The GoPay page a payment opens; the Mini App turns it into `gopay://merchanttransfer?tref=…`. */
export const webRedirectUrl = (referenceNo: string) => `https://gopay.co.id/app/merchanttransfer?tref=${encodeURIComponent(referenceNo)}`;

/** The reason a host-to-host body is refused, as [case code, message]. */
const paymentProblem = (body: Record<string, unknown>, merchantId: string): [number, string, string] | undefined => {
  if (typeof body.partnerReferenceNo != 'string' || !body.partnerReferenceNo)
    return [400, '02', 'Invalid Mandatory Field partnerReferenceNo'];
  if (body.merchantId === undefined) return [400, '02', 'Invalid Mandatory Field merchantId'];
  if (body.merchantId !== merchantId) return [404, '08', 'Invalid Merchant'];
  const amount = body.amount;
  if (!isRecord(amount) || amount.value === undefined) return [400, '02', 'Invalid Mandatory Field amount.value'];
  if (typeof amount.value != 'string' || !/^\d{1,16}\.\d{2}$/.test(amount.value) || Number(amount.value) <= 0) {
    return [400, '01', 'Invalid Field Format amount.value'];
  }
  if (amount.currency !== 'IDR') return [400, '01', 'Invalid Field Format amount.currency'];
  return undefined;
};

/** POST /v1.0/debit/payment-host-to-host, once the signature checks passed. */
export const handleHostToHost = async (req: Incoming, state: PaymentState): Promise<Response> => {
  const body = req.body as Record<string, unknown>;
  const problem = paymentProblem(body, state.merchantId);
  if (problem) return snapError(problem[0], SERVICE_PAY, problem[1], problem[2]);
  for (const payment of state.payments.values()) {
    if (payment.partnerReferenceNo === body.partnerReferenceNo) return snapError(409, SERVICE_PAY, '01', 'Duplicate partnerReferenceNo');
  }
  const amount = body.amount as { value: string; currency: string };
  const payment: MockPayment = {
    referenceNo: `A${state.random().token(19, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
    partnerReferenceNo: body.partnerReferenceNo as string,
    externalId: req.headers.get('x-external-id')!,
    amount: { value: amount.value, currency: amount.currency },
    latestTransactionStatus: '03',
    createdAt: req.now,
  };
  state.payments.set(payment.referenceNo, payment);
  return json(200, {
    responseCode: `200${SERVICE_PAY}00`,
    responseMessage: 'Successful',
    referenceNo: payment.referenceNo,
    partnerReferenceNo: payment.partnerReferenceNo,
    webRedirectUrl: webRedirectUrl(payment.referenceNo),
    additionalInfo: {},
  });
};

/** POST /v1.0/debit/status, once the signature checks passed. */
export const handleStatus = async (req: Incoming, state: PaymentState): Promise<Response> => {
  const body = req.body as Record<string, unknown>;
  const { originalReferenceNo: reference, originalExternalId: externalId, originalPartnerReferenceNo: partnerReference } = body;
  if (reference === undefined && externalId === undefined && partnerReference === undefined) {
    return snapError(400, SERVICE_STATUS, '02', 'Invalid Mandatory Field originalReferenceNo');
  }
  if (body.serviceCode !== undefined && body.serviceCode !== SERVICE_PAY)
    return snapError(400, SERVICE_STATUS, '01', 'Invalid Field Format serviceCode');
  // originalReferenceNo first, as Midtrans reads it when several are given.
  const payment = [...state.payments.values()].find((p) =>
    reference !== undefined
      ? p.referenceNo === reference
      : externalId !== undefined
        ? p.externalId === externalId
        : p.partnerReferenceNo === partnerReference,
  );
  if (!payment) return snapError(404, SERVICE_STATUS, '01', 'Transaction Not Found');
  return json(200, {
    responseCode: `200${SERVICE_STATUS}00`,
    responseMessage: 'Successful',
    originalReferenceNo: payment.referenceNo,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalExternalId: payment.externalId,
    serviceCode: SERVICE_PAY,
    latestTransactionStatus: payment.latestTransactionStatus,
    transactionStatusDesc: STATUS_DESCRIPTIONS[payment.latestTransactionStatus],
    amount: payment.amount,
    additionalInfo: {},
  });
};

/** Statuses GoPay does not change any more: success, canceled, failed. */
const FINAL = new Set(['00', '05', '06']);
const finished = (payment: MockPayment) =>
  `Payment ${payment.referenceNo} is already finished (${STATUS_DESCRIPTIONS[payment.latestTransactionStatus]}): GoPay does not change it.`;

/** Finishes a payment with the user's answer and sends the notification (resolves when delivered or given up). */
export const completePayment = (state: PaymentState, referenceNo: string, outcome: MockPaymentOutcome): Promise<MockNotification> => {
  const payment = state.payments.get(referenceNo);
  if (!payment) return Promise.reject(new Error(`No payment ${referenceNo} in the mock GoPay server (create it with host-to-host first).`));
  if (!isOutcome(outcome))
    return Promise.reject(new Error(`status must be success, pending, cancelled or failed; got ${String(outcome)}.`));
  const status = OUTCOME_STATUS[outcome];
  if (FINAL.has(payment.latestTransactionStatus) && status !== payment.latestTransactionStatus) {
    return Promise.reject(new Error(finished(payment)));
  }
  // The same answer again sends the notification again (a resend); a finished payment never changes.
  payment.latestTransactionStatus = status;
  return state.notifier.send(payment);
};

/** POST /mock/payments/report `{ deeplink, status }`: the mock bridge tells what the user chose. */
export const handleReport = (req: Incoming, state: PaymentState): Response => {
  const body = isRecord(req.body) ? req.body : {};
  let referenceNo: string | null = null;
  try {
    referenceNo = typeof body.deeplink == 'string' ? new URL(body.deeplink).searchParams.get('tref') : null;
  } catch {
    // not a URL: answered below
  }
  const outcome = body.status;
  if (!referenceNo) return json(400, { error: 'deeplink must be a gopay://merchanttransfer?tref=<referenceNo> link' });
  if (!isOutcome(outcome)) return json(400, { error: 'status must be success, pending, cancelled or failed' });
  if (!state.payments.has(referenceNo)) return json(404, { error: `No payment ${referenceNo}: create it with host-to-host first` });
  const payment = state.payments.get(referenceNo)!;
  if (FINAL.has(payment.latestTransactionStatus) && OUTCOME_STATUS[outcome] !== payment.latestTransactionStatus) {
    return json(409, { error: finished(payment) });
  }
  // The answer does not wait for the merchant: the notification is retried in the background.
  void completePayment(state, referenceNo, outcome);
  return json(200, { referenceNo, latestTransactionStatus: OUTCOME_STATUS[outcome] });
};
