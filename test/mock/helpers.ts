// Shared by the mock's tests: one way to make mocks (destroyed after each test), to call them raw, and to write the
// envelopes GoPay answers with.
import { afterEach, expect, onTestFinished, vi } from 'vitest';
import { createMockBridge, type MockBridge, type MockBridgeOptions } from '../../src/mock/index';

export type Envelope = Record<string, unknown>;

export const SUCCESS = { success: true, ret: 'GP_SUCCESS' };
export const CALLBACK_ID = /^[A-Za-z0-9]+$/;

/** The usual failure envelope; any message unless one is given. */
export const failure = (code: string, message: unknown = expect.any(String)) => ({
  success: false,
  ret: 'GP_EXCEPTION',
  error_type: 'JS_BRIDGE_ERROR',
  error_code: code,
  error_message: message,
});

/** The camelCase GP_PARAM_ERR form (takePhoto, trackEvent), with a string callbackId. */
export const paramError = (message: unknown = expect.any(String)) => ({
  callbackId: expect.stringMatching(CALLBACK_ID),
  ret: 'GP_PARAM_ERR',
  errorCode: 'GP_PARAM_ERR',
  errorMessage: message,
});

/** A factory of mocks that are destroyed after the test (fake timers are undone too). */
export const useMocks = () => {
  const made: MockBridge[] = [];
  afterEach(() => {
    made.splice(0).forEach((bridge) => bridge.destroy());
    vi.useRealTimers();
  });
  return (options?: MockBridgeOptions) => {
    const bridge = createMockBridge(options);
    made.push(bridge);
    return bridge;
  };
};

/** Calls the raw bridge and tells which callback answered with what. */
export const raw = (bridge: MockBridge, method: string, params: unknown = {}) =>
  new Promise<['ok' | 'fail', Envelope]>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params as Record<string, unknown>,
      (response) => resolve(['ok', response as Envelope]),
      (response) => resolve(['fail', response as Envelope]),
    );
  });

/** Calls the raw bridge without waiting for the answer. */
export const fire = (bridge: MockBridge, method: string, params: Record<string, unknown> = {}) => {
  const [className, methodName] = method.split('.') as [string, string];
  bridge.call(
    className,
    methodName,
    params,
    () => {},
    () => {},
  );
};

/** Collects the `detail` of a document event until the test ends. */
export const listen = <T = Record<string, number>>(name: string) => {
  const seen: T[] = [];
  const listener = (event: Event) => seen.push((event as CustomEvent).detail);
  document.addEventListener(name, listener);
  onTestFinished(() => document.removeEventListener(name, listener));
  return seen;
};

/** Lets a few rounds of microtasks run (an answer with no latency arrives on one). */
export const tick = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
