// The two requests the mock bridge sends to a mock GoPay server (its `server` option), which answers them with CORS
// for localhost pages: an auth code its token endpoint will accept, and the user's answer to a payment, which it turns
// into the signed notification for the merchant's backend.
import type { MockPaymentStatus } from './options';

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type AuthCodeOutcome = { authCode: string } | { problem: string };

/**
 * `POST {server}/mock/auth-codes` with `{}` → `{ authCode, expiresIn }`. Never throws: a network error, a non-2xx
 * answer or an answer without a code is a `problem` that names the server (the code itself is never in it).
 */
export async function requestAuthCode(server: string): Promise<AuthCodeOutcome> {
  const url = `${server}/mock/auth-codes`;
  let response: Response;
  try {
    response = await post(url, {});
  } catch (error) {
    return { problem: `The mock GoPay server at ${server} could not be reached (${describe(error)}): is it running?` };
  }
  if (!response.ok) {
    // Read to the end, so that Node's fetch frees the connection.
    await response.text().catch(() => '');
    return { problem: `The mock GoPay server at ${server} answered POST /mock/auth-codes with HTTP ${response.status}` };
  }
  const answer: unknown = await response.json().catch(() => undefined);
  const authCode = answer && typeof answer === 'object' ? (answer as { authCode?: unknown }).authCode : undefined;
  if (typeof authCode !== 'string' || !authCode) {
    return { problem: `The mock GoPay server at ${server} answered POST /mock/auth-codes without an authCode` };
  }
  return { authCode };
}

/**
 * `POST {server}/mock/payments/report` with `{ deeplink, status }`, waited for. A failure does not change what the
 * app is told (the user did choose), but it is said loudly: the merchant's backend will get no notification.
 */
export async function reportPayment(server: string, deeplink: string, status: MockPaymentStatus): Promise<void> {
  const url = `${server}/mock/payments/report`;
  let problem: string;
  try {
    const response = await post(url, { deeplink, status });
    const text = await response.text().catch(() => '');
    if (response.ok) return;
    problem = `it answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  } catch (error) {
    problem = `it could not be reached (${describe(error)})`;
  }
  console.warn(
    `[gopay-miniapp-kit] The mock bridge could not report the payment "${status}" to the mock GoPay server (POST ${url}): ${problem}. ` +
      `The merchant backend will not get a payment notification for ${deeplink}.`,
  );
}
