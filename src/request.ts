import { invoke, type BridgeRequest, type Params } from './invoke';
import type { ResolvedOptions } from './options';
import type { Settle } from './report';
import type { CallOptions, GpContainer } from './types';
import { checkObject, checkString, checkTimeout } from './validate';

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

/** Sends one call with the caller's per-call options; never throws (a bad argument rejects). */
export type Send = <T = Params>(call: MethodCall<T>, opts?: CallOptions) => Promise<T>;

const NO_OPTIONS: CallOptions = {};

export const createSend =
  (
    config: ResolvedOptions,
    connect: () => GpContainer | Promise<GpContainer>,
    reporter: (className: string, methodName: string, params: Params) => Settle | undefined,
  ): Send =>
  (call, opts = NO_OPTIONS) => {
    const { className, methodName } = call;
    try {
      const params = typeof call.params == 'function' ? call.params() : call.params || {};
      if (call.dataOnly) {
        // call(): the names and params are the caller's own.
        checkString(className, 'className');
        checkString(methodName, 'methodName');
        checkObject(params, 'params');
      }
      if (opts !== NO_OPTIONS) checkObject(opts, 'opts');
      const timeout = opts.timeout === undefined ? !call.interactive && config.timeout : checkTimeout(opts.timeout);
      return invoke({ ...call, params, connect, timeout, signal: opts.signal, report: () => reporter(className, methodName, params) });
    } catch (error) {
      call.onSettled?.();
      return Promise.reject(error);
    }
  };
