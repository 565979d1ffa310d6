// One caller's wait for shared work, bounded by this caller's timeout and signal, which end this wait only: the page's
// `send`, sensors and saveFile, and the server's wait for its access token. A timer and an AbortSignal, nothing else
// (no `node:` import, no window), so that both the browser and the server entries can use it.
import { GoPayAbortError } from '../errors/GoPayAbortError';
import { GoPayTimeoutError } from '../errors/GoPayTimeoutError';

/** What bounds one caller's wait: the call its errors name, and the caller's own timeout and signal. */
export interface WaitBounds {
  className: string;
  methodName: string;
  /** Milliseconds; `false`, `0` or none: no timer. */
  timeout?: number | false;
  signal?: AbortSignal;
}

/** Told the GoPayTimeoutError a wait ends with, before it is thrown: to say more in its message, or add fields. */
export type OnTimeout = (error: GoPayTimeoutError) => void;

// One settled promise for every timer's check; made on first use, not at import.
let resolved: Promise<void> | undefined;

/**
 * Ends a wait by calling `end` with a GoPayAbortError when `signal` aborts (at once if it already has), or with a
 * GoPayTimeoutError after `timeout` ms; returns what removes its timer and listener (ending the wait does too). The
 * timer is armed a microtask later, so that work that ends at once or on a microtask (a bridge that answers at once,
 * a test fake) costs no timer at all; for real work the difference is nil. A promise reaction, not queueMicrotask:
 * Node wraps each queueMicrotask callback in an AsyncResource.
 */
export function limit({ className, methodName, timeout, signal }: WaitBounds, end: (error: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active = true;
  const release = () => {
    if (!active) return;
    active = false;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (error: unknown) => {
    release();
    end(error);
  };
  const onAbort = () => fail(new GoPayAbortError({ className, methodName, cause: signal!.reason }));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort);
  if (timeout && active) {
    resolved ||= Promise.resolve();
    resolved.then(() => {
      if (active) timer = setTimeout(() => fail(new GoPayTimeoutError(timeout, { className, methodName })), timeout);
    });
  }
  return release;
}

/**
 * One caller's wait for work it shares with others (a sensor's start, the previous save, the server's token
 * request): settles as `shared` does, or earlier with the caller's own timeout or abort, which end this wait only,
 * never the shared work.
 * @param onTimeout told the timeout error first (the server says that nothing was sent, and names the request).
 */
export function waitFor<T>(shared: Promise<T>, bounds: WaitBounds, onTimeout?: OnTimeout): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const release = limit(
      bounds,
      onTimeout
        ? (error) => {
            if (error instanceof GoPayTimeoutError) onTimeout(error);
            reject(error);
          }
        : reject,
    );
    shared.then(resolve, reject).finally(release);
  });
}
