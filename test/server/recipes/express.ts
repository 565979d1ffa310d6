import express from 'express';
import { createGoPayServer, createSnapClient, isGoPayError, NOTIFICATION_ACK, verifyNotification } from 'gopay-miniapp-kit/server';

// Server only: none of these ever reaches the browser.
const gopay = createGoPayServer({ credentials: process.env.GOPAY_CREDENTIALS! });
const snap = createSnapClient({
  clientId: process.env.GOPAY_CLIENT_ID!,
  clientSecret: process.env.GOPAY_CLIENT_SECRET!,
  privateKey: process.env.GOPAY_PRIVATE_KEY!, // PEM; "\n" escapes from an .env file are fine
  merchantId: process.env.GOPAY_MERCHANT_ID!,
});
const app = express();

// Login: auth code → token → profile → your session.
app.post('/api/gopay/login', express.json(), async (req, res) => {
  try {
    const { auth_token, gopay_account_id } = await gopay.getAuthToken(req.body.authCode);
    const profile = await gopay.getProfile(auth_token);
    const session = await sessions.create({ gopayAccountId: gopay_account_id, authToken: auth_token, name: profile.name });
    res.cookie('sid', session.id, { httpOnly: true, secure: true, sameSite: 'lax' });
    res.json({ name: profile.name });
  } catch (error) {
    // The browser's withAuthCode retries once with a fresh code when it sees this answer.
    if (isGoPayError(error, 'AUTH_CODE_EXPIRED')) return res.status(401).json({ error: 'AUTH_CODE_EXPIRED' });
    if (isGoPayError(error, 'INVALID_ARGUMENT')) return res.status(400).json({ error: 'INVALID_ARGUMENT' });
    res.status(502).json({ error: 'GOPAY_UNAVAILABLE' });
  }
});

// Pay: an order → a GoPay payment → the deeplink for gp.launchPayment(deeplink).
app.post('/api/gopay/pay', express.json(), async (req, res) => {
  const session = await sessions.fromCookie(req.headers.cookie as string | undefined);
  const order = await orders.create(session, req.body.items);
  const { deeplink } = await snap.createPayment(
    {
      partnerReferenceNo: order.id,
      amount: { value: order.total.toFixed(2), currency: 'IDR' },
      additionalInfo: { pointOfPurchaseId: process.env.GOPAY_POP_ID },
    },
    { externalId: order.id }, // a retried request is the same payment, never a second one
  );
  res.json({ orderId: order.id, deeplink });
});

// Notification: GoPay's word on the payment. The raw body is needed to check the signature.
app.post('/v1.0/debit/notify', express.raw({ type: '*/*' }), async (req, res) => {
  try {
    const notification = await verifyNotification(
      { method: req.method, url: req.originalUrl, headers: req.headers, body: req.body },
      { publicKey: process.env.GOPAY_NOTIFICATION_PUBLIC_KEY! },
    );
    const { originalPartnerReferenceNo, originalReferenceNo, latestTransactionStatus } = notification;
    // GoPay retries until it gets the ACK: handle each (payment, status) once.
    if (await handled.add(`${originalReferenceNo}:${latestTransactionStatus}`)) {
      await orders.setStatus(originalPartnerReferenceNo!, latestTransactionStatus);
    }
    res.json(NOTIFICATION_ACK);
  } catch (error) {
    if (isGoPayError(error, 'INVALID_SIGNATURE')) return res.status(401).json({ responseCode: '4015600', responseMessage: 'Unauthorized' });
    res.status(500).json({ responseCode: '5005600', responseMessage: 'General Error' });
  }
});

app.listen(3000);
