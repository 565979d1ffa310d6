// SNAP's transaction statuses, in the words of Midtrans's "Get Transaction Status API" and "Payment Notification API"
// pages: the one table the server's types and the mock server's answers are read from.
import { own } from './checks';

/**
 * `latestTransactionStatus`: `00` success, `01` initiated, `03` pending, `04` refunded (fully or partly), `05`
 * canceled, `06` failed, `07` not found, `08` expired, `09` rejected.
 */
export type SnapTransactionStatus = '00' | '01' | '03' | '04' | '05' | '06' | '07' | '08' | '09';

export const SNAP_STATUSES: Readonly<Record<SnapTransactionStatus, string>> = {
  '00': 'Success',
  '01': 'Initiated',
  '03': 'Pending',
  '04': 'Refunded',
  '05': 'Canceled',
  '06': 'Failure',
  '07': 'Not Found',
  '08': 'Expiry',
  '09': 'Rejected',
};

/** A `latestTransactionStatus`; its words for a message, or the code itself when it is not one of GoPay's. */
export function describeStatus(status: string): string {
  return (own(SNAP_STATUSES, status) as string | undefined) ?? status;
}
