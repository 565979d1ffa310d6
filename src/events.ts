import type { GoPayError } from './errors/GoPayError';
import type { CompassReading, MotionReading, SaveFileResult, ShakeReading } from './types';

/** The document events the bridge fires, by the names GoPay documents. */
export const BRIDGE_EVENTS = {
  compass: 'GPMotion.Event.compass',
  accelerometer: 'GPMotion.Event.accelerometer',
  gyro: 'motion.gyro',
  shake: 'motion.shake',
  saveSuccess: 'GPFile.Event.saveSuccess',
  saveFailed: 'GPFile.Event.saveFailed',
} as const;

/** Emitted before a call is sent to the bridge. Secrets in `params` are redacted. */
export interface CallEvent {
  className: string;
  methodName: string;
  params: Record<string, unknown>;
}

/** Emitted when a call settles. Auth codes, tokens and base64 data in `result` are redacted. */
export interface SettleEvent extends CallEvent {
  ok: boolean;
  /** Milliseconds from the call to its outcome. */
  ms: number;
  result?: unknown;
  error?: GoPayError;
}

/** Every event `gp.on()` accepts, with its listener's arguments. */
export interface GoPayEvents {
  /** The bridge is loaded (once per client). */
  ready: [];
  call: [CallEvent];
  settle: [SettleEvent];
  'GPMotion.Event.compass': [CompassReading];
  'GPMotion.Event.accelerometer': [MotionReading];
  'motion.gyro': [MotionReading];
  'motion.shake': [ShakeReading];
  'GPFile.Event.saveSuccess': [SaveFileResult];
  'GPFile.Event.saveFailed': [SaveFileResult];
}

export type GoPayEventName = keyof GoPayEvents;

/** The payload of a bridge event: `detail` (GPFile samples), `param` (an older sample), else the event. */
export const eventPayload = (event: Event): unknown =>
  (event as CustomEvent).detail ?? (event as { param?: unknown }).param ?? event;
