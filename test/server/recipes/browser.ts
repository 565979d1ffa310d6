// The page: withAuthCode retries once with a fresh code when your backend says the code expired.
import { createGoPay, GoPayAuthCodeExpiredError } from 'gopay-miniapp-kit';

const gp = createGoPay();

export const login = () =>
  gp.withAuthCode(async (authCode) => {
    const res = await fetch('/api/gopay/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ authCode }),
    });
    const body = await res.json();
    if (res.status === 401 && body.error === 'AUTH_CODE_EXPIRED') throw new GoPayAuthCodeExpiredError();
    if (!res.ok) throw new Error(`Login failed: ${body.error}`);
    return body as { name: string };
  });

export const pay = async (items: unknown) => {
  const res = await fetch('/api/gopay/pay', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  const { orderId, deeplink } = await res.json();
  const { status } = await gp.launchPayment(deeplink); // a hint only: the notification confirms
  return { orderId, status };
};
