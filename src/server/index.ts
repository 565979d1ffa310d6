// The public API of `gopay-miniapp-kit/server` (the merchant's backend). Never imported by a browser entry.
export { GoPayError, isGoPayError } from '../errors/GoPayError';
export type { GoPayErrorCode } from '../errors/GoPayError';
export { GoPayApiError } from '../errors/GoPayApiError';
export type { GoPayApiErrorDetails } from '../errors/GoPayApiError';
export { GoPaySignatureError } from '../errors/GoPaySignatureError';
export { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
export { GoPayTimeoutError } from '../errors/GoPayTimeoutError';
export { GoPayAbortError } from '../errors/GoPayAbortError';
export { GoPayValidationError } from '../errors/GoPayValidationError';
