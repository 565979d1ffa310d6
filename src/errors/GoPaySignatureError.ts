import { GoPayError } from './GoPayError';

/** A notification's signature or timestamp did not verify (`verifyNotification`): do not trust its body. */
export class GoPaySignatureError extends GoPayError {
  override name = 'GoPaySignatureError';
  declare readonly code: 'INVALID_SIGNATURE';

  constructor(message: string) {
    super('INVALID_SIGNATURE', message);
  }
}
