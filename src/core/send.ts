import { readAnswer } from './envelope';
import { GoPayAbortError } from '../errors/GoPayAbortError';
import { GoPayBridgeError } from '../errors/GoPayBridgeError';
import { bridgeFailure } from './bridge-failure';
import { isGoPayError } from '../errors/index';
import { GoPayTimeoutError } from '../errors/GoPayTimeoutError';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { readCallOptions, type ResolvedOptions } from './options';
import type { Settle } from './report';
import type { CallOptions, GpContainer } from './types';
import { checkObject, checkString, own } from '../shared/checks';

export type Params = Record<string, unknown>;

/** What a method asks of the bridge; `send` adds the caller's per-call options. */
export interface MethodCall<T> {
  className: string;
  methodName: string;
  /** The params, or a function that builds and checks them from the caller's arguments (a throw rejects the call). */
  params?: Params | (() => Params);
  /**
   * `call()`: the names and params are the caller's own (checked), and it resolves with `data` alone; typed methods
   * also read the fields GoPay puts beside it.
   */
  dataOnly?: boolean;
  /**
   * Turns the bridge's data into what the promise resolves with; a throw rejects it. None: resolve with the data. It
   * is given the call, to name it in an error.
   */
  result?: (data: Params, call: MethodCall<T>) => T;
  /**
   * The timeout when the caller gives none; none here: the client's. `false` for interactive calls, where the user is
   * involved (a sheet, a prompt, the payment screen, another app) and may take any time.
   */
  timeout?: number | false;
  /**
   * Keeps the call open after the bridge's answer, until `settle` is called (GPFile.save answers through document
   * events). Subscribed before the call is sent; returns its clean-up, run on every outcome.
   */
  awaitEvents?: (settle: Settle) => () => void;
  /** Work this call waits for before it is sent (the previous save), within its own timeout and signal. */
  after?: Promise<unknown>;
  /** Told once, right after the promise settled, either way (the auth-code guard forgets its shared call). */
  onSettled?: () => void;
}

/** Sends one call with the caller's per-call options (`{ timeout?, signal? }`); never throws: a bad argument rejects. */
export type Send = <T = Params>(call: MethodCall<T>, opts?: unknown) => Promise<T>;

/**
 * What a throw while checking arguments becomes: a GoPayError stays as it is; anything else (a getter that throws,
 * a value no check foresaw) is still the caller's argument at fault, so a GoPayValidationError that says so.
 */
function asValidationError(error: unknown) {
  return isGoPayError(error) ? error : new GoPayValidationError(`An argument could not be read: ${String((error as Error)?.message)}`);
}

/** Runs a method's own argument checks (those `send` does not run); whatever they throw is a GoPayError. */
export function validated<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw asValidationError(error);
  }
}

// One settled promise for every call's timer check; made on first use, not at import.
let resolved: Promise<void> | undefined;

/**
 * Ends a wait with a GoPayAbortError when `signal` aborts (at once if it already has) or a GoPayTimeoutError after
 * `timeout` ms, by calling `end`; returns what removes its timer and listener. The timer is armed a microtask later,
 * so that a bridge that answers at once or on a microtask (a stand-in, a test fake) costs no timer at all; for a
 * real bridge that answers from native code the difference is nil. A promise reaction, not queueMicrotask: Node
 * wraps each queueMicrotask callback in an AsyncResource.
 */
function limit(className: string, methodName: string, { timeout, signal }: CallOptions, end: (error: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active = true;
  const release = () => {
    if (!active) return;
    active = false;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  // Ending the wait releases it too.
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
 * `send`: one bridge call as a promise that settles exactly once, whatever the bridge does: answers late, twice,
 * through both callbacks, with a malformed payload, or throws. Its timer and abort listener are gone once it
 * settles. Arguments are checked first: a bad one rejects before the bridge is loaded or called.
 */
export function createSend(
  config: ResolvedOptions,
  connect: () => GpContainer | Promise<GpContainer>,
  reporter: (className: string, methodName: string, params: Params) => Settle | undefined,
): Send {
  return <T>(call: MethodCall<T>, opts?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const { className, methodName, result, awaitEvents } = call;
      let done = false;
      let release: (() => void) | undefined;
      let detach: (() => void) | undefined;

      const settle: Settle = (ok, value) => {
        if (done) return;
        done = true;
        release?.();
        detach?.();
        let outcome = value;
        if (ok && result) {
          try {
            outcome = result(value as Params, call);
          } catch (error) {
            ok = false;
            outcome = error;
            value = error;
          }
        }
        if (ok) resolve(outcome as T);
        else reject(outcome);
        call.onSettled?.();
        report?.(ok, value);
      };

      // Native code calls these: nothing may be thrown back into it.
      const answer = (raw: unknown, viaFailure: boolean) => {
        if (done) return;
        try {
          const outcome = readAnswer(raw, viaFailure, className, methodName, !call.dataOnly);
          if (outcome instanceof GoPayBridgeError) settle(false, outcome);
          else if (!awaitEvents) settle(true, outcome);
        } catch (error) {
          settle(false, bridgeFailure('unreadable answer', { className, methodName, response: raw, cause: error }));
        }
      };

      let params: Params;
      let options: CallOptions;
      try {
        options = readCallOptions(opts);
        params = typeof call.params === 'function' ? call.params() : call.params || {};
        if (call.dataOnly) {
          checkString(className, 'className');
          checkString(methodName, 'methodName');
          checkObject(params, 'params');
        }
      } catch (error) {
        // Nothing was sent, so nothing else can settle the call.
        call.onSettled?.();
        return reject(asValidationError(error));
      }
      // Own fields only: Object.prototype may carry a `timeout` (see readCallOptions).
      const { timeout = (own(call, 'timeout') as number | false | undefined) ?? config.timeout, signal } = options;

      const send = (container: GpContainer) => {
        if (done) return;
        // Subscribe before calling, so that an early event is not missed.
        if (awaitEvents) detach = awaitEvents(settle);
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
          // Some bridges throw plain objects shaped like a failure envelope: read as one.
          if (thrown instanceof Error) settle(false, bridgeFailure(thrown.message, { className, methodName, cause: thrown }));
          else answer(thrown, true);
        }
      };

      // An aborted call never starts a load: nobody would wait for it, and its failure would go unhandled.
      const source = signal?.aborted ? undefined : call.after ? call.after.then(connect) : connect();
      // After connecting, so that `ready` is told before the first `call`.
      const report = reporter(className, methodName, params);
      if (source instanceof Promise) source.then(send, (error) => settle(false, error));
      else if (source) send(source);
      // After sending: a bridge that answered at once needs no limit (and an aborted signal settles here).
      if (!done) release = limit(className, methodName, { timeout, signal }, (error) => settle(false, error));
    });
}

/**
 * One caller's wait for work it shares with others (a sensor's start, the previous save): bounded by this
 * caller's own `timeout` and `signal`, which end this wait only, never the shared work.
 */
export function waitFor<T>(shared: Promise<T>, className: string, methodName: string, opts: CallOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const release = limit(className, methodName, opts, reject);
    shared.then(resolve, reject).finally(release);
  });
}
