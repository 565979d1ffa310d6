import type { GpContainer } from '../types';

/** Presets for the unhappy paths. */
export type MockScenario = 'happy' | 'permission-denied' | 'offline' | 'slow' | 'payment-cancelled' | 'not-registered';

export type MockPaymentStatus = 'success' | 'failed' | 'pending' | 'cancelled';

export interface MockBridgeOptions {
  /**
   * `happy` (default); `permission-denied` (every consent refused, methods that need one answer 300);
   * `offline` (401 everywhere); `slow` (answers after 1.5–3 s unless `latency` is given);
   * `payment-cancelled` (launchPayment answers `cancelled`); `not-registered` (203 everywhere).
   * @default 'happy'
   */
  scenario?: MockScenario;
  /** Milliseconds before each answer, or a `[min, max]` range. 0 answers on a microtask. @default 0 */
  latency?: number | [number, number];
  /**
   * Consents granted from the start, e.g. `{ location: true }`. Scopes: `location` (getLocation), `camera`
   * (takePhoto), `system` (GPSystem.*), `bank_account` (getBankAccountToken). None by default, as for a
   * post-launch consent.
   */
  consent?: Partial<Record<string, boolean>>;
  /** How the simulated user answers `GP.authorize` (without `ui`). @default 'allow' */
  authorize?: 'allow' | 'deny';
  /** What `GP.launchPayment` answers (without `ui`). @default 'success' */
  paymentStatus?: MockPaymentStatus;
  /**
   * Makes auth codes, tokens, coordinates and sensor readings reproducible, with or without `latency` (delays draw
   * from a stream of their own); `reset()` replays the sequence from its start.
   */
  seed?: number;
  /**
   * Shows an in-page panel: consent and payment sheets that wait for a click, toasts and a call log. The clicks then
   * decide consent and payment (`authorize`, `paymentStatus` and `payment-cancelled` are not used). Created before
   * `<body>` exists (a `<script>` in `<head>`), it appears on DOMContentLoaded.
   * @default false
   */
  ui?: boolean;
  /**
   * Uses the browser's real equivalents where they exist: `navigator.geolocation`, `navigator.clipboard`,
   * `navigator.share`, `navigator.vibrate`, and a file `<input capture>` for takePhoto. @default false
   */
  browserApis?: boolean;
}

export interface MockCall {
  className: string;
  methodName: string;
  params: Record<string, unknown>;
}

/** The `data` a mock method answers with. */
export type MockData = Record<string, unknown> | unknown[] | string | number | boolean | null | undefined;

/** Envelope fields to answer with beside (or instead of) `data`; made by `envelope()`. */
export interface MockEnvelope {
  /** Spread over `{ success: true, ret: 'GP_SUCCESS' }`. */
  readonly envelope: Readonly<Record<string, unknown>>;
}

/**
 * A mock answer: the `data` to answer with, an `envelope()` of fields beside `data`, or a function of the params
 * that returns either.
 */
export type MockResult =
  MockData | MockEnvelope | ((params: Record<string, unknown>) => MockData | MockEnvelope | Promise<MockData | MockEnvelope>);

/** The mock bridge: a `GpContainer` with controls. Bridge events go to `document`, or to the bridge itself in Node. */
export interface MockBridge extends GpContainer, EventTarget {
  /**
   * Answers `'Class.method'` with this `data` (or the function's result) from now on. To answer fields beside
   * `data`, as GoPay does for some methods, pass `envelope({ … })`: a plain object is always the `data`.
   * @example bridge.set('GPLocation.getLocation', { coords: { latitude: 1, longitude: 2, time: 0 } });
   * @example bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' })); // app_locale at the top level
   */
  set(method: string, result: MockResult): void;
  /** Answers `'Class.method'` with the failure envelope for `bridgeCode` from now on. */
  fail(method: string, bridgeCode: string | number, message?: string): void;
  grant(scope: string): void;
  revoke(scope: string): void;
  /** Dispatches a bridge event (e.g. `'GPMotion.Event.compass'`) with `detail`, as the app would. */
  emit(eventName: string, detail?: unknown): void;
  /** Every call received, in order. */
  readonly calls: MockCall[];
  /** Back to the state at creation: overrides, consents, history and sensors are cleared; a seeded sequence restarts. */
  reset(): void;
  /** Stops every sensor and removes the panel. */
  destroy(): void;
}
