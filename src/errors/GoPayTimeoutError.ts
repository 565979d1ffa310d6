import { GoPayError, where, type GoPayErrorDetails } from './GoPayError';

/** The bridge did not answer within `timeout` ms. The call may still complete on the phone. */
export class GoPayTimeoutError extends GoPayError {
  override name = 'GoPayTimeoutError';
  declare readonly code: 'TIMEOUT';
  /** From a server call: its `Request-Id` or `X-EXTERNAL-ID` (ask `getPaymentStatus({ originalExternalId })` with it). */
  declare readonly requestId?: string;

  constructor(
    readonly timeout: number,
    details?: GoPayErrorDetails,
  ) {
    // Outside the GoPay app the bridge may never answer: that is the usual cause.
    super('TIMEOUT', `${where(details)}: no answer in ${timeout} ms. Outside GoPay, use the mock bridge.`, details);
  }
}
