// app/v1.0/debit/notify/route.ts
import { isGoPayError, NOTIFICATION_ACK, verifyNotification } from 'gopay-miniapp-kit/server';

export async function POST(request: Request) {
  try {
    // The Request itself: its raw body is read and checked before anything trusts it.
    const notification = await verifyNotification(request, { publicKey: process.env.GOPAY_NOTIFICATION_PUBLIC_KEY! });
    const { originalPartnerReferenceNo, originalReferenceNo, latestTransactionStatus } = notification;
    if (await handled.add(`${originalReferenceNo}:${latestTransactionStatus}`)) {
      await orders.setStatus(originalPartnerReferenceNo!, latestTransactionStatus);
    }
    return Response.json(NOTIFICATION_ACK);
  } catch (error) {
    if (isGoPayError(error, 'INVALID_SIGNATURE'))
      return Response.json({ responseCode: '4015600', responseMessage: 'Unauthorized' }, { status: 401 });
    return Response.json({ responseCode: '5005600', responseMessage: 'General Error' }, { status: 500 });
  }
}
