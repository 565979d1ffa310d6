// Reading SNAP's answers: success is HTTP 2xx with a responseCode starting 200; "token invalid" is a 401 with the
// BI-SNAP token case codes; anything else becomes a GoPayApiError with its texts redacted.
import { GoPayApiError } from '../errors/GoPayApiError';
import { isRetryableStatus, label, type HttpAnswer, type HttpRequest } from './http';
import { redact, redactText } from './redact';

/** SNAP's answer that the access token is invalid or expired: 401 + service code + 01 (Invalid Token) or 03 (Token Not Found). */
export function isInvalidToken(answer: HttpAnswer): boolean {
  const { responseCode, responseMessage } = (answer.body ?? {}) as { responseCode?: unknown; responseMessage?: unknown };
  if (typeof responseCode !== 'string') return false;
  // The generic "Unauthorized" (…00) is only a token problem when its message says so; else it is the signature.
  return /^401\d\d0[13]$/.test(responseCode) || (/^401\d\d00$/.test(responseCode) && /token/i.test(String(responseMessage)));
}

export function isSuccess(answer: HttpAnswer): boolean {
  const code = (answer.body as { responseCode?: unknown } | undefined)?.responseCode;
  return answer.status >= 200 && answer.status < 300 && typeof code === 'string' && code.startsWith('200');
}

/** The error of a SNAP answer that is not a success; body and texts redacted. */
export function snapError(answer: HttpAnswer, request: HttpRequest, className: string): GoPayApiError {
  const body = answer.body as { responseCode?: unknown; responseMessage?: unknown } | undefined;
  const responseCode = typeof body?.responseCode === 'string' ? body.responseCode : undefined;
  const description = typeof body?.responseMessage === 'string' ? redactText(body.responseMessage, request.secrets) : undefined;
  const said =
    [responseCode, description].filter(Boolean).join(' ') || (body === undefined ? 'an answer that is not JSON' : 'no responseCode');
  return new GoPayApiError(
    `${className}.${request.methodName}: GoPay answered HTTP ${answer.status}: ${said} (POST ${request.path}${label(request)}).`,
    {
      status: answer.status,
      body: body === undefined ? redactText(answer.text.slice(0, 1000), request.secrets) || undefined : redact(body, request.secrets),
      description,
      responseCode,
      requestId: request.requestId || undefined,
      retryable: isRetryableStatus(answer.status),
    },
  );
}
