import { readAnswer } from './envelope';
import { GoPayAbortError } from './errors/GoPayAbortError';
import { GoPayBridgeError } from './errors/GoPayBridgeError';
import { GoPayTimeoutError } from './errors/GoPayTimeoutError';
import type { GpContainer } from './types';

export type Finish = (ok: boolean, value: unknown) => void;

// One settled promise for every call's timer check; made on first use, not at import.
let resolved: Promise<void> | undefined;

/** How a call is answered, beyond the bridge's envelope. */
export interface How {
  /** The user is involved (a sheet, a prompt, the payment screen): no default timeout. */
  interactive?: unknown;
  /** Resolve with `data` alone (`call()`); typed methods also read the fields GoPay puts beside it. */
  raw?: boolean;
  /** Keeps the call open after the bridge's answer, until `finish` is called (GPFile.save's events). Returns its clean-up. */
  until?: (finish: Finish) => () => void;
  /** Turns the bridge's data into what the promise resolves with; a throw rejects it. */
  map?: (data: Record<string, unknown>) => unknown;
  /** Told once, right after the promise settled, either way (the auth-code guard forgets its shared call). */
  settled?: () => void;
}

/**
 * One bridge call as a promise that settles exactly once, whatever the bridge does: answers late, twice, through
 * both callbacks, with a malformed payload, or throws. Its timer and abort listener are gone once it settles.
 * `report` is told the outcome once, after the promise has settled: the bridge's data (before `map`), or the error.
 * Hot path: nothing is allocated beyond the promise, its callbacks and, when the bridge does not answer at once,
 * one timer.
 */
export const invoke = <T>(
  source: GpContainer | Promise<GpContainer>,
  className: string,
  methodName: string,
  params: Record<string, unknown>,
  timeout: number | false,
  signal: AbortSignal | undefined,
  how: How,
  report?: Finish,
): Promise<T> =>
  new Promise((resolve, reject) => {
    const { until, map } = how;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detach: (() => void) | undefined;
    const finish: Finish = (ok, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort!);
      detach?.();
      let result = value;
      if (ok && map) {
        try {
          result = map(value as Record<string, unknown>);
        } catch (error) {
          ok = false;
          result = value = error;
        }
      }
      (ok ? resolve : reject)(result as T);
      how.settled?.();
      report?.(ok, value);
    };
    const onAbort = signal && (() => finish(false, new GoPayAbortError({ className, methodName, cause: signal.reason })));
    // Native code calls these: nothing may be thrown back into it.
    const answer = (raw: unknown, viaFailure: boolean) => {
      if (done) return;
      try {
        const value = readAnswer(raw, viaFailure, className, methodName, !how.raw);
        const ok = !(value instanceof GoPayBridgeError);
        if (!ok || !until) finish(ok, value);
      } catch (error) {
        finish(false, new GoPayBridgeError('unreadable answer', { className, methodName, response: raw, cause: error }));
      }
    };
    const send = (container: GpContainer) => {
      if (done) return;
      try {
        container.call(
          className,
          methodName,
          params,
          (raw) => answer(raw, false),
          (raw) => answer(raw, true),
          timeout || undefined,
        );
      } catch (thrown) {
        // Some bridges throw plain objects shaped like a failure envelope.
        finish(
          false,
          thrown instanceof Error
            ? new GoPayBridgeError(thrown.message, { className, methodName, cause: thrown })
            : readAnswer(thrown, true, className, methodName),
        );
      }
    };

    if (onAbort) {
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort);
    }
    // Subscribe before calling, so that an early event is not missed.
    if (until) detach = until(finish);
    if (source instanceof Promise) source.then(send, (error) => finish(false, error));
    else send(source);
    // The timer is armed a microtask later, so that a bridge that answers at once or on a microtask (a stand-in, a
    // test fake) costs no timer at all; for a real bridge that answers from native code the difference is nil.
    // A promise reaction, not queueMicrotask: Node wraps each queueMicrotask callback in an AsyncResource.
    if (timeout && !done) {
      (resolved ||= Promise.resolve()).then(() => {
        if (!done) timer = setTimeout(() => finish(false, new GoPayTimeoutError(timeout, { className, methodName })), timeout);
      });
    }
  });
