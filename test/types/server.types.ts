// Compiled by `tsc -p test/types` in `npm test`: the server entry's types say GoPay's contract; each @ts-expect-error
// line must fail to compile.
import { createSnapClient, type SnapNotification, type SnapTransactionStatus } from '../../src/server/index';

const expectType = <T>(_value: T) => {};

export async function serverTypes(notification: SnapNotification) {
  const snap = createSnapClient({ clientId: 'c', partnerId: 'p', clientSecret: 's', privateKey: 'k', merchantId: 'm' });
  const transAmount = { value: '15000.00', currency: 'IDR' as const };
  await snap.createPayment({ partnerReferenceNo: 'o-1', payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount }] });
  expectType<SnapTransactionStatus>((await snap.getPaymentStatus({ originalReferenceNo: 'A1' })).latestTransactionStatus);
  await snap.refundPayment({ originalPartnerReferenceNo: 'o-1', originalExternalId: 'e-1', partnerRefundNo: 'r-1' });
  await snap.cancelPayment({ originalPartnerReferenceNo: 'o-1', originalReferenceNo: 'A1' });
  expectType<string | undefined>(notification.additionalInfo?.totalRefundAmount?.value);

  // @ts-expect-error partnerId is required: Midtrans issues it beside the client id
  createSnapClient({ clientId: 'c', clientSecret: 's', privateKey: 'k', merchantId: 'm' });
  // @ts-expect-error there is no top-level amount: it goes in payOptionDetails
  await snap.createPayment({ partnerReferenceNo: 'o-1', amount: transAmount });
  // @ts-expect-error GoPay finds a payment by originalReferenceNo or originalExternalId
  await snap.getPaymentStatus({ originalPartnerReferenceNo: 'o-1' });
  // @ts-expect-error a refund needs its own partnerRefundNo
  await snap.refundPayment({ originalPartnerReferenceNo: 'o-1', originalReferenceNo: 'A1' });
  // @ts-expect-error the statuses are the documented ones: '02' is in no page
  expectType<SnapTransactionStatus>('02');
  // @ts-expect-error only IDR
  expectType<typeof transAmount>({ value: '1.00', currency: 'USD' });
}
