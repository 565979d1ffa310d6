// A Cloudflare Worker with Hono: fetch and WebCrypto only, like the SDK.
import { Hono } from 'hono';
import { createGoPayServer, createSnapClient, isGoPayError, NOTIFICATION_ACK, verifyNotification } from 'gopay-miniapp-kit/server';

type Env = {
  GOPAY_CREDENTIALS: string;
  GOPAY_CLIENT_ID: string;
  GOPAY_CLIENT_SECRET: string;
  GOPAY_PRIVATE_KEY: string;
  GOPAY_MERCHANT_ID: string;
  GOPAY_POP_ID: string;
  GOPAY_NOTIFICATION_PUBLIC_KEY: string;
  /** One SNAP access token for every isolate. */
  TOKENS: KVNamespace;
};
const app = new Hono<{ Bindings: Env }>();

// Made once per isolate, from the bindings of the first request.
let clients: { gopay: ReturnType<typeof createGoPayServer>; snap: ReturnType<typeof createSnapClient> } | undefined;
const gopayClients = (env: Env) =>
  (clients ??= {
    gopay: createGoPayServer({ credentials: env.GOPAY_CREDENTIALS }),
    snap: createSnapClient({
      clientId: env.GOPAY_CLIENT_ID,
      clientSecret: env.GOPAY_CLIENT_SECRET,
      privateKey: env.GOPAY_PRIVATE_KEY,
      merchantId: env.GOPAY_MERCHANT_ID,
      tokenStore: {
        get: (key) => env.TOKENS.get(key),
        // KV keeps a value at least 60 s.
        set: (key, value, ttlMs) => env.TOKENS.put(key, value, { expirationTtl: Math.max(60, Math.floor(ttlMs / 1000)) }),
      },
    }),
  });

app.post('/api/gopay/login', async (c) => {
  const { gopay } = gopayClients(c.env);
  try {
    const { auth_token, gopay_account_id } = await gopay.getAuthToken((await c.req.json()).authCode);
    const profile = await gopay.getProfile(auth_token);
    const session = await sessions.create({ gopayAccountId: gopay_account_id, authToken: auth_token, name: profile.name });
    return new Response(JSON.stringify({ name: profile.name }), {
      headers: { 'Content-Type': 'application/json', 'Set-Cookie': `sid=${session.id}; HttpOnly; Secure; SameSite=Lax; Path=/` },
    });
  } catch (error) {
    // The browser's withAuthCode retries once with a fresh code when it sees this answer.
    if (isGoPayError(error, 'AUTH_CODE_EXPIRED')) return c.json({ error: 'AUTH_CODE_EXPIRED' }, 401);
    if (isGoPayError(error, 'INVALID_ARGUMENT')) return c.json({ error: 'INVALID_ARGUMENT' }, 400);
    return c.json({ error: 'GOPAY_UNAVAILABLE' }, 502);
  }
});

app.post('/api/gopay/pay', async (c) => {
  const { snap } = gopayClients(c.env);
  const session = await sessions.fromCookie(c.req.header('cookie'));
  const order = await orders.create(session, (await c.req.json()).items);
  const { deeplink } = await snap.createPayment(
    {
      partnerReferenceNo: order.id,
      amount: { value: order.total.toFixed(2), currency: 'IDR' },
      additionalInfo: { pointOfPurchaseId: c.env.GOPAY_POP_ID },
    },
    { externalId: order.id },
  );
  return c.json({ orderId: order.id, deeplink });
});

app.post('/v1.0/debit/notify', async (c) => {
  try {
    const notification = await verifyNotification(c.req.raw, { publicKey: c.env.GOPAY_NOTIFICATION_PUBLIC_KEY });
    const { originalPartnerReferenceNo, originalReferenceNo, latestTransactionStatus } = notification;
    if (await handled.add(`${originalReferenceNo}:${latestTransactionStatus}`)) {
      await orders.setStatus(originalPartnerReferenceNo!, latestTransactionStatus);
    }
    return c.json(NOTIFICATION_ACK);
  } catch (error) {
    if (isGoPayError(error, 'INVALID_SIGNATURE')) return c.json({ responseCode: '4015600', responseMessage: 'Unauthorized' }, 401);
    return c.json({ responseCode: '5005600', responseMessage: 'General Error' }, 500);
  }
});

export default app;
