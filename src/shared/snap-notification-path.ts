// The path Midtrans signs on a payment notification: it appends `/v1.0/debit/notify` to the URL the merchant
// registered and signs that relative path ("Core API SNAP overview"; the official clients verify `/v1.0/debit/notify`).
// The mock server signs with it and verifyNotification checks with it: one reading of the rule for both.

/** The signed part of a notification's path: from its last `/v1.0/` segment on (the appended one), else all of it. */
export function signedNotificationPath(path: string): string {
  const at = path.lastIndexOf('/v1.0/');
  return at > 0 ? path.slice(at) : path;
}
