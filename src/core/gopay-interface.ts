import type { GoPayEventName, GoPayListener } from './events';
import type {
  AppLocale,
  AuthCode,
  BankAccountTokenResult,
  CallOptions,
  CompassReading,
  ConsentResult,
  ConsentScope,
  GyroWatchOptions,
  IntervalWatchOptions,
  LocationParams,
  LocationResult,
  MotionReading,
  NavigationBarParams,
  PaymentResult,
  PhotoResult,
  ProbeOptions,
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

/**
 * A GoPay client, made by `createGoPay()`. Every method returns a promise that rejects with a `GoPayError` only;
 * `opts` is `{ timeout?, signal? }` for that one call.
 */
export interface GoPay {
  /**
   * Loads the bridge if needed; resolves once `gpContainer.call` exists.
   * @example await gp.ready();
   */
  ready(): Promise<void>;
  /**
   * Whether the page runs inside GoPay's app: `true` only when the bridge answered a probe (GPBase.getLocale),
   * with a result or a documented bridge error. `false` without a window, when the script does not load, when it
   * defines no container, on bridge code 1003, or with no answer within `opts.timeout` (2,000 ms): GoPay's script
   * defines `window.gpContainer` in an ordinary browser too, so only an answer tells. Never rejects (a bad `opts`
   * resolves `false` too). It costs one bridge call, and up to `timeout` ms outside GoPay: ask once at start-up,
   * e.g. to switch to the mock bridge locally or to hide GoPay-only buttons; a `true` is remembered.
   * @example if (!(await gp.isInGoPay())) showOpenInGoPayHint();
   */
  isInGoPay(opts?: ProbeOptions): Promise<boolean>;
  /**
   * Calls any bridge method. Resolves with the envelope's `data`, else the envelope without `success`/`ret`.
   * @example const { height } = await gp.call<{ height: number }>('GPNavigationBar', 'getHeight');
   */
  call<T = Record<string, unknown>>(
    className: string,
    methodName: string,
    params?: Record<string, unknown>,
    opts?: CallOptions,
  ): Promise<T>;
  /**
   * A fresh auth code with its expiry (GPMiniAppAuth.getAuthCode); concurrent callers share one bridge call.
   * Prefer `withAuthCode`, which never hands out a used or expired code.
   * @example const { code, expiresAt } = await gp.getAuthCode();
   */
  getAuthCode(opts?: CallOptions): Promise<AuthCode>;
  /**
   * Runs `fn` with a fresh, unexpired auth code that no other caller gets, and retries once with a new code
   * when `fn` fails because the code expired (see `isExpiredError`).
   * @example
   * const user = await gp.withAuthCode(async (authCode) => {
   *   const res = await fetch('/api/gopay/login', {
   *     method: 'POST',
   *     headers: { 'Content-Type': 'application/json' },
   *     body: JSON.stringify({ authCode }),
   *   });
   *   const body = await res.json();
   *   // Your backend answers 401 { error: 'AUTH_CODE_EXPIRED' } when getAuthToken says the code expired: retried once.
   *   if (res.status === 401 && body.error === 'AUTH_CODE_EXPIRED') throw new GoPayAuthCodeExpiredError();
   *   if (!res.ok) throw new Error(`Login failed: ${body.error}`);
   *   return body;
   * });
   */
  withAuthCode<T>(fn: (code: string, authCode: AuthCode) => T | Promise<T>, opts?: WithAuthCodeOptions): Promise<T>;
  /**
   * The device's location (GPLocation.getLocation); needs the `location` consent.
   * @example const { coords } = await gp.getLocation({ enable_high_accuracy: true });
   */
  getLocation(params?: LocationParams, opts?: CallOptions): Promise<LocationResult>;
  /**
   * The device (GPSystem.getSystemInfo): platform, brand, model, ids.
   * @example const { platform } = await gp.getSystemInfo();
   */
  getSystemInfo(opts?: CallOptions): Promise<SystemInfo>;
  /**
   * Whether the device is rooted (GPSystem.getRootedDeviceInfo); `is_rooted` as the bridge sends it.
   * @example const { is_rooted } = await gp.getRootedDeviceInfo();
   */
  getRootedDeviceInfo(opts?: CallOptions): Promise<RootedDeviceInfo>;
  /**
   * The Wi-Fi network (GPSystem.getWifiInfo).
   * @example const { wifi_ssid } = await gp.getWifiInfo();
   */
  getWifiInfo(opts?: CallOptions): Promise<WifiInfo>;
  /**
   * Asks the user for a consent (GP.authorize; GPConsent.getUserConsent where that is not supported).
   * A refusal resolves with `granted: false`. Interactive: no default timeout.
   * @example if (!(await gp.getConsent('location')).granted) showWhyWeNeedIt();
   */
  getConsent(scope: ConsentScope, opts?: CallOptions): Promise<ConsentResult>;
  /**
   * Opens the camera (`mode: 'camera'`) or the gallery (`'photo'`); needs the `camera` consent. Interactive.
   * @example const { base64Data } = await gp.takePhoto({ mode: 'camera', needBase64: true });
   */
  takePhoto(params: TakePhotoParams, opts?: CallOptions): Promise<PhotoResult>;
  /**
   * Opens GoPay's payment screen for a `gopay://merchanttransfer…` deeplink or the https `webRedirectUrl` your
   * backend got. The status is a hint: your backend must confirm the payment. Interactive: no default timeout.
   * @example const { status } = await gp.launchPayment(deeplink); // then ask your backend
   */
  launchPayment(deeplinkOrWebRedirectUrl: string, opts?: CallOptions): Promise<PaymentResult>;
  /**
   * A token for the user's bank account (GP.getBankAccountToken), for your backend. Interactive.
   * @example const { token } = await gp.getBankAccountToken();
   */
  getBankAccountToken(opts?: CallOptions): Promise<BankAccountTokenResult>;
  /**
   * Opens a deeplink (GPNavigator.launchDeeplink); it must be whitelisted for your mini app. Leaves the mini app:
   * no default timeout.
   * @example await gp.launchDeeplink('gojek://home');
   */
  launchDeeplink(deeplink: string, opts?: CallOptions): Promise<void>;
  /**
   * Opens a URI (GPNavigator.launchUri). Leaves the mini app: no default timeout.
   * @example await gp.launchUri('https://example.com/terms');
   */
  launchUri(uri: string, opts?: CallOptions): Promise<void>;
  /**
   * The app's locale (GPBase.getLocale): `'en_ID'` or `'id_ID'`.
   * @example const locale = await gp.getLocale();
   */
  getLocale(opts?: CallOptions): Promise<AppLocale>;
  /**
   * Copies `text` to the clipboard (GPBase.copyToClipboard).
   * @example await gp.copyToClipboard(voucherCode);
   */
  copyToClipboard(text: string, opts?: CallOptions): Promise<void>;
  /**
   * Opens the share sheet with `text` (GPShare.share). Interactive.
   * @example await gp.share('Join me on this mini app');
   */
  share(text: string, opts?: CallOptions): Promise<void>;
  /**
   * Vibrates for `ms` milliseconds (GPMotion.vibrate).
   * @example await gp.vibrate(200);
   */
  vibrate(ms: number, opts?: CallOptions): Promise<void>;
  /**
   * Shows a toast (GPUIToast.toast) for `duration` **seconds**, as GoPay's sample and the WindVane bridge it
   * derives from.
   * @example await gp.toast('Saved', 2);
   */
  toast(message: string, duration?: number, opts?: CallOptions): Promise<void>;
  /**
   * Updates the navigation bar (GPNavigationBar.update); colours are `#RRGGBB` or `#RRGGBBAA`.
   * @example await gp.setNavigationBar({ title: 'Checkout', backgroundColor: '#00AA13FF' });
   */
  setNavigationBar(params: NavigationBarParams, opts?: CallOptions): Promise<void>;
  /**
   * Saves a file (GPFile.save; iOS only so far); resolves on `GPFile.Event.saveSuccess`, rejects on `saveFailed`.
   * Saves run one at a time per client, since GoPay's save events carry no id. Interactive.
   * @example await gp.saveFile({ url: 'https://example.com/receipt.pdf', name: 'receipt.pdf', destination: 'DOWNLOADS' });
   */
  saveFile(params: SaveFileParams, opts?: CallOptions): Promise<SaveFileResult>;
  /**
   * Sends an analytics event (GPAnalytics.trackEvent); `metaData` must not be empty.
   * @example await gp.trackEvent('checkout', { page_name: 'cart', user_action: 'pay' });
   */
  trackEvent(eventName: string, metaData: TrackEventMetaData, opts?: CallOptions): Promise<void>;
  /**
   * Starts the compass and calls `listener` with each reading; resolves with `stop()` once started. Watchers
   * share one sensor, stopped when the last one stops.
   * @example const stop = await gp.watchCompass(({ direction }) => render(direction)); await stop();
   */
  watchCompass(listener: (reading: CompassReading) => void, opts?: IntervalWatchOptions): Promise<StopWatching>;
  /**
   * Starts the accelerometer; as `watchCompass`.
   * @example const stop = await gp.watchAccelerometer(({ x, y, z }) => move(x, y, z), { interval: 'game' });
   */
  watchAccelerometer(listener: (reading: MotionReading) => void, opts?: IntervalWatchOptions): Promise<StopWatching>;
  /**
   * Starts the gyroscope (GPMotion.listenGyro); as `watchCompass`.
   * @example const stop = await gp.watchGyro(({ x, y, z }) => tilt(x, y, z), { frequency: 60 });
   */
  watchGyro(listener: (reading: MotionReading) => void, opts?: GyroWatchOptions): Promise<StopWatching>;
  /**
   * Listens for shakes (GPMotion.listeningShake); as `watchCompass`.
   * @example const stop = await gp.watchShake(() => shuffle(), { shakeThreshold: 2 });
   */
  watchShake(listener: (reading: ShakeReading) => void, opts?: ShakeWatchOptions): Promise<StopWatching>;
  /**
   * Subscribes to an event (`ready`, `call`, `settle`, or a bridge event such as `GPMotion.Event.compass`);
   * returns `unsubscribe()`, which removes exactly this subscription. Bridge events are listened to on the
   * document only while subscribed. A listener that throws breaks neither the call nor the other listeners.
   * @example const off = gp.on('settle', (e) => console.log(e.methodName, e.ok, e.ms)); off();
   */
  on<E extends GoPayEventName>(event: E, listener: GoPayListener<E>): () => void;
}
