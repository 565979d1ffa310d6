import type { GoPayError } from './errors/GoPayError';
import type { CompassReading, MotionReading, SaveFileResult, ShakeReading } from './types';

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

/** Every event `gp.on()` accepts, with its listener's arguments. Names with a dot are the bridge's document events. */
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
export const eventPayload = (event: Event): unknown => (event as CustomEvent).detail ?? (event as { param?: unknown }).param ?? event;

type Listener = (...args: any[]) => void;

/**
 * A mitt-sized emitter: `emit` walks a copy, so a listener may unsubscribe itself, and a listener that throws
 * breaks neither the caller nor the other listeners: its error is rethrown on its own task.
 */
export const createEmitter = () => {
  const all: Record<string, Listener[]> = {};
  return {
    on: (event: string, listener: Listener) => void (all[event] ||= []).push(listener),
    off: (event: string, listener: Listener) => void all[event]!.splice(all[event]!.indexOf(listener), 1),
    count: (event: string) => all[event]?.length || 0,
    emit(event: string, ...args: unknown[]) {
      for (const listener of all[event]?.slice() || []) {
        try {
          listener(...args);
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    },
  };
};
