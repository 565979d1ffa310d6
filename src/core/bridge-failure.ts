// A failure the bridge answered, as a GoPayBridgeError with auth codes, tokens and base64 data redacted from its
// message, `response` and `cause` — here, so that the error classes stay free of the SDK's helpers.
import { GoPayBridgeError } from '../errors/GoPayBridgeError';
import type { GoPayErrorDetails } from '../errors/GoPayError';
import { redact } from './redact';

export function bridgeFailure(bridgeMessage: string | undefined, details: GoPayErrorDetails = {}): GoPayBridgeError {
  const { cause } = details;
  // An Error the bridge threw is kept unless its message names a secret: then a copy with the message redacted.
  const message = cause instanceof Error && (redact(cause.message) as string);
  return new GoPayBridgeError(bridgeMessage ? (redact(String(bridgeMessage)) as string) : undefined, {
    ...details,
    response: redact(details.response),
    cause: message && message !== (cause as Error).message ? new Error(message) : cause,
  });
}
