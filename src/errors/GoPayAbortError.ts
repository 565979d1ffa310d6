import { GoPayError, where, type GoPayErrorDetails } from './GoPayError';

/** The call's `signal` was aborted; `cause` holds the signal's reason. */
export class GoPayAbortError extends GoPayError {
  override name = 'GoPayAbortError';
  declare readonly code: 'ABORTED';

  constructor(details?: GoPayErrorDetails) {
    super('ABORTED', `${where(details)} call aborted`, details);
  }
}
