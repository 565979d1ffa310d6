import EventEmitter from 'eventemitter3';
import { createAuthCodeGuard } from './auth-code';
import { redact, toDebugSink } from './debug';
import { GoPayBridgeError } from './errors/GoPayBridgeError';
import { isGoPayError, type GoPayError } from './errors/GoPayError';
import { GoPayUnavailableError } from './errors/GoPayUnavailableError';
import { BRIDGE_EVENTS, eventPayload, type GoPayEventName, type GoPayEvents } from './events';
import { invoke, type Finish, type Request } from './invoke';
import { findContainer, loadScript } from './loader';
import { resolveOptions, type GoPayOptions } from './options';
import { toPaymentDeeplink } from './payment';
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
import { checkLink, checkMs, checkNumber, checkObject, checkOneOf, checkString, checkTimeout, invalid } from './validate';

/** A GoPay client. Every method returns a promise that rejects with a `GoPayError` only. */
export interface GoPay {
  /** Loads the bridge if needed; resolves once `gpContainer.call` exists. */
  ready(): Promise<void>;
  /**
   * Calls any bridge method. Resolves with the envelope's `data`, else the envelope without `success`/`ret`.
   * @example await gp.call('GPNavigationBar', 'getHeight')
   */
  call<T = Record<string, unknown>>(className: string, methodName: string, params?: Record<string, unknown>, opts?: CallOptions): Promise<T>;
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

const NO_OPTIONS: CallOptions = {};
const BRIDGE_EVENT_NAMES: string[] = Object.values(BRIDGE_EVENTS);
const INTERVALS = ['game', 'ui', 'normal'] as const;
const COLOR = /^#[\da-f]{6}([\da-f]{2})?$/i;

/**
 * Creates a GoPay client. Nothing is loaded until the first call or `ready()`.
 * @example
 * const gp = createGoPay();
 * const { coords } = await gp.getLocation();
 */
export const createGoPay = (options?: GoPayOptions): GoPay => {
  const config = resolveOptions(options);
  const emitter = new EventEmitter();
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
    if (typeof window == 'undefined' || typeof document == 'undefined') {
      return Promise.reject(new GoPayUnavailableError('no-window'));
    }
    const found = findContainer();
    if (found) return becameReady(found);
    return (loading ??= loadScript(config.scriptUrl, config.loadTimeout, config.nonce).then(becameReady, (error) => {
      loading = undefined;
      throw error;
    }));
  };

  // Bridge events arrive on `document`; where there is none (Node), on the bridge if it can dispatch them.
  const eventTarget = (): EventTarget | undefined =>
    typeof document != 'undefined'
      ? document
      : typeof (config.bridge as Partial<EventTarget> | undefined)?.addEventListener == 'function'
        ? (config.bridge as unknown as EventTarget)
        : undefined;

  // A listener that throws must not break the SDK or other listeners: its error is rethrown on its own.
  const guarded =
    (listener: Function) =>
    (...args: unknown[]) => {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    };

  const sink = toDebugSink(config.debug);
  const debugSink = sink && guarded(sink);

