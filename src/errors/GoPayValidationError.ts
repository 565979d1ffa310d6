import { GoPayError } from './GoPayError';

/** An argument failed the SDK's own checks; the bridge was not called. The message names the field. */
export class GoPayValidationError extends GoPayError {
  override name = 'GoPayValidationError';
  declare readonly code: 'INVALID_ARGUMENT';

  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}
