import type EventEmitter from 'eventemitter3';
import type { GoPayError } from '../errors/GoPayError';
import type { SettleEvent } from './events';
import { redact } from './redact';

/** `debug: true` prints each settled call through `console.debug`; a function receives each entry instead. */
export type DebugOption = boolean | ((entry: SettleEvent) => void);

/** Told a call's outcome once: the bridge's data (before it is turned into the result), or the error. */
export type Settle = (ok: boolean, value: unknown) => void;

/** What `debug: true` prints. */
export function logToConsole(entry: SettleEvent) {
  console.debug(`[gopay] ${entry.className}.${entry.methodName} ${entry.ok ? 'ok' : entry.error!.code} ${entry.ms}ms`, entry);
}

/**
 * Reports calls to `call` and `settle` listeners (debug is one of them). Returns, per call, what to tell of its
 * outcome; nothing when nobody listens, so that a call with no listener builds nothing.
 */
export function createReporter(bus: EventEmitter<string>) {
  return (className: string, methodName: string, params: Record<string, unknown>): Settle | undefined => {
    if (!bus.listenerCount('call') && !bus.listenerCount('settle')) return undefined;
    const started = Date.now();
    const call = { className, methodName, params: redact(params) as Record<string, unknown> };
    bus.emit('call', call);
    return (ok, value) => {
      const entry: SettleEvent = { ...call, ok, ms: Date.now() - started };
      if (ok) entry.result = redact(value);
      else entry.error = value as GoPayError;
      bus.emit('settle', entry);
    };
  };
}
