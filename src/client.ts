import { createAuthCodeGuard } from './auth-code';
import { redact, toDebugSink } from './debug';
import { GoPayBridgeError } from './errors/GoPayBridgeError';
import { isGoPayError, type GoPayError } from './errors/GoPayError';
import { GoPayUnavailableError } from './errors/GoPayUnavailableError';
import { createEmitter, eventPayload, type GoPayEventName, type GoPayEvents, type SettleEvent } from './events';
import { invoke, type Finish, type How } from './invoke';
import { JSAPIS } from './jsapis';
import { findContainer, loadScript } from './loader';
import { resolveOptions, type GoPayOptions } from './options';
import type {
  AppLocale,
  AuthCode,
  BankAccountTokenResult,
  CallOptions,
  CompassReading,
  ConsentResult,
  ConsentScope,
  GpContainer,
  GyroWatchOptions,
  IntervalWatchOptions,
  LocationParams,
  LocationResult,
  MotionReading,
  NavigationBarParams,
  PaymentResult,
  PhotoResult,
  RootedDeviceInfo,
  SaveFileParams,
  SaveFileResult,
  ShakeReading,
  ShakeWatchOptions,
  StopWatching,
  SystemInfo,
  TakePhotoParams,
  TrackEventMetaData,
  WifiInfo,
  WithAuthCodeOptions,
} from './types';
import { checkFunction, checkLink, checkNumber, checkObject, checkOneOf, checkString, checkTimeout } from './validate';

/** A GoPay client. Every method returns a promise that rejects with a `GoPayError` only. */
export interface GoPay {
  /** Loads the bridge if needed; resolves once `gpContainer.call` exists. */
  ready(): Promise<void>;
  /**
   * Calls any bridge method. Resolves with the envelope's `data`, else the envelope without `success`/`ret`.
   * @example await gp.call('GPNavigationBar', 'getHeight')
   */
  call<T = Record<string, unknown>>(
    className: string,
    methodName: string,
    params?: Record<string, unknown>,
    opts?: CallOptions,
  ): Promise<T>;
  /** A fresh auth code with its expiry; concurrent callers share one bridge call. */
  getAuthCode(opts?: CallOptions): Promise<AuthCode>;
  /**
   * Runs `fn` with a fresh, unexpired auth code that no other caller gets, and retries once with a new code
   * when `fn` fails because the code expired (see `isExpiredError`).
   * @example await gp.withAuthCode((code) => fetch('/api/login', { method: 'POST', body: JSON.stringify({ code }) }))
   */
  withAuthCode<T>(fn: (code: string, authCode: AuthCode) => T | Promise<T>, opts?: WithAuthCodeOptions): Promise<T>;
  /** The device's location; needs the `location` consent. */
  getLocation(params?: LocationParams, opts?: CallOptions): Promise<LocationResult>;
  getSystemInfo(opts?: CallOptions): Promise<SystemInfo>;
  getRootedDeviceInfo(opts?: CallOptions): Promise<RootedDeviceInfo>;
  getWifiInfo(opts?: CallOptions): Promise<WifiInfo>;
  /**
   * Asks the user for a consent (GP.authorize; GPConsent.getUserConsent where that is not supported).
   * A refusal resolves with `granted: false`.
   */
  getConsent(scope: ConsentScope, opts?: CallOptions): Promise<ConsentResult>;
  /** Opens the camera (`mode: 'camera'`) or the gallery (`'photo'`); needs the `camera` consent. */
  takePhoto(params: TakePhotoParams, opts?: CallOptions): Promise<PhotoResult>;
  /**
   * Opens GoPay's payment screen for a `gopay://merchanttransfer…` deeplink or the https `webRedirectUrl` your
   * backend got. The status is a hint: your backend must confirm the payment.
   */
  launchPayment(deeplinkOrWebRedirectUrl: string, opts?: CallOptions): Promise<PaymentResult>;
  getBankAccountToken(opts?: CallOptions): Promise<BankAccountTokenResult>;
  launchDeeplink(deeplink: string, opts?: CallOptions): Promise<void>;
  launchUri(uri: string, opts?: CallOptions): Promise<void>;
  getLocale(opts?: CallOptions): Promise<AppLocale>;
  copyToClipboard(text: string, opts?: CallOptions): Promise<void>;
  share(text: string, opts?: CallOptions): Promise<void>;
  /** Vibrates for `ms` milliseconds. */
  vibrate(ms: number, opts?: CallOptions): Promise<void>;
  toast(message: string, duration?: number, opts?: CallOptions): Promise<void>;
  setNavigationBar(params: NavigationBarParams, opts?: CallOptions): Promise<void>;
  /** Saves a file (iOS only so far); resolves on `GPFile.Event.saveSuccess`, rejects on `saveFailed`. */
  saveFile(params: SaveFileParams, opts?: CallOptions): Promise<SaveFileResult>;
  trackEvent(eventName: string, metaData: TrackEventMetaData, opts?: CallOptions): Promise<void>;
  /**
   * Starts the compass and calls `listener` with each reading; resolves with `stop()` once started.
   * @example const stop = await gp.watchCompass(({ direction }) => render(direction)); await stop();
   */
  watchCompass(listener: (reading: CompassReading) => void, opts?: IntervalWatchOptions): Promise<StopWatching>;
  watchAccelerometer(listener: (reading: MotionReading) => void, opts?: IntervalWatchOptions): Promise<StopWatching>;
  watchGyro(listener: (reading: MotionReading) => void, opts?: GyroWatchOptions): Promise<StopWatching>;
  watchShake(listener: (reading: ShakeReading) => void, opts?: ShakeWatchOptions): Promise<StopWatching>;
  /** Subscribes to an event; returns `unsubscribe()`. Bridge events are listened to only while subscribed. */
  on<E extends GoPayEventName>(event: E, listener: (...args: GoPayEvents[E]) => void): () => void;
}

