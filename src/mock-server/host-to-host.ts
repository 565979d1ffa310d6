// POST /v1.0/debit/payment-host-to-host (SNAP service 54): GoPay's payment body as "Direct Debit API – GoPay" and the
// Mini App's "Seamless Payment (Bi-Snap)" define it — `partnerReferenceNo`, `chargeToken` and
// `payOptionDetails[].transAmount` mandatory, no top-level `amount` — and the answer whose `webRedirectUrl` the
// Mini App launches. A retry under the same X-EXTERNAL-ID (SNAP's idempotency key) gets the first answer again.
import type { Random } from '../shared/random';
import { minifyJson, sha256Hex, snapTimestamp } from '../shared/snap-crypto';
import { amountProblem, formatCents, toCents } from './amounts';
import { isRecord } from '../shared/checks';
import { json, snapError, type Incoming } from './http';
import { STATUS, type PaymentStore, type StoredPayment } from './store';

export const HOST_TO_HOST_PATH = '/v1.0/debit/payment-host-to-host';
const SERVICE = '54';
/** "Allowed Symbols are dash(-), underscore(_), tilde (~), and dot (.)", String(64). */
const PARTNER_REFERENCE = /^[A-Za-z0-9\-_~.]{1,64}$/;
/** "validUpTo … (Minimum value : 20 second …)". */
const MIN_VALIDITY = 20_000;
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface PaymentContext {
  merchantId: string;
  paymentTtl: number;
  random: () => Random;
  store: PaymentStore;
}

type Problem = [status: number, caseCode: string, message: string];

/** The GoPay page a payment opens; the Mini App turns it into `gopay://merchanttransfer?tref=…`. */
export function webRedirectUrl(referenceNo: string): string {
  return `https://gopay.co.id/app/merchanttransfer?tref=${encodeURIComponent(referenceNo)}`;
}

/** GoPay's shape of reference (`A120240930071006pW0gbFMTguID` in Midtrans's README): A1, Jakarta time, 10 characters, ID. */
function newReferenceNo(now: number, random: Random): string {
  return `A1${snapTimestamp(now).slice(0, 19).replace(/\D/g, '')}${random.token(10, ALPHANUMERIC)}ID`;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The single pay option's problem, or undefined. GoPay's Mini App takes one GOPAY option. */
function payOptionProblem(options: unknown): Problem | undefined {
  if (!Array.isArray(options) || options.length !== 1 || !isRecord(options[0])) {
    return [400, '01', 'Invalid Field Format payOptionDetails'];
  }
  const option = options[0];
  for (const field of ['payMethod', 'payOption', 'transAmount']) {
    if (isMissing(option[field])) return [400, '02', `Invalid Mandatory Field payOptionDetails.${field}`];
  }
  // The Direct Debit page lists GOPAY; the Mini App page's example writes 'gopay'. payOption is "reserved".
  if (typeof option.payMethod !== 'string' || option.payMethod.toUpperCase() !== 'GOPAY') {
    return [400, '01', 'Invalid Field Format payOptionDetails.payMethod'];
  }
  const amount = amountProblem(option.transAmount, 'payOptionDetails.transAmount');
  if (amount) return [400, amount[0], `${amount[0] === '02' ? 'Invalid Mandatory Field' : 'Invalid Field Format'} ${amount[1]}`];
  return undefined;
}

/** Why GoPay would refuse this body, or undefined. */
function bodyProblem(body: Record<string, unknown>, merchantId: string, now: number): Problem | undefined {
  // The pages' own wording: "4005402 Invalid Mandatory Field chargeToken , partnerReferenceNo".
  const missing = ['chargeToken', 'partnerReferenceNo', 'payOptionDetails'].filter((field) => isMissing(body[field]));
  if (missing.length) return [400, '02', `Invalid Mandatory Field ${missing.join(' , ')}`];
  if (typeof body.partnerReferenceNo !== 'string' || !PARTNER_REFERENCE.test(body.partnerReferenceNo)) {
    return [400, '01', 'Invalid Field Format partnerReferenceNo'];
  }
  // Midtrans's clients send chargeToken: '' for a redirect payment; its value is not checked.
  if (typeof body.chargeToken !== 'string') return [400, '01', 'Invalid Field Format chargeToken'];
  const option = payOptionProblem(body.payOptionDetails);
  if (option) return option;
  // merchantId is optional (O); one that is not this merchant's is refused.
  if (body.merchantId !== undefined && body.merchantId !== merchantId) return [404, '08', 'Invalid Merchant'];
  if (body.validUpTo !== undefined) {
    const until = typeof body.validUpTo === 'string' ? Date.parse(body.validUpTo) : NaN;
    if (!(until >= now + MIN_VALIDITY)) return [400, '01', 'Invalid Field Format validUpTo'];
  }
  // urlParams (Direct Debit page, an array), urlParam (Mini App page, an array; Midtrans's Node README, an object).
  for (const field of ['urlParam', 'urlParams']) {
    const value = body[field];
    if (value !== undefined && !isRecord(value) && !(Array.isArray(value) && value.every(isRecord))) {
      return [400, '01', `Invalid Field Format ${field}`];
    }
  }
  if (body.additionalInfo !== undefined && !isRecord(body.additionalInfo)) return [400, '01', 'Invalid Field Format additionalInfo'];
  return undefined;
}

/** The creation answer, rebuilt from the payment: a retry gets exactly the first answer. */
function created(payment: StoredPayment): Response {
  return json(200, {
    responseCode: `200${SERVICE}00`,
    responseMessage: 'Successful',
    referenceNo: payment.referenceNo,
    partnerReferenceNo: payment.partnerReferenceNo,
    webRedirectUrl: webRedirectUrl(payment.referenceNo),
    additionalInfo: {
      paymentType: 'GOPAY',
      grossAmount: { ...payment.amount },
      transactionTime: snapTimestamp(payment.createdAt),
      validUpTo: snapTimestamp(payment.expiresAt),
    },
  });
}

/** POST /v1.0/debit/payment-host-to-host, once the signature checks passed. */
export async function handleHostToHost(req: Incoming, ctx: PaymentContext): Promise<Response> {
  const body = req.body as Record<string, unknown>;
  const problem = bodyProblem(body, ctx.merchantId, req.now);
  if (problem) return snapError(problem[0], SERVICE, problem[1], problem[2]);
  const digest = await sha256Hex(minifyJson(req.text));
  // From here to the end nothing awaits: a concurrent twin of this request finds the payment stored.
  const externalId = req.headers.get('x-external-id')!;
  const earlier = ctx.store.byExternalId(externalId);
  if (earlier) return earlier.digest === digest ? created(earlier) : snapError(409, SERVICE, '00', 'Conflict');
  const transAmount = (body.payOptionDetails as Record<string, Record<string, string>>[])[0]!.transAmount!;
  const payment: StoredPayment = {
    referenceNo: newReferenceNo(req.now, ctx.random()),
    partnerReferenceNo: body.partnerReferenceNo as string,
    externalId,
    amount: { value: formatCents(toCents(transAmount.value)!), currency: 'IDR' },
    latestTransactionStatus: STATUS.pending,
    createdAt: req.now,
    expiresAt: body.validUpTo === undefined ? req.now + ctx.paymentTtl : Date.parse(body.validUpTo as string),
    refunds: [],
    digest,
  };
  ctx.store.add(payment);
  return created(payment);
}
