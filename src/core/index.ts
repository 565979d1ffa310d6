// The public API, named one by one: nothing else in src/ is part of the contract.
export { createGoPay } from './create-gopay';
export type { GoPay } from './gopay-interface';
export type { GoPayOptions } from './options';
export { VERSION } from './constants';
export { toPaymentDeeplink } from '../shared/payment-deeplink';
export { isAuthCodeExpired } from './auth-code';
export { GoPayError, isGoPayError } from '../errors/index';
export type { GoPayErrorCode, GoPayErrorDetails, GoPayErrorOf } from '../errors/index';
export { GoPayTimeoutError } from '../errors/GoPayTimeoutError';
export { GoPayAbortError } from '../errors/GoPayAbortError';
export { GoPayUnavailableError } from '../errors/GoPayUnavailableError';
export type { UnavailableReason } from '../errors/GoPayUnavailableError';
export { GoPayAuthCodeExpiredError } from '../errors/GoPayAuthCodeExpiredError';
export { GoPayBridgeError } from '../errors/GoPayBridgeError';
export type { BridgeErrorCode } from '../errors/GoPayBridgeError';
export { GoPayValidationError } from '../errors/GoPayValidationError';
export type { DebugOption } from './report';
export type { CallEvent, GoPayEventName, GoPayEvents, SettleEvent } from './events';
export type {
  AppLocale,
  AuthCode,
  BankAccountTokenResult,
  BridgeEnvelope,
  CallOptions,
  CompassReading,
  ConsentResult,
  ConsentScope,
  GpContainer,
  GyroWatchOptions,
  IntervalWatchOptions,
  LocationParams,
  LocationResult,
  MotionReading,
  NavigationBarParams,
  PaymentResult,
  PaymentStatus,
  PhotoResult,
  ProbeOptions,
  RootedDeviceInfo,
  SaveFileParams,
  SaveFileResult,
  SensorInterval,
  ShakeReading,
  ShakeWatchOptions,
  StopWatching,
  SystemInfo,
  TakePhotoParams,
  TrackEventMetaData,
  WifiInfo,
  WithAuthCodeOptions,
} from './types';
