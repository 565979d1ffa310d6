import type { GpContainer } from '../../src/core/index';

export type Answer = (onSuccess: (r: unknown) => void, onFailure: (r: unknown) => void, params: Record<string, unknown>) => void;

export interface FakeCall {
  className: string;
  methodName: string;
  params: Record<string, unknown>;
  timeout?: number;
}

/** A stand-in for window.gpContainer: answers per "Class.method" with a function, records every call. */
export const fakeBridge = (answers: Record<string, Answer> = {}, fallback?: Answer) => {
  const calls: FakeCall[] = [];
  const bridge: GpContainer & { calls: FakeCall[]; answers: Record<string, Answer> } = {
    calls,
    answers,
    call(className, methodName, params, onSuccess, onFailure, timeout) {
      calls.push({ className, methodName, params, timeout });
      const answer = answers[`${className}.${methodName}`] ?? fallback;
      answer?.(onSuccess, onFailure, params);
    },
  };
  return bridge;
};

export const ok =
  (data?: unknown): Answer =>
  (s) =>
    s({ success: true, ret: 'GP_SUCCESS', ...(data === undefined ? {} : { data }) });
export const okTop =
  (fields: Record<string, unknown>): Answer =>
  (s) =>
    s({ success: true, ret: 'GP_SUCCESS', ...fields });
export const failWith =
  (code: string | number, message = 'boom'): Answer =>
  (_s, f) =>
    f({ success: false, ret: 'GP_EXCEPTION', error_type: 'JS_BRIDGE_ERROR', error_code: code, error_message: message });
