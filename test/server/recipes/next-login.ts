// app/api/gopay/login/route.ts
import { gopay } from '@/lib/gopay';
import { isGoPayError } from 'gopay-miniapp-kit/server';

export async function POST(request: Request) {
  const { authCode } = await request.json();
  try {
    const { auth_token, gopay_account_id } = await gopay.getAuthToken(authCode);
    const profile = await gopay.getProfile(auth_token);
    const session = await sessions.create({ gopayAccountId: gopay_account_id, authToken: auth_token, name: profile.name });
    return Response.json(
      { name: profile.name },
      { headers: { 'Set-Cookie': `sid=${session.id}; HttpOnly; Secure; SameSite=Lax; Path=/` } },
    );
  } catch (error) {
    // The browser's withAuthCode retries once with a fresh code when it sees this answer.
    if (isGoPayError(error, 'AUTH_CODE_EXPIRED')) return Response.json({ error: 'AUTH_CODE_EXPIRED' }, { status: 401 });
    if (isGoPayError(error, 'INVALID_ARGUMENT')) return Response.json({ error: 'INVALID_ARGUMENT' }, { status: 400 });
    return Response.json({ error: 'GOPAY_UNAVAILABLE' }, { status: 502 });
  }
}
