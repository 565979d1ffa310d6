import { readAnswer } from './envelope';
import { GoPayBridgeError } from '../errors/GoPayBridgeError';
import { bridgeFailure } from './bridge-failure';
import { isGoPayError } from '../errors/index';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { readCallOptions, type CheckedCallOptions, type ResolvedOptions } from './options';
import type { Settle } from './report';
import type { GpContainer } from './types';
import { checkObject, checkString, own } from '../shared/checks';
import { limit } from '../shared/wait-for';

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
   * The per-call options, when the method has read them itself (`readCallOptions`: withAuthCode, getConsent): taken
   * as they are, and `send` is given no `opts`.
   */
  options?: CheckedCallOptions;
}

/**
 * Sends one call with the caller's per-call options (`{ timeout?, signal? }`), checked here unless the method read
 * them itself (`call.options`). Never throws: a bad argument rejects.
 */
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
      const { className, methodName, result } = call;
      let done = false;
      let release: (() => void) | undefined;

      const settle: Settle = (ok, value) => {
        if (done) return;
        done = true;
        release?.();
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
        report?.(ok, value);
      };

      // Native code calls these: nothing may be thrown back into it.
      const answer = (raw: unknown, viaFailure: boolean) => {
        if (done) return;
        try {
          const outcome = readAnswer(raw, viaFailure, className, methodName, !call.dataOnly);
          settle(!(outcome instanceof GoPayBridgeError), outcome);
        } catch (error) {
          settle(false, bridgeFailure('unreadable answer', { className, methodName, response: raw, cause: error }));
        }
      };

      let params: Params;
      let options: CheckedCallOptions;
      try {
        options = call.options || readCallOptions(opts);
        params = typeof call.params === 'function' ? call.params() : call.params || {};
        if (call.dataOnly) {
          checkString(className, 'className');
          checkString(methodName, 'methodName');
          checkObject(params, 'params');
        }
      } catch (error) {
        // Nothing was sent, so nothing else can settle the call.
        return reject(asValidationError(error));
      }
      // Own fields only: Object.prototype may carry a `timeout` (see readCallOptions).
      const { timeout = (own(call, 'timeout') as number | false | undefined) ?? config.timeout, signal } = options;

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
          // Some bridges throw plain objects shaped like a failure envelope: read as one.
          if (thrown instanceof Error) settle(false, bridgeFailure(thrown.message, { className, methodName, cause: thrown }));
          else answer(thrown, true);
        }
      };

      // An aborted call never starts a load: nobody would wait for it, and its failure would go unhandled.
      const source = signal?.aborted ? undefined : connect();
      // After connecting, so that `ready` is told before the first `call`.
      const report = reporter(className, methodName, params);
      if (source instanceof Promise) source.then(send, (error) => settle(false, error));
      else if (source) send(source);
      // After sending: a bridge that answered at once needs no limit (and an aborted signal settles here).
      if (!done) release = limit({ className, methodName, timeout, signal }, (error) => settle(false, error));
    });
}
