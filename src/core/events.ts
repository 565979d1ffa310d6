import EventEmitter from 'eventemitter3';
import { parse } from './envelope';
import type { GoPayError } from '../errors/GoPayError';
import type { CompassReading, MotionReading, SaveFileResult, ShakeReading } from './types';
import { checkFunction, checkString } from '../shared/checks';

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

/** A listener of `event`, typed by the event map. */
export type GoPayListener<E extends GoPayEventName> = (...args: GoPayEvents[E]) => void;

/** `gp.on`: subscribes, and returns `unsubscribe()`, which removes exactly this subscription. */
export type Subscribe = <E extends GoPayEventName>(event: E, listener: GoPayListener<E>) => () => void;

/**
 * The payload of a bridge event: `detail` (GPFile samples), `param` (an older sample), else the event; JSON text
 * (GoPay app versions below 2.00) parsed.
 */
export function eventPayload(event: Event): unknown {
  return parse((event as CustomEvent).detail ?? (event as { param?: unknown }).param ?? event);
}

/**
 * The bus behind `gp.on`, on eventemitter3. Two of its traps are closed here: `off(event, fn)` removes every
 * registration of `fn`, so each subscription registers its own wrapper and removes only that; and `emit` lets a
 * throwing listener break the emit, so the wrapper catches and rethrows on its own task, where the error is
 * still reported but breaks neither the call being reported nor the other listeners.
 * Names with a dot are the bridge's document events, forwarded from `target()` (the document, or a bridge that
 * is an EventTarget) while they have at least one subscriber.
 */
export function createEvents(target: () => EventTarget | undefined) {
  const bus = new EventEmitter<string>();
  const forwarders = new Map<string, (event: Event) => void>();

  const on: Subscribe = (event, listener) => {
    checkString(event, 'on(event)');
    checkFunction(listener, 'on(event, listener)');
    const wrapper = (...args: unknown[]) => {
      try {
        (listener as (...args: unknown[]) => void)(...args);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    };
    const source = event.includes('.') ? target() : undefined;
    if (source && !bus.listenerCount(event)) {
      const forward = (e: Event) => bus.emit(event, eventPayload(e));
      forwarders.set(event, forward);
      source.addEventListener(event, forward);
    }
    bus.on(event, wrapper);
    // Idempotent without a flag: removing the wrapper again removes nothing, and the forwarder goes with the last.
    return () => {
      bus.off(event, wrapper);
      const forward = forwarders.get(event);
      if (source && forward && !bus.listenerCount(event)) {
        source.removeEventListener(event, forward);
        forwarders.delete(event);
      }
    };
  };

  // Only the client emits, on `bus`; users subscribe through `on`.
  return { on, bus };
}