type Params = Record<string, unknown>;
const NO_OPTIONS: CallOptions = {};
const RAW: How = { raw: true };

/**
 * Creates a GoPay client. Nothing is loaded until the first call or `ready()`.
 * @example
 * const gp = createGoPay();
 * const { coords } = await gp.getLocation();
 */
export const createGoPay = (options?: GoPayOptions): GoPay => {
  const config = resolveOptions(options);
  const emitter = createEmitter();
  const documentListeners: Record<string, (event: Event) => void> = {};
  const sensors: Record<string, { count: number; started?: Promise<unknown> }> = {};
  let loading: Promise<GpContainer> | undefined;
  let isReady = false;

  const becameReady = (container: GpContainer) => {
    if (!isReady) {
      isReady = true;
      emitter.emit('ready');
    }
    return container;
  };

  // The bridge, synchronously when it is already there (the common, fast case), else one shared load.
  const container = (): GpContainer | Promise<GpContainer> => {
    if (config.bridge) return becameReady(config.bridge);
    if (typeof document == 'undefined') return Promise.reject(new GoPayUnavailableError('no-window'));
    const found = findContainer();
    if (found) return becameReady(found);
    return (loading ||= loadScript(config.scriptUrl, config.loadTimeout, config.nonce).then(becameReady, (error) => {
      loading = undefined;
      throw error;
    }));
  };

  // Bridge events arrive on `document`; where there is none (Node), on the bridge if it can dispatch them.
  const eventTarget = (): EventTarget | undefined =>
    typeof document != 'undefined'
      ? document
      : (config.bridge as Partial<EventTarget> | undefined)?.addEventListener && (config.bridge as unknown as EventTarget);

  const on: GoPay['on'] = (event, listener) => {
    checkString(event, 'on(event)');
    checkFunction(listener, 'on(event, listener)');
    // Names with a dot are the bridge's document events: listened to from the first subscriber to the last.
    const target = event.includes('.') && eventTarget();
    if (target && !emitter.count(event)) {
      target.addEventListener(event, (documentListeners[event] = (e) => emitter.emit(event, eventPayload(e))));
    }
    emitter.on(event, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      emitter.off(event, listener);
      if (target && !emitter.count(event)) target.removeEventListener(event, documentListeners[event]!);
    };
  };

  const debug = toDebugSink(config.debug);
  if (debug) emitter.on('settle', debug);

  /** Reports a call to `call` and `settle` listeners (and `debug`); builds nothing when nobody listens. */
  const reporter = (className: string, methodName: string, params: Params): Finish | undefined => {
    if (!emitter.count('call') && !emitter.count('settle')) return;
    const started = Date.now();
    const call = { className, methodName, params: redact(params) as Params };
    emitter.emit('call', call);
    return (ok, value) => {
      const entry: SettleEvent = { ...call, ok, ms: Date.now() - started };
      if (ok) entry.result = redact(value);
      else entry.error = value as GoPayError;
      emitter.emit('settle', entry);
    };
  };

  /**
   * Sends one call; never throws (a bad argument rejects). `params` may be a function that builds and checks them.
   * `how` says how it is answered (see `How`): typed methods pass `{}` at least, `call()` passes `RAW`.
   */
  const request = <T = Params>(
    className: string,
    methodName: string,
    params: Params | (() => Params),
    opts: CallOptions = NO_OPTIONS,
    how: How = {},
  ): Promise<T> => {
    try {
      if (typeof params == 'function') params = params();
      // call(): the names and params are the caller's own.
      else if (how.raw) (checkString(className, 'className'), checkString(methodName, 'methodName'), checkObject(params, 'params'));
      if (opts !== NO_OPTIONS) checkObject(opts, 'opts');
      const timeout = opts.timeout === undefined ? !how.interactive && config.timeout : checkTimeout(opts.timeout);
      return invoke(container(), className, methodName, params, timeout, opts.signal, how, reporter(className, methodName, params));
    } catch (error) {
      how.settled?.();
      return Promise.reject(error);
    }
  };

  // GoPay's sample reads successScope at the top level, its docs in `data`: the merged answer has both. A refusal
  // (300) is an answer, not a failure.
  const consent = (className: string, methodName: string, scope: string, opts?: CallOptions) =>
    request<ConsentResult>(className, methodName, { scope }, opts, {
      interactive: true,
      map: ({ successScope: reported = {} }) => {
        const successScope: Record<string, boolean> = {};
        for (const key in reported as Params)
          successScope[key] = (reported as Params)[key] === true || (reported as Params)[key] === 'true';
        return { granted: successScope[scope] === true, successScope };
      },
    }).catch((error) => {
      if (isGoPayError(error, 'PERMISSION_DENIED')) return { granted: false, successScope: { [scope]: false } };
      throw error;
    });

  /**
   * Starts a GPMotion sensor (shared by its watchers), delivers its readings to `listener`, resolves with `stop()`.
   * Compass and accelerometer have start/stop methods and an `interval`; gyro and shake one method with `on`.
   */
  const watch =
    (event: GoPayEventName, start: string, stop?: string, numbers: string[] = []) =>
    async (listener: unknown, opts: Params = {}): Promise<StopWatching> => {
      checkFunction(listener, `${event} listener`);
      checkObject(opts, 'opts');
      const params: Params = stop ? {} : { on: true };
      if (stop && opts.interval !== undefined) params.interval = checkOneOf(opts.interval, 'interval', ['game', 'ui', 'normal']);
      // A frequency of 0 would ask for readings without pause: GoPay's own bridge refuses it (201).
      for (const key of numbers) if (opts[key] !== undefined) params[key] = checkNumber(opts[key], key, +(key == 'frequency'));
      const sensor = (sensors[event] ||= { count: 0 });
      const off = on(event, listener as () => void);
      sensor.count++;
      try {
        await (sensor.started ||= request('GPMotion', start, params, opts));
      } catch (error) {
        off();
        sensor.count--;
        sensor.started = undefined;
        throw error;
      }
      let stopped = false;
      // The sensor keeps running while another watcher still listens.
      return async () => {
        if (stopped) return;
        stopped = true;
        off();
        if (--sensor.count) return;
        sensor.started = undefined;
        await request('GPMotion', stop || start, stop ? {} : { on: false });
      };
    };

  const gp: Record<string, unknown> = {
    ...createAuthCodeGuard(
      (opts, how) => request('GPMiniAppAuth', 'getAuthCode', {}, opts, how),
      config.authCodeTtl,
      config.authCodeMargin,
    ),

    ready: async () => {
      await container();
    },

    // Not async: the hot path, one promise per call.
    call: (className: string, methodName: string, params: Params = {}, opts?: CallOptions) =>
      request(className, methodName, params, opts, RAW),

    getConsent: async (scope: unknown, opts?: CallOptions) =>
      // GoPay documents consent both ways; older apps only know GPConsent.getUserConsent.
      consent('GP', 'authorize', checkString(scope, 'scope'), opts).catch((error) => {
        if (error.bridgeCode != '100') throw error;
        return consent('GPConsent', 'getUserConsent', scope as string, opts);
      }),

    saveFile: async (params: SaveFileParams, opts?: CallOptions) => {
      checkLink(checkObject(params, 'saveFile(params)').url, 'url', /^(https?|blob|data):/i);
      if (params.destination !== undefined) checkOneOf(params.destination, 'destination', ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM']);
      if (!eventTarget()) throw new GoPayUnavailableError('no-window');
      // The call stays open until GoPay fires saveSuccess or saveFailed; both listeners go on every outcome.
      const until = (finish: Finish) => {
        const offSuccess = on('GPFile.Event.saveSuccess', (payload) => finish(true, payload));
        const offFailed = on('GPFile.Event.saveFailed', (payload) =>
          finish(false, new GoPayBridgeError(payload.msg, { className: 'GPFile', methodName: 'save', response: payload })),
        );
        return () => (offSuccess(), offFailed());
      };
      return request('GPFile', 'save', params as unknown as Params, opts, { interactive: true, until });
    },

    watchCompass: watch('GPMotion.Event.compass', 'startCompass', 'stopCompass'),
    watchAccelerometer: watch('GPMotion.Event.accelerometer', 'startAccelerometer', 'stopAccelerometer'),
    watchGyro: watch('motion.gyro', 'listenGyro', undefined, ['frequency']),
    watchShake: watch('motion.shake', 'listeningShake', undefined, ['frequency', 'shakeThreshold', 'shakeNum']),

    on,
  };

  // One promise per call: params are built inside `request` (a bad argument rejects), the result by `map`.
  for (const name in JSAPIS) {
    const [className, arity, params, result, interactive, methodName = name] = JSAPIS[name]!;
    const how: How = { interactive, map: result || (() => {}) };
    gp[name] = (...args: any[]) => request(className, methodName, params ? () => params(...args) : {}, args[arity], how);
  }
  return gp as unknown as GoPay;
};
