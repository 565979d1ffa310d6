import { browserLocation, browserPhoto, tryBrowser } from './browser-apis';
import { fail, failure, isEnvelope, ok, paramError, success, successBeside, type Reply } from './envelopes';
import type { MockBridge, MockBridgeOptions, MockCall, MockData, MockResult } from './options';
import { createPanel, type Panel } from './panel';
import { createRandom } from './random';

type Params = Record<string, unknown>;
type Handler = (params: Params) => Reply | Promise<Reply>;

// Which consent each method needs (GoPay documents that they need one, not the names of all of them).
const SCOPES: Record<string, string> = {
  'GPLocation.getLocation': 'location',
  'GPCamera.takePhoto': 'camera',
  'GPSystem.getSystemInfo': 'system',
  'GPSystem.getRootedDeviceInfo': 'system',
  'GPSystem.getWifiInfo': 'system',
  'GP.getBankAccountToken': 'bank_account',
};
const INTERVALS: Record<string, number> = { game: 20, ui: 60, normal: 200 };
const DESTINATIONS = ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'];
const SLOW: [number, number] = [1500, 3000];
const PANEL_STATUS: Record<string, string> = { Pay: 'success', Pending: 'pending', Failed: 'failed', Cancel: 'cancelled' };
// A 1×1 JPEG: looks like a photo to code that decodes it, and carries nothing.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=';

let announced = false;

const isString = (value: unknown): value is string => typeof value == 'string' && value.length > 0;
/** A finite number of at least `min` (GoPay answers 201 for a wrong type; NaN or Infinity would break the timers). */
const isNumber = (value: unknown, min: number): value is number => typeof value == 'number' && Number.isFinite(value) && value >= min;
/** An optional param present with the wrong type. */
const wrong = (value: unknown, right: (value: unknown) => boolean) => value !== undefined && !right(value);
const isPositive = (value: unknown) => isNumber(value, Number.MIN_VALUE);

/**
 * A stand-in for `window.gpContainer` that answers every documented JSAPI with GoPay's envelopes, keeps GoPay's
 * consent rules, and lets you rehearse every unhappy path. Choose it explicitly: it never switches itself on.
 * @example const gp = createGoPay({ bridge: createMockBridge({ consent: { location: true } }) });
 */
