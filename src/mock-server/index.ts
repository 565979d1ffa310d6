// The public API of `gopay-miniapp-kit/mock-server`: a local stand-in for GoPay's backend (development only).
export { createMockGoPayServer } from './create';
export type {
  MockGoPayServer,
  MockGoPayServerOptions,
  MockMerchant,
  MockNotification,
  MockNotificationAttempt,
  MockNotificationHeaders,
  MockPayment,
  MockPaymentOutcome,
  MockRefund,
  MockServerRequest,
  MockSignNotificationOptions,
} from './types';
