// SNAP's transaction statuses, in the words of Midtrans's "Get Transaction Status API" and "Payment Notification API"
// pages: the one table the server's types and the mock server's answers are read from.
export const SNAP_STATUSES = {
  '00': 'Success',
  '01': 'Initiated',
  '03': 'Pending',
  '04': 'Refunded',
  '05': 'Canceled',
  '06': 'Failure',
  '07': 'Not Found',
  '08': 'Expiry',
  '09': 'Rejected',
} as const;

/** A `latestTransactionStatus`; its words for a message, or the code itself when it is not one of GoPay's. */
export function describeStatus(status: string): string {
  return Object.prototype.hasOwnProperty.call(SNAP_STATUSES, status) ? SNAP_STATUSES[status as keyof typeof SNAP_STATUSES] : status;
}
