import type { GpContainer } from '../core/index';
import type { PaymentStatus } from '../core/types';

/** Presets for the unhappy paths. */
export type MockScenario = 'happy' | 'permission-denied' | 'offline' | 'slow' | 'payment-cancelled' | 'not-registered';

/**
 * What `GP.launchPayment` answers: the core's `PaymentStatus`. GoPay's current docs ("Frontend V2"): `failed` = the
 * user cancelled, `cancelled` = the user went back, `pending` = a processing error. Only a hint: the merchant's
 * backend confirms the payment.
 */
export type MockPaymentStatus = PaymentStatus;

/**
 * Options of `createMockBridge()` and `installMockBridge()`. Every field is optional; only own properties are read. An
 * unknown name or a value not listed here (`scenario: 'ofline'`) throws a `GoPayValidationError` that names it and lists
 * what is valid, as `createGoPay()` does: a typo never makes the mock rehearse another scenario.
 */
export interface MockBridgeOptions {
  /**
   * `happy` (default); `permission-denied` (every consent refused, methods that need one answer 300);
   * `offline` (401 everywhere); `slow` (answers after 1.5–3 s unless `latency` is given);
   * `payment-cancelled` (the user cancels the payment, which GoPay's current docs report as `failed`); `not-registered` (203 everywhere).
   * @default 'happy'
   * @example createMockBridge({ scenario: 'offline' })
   */
  scenario?: MockScenario;
  /**
   * Milliseconds before each answer (0 to 2147483647, a timer's longest), or a `[min, max]` range of them with
   * `min <= max`. 0 answers on a microtask.
   * @default 0
   * @example createMockBridge({ latency: [100, 400] })
   */
  latency?: number | [number, number];
  /**
   * Consents granted from the start, e.g. `{ location: true }`. Scopes: `location` (getLocation), `camera`
   * (takePhoto), `system` (GPSystem.*), `bank_account` (getBankAccountToken). None by default, as for a
   * post-launch consent. Another scope, or a value other than `true`/`false`, is refused.
   * @example createMockBridge({ consent: { location: true, camera: true } })
   */
  consent?: Partial<Record<string, boolean>>;
  /**
   * How the simulated user answers `GP.authorize` (without `ui`). `'deny'` also withdraws a scope granted before.
   * @default 'allow'
   * @example createMockBridge({ authorize: 'deny' })
   */
  authorize?: 'allow' | 'deny';
  /**
   * What `GP.launchPayment` answers (without `ui`). GoPay's current docs: `failed` = the user cancelled,
   * `cancelled` = the user went back, `pending` = a processing error.
   * @default 'success'
   * @example createMockBridge({ paymentStatus: 'pending' })
   */
  paymentStatus?: MockPaymentStatus;
  /**
   * Makes auth codes (their random part), tokens, callbackIds, coordinates and sensor readings reproducible, with or
   * without `latency` (delays draw from a stream of their own); `reset()` replays the sequence from its start. An
   * integer from 0 to 4294967295.
   * @example createMockBridge({ seed: 42 })
   */
  seed?: number;
  /**
   * Shows an in-page panel: consent and payment sheets that wait for a click, toasts and a call log. The clicks then
   * decide consent and payment (`authorize`, `paymentStatus` and `payment-cancelled` are not used). Created before
   * `<body>` exists (a `<script>` in `<head>`), it appears on DOMContentLoaded.
   * @default false
   * @example installMockBridge({ ui: true })
   */
  ui?: boolean;
  /**
   * Uses the browser's real equivalents where they exist: `navigator.geolocation`, `navigator.clipboard`,
   * `navigator.share`, `navigator.vibrate`, and a file `<input capture>` for takePhoto.
   * @default false
   * @example installMockBridge({ browserApis: true })
   */
  browserApis?: boolean;
  /**
   * The base URL of a mock GoPay server (`gopay-miniapp-kit/mock-server`, e.g. `npx gopay-mock-server`). With it,
   * `GPMiniAppAuth.getAuthCode` answers a code fetched from that server (`POST {server}/mock/auth-codes`), which your
   * backend can then exchange there; and the simulated user's answer to `GP.launchPayment` is reported to it
   * (`POST {server}/mock/payments/report`), so that it sends your backend the signed payment notification. An
   * unreachable server makes getAuthCode fail with 401 (NETWORK) and a failed report logs a warning. Without it,
   * nothing is fetched: codes are minted locally, in a format the mock server also accepts.
   * @example installMockBridge({ ui: true, server: 'http://127.0.0.1:8787' })
   */
  server?: string;
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

/** What a listener added with `addEventListener` on the mock receives (Node): the fields of a CustomEvent. */
export interface MockBridgeEvent {
  readonly type: string;
  readonly detail: unknown;
}

export type MockBridgeListener = ((event: MockBridgeEvent) => void) | { handleEvent(event: MockBridgeEvent): void };

/**
 * The mock bridge: a `GpContainer` with controls. Bridge events are dispatched on `document` as CustomEvents, as
 * GoPay's bridge does; where there is no document (Node), on the mock itself (`addEventListener`).
 */
export interface MockBridge extends GpContainer {
  /**
   * Answers `'Class.method'` with this `data` (or the function's result) from now on. To answer fields beside
   * `data`, as GoPay does for some methods, pass `envelope({ … })`: a plain object is always the `data`.
   * @example bridge.set('GPLocation.getLocation', { coords: { latitude: 1, longitude: 2, time: 0 } });
   * @example bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' })); // app_locale at the top level
   */
  set(method: string, result: MockResult): void;
  /**
   * Answers `'Class.method'` with the failure envelope for `bridgeCode` from now on.
   * @example bridge.fail('GPMiniAppAuth.getAuthCode', 401, 'No internet');
   */
  fail(method: string, bridgeCode: string | number, message?: string): void;
  /**
   * Gives the user's consent to `scope`.
   * @example bridge.grant('location');
   */
  grant(scope: string): void;
  /**
   * Withdraws the user's consent to `scope`: methods that need it answer 300 again.
   * @example bridge.revoke('camera');
   */
  revoke(scope: string): void;
  /**
   * Dispatches a bridge event (e.g. `'GPMotion.Event.compass'`) with `detail`, as the app would.
   * @example bridge.emit('GPFile.Event.saveFailed', { msg: 'SAVE_FAILED' });
   */
  emit(eventName: string, detail?: unknown): void;
  /** Every call received, in order. */
  readonly calls: MockCall[];
  /**
   * Back to the state at creation: overrides, consents, history and sensors are cleared; a seeded sequence restarts.
   * @example afterEach(() => bridge.reset());
   */
  reset(): void;
  /**
   * Ends the mock: every call still waiting (a sheet left open, a slow answer, a server request) is answered at once
   * with a failure envelope (500), so no promise is left hanging; sensors stop and the panel goes. Later calls get
   * the same failure.
   * @example afterEach(() => bridge.destroy());
   */
  destroy(): void;
  /**
   * Where there is no `document` (Node): listens to the bridge events this mock dispatches, with EventTarget's rules
   * (the same listener added twice is one registration). `createGoPay({ bridge })` uses it for `gp.on` and `watch*`.
   * @example bridge.addEventListener('GPFile.Event.saveSuccess', (event) => console.log(event.detail));
   */
  addEventListener(type: string, listener: MockBridgeListener): void;
  /**
   * Removes a listener added with `addEventListener`.
   * @example bridge.removeEventListener('motion.gyro', onGyro);
   */
  removeEventListener(type: string, listener: MockBridgeListener): void;
}
