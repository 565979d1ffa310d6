// app/api/gopay/pay/route.ts
import { snap } from '@/lib/gopay';

export async function POST(request: Request) {
  const session = await sessions.fromCookie(request.headers.get('cookie'));
  const order = await orders.create(session, (await request.json()).items);
  const { deeplink } = await snap.createPayment(
    {
      partnerReferenceNo: order.id,
      amount: { value: order.total.toFixed(2), currency: 'IDR' },
      additionalInfo: { pointOfPurchaseId: process.env.GOPAY_POP_ID },
    },
    { externalId: order.id, signal: request.signal },
  );
  return Response.json({ orderId: order.id, deeplink });
}
