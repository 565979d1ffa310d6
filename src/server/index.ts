// The public API of `gopay-miniapp-kit/server` (the merchant's backend). Never imported by a browser entry.
// Only fetch and WebCrypto: Node 18+, Deno, Bun and edge workers.
export { createGoPayServer } from './mini-app';
export { createSnapClient } from './snap';
export { verifyNotification, NOTIFICATION_ACK } from './notification';
export { snapTimestamp } from '../shared/snap-crypto';
export type { NotificationInput, VerifyNotificationOptions } from './notification';
export type {
  AuthTokenResult,
  CallOptions,
  GoPayEnvelope,
  GoPayServer,
  GoPayServerOptions,
  PushNotification,
  Reminder,
  ReminderResult,
  Reward,
  RewardResult,
  TransportClientOptions,
  UserProfile,
} from './mini-app-types';
export type { PaymentCallOptions, SnapClient, SnapClientOptions, TokenStore } from './snap-types';
export type {
  SnapAmount,
  SnapCancelRequest,
  SnapCancelResult,
  SnapPayOption,
  SnapPaymentBody,
  SnapPaymentResult,
  SnapRefund,
  SnapRefundRequest,
  SnapRefundResult,
  SnapStatusQuery,
  SnapStatusResult,
  SnapTransactionStatus,
  SnapUrlParam,
} from './snap-payment-types';
export type { SnapNotification } from './snap-notification-types';
export { GoPayError, isGoPayError } from '../errors/index';
export type { GoPayErrorCode } from '../errors/index';
export { GoPayApiError } from '../errors/GoPayApiError';
export type { GoPayApiErrorDetails } from '../errors/GoPayApiError';
export { GoPaySignatureError } from '../errors/GoPaySignatureError';
export { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
export { GoPayTimeoutError } from '../errors/GoPayTimeoutError';
export { GoPayAbortError } from '../errors/GoPayAbortError';
export { GoPayValidationError } from '../errors/GoPayValidationError';
