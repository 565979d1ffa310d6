// lib/gopay.ts — imported by route handlers only, so it stays on the server.
import { createGoPayServer, createSnapClient } from 'gopay-miniapp-kit/server';

export const gopay = createGoPayServer({ credentials: process.env.GOPAY_CREDENTIALS! });
export const snap = createSnapClient({
  clientId: process.env.GOPAY_CLIENT_ID!,
  clientSecret: process.env.GOPAY_CLIENT_SECRET!,
  privateKey: process.env.GOPAY_PRIVATE_KEY!,
  merchantId: process.env.GOPAY_MERCHANT_ID!,
});