  const on: GoPay['on'] = (event, listener) => {
    checkString(event, 'on(event)');
    if (typeof listener != 'function') invalid('on(event, listener)', 'a function', listener);
    const safe = guarded(listener);
    const target = BRIDGE_EVENT_NAMES.includes(event) && eventTarget();
    if (target && !emitter.listenerCount(event)) {
      target.addEventListener(event, (documentListeners[event] = (e) => emitter.emit(event, eventPayload(e))));
    }
    emitter.on(event, safe);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      emitter.off(event, safe);
      if (target && !emitter.listenerCount(event)) {
        target.removeEventListener(event, documentListeners[event]!);
        delete documentListeners[event];
      }
    };
  };

  /** Reports a settled call to `debug` and `settle` listeners, and only builds the entry when someone listens. */
  const reporter = (className: string, methodName: string, params: Record<string, unknown>): Finish | undefined => {
    if (!debugSink && !emitter.listenerCount('call') && !emitter.listenerCount('settle')) return;
    const started = Date.now();
    const safeParams = redact(params) as Record<string, unknown>;
    emitter.emit('call', { className, methodName, params: safeParams });
    return (ok, value) => {
      const entry = {
        className,
        methodName,
        params: safeParams,
        ok,
        ms: Date.now() - started,
        ...(ok ? { result: redact(value) } : { error: value as GoPayError }),
      };
      debugSink?.(entry);
      emitter.emit('settle', entry);
    };
  };

  const request = (
    className: string,
    methodName: string,
    params: Record<string, unknown> = {},
    opts: CallOptions = NO_OPTIONS,
    interactive?: boolean,
    merge?: boolean,
    until?: Request['until'],
  ): Promise<Record<string, unknown>> => {
    try {
      if (opts !== NO_OPTIONS) checkObject(opts, 'opts');
      const timeout = opts.timeout === undefined ? (interactive ? false : config.timeout) : checkTimeout(opts.timeout);
      const source = container();
      const report = reporter(className, methodName, params);
      return invoke(source, { className, methodName, params, timeout, signal: opts.signal, merge, until, report });
    } catch (error) {
      return Promise.reject(error);
    }
  };

  // Typed methods read fields wherever GoPay put them: in `data` or beside it.
  const read = (className: string, methodName: string, params?: Record<string, unknown>, opts?: CallOptions, interactive?: boolean) =>
    request(className, methodName, params, opts, interactive, true);

  const consent = async (className: string, methodName: string, scope: string, opts?: CallOptions): Promise<ConsentResult> => {
    let data: Record<string, unknown>;
    try {
      data = await read(className, methodName, { scope }, opts, true);
    } catch (error) {
      if (isGoPayError(error, 'PERMISSION_DENIED')) return { granted: false, successScope: { [scope]: false } };
      throw error;
    }
    const successScope: Record<string, boolean> = {};
    const reported = (data.successScope ?? {}) as Record<string, unknown>;
    for (const key in reported) successScope[key] = reported[key] === true || reported[key] === 'true';
    return { granted: successScope[scope] === true, successScope };
  };

  /** Starts a GPMotion sensor (shared by its watchers), delivers its readings to `listener`, resolves with `stop()`. */
  const watch = async (
    event: GoPayEventName,
    listener: unknown,
    opts: CallOptions | undefined,
    startMethod: string,
    startParams: () => Record<string, unknown>,
    stopMethod: string,
    stopParams: Record<string, unknown>,
  ): Promise<StopWatching> => {
    // Without a document (Node) and a bridge that dispatches events, the sensor starts but no reading can arrive.
    if (typeof listener != 'function') invalid(`${event} listener`, 'a function', listener);
    const params = startParams();
    const sensor = (sensors[event] ??= { count: 0 });
    const off = on(event, listener as () => void);
    sensor.count++;
    try {
      await (sensor.started ??= request('GPMotion', startMethod, params, opts));
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
      await request('GPMotion', stopMethod, stopParams);
    };
  };

  const intervalParams = (opts: IntervalWatchOptions = {}) =>
    opts.interval === undefined ? {} : { interval: checkOneOf(opts.interval, 'interval', INTERVALS) };

  const numbers = <O extends CallOptions>(opts: O | undefined, keys: (keyof O & string)[]) => {
    const params: Record<string, unknown> = {};
    for (const key of keys) if (opts?.[key] !== undefined) params[key] = checkNumber(opts[key], key);
    return params;
  };

  const { getAuthCode, withAuthCode } = createAuthCodeGuard(
    (opts) => request('GPMiniAppAuth', 'getAuthCode', {}, opts),
    config.authCodeTtl,
    config.authCodeMargin,
  );

  const gp: GoPay = {
    ready: async () => {
      await container();
    },

    call: (className, methodName, params = {}, opts) => {
      try {
        checkString(className, 'className');
        checkString(methodName, 'methodName');
        checkObject(params, 'params');
      } catch (error) {
        return Promise.reject(error);
      }
      return request(className, methodName, params, opts) as never;
    },

    getAuthCode,
    withAuthCode,

    getLocation: async (params = {}, opts) => {
      checkObject(params, 'getLocation(params)');
      const accuracy = params.enable_high_accuracy;
      if (accuracy !== undefined && typeof accuracy != 'boolean') invalid('enable_high_accuracy', 'a boolean', accuracy);
      const data = await read('GPLocation', 'getLocation', params as Record<string, unknown>, opts);
      return { coords: data.coords } as LocationResult;
    },

    getSystemInfo: (opts) => request('GPSystem', 'getSystemInfo', {}, opts) as Promise<SystemInfo>,
    getRootedDeviceInfo: (opts) => request('GPSystem', 'getRootedDeviceInfo', {}, opts) as Promise<RootedDeviceInfo>,
    getWifiInfo: (opts) => request('GPSystem', 'getWifiInfo', {}, opts) as Promise<WifiInfo>,

    getConsent: async (scope, opts) => {
      checkString(scope, 'scope');
      try {
        return await consent('GP', 'authorize', scope, opts);
      } catch (error) {
        // GoPay documents consent both ways; older apps only know GPConsent.getUserConsent.
        if (!isGoPayError(error) || error.bridgeCode != '100') throw error;
        return consent('GPConsent', 'getUserConsent', scope, opts);
      }
    },

    takePhoto: async (params, opts) => {
      checkObject(params, 'takePhoto(params)');
      checkOneOf(params.mode, 'mode', ['camera', 'photo']);
      const data = await read('GPCamera', 'takePhoto', params as unknown as Record<string, unknown>, opts, true);
      const photo: PhotoResult = {};
      if (data.localPath !== undefined) photo.localPath = data.localPath as string;
      if (data.base64Data !== undefined) photo.base64Data = data.base64Data as string;
      return photo;
    },

    launchPayment: async (link, opts) => {
      const deeplink = /^\s*https:/i.test(link) ? toPaymentDeeplink(link) : checkLink(link, 'deeplink', /^gopay:/i);
      const data = await read('GP', 'launchPayment', { deeplink }, opts, true);
      if (typeof data.status != 'string') {
        throw new GoPayBridgeError('answered without a status', { className: 'GP', methodName: 'launchPayment', response: data });
      }
      return { status: data.status };
    },

    getBankAccountToken: async (opts) => {
      const data = await read('GP', 'getBankAccountToken', {}, opts, true);
      return { token: data.token as string };
    },

    launchDeeplink: async (deeplink, opts) => {
      await request('GPNavigator', 'launchDeeplink', { deeplink: checkLink(deeplink, 'deeplink') }, opts);
    },
    launchUri: async (uri, opts) => {
      await request('GPNavigator', 'launchUri', { uri: checkLink(uri, 'uri') }, opts);
    },

    getLocale: async (opts) => (await read('GPBase', 'getLocale', {}, opts)).app_locale as AppLocale,

    copyToClipboard: async (text, opts) => {
      if (typeof text != 'string') invalid('text', 'a string', text);
      await request('GPBase', 'copyToClipboard', { text }, opts);
    },
    share: async (text, opts) => {
      await request('GPShare', 'share', { text: checkString(text, 'text') }, opts, true);
    },
    vibrate: async (ms, opts) => {
      await request('GPMotion', 'vibrate', { duration: checkMs(ms, 'vibrate(ms)') }, opts);
    },
    toast: async (message, duration, opts) => {
      const params: Record<string, unknown> = { message: checkString(message, 'message') };
      if (duration !== undefined) params.duration = checkMs(duration, 'duration');
      await request('GPUIToast', 'toast', params, opts);
    },
    setNavigationBar: async (params, opts) => {
      const bar: Record<string, unknown> = { ...checkObject(params, 'setNavigationBar(params)') };
      for (const key of ['titleColor', 'backgroundColor'] as const) {
        if (bar[key] !== undefined && !COLOR.test(bar[key] as string)) invalid(key, 'a color like #RRGGBB or #RRGGBBAA', bar[key]);
      }
      // GoPay documents hideBackButton as the string "true"/"false".
      if (bar.hideBackButton !== undefined) bar.hideBackButton = String(bar.hideBackButton);
      await request('GPNavigationBar', 'update', bar, opts);
    },

    saveFile: async (params, opts) => {
      checkObject(params, 'saveFile(params)');
      checkLink(params.url, 'url', /^(https?|blob|data):/i);
      if (params.destination !== undefined) checkOneOf(params.destination, 'destination', ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM']);
      if (!eventTarget()) throw new GoPayUnavailableError('no-window');
      // Subscribe before calling, so that an early event is not missed; unsubscribe on every outcome.
      const until = (finish: Finish) => {
        const offSuccess = on(BRIDGE_EVENTS.saveSuccess, (payload) => finish(true, payload));
        const offFailed = on(BRIDGE_EVENTS.saveFailed, (payload) =>
          finish(false, new GoPayBridgeError(payload?.msg, { className: 'GPFile', methodName: 'save', response: payload })),
        );
        return () => {
          offSuccess();
          offFailed();
        };
      };
      return request('GPFile', 'save', params as unknown as Record<string, unknown>, opts, true, false, until) as Promise<SaveFileResult>;
    },

    trackEvent: async (eventName, metaData, opts) => {
      checkString(eventName, 'eventName');
      if (!Object.keys(checkObject(metaData, 'metaData')).length) invalid('metaData', 'a non-empty object', '{}');
      await request('GPAnalytics', 'trackEvent', { eventName, metaData }, opts);
    },

    watchCompass: (listener, opts) =>
      watch(BRIDGE_EVENTS.compass, listener, opts, 'startCompass', () => intervalParams(opts), 'stopCompass', {}),
    watchAccelerometer: (listener, opts) =>
      watch(BRIDGE_EVENTS.accelerometer, listener, opts, 'startAccelerometer', () => intervalParams(opts), 'stopAccelerometer', {}),
    watchGyro: (listener, opts) =>
      watch(BRIDGE_EVENTS.gyro, listener, opts, 'listenGyro', () => ({ on: true, ...numbers(opts, ['frequency']) }), 'listenGyro', { on: false }),
    watchShake: (listener, opts) =>
      watch(
        BRIDGE_EVENTS.shake,
        listener,
        opts,
        'listeningShake',
        () => ({ on: true, ...numbers(opts, ['frequency', 'shakeThreshold', 'shakeNum']) }),
        'listeningShake',
        { on: false },
      ),

    on,
  };
  return gp;
};