export const createMockBridge = (options: MockBridgeOptions = {}): MockBridge => {
  if (!announced) {
    announced = true;
    console.info('[gopay-miniapp-kit] The GoPay mock bridge is active: every answer is simulated. Never ship it to production.');
  }
  const target = new EventTarget();
  const calls: MockCall[] = [];
  const overrides = new Map<string, Handler>();
  const sensors = new Map<string, ReturnType<typeof setInterval>>();
  let consent = new Set<string>();
  let random = createRandom(options.seed);
  // Latency draws from its own stream, so that a latency range never shifts the seeded codes and readings.
  let delays = createRandom(options.seed === undefined ? undefined : options.seed ^ 0x9e3779b9);
  let callbackId = 0;
  let direction = 0;
  let panel: Panel | undefined;

  const scenario = options.scenario ?? 'happy';
  const latency = options.latency ?? (scenario == 'slow' ? SLOW : 0);
  const browser = !!options.browserApis;

  const init = () => {
    consent = new Set(Object.keys(options.consent ?? {}).filter((scope) => options.consent![scope]));
    random = createRandom(options.seed);
    delays = createRandom(options.seed === undefined ? undefined : options.seed ^ 0x9e3779b9);
    callbackId = 0;
    // The compass starts somewhere; drawn here, first, so that reset() replays a fresh mock's draws exactly.
    direction = random.between(0, 360);
  };
  init();

  const getPanel = () => (options.ui && typeof document != 'undefined' ? (panel ??= createPanel()) : undefined);
  getPanel();

  const dispatch = (eventName: string, detail: unknown) => {
    const to: EventTarget = typeof document != 'undefined' ? document : target;
    to.dispatchEvent(new CustomEvent(eventName, { detail }));
  };

  const stopSensor = (event: string) => {
    clearInterval(sensors.get(event));
    sensors.delete(event);
  };
  const startSensor = (event: string, every: number, reading: () => unknown) => {
    stopSensor(event);
    sensors.set(
      event,
      setInterval(() => dispatch(event, reading()), every),
    );
  };

  // Plausible readings: a compass that drifts, a phone lying still with a little noise.
  const noise = () => +random.between(-0.05, 0.05).toFixed(3);
  const compass = () => {
    direction = (direction + random.between(-4, 4) + 360) % 360;
    return { direction: +direction.toFixed(1), timestamp: Date.now() };
  };
  const accelerometer = () => ({ x: noise(), y: noise(), z: +(9.81 + noise()).toFixed(3) });
  const gyro = () => ({ x: noise(), y: noise(), z: noise() });

  const needs = (scope: string): Reply | undefined =>
    scenario == 'permission-denied' || !consent.has(scope) ? fail(failure(300)) : undefined;

  const intervalOf = (params: Params): number | undefined =>
    params.interval === undefined ? INTERVALS.normal : INTERVALS[params.interval as string];

  const motion = (event: string, name: string, reading: () => unknown): Handler[] => [
    (params) => {
      const every = intervalOf(params);
      if (!every) return fail(failure(201, 'interval must be game, ui or normal'));
      startSensor(event, every, reading);
      return ok(successBeside({ msg: `${name}_STARTED` }));
    },
    () => (stopSensor(event), ok(successBeside({ msg: `${name}_STOPPED` }))),
  ];

  const toggle =
    (event: string, name: string, every: number, reading: () => unknown): Handler =>
    (params) => {
      if (typeof params.on != 'boolean') return fail(failure(201, 'on must be a boolean'));
      if (wrong(params.frequency, isPositive)) return fail(failure(201, 'frequency must be a positive number of ms'));
      if (!params.on) return (stopSensor(event), ok(successBeside({ msg: `${name}_STOPPED` })));
      startSensor(event, (params.frequency as number | undefined) ?? every, reading);
      return ok(successBeside({ msg: `${name}_STARTED` }));
    };

  const consentHandler: Handler = async (params) => {
    const scope = params.scope;
    if (!isString(scope)) return fail(failure(200, 'scope is required'));
    const allowed =
      scenario != 'permission-denied' &&
      (getPanel()
        ? (await getPanel()!.ask(`Allow this mini app to use your ${scope}?`, ['Allow', 'Deny'])) == 'Allow'
        : options.authorize != 'deny');
    if (allowed) consent.add(scope);
    return ok(success({ successScope: { [scope]: allowed } }));
  };

  const [startCompass, stopCompass] = motion('GPMotion.Event.compass', 'COMPASS', compass);
  const [startAccelerometer, stopAccelerometer] = motion('GPMotion.Event.accelerometer', 'ACCELEROMETER', accelerometer);

  const handlers: Record<string, Handler> = {
    'GPMiniAppAuth.getAuthCode': () => ok(success({ authCode: random.token(64) })),

    'GPLocation.getLocation': async (params) => {
      if (params.enable_high_accuracy !== undefined && typeof params.enable_high_accuracy != 'boolean') return fail(failure(201));
      const coords = (browser && (await tryBrowser(browserLocation))) || {
        latitude: +(-6.2088 + random.between(-0.01, 0.01)).toFixed(6),
        longitude: +(106.8456 + random.between(-0.01, 0.01)).toFixed(6),
        time: Date.now(),
      };
      return ok(success({ coords }));
    },

    'GPSystem.getSystemInfo': () =>
      ok(
        success({
          platform: 'android',
          is_emulator: false,
          brand: 'GoPayMock',
          model: 'Mock Phone',
          product: 'mock',
          uuid: random.token(32, '0123456789abcdef'),
          idfa: '',
          idfv: '',
        }),
      ),
    'GPSystem.getRootedDeviceInfo': () => ok(success({ is_rooted: 'false' })),
    'GPSystem.getWifiInfo': () => ok(success({ wifi_bssid: '02:00:00:00:00:00', wifi_ssid: 'GoPay Mock Wi-Fi' })),

    'GP.authorize': consentHandler,
    'GPConsent.getUserConsent': consentHandler,

    'GP.launchPayment': async (params) => {
      const deeplink = params.deeplink;
      if (!isString(deeplink)) return fail(failure(200, 'deeplink is required'));
      if (!/^gopay:\/\/merchanttransfer\b/.test(deeplink)) return fail(failure(202, 'Not a GoPay payment deeplink'));
      const status = getPanel()
        ? PANEL_STATUS[await getPanel()!.ask(`Pay with GoPay?\n${deeplink}`, Object.keys(PANEL_STATUS))]
        : scenario == 'payment-cancelled'
          ? 'cancelled'
          : (options.paymentStatus ?? 'success');
      return ok(success({ status }));
    },

    'GP.getBankAccountToken': () => ok(success({ token: `mock-${random.token(24)}` })),

    'GPNavigator.launchDeeplink': (params) =>
      !isString(params.deeplink)
        ? fail(failure(200, 'deeplink is required'))
        : /^gopay:/.test(params.deeplink)
          ? ok(success())
          : fail(failure(202, 'Not a GoPay deeplink')),
    'GPNavigator.launchUri': (params) => (isString(params.uri) ? ok(success()) : fail(failure(200, 'uri is required'))),

    'GPCamera.takePhoto': async (params) => {
      const id = ++callbackId;
      if (params.mode != 'camera' && params.mode != 'photo') return fail(paramError(id, 'mode must be camera or photo'));
      if (wrong(params.needBase64, (v) => typeof v == 'boolean')) return fail(failure(201, 'needBase64 must be a boolean'));
      const photo = (browser && (await tryBrowser(() => browserPhoto(params.mode == 'camera', !!params.needBase64)))) || {
        localPath: `/storage/emulated/0/GoPayMock/IMG_${id}.jpg`,
        ...(params.needBase64 ? { base64Data: TINY_JPEG } : {}),
      };
      return ok(successBeside({ callbackId: id }, photo));
    },

    'GPMotion.startCompass': startCompass,
    'GPMotion.stopCompass': stopCompass,
    'GPMotion.startAccelerometer': startAccelerometer,
    'GPMotion.stopAccelerometer': stopAccelerometer,
    'GPMotion.listenGyro': toggle('motion.gyro', 'GYROSCOPE', INTERVALS.normal!, gyro),
    'GPMotion.listeningShake': toggle('motion.shake', 'SHAKE', 2000, () => ({ timestamp: Date.now() })),
    'GPMotion.vibrate': (params) => {
      if (!isNumber(params.duration, 0)) return fail(failure(201, 'duration must be a number of ms'));
      if (browser) tryBrowser(() => navigator.vibrate(params.duration as number));
      return ok(success());
    },

    'GPFile.save': (params) => {
      if (!isString(params.url)) return fail(failure(200, 'url is required'));
      if (wrong(params.name, (v) => typeof v == 'string')) return fail(failure(201, 'name must be a string'));
      if (wrong(params.destination, (v) => DESTINATIONS.includes(v as string))) {
        return fail(failure(201, `destination must be one of ${DESTINATIONS.join(', ')}`));
      }
      const saved = /^(https?|blob|data):/.test(params.url);
      setTimeout(
        () => dispatch(saved ? 'GPFile.Event.saveSuccess' : 'GPFile.Event.saveFailed', { msg: saved ? 'SAVE_SUCCESS' : 'SAVE_FAILED' }),
        pickLatency(),
      );
      return ok(successBeside({ msg: 'SAVE_STARTED' }));
    },

    'GPShare.share': async (params) => {
      if (!isString(params.text)) return fail(failure(200, 'text is required'));
      if (browser) await tryBrowser(() => navigator.share({ text: params.text as string }));
      return ok(success());
    },

    'GPBase.getLocale': () => ok(successBeside({ app_locale: 'en_ID' })),
    'GPBase.copyToClipboard': async (params) => {
      if (typeof params.text != 'string') return fail(failure(201, 'text must be a string'));
      if (browser) await tryBrowser(() => navigator.clipboard.writeText(params.text as string));
      return ok(success());
    },

    'GPAnalytics.trackEvent': (params) => {
      const id = ++callbackId;
      if (!isString(params.eventName)) return fail(paramError(id, 'eventName can not be empty'));
      const meta = params.metaData;
      if (!meta || typeof meta != 'object' || !Object.keys(meta).length) return fail(paramError(id, 'metaData can not be empty'));
      return ok(successBeside({ callbackId: id }));
    },

    'GPUIToast.toast': (params) => {
      if (!isString(params.message)) return fail(failure(200, 'message is required'));
      if (wrong(params.duration, (v) => isNumber(v, 0))) return fail(failure(201, 'duration must be a number of ms'));
      getPanel()?.toast(params.message, (params.duration as number) || 2000);
      return ok(success());
    },
    'GPNavigationBar.update': (params) => {
      if (params.hideBackButton !== undefined && typeof params.hideBackButton != 'string')
        return fail(failure(201, 'hideBackButton must be a string'));
      if (isString(params.title)) getPanel()?.title(params.title);
      return ok(success());
    },
    'GPNavigationBar.getHeight': () => ok(success({ height: 56 })),
  };

  const pickLatency = () => (Array.isArray(latency) ? Math.round(delays.between(latency[0], latency[1])) : latency);

  const answer = async (key: string, params: Params): Promise<Reply> => {
    const override = overrides.get(key);
    if (override) return override(params);
    if (scenario == 'offline') return fail(failure(401));
    if (scenario == 'not-registered') return fail(failure(203));
    const handler = handlers[key];
    if (!handler) return fail(failure(100, `${key} is not a GoPay method`));
    return (SCOPES[key] && needs(SCOPES[key])) || handler(params);
  };

  const bridge = Object.assign(target, {
    calls,
    call(
      className: string,
      methodName: string,
      params: Params,
      onSuccess: (response: unknown) => void,
      onFailure: (response: unknown) => void,
    ) {
      const key = `${className}.${methodName}`;
      const safeParams = params && typeof params == 'object' ? params : {};
      calls.push({ className, methodName, params: safeParams });
      getPanel()?.log(key, safeParams);
      const delay = pickLatency();
      // Like the real bridge, never answer synchronously.
      const run = () =>
        answer(key, safeParams)
          .catch((error: unknown) => fail(failure(500, String((error as Error)?.message ?? error))))
          .then((reply) => {
            try {
              'ok' in reply ? onSuccess(reply.ok) : onFailure(reply.fail);
            } catch (error) {
              // A throwing callback is the caller's bug: surface it as an uncaught error on its own task, as a
              // callback run by native code would, never as an unhandled rejection of the mock's promise.
              setTimeout(() => {
                throw error;
              });
            }
          });
      if (delay > 0) setTimeout(run, delay);
      else Promise.resolve().then(run);
    },
    set(method: string, result: MockResult) {
      overrides.set(method, async (params) => {
        const answer = typeof result == 'function' ? await result(params) : result;
        return ok(isEnvelope(answer) ? { ...success(), ...answer.envelope } : success(answer as MockData));
      });
    },
    fail(method: string, bridgeCode: string | number, message?: string) {
      overrides.set(method, () =>
        fail(
          String(bridgeCode) == 'GP_PARAM_ERR' ? paramError(++callbackId, message ?? 'Invalid parameters') : failure(bridgeCode, message),
        ),
      );
    },
    grant: (scope: string) => void consent.add(scope),
    revoke: (scope: string) => void consent.delete(scope),
    emit: dispatch,
    reset() {
      overrides.clear();
      calls.length = 0;
      sensors.forEach((_, event) => stopSensor(event));
      init();
    },
    destroy() {
      sensors.forEach((_, event) => stopSensor(event));
      panel?.remove();
      panel = undefined;
    },
  });
  return bridge as MockBridge;
};

/**
 * Creates a mock bridge and puts it on `window.gpContainer`, so that `createGoPay()` (and raw callers) use it.
 * @example if (import.meta.env.DEV) installMockBridge({ ui: true });
 */
export const installMockBridge = (options?: MockBridgeOptions): MockBridge => {
  if (typeof window == 'undefined') {
    throw new TypeError('installMockBridge() needs a window; in Node pass createMockBridge() to createGoPay({ bridge }).');
  }
  const bridge = createMockBridge(options);
  (window as { gpContainer?: unknown }).gpContainer = bridge;
  return bridge;
};
