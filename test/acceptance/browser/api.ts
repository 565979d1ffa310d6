// What every topic of the browser contract (./topics/*.ts) receives, typed by the package's published declarations
// (dist/*.d.ts, through the package's own name as a user imports it), and the assertions the topics share.
import { expect, vi } from 'vitest';
import type * as Core from 'gopay-miniapp-kit';
import type { GoPay, GoPayBridgeError, GoPayError, GoPayErrorCode, GoPayValidationError, GpContainer } from 'gopay-miniapp-kit';
import type * as Mock from 'gopay-miniapp-kit/mock';

export type { AuthCode, GoPay, GoPayError, GoPayErrorCode, GoPayOptions } from 'gopay-miniapp-kit';
export type { MockBridge, MockBridgeOptions, MockScenario } from 'gopay-miniapp-kit/mock';
export type CoreModule = typeof Core;
export type MockModule = typeof Mock;

/** The package entries under test: the core ('gopay-miniapp-kit') and the mock ('gopay-miniapp-kit/mock'). */
export interface AcceptanceApi {
  core: CoreModule;
  mock: MockModule;
}

/**
 * A client seen without its types, for the tests that pass what the types forbid (a Symbol, a wrong option name),
 * as untyped JavaScript callers can.
 */
export type LooseGoPay = { [K in keyof GoPay]: (...args: unknown[]) => K extends 'on' ? () => void : Promise<unknown> };
export const loose = (gp: GoPay): LooseGoPay => gp as unknown as LooseGoPay;
/** `createGoPay` without its types, for options the types forbid. */
export const looseCreate = (core: CoreModule) => core.createGoPay as (options?: unknown) => GoPay;

/** A bridge envelope read raw, as JSON: `any` on purpose, as the bridge is untyped (eslint.config.mjs). */
export type RawEnvelope = Record<string, any>;
export interface RawAnswer {
  via: 'success' | 'failure';
  env: RawEnvelope;
}
/** Calls a bridge directly, as a raw caller of window.gpContainer does; JSON text answers are parsed. */
export const rawCall = (bridge: GpContainer, className: string, methodName: string, params: Record<string, unknown> = {}) =>
  new Promise<RawAnswer>((resolve) => {
    const read = (env: unknown): RawEnvelope => (typeof env === 'string' ? JSON.parse(env) : (env as RawEnvelope));
    bridge.call(
      className,
      methodName,
      params,
      (env) => resolve({ via: 'success', env: read(env) }),
      (env) => resolve({ via: 'failure', env: read(env) }),
      10_000,
    );
  });

/** Runs fn with vitest's fake timers (the clock at `now` when given), then the real ones again. */
export const withFakeTimers = async (fn: () => Promise<void>, now?: number): Promise<void> => {
  vi.useFakeTimers();
  if (now !== undefined) vi.setSystemTime(now);
  try {
    await fn();
  } finally {
    vi.useRealTimers();
  }
};

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** Assertions on the SDK's errors, made against this build's classes. */
export const errorChecks = (core: CoreModule) => {
  /** e is an Error, a GoPayError, an instance of cls, with this code, recognised by isGoPayError (with the code). */
  const expectGoPayError = <E extends GoPayError>(e: unknown, cls: ErrorClass<E>, code: GoPayErrorCode): E => {
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(core.GoPayError);
    expect(e).toBeInstanceOf(cls);
    expect((e as E).code).toBe(code);
    expect(core.isGoPayError(e)).toBe(true);
    expect(core.isGoPayError(e, code)).toBe(true);
    return e as E;
  };

  /** e is a GoPayError (of any code). */
  const asGoPayError = (e: unknown): GoPayError => {
    expect(core.isGoPayError(e)).toBe(true);
    expect(e).toBeInstanceOf(core.GoPayError);
    return e as GoPayError;
  };

  const expectValidation = (e: unknown): GoPayValidationError => expectGoPayError(e, core.GoPayValidationError, 'INVALID_ARGUMENT');

  const expectBridgeError = (
    e: unknown,
    code: GoPayErrorCode,
    bridgeCode: string | undefined,
    className?: string,
    methodName?: string,
  ): GoPayBridgeError => {
    const err = expectGoPayError(e, core.GoPayBridgeError, code);
    expect(err.bridgeCode).toBe(bridgeCode);
    if (className) expect(err.className).toBe(className);
    if (methodName) expect(err.methodName).toBe(methodName);
    return err;
  };

  return { expectGoPayError, asGoPayError, expectValidation, expectBridgeError };
};
