import { isGoPayError } from './errors/GoPayError';
import { GoPayValidationError } from './errors/GoPayValidationError';
import { invoke, type BridgeRequest, type Params } from './invoke';
import { readCallOptions, type ResolvedOptions } from './options';
import type { Settle } from './report';
import type { GpContainer } from './types';
import { checkObject, checkString } from './validate';

/** What a method asks of the bridge; `send` turns it into a `BridgeRequest` with the caller's per-call options. */
export interface MethodCall<T> extends Pick<
  BridgeRequest<T>,
  'className' | 'methodName' | 'dataOnly' | 'result' | 'awaitEvents' | 'onSettled'
> {
  /** The params, or a function that builds and checks them from the caller's arguments (a throw rejects the call). */
  params?: Params | (() => Params);
  /** The user is involved (a sheet, a prompt, the payment screen, another app): no default timeout. */
  interactive?: boolean;
}

/** Sends one call with the caller's per-call options (`{ timeout?, signal? }`); never throws: a bad argument rejects. */
export type Send = <T = Params>(call: MethodCall<T>, opts?: unknown) => Promise<T>;

/**
 * What a throw while checking arguments becomes: a GoPayError stays as it is; anything else (a getter that throws,
 * a value no check foresaw) is still the caller's argument at fault, so a GoPayValidationError that says so.
 */
const asValidationError = (error: unknown, where: string) =>
  isGoPayError(error) ? error : new GoPayValidationError(`${where}: an argument could not be read (${String((error as Error)?.message)}).`);

/** Runs a method's argument checks; whatever they throw is a GoPayError (see `asValidationError`). */
export const validated = <T>(where: string, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    throw asValidationError(error, where);
  }
};

export const createSend =
  (
    config: ResolvedOptions,
    connect: () => GpContainer | Promise<GpContainer>,
    reporter: (className: string, methodName: string, params: Params) => Settle | undefined,
  ): Send =>
  (call, opts) => {
    const { className, methodName } = call;
    try {
      const params = typeof call.params == 'function' ? call.params() : call.params || {};
      if (call.dataOnly) {
        // call(): the names and params are the caller's own.
        checkString(className, 'className');
        checkString(methodName, 'methodName');
        checkObject(params, 'params');
      }
      const { timeout, signal } = readCallOptions(opts);
      return invoke({
        ...call,
        params,
        connect,
        timeout: timeout === undefined ? !call.interactive && config.timeout : timeout,
        signal,
        report: () => reporter(className, methodName, params),
      });
    } catch (error) {
      call.onSettled?.();
      // The names may be what was wrong (a Symbol, a null-prototype object): only strings are printed.
      const where = typeof className == 'string' && typeof methodName == 'string' ? `${className}.${methodName}` : 'call';
      return Promise.reject(asValidationError(error, where));
    }
  };
