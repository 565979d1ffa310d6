import { GoPayError, type GoPayErrorDetails } from './GoPayError';

/**
 * The auth code is (or was reported) expired or unknown. Throw it from your `withAuthCode` callback when
 * your backend rejects the code, and the SDK retries once with a fresh one.
 */
export class GoPayAuthCodeExpiredError extends GoPayError {
  override name = 'GoPayAuthCodeExpiredError';
  declare readonly code: 'AUTH_CODE_EXPIRED';

  constructor(message = 'Auth code expired or rejected: get a fresh one', details?: GoPayErrorDetails) {
    super('AUTH_CODE_EXPIRED', message, details);
  }
}
