import { readAnswer } from './envelope';
import { GoPayAbortError } from './errors/GoPayAbortError';
import { GoPayBridgeError } from './errors/GoPayBridgeError';
import type { GoPayError } from './errors/GoPayError';
import { GoPayTimeoutError } from './errors/GoPayTimeoutError';
import type { GpContainer } from './types';

export type Finish = (ok: boolean, value: unknown) => void;

export interface Request {
  className: string;
  methodName: string;
  params: Record<string, unknown>;
  timeout: number | false;
  signal?: AbortSignal;
  /** Resolve with every field of the envelope, `data`'s over the top level's (typed methods read both). */
  merge?: boolean;
  /** Keeps the call open after the bridge's answer, until `finish` is called (GPFile.save's events). Returns its clean-up. */
  until?: (finish: Finish) => () => void;
  /** Told the outcome once, after the promise has settled. */
  report?: Finish;
}

/**
 * One bridge call as a promise that settles exactly once, whatever the bridge does: answers late, twice, through
 * both callbacks, with a malformed payload, or throws. Its timer and abort listener are gone once it settles.
 */
export const invoke = (source: GpContainer | Promise<GpContainer>, request: Request): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const { className, methodName, timeout, signal, until } = request;
    const where = { className, methodName };
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detach: (() => void) | undefined;
    const finish: Finish = (ok, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      detach?.();
      (ok ? resolve : reject)(value as Record<string, unknown>);
      request.report?.(ok, value);
    };
    const onAbort = () => finish(false, new GoPayAbortError({ ...where, cause: signal!.reason }));
    // Native code calls these: nothing may be thrown back into it.
    const answer = (viaFailure: boolean) => (raw: unknown) => {
      try {
        const [ok, value] = readAnswer(raw, viaFailure, where, request.merge);
        if (!ok || !until) finish(ok, value);
      } catch (error) {
        finish(false, new GoPayBridgeError('unreadable answer', { ...where, response: raw, cause: error }));
      }
    };
    const send = (container: GpContainer) => {
      if (done) return;
      try {
        container.call(className, methodName, request.params, answer(false), answer(true), timeout === false ? undefined : timeout);
      } catch (thrown) {
        // Some bridges throw plain objects shaped like a failure envelope.
        finish(false, thrown instanceof Error ? new GoPayBridgeError(thrown.message, { ...where, cause: thrown }) : readAnswer(thrown, true, where)[1]);
      }
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    if (timeout !== false) timer = setTimeout(() => finish(false, new GoPayTimeoutError(timeout, where)), timeout);
    detach = until?.(finish);
    if (typeof (source as Promise<GpContainer>).then == 'function') {
      (source as Promise<GpContainer>).then(send, (error: GoPayError) => finish(false, error));
    } else send(source as GpContainer);
  });
