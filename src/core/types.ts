/**
 * The raw bridge, `window.gpContainer`, as GoPay's script defines it (GoPay Container V4).
 * `onSuccess`/`onFailure` are called from native code with an envelope (an object, or JSON text
 * on GoPay app versions below 2.00).
 */
export interface GpContainer {
  call(
    className: string,
    methodName: string,
    params: Record<string, unknown>,
    onSuccess: (response: unknown) => void,
    onFailure: (response: unknown) => void,
    timeout?: number,
  ): void;
}

/** The envelope GoPay answers with. Every field is optional: the bridge is not consistent. */
export interface BridgeEnvelope {
  success?: boolean;
  ret?: string | string[];
  data?: unknown;
  error_type?: string;
  error_code?: string | number;
  error_message?: string;
  errorType?: string;
  errorCode?: string | number;
  errorMessage?: string;
  [field: string]: unknown;
}

/** Per-call options: any other name is refused. */
export interface CallOptions {
  /**
   * Milliseconds before the call rejects with `GoPayTimeoutError`; `false` waits forever.
   * @example await gp.getLocation({}, { timeout: 5_000 })
   */
  timeout?: number | false;
  /**
   * Aborting rejects the call with `GoPayAbortError` (the bridge itself cannot be cancelled). Work shared with
   * other callers (a sensor's start, a shared `getAuthCode`) goes on for them.
   * @example await gp.launchPayment(link, { signal: AbortSignal.timeout(120_000) })
   */
  signal?: AbortSignal;
}

/** Options of `gp.isInGoPay()`. */
export interface ProbeOptions {
  /**
   * Milliseconds to wait for the bridge's answer (the script's load included) before concluding "not in GoPay".
   * @default 2000
   * @example await gp.isInGoPay({ timeout: 500 })
   */
  timeout?: number;
  /** Aborting resolves `false`. */
  signal?: AbortSignal;
}

/** A GoPay auth code with the times it is taken to be valid (ms since the epoch). */
export interface AuthCode {
  /** The code to send to your backend, which exchanges it for an access token. */
  code: string;
  /** When the request for it was sent: the code cannot be older than that. */
  issuedAt: number;
  /** `issuedAt + authCodeTtl`. */
  expiresAt: number;
}

export interface WithAuthCodeOptions extends CallOptions {
  /**
   * Tells whether an error thrown by `fn` means "this auth code was expired or unknown", in which case
   * `fn` runs once more with a fresh code. Default: a `GoPayAuthCodeExpiredError`, or an error whose
   * message matches /auth ?code.*(expired|not found|invalid)/i (GoPay's backend says "AuthCode Not Found").
   * @example await gp.withAuthCode(login, { isExpiredError: (e) => e instanceof HttpError && e.status === 401 })
   */
  isExpiredError?: (error: unknown) => boolean;
}

export interface LocationParams {
  /** Ask the device for a precise (GPS) fix. */
  enable_high_accuracy?: boolean;
}

export interface LocationResult {
  coords: { latitude: number; longitude: number; time?: number | string; [field: string]: unknown };
}

export interface SystemInfo {
  platform?: string;
  is_emulator?: boolean | string;
  brand?: string;
  model?: string;
  product?: string;
  uuid?: string;
  idfa?: string;
  idfv?: string;
  [field: string]: unknown;
}

export interface RootedDeviceInfo {
  /** Documented as a string (`"true"`/`"false"`); passed through as the bridge sends it. */
  is_rooted?: string | boolean;
  [field: string]: unknown;
}

export interface WifiInfo {
  wifi_bssid?: string;
  wifi_ssid?: string;
  [field: string]: unknown;
}

/** Scopes GoPay documents; any other string is passed through. */
export type ConsentScope = 'location' | 'camera' | (string & {});

export interface ConsentResult {
  /** Whether the user granted the scope asked for. A refusal is `false`, not a rejection. */
  granted: boolean;
  /** What the bridge reported, scope by scope. */
  successScope: Record<string, boolean>;
}

export interface TakePhotoParams {
  /** `camera` opens the camera, `photo` the gallery. */
  mode: 'camera' | 'photo';
  needBase64?: boolean;
}

export interface PhotoResult {
  localPath?: string;
  base64Data?: string;
}

/**
 * What GoPay reports when the user comes back from the payment screen: `success`, `failed` (the user cancelled),
 * `cancelled` (the user went back), `pending` (a processing error). A hint only: your backend's verified notification
 * is the answer. A status GoPay may add later is passed on as it came.
 */
export type PaymentStatus = 'success' | 'failed' | 'pending' | 'cancelled';

export interface PaymentResult {
  status: PaymentStatus;
}

export interface BankAccountTokenResult {
  token: string;
}

export type AppLocale = 'en_ID' | 'id_ID' | (string & {});

export interface NavigationBarParams {
  title?: string;
  /** `#RRGGBB` or `#RRGGBBAA`. */
  titleColor?: string;
  barStyle?: 'float' | (string & {});
  /** `#RRGGBB` or `#RRGGBBAA`. */
  backgroundColor?: string;
  /** Sent to the bridge as the string `"true"`/`"false"`, as GoPay documents it. */
  hideBackButton?: boolean;
}

export interface SaveFileParams {
  /** The file to save: an `https:`, `http:`, `blob:` or `data:` URL. */
  url: string;
  name?: string;
  destination?: 'DOWNLOADS' | 'DOCUMENTS' | 'PICTURES' | 'DCIM';
}

export interface SaveFileResult {
  msg?: string;
  [field: string]: unknown;
}

export interface TrackEventMetaData {
  mini_app_id?: string;
  mini_app_version?: string;
  user_action?: string;
  completed_action?: string;
  page_id?: string;
  page_name?: string;
  component_id?: string;
  url?: string;
  error_code?: string;
  error_description?: string;
  [field: string]: unknown;
}

/** Sampling rate of the compass and accelerometer: about 20, 60 and 200 ms. */
export type SensorInterval = 'game' | 'ui' | 'normal';

export interface CompassReading {
  /** Degrees from north, in [0, 360). */
  direction: number;
  timestamp?: number;
  [field: string]: unknown;
}

export interface MotionReading {
  x: number;
  y: number;
  z: number;
  [field: string]: unknown;
}

export interface ShakeReading {
  [field: string]: unknown;
}

export interface IntervalWatchOptions extends CallOptions {
  /**
   * How often readings come; the first watcher's choice holds while the sensor runs.
   * @example await gp.watchCompass(render, { interval: 'ui' })
   */
  interval?: SensorInterval;
}

export interface GyroWatchOptions extends CallOptions {
  /**
   * Readings per second asked of GoPay (1 or more).
   * @example await gp.watchGyro(tilt, { frequency: 30 })
   */
  frequency?: number;
}

export interface ShakeWatchOptions extends CallOptions {
  /** As for `watchGyro`. */
  frequency?: number;
  /**
   * GoPay's `shakeThreshold` and `shakeNum`: how hard, and how many shakes make one.
   * @example await gp.watchShake(shuffle, { shakeThreshold: 2, shakeNum: 2 })
   */
  shakeThreshold?: number;
  shakeNum?: number;
}

/** Stops a `watch*` subscription; the sensor is stopped when its last watcher stops. */
export type StopWatching = () => Promise<void>;
