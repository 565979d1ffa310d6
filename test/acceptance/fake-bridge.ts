// A fake `window.gpContainer` for the acceptance tests, and the envelopes GoPay's JSAPI pages document: success
// (`{ success: true, ret: 'GP_SUCCESS', … }`), the snake_case failure and the camelCase GP_PARAM_ERR failure.

export const OK = 'GP_SUCCESS';
export const okEnv = (extra: Record<string, unknown> = {}) => ({ success: true, ret: OK, ...extra });
export const failEnv = (code: string | number, message = 'bridge says no') => ({
  success: false,
  ret: 'GP_EXCEPTION',
  error_type: 'JS_BRIDGE_ERROR',
  error_code: code,
  error_message: message,
});
export const camelFailEnv = (message = 'metaData can not be empty') => ({
  callbackId: 'cb-7',
  ret: 'GP_PARAM_ERR',
  errorCode: 'GP_PARAM_ERR',
  errorMessage: message,
});

/** A 64-character letters-and-digits auth code, distinct per n. */
export const authCodeFor = (n: number) => `AC${n}x`.padEnd(64, 'Q');

/** One call received by the fake: `call(className, methodName, params, onSuccess, onFailure, timeout)`. */
export interface BridgeCall {
  className: string;
  methodName: string;
  params: Record<string, unknown>;
  onSuccess: (response?: unknown) => void;
  onFailure: (response?: unknown) => void;
  timeout: unknown;
}

/** How the fake answers a call: through onSuccess, through onFailure, not at all, or (undefined) as the samples do. */
export type Reply = { ok: unknown } | { fail: unknown } | 'never' | undefined;

/** The documented answer of each method, as the fake gives it by default (n() counts auth codes). */
export const SAMPLE_DATA: Record<string, (rec: BridgeCall, n: () => number) => Reply> = {
  'GPMiniAppAuth.getAuthCode': (_r, n) => ({ ok: okEnv({ data: { authCode: authCodeFor(n()) } }) }),
  'GPLocation.getLocation': () => ({ ok: okEnv({ data: { coords: { latitude: -6.2, longitude: 106.8, time: 1700000000000 } } }) }),
  'GPSystem.getSystemInfo': () => ({
    ok: okEnv({
      data: { platform: 'android', is_emulator: false, brand: 'b', model: 'm', product: 'p', uuid: 'u', idfa: '', idfv: '' },
    }),
  }),
  'GPSystem.getRootedDeviceInfo': () => ({ ok: okEnv({ data: { is_rooted: 'false' } }) }),
  'GPSystem.getWifiInfo': () => ({ ok: okEnv({ data: { wifi_bssid: '00:11', wifi_ssid: 'home' } }) }),
  'GP.authorize': (r) => ({ ok: okEnv({ data: { successScope: { [String(r.params.scope)]: true } } }) }),
  'GPConsent.getUserConsent': (r) => ({ ok: okEnv({ data: { successScope: { [String(r.params.scope ?? 'location')]: true } } }) }),
  'GPCamera.takePhoto': () => ({ ok: okEnv({ data: { localPath: '/tmp/p.jpg', base64Data: 'QUJDREVGR0g=' } }) }),
  'GP.launchPayment': () => ({ ok: okEnv({ data: { status: 'success' } }) }),
  'GP.getBankAccountToken': () => ({ ok: okEnv({ data: { token: 'bank-token-123' } }) }),
  'GPBase.getLocale': () => ({ ok: okEnv({ app_locale: 'id_ID' }) }),
  'GPAnalytics.trackEvent': () => ({ ok: okEnv({ callbackId: 'cb-1' }) }),
  'GPFile.save': () => ({ ok: okEnv({ msg: 'SAVE_STARTED' }) }),
  'GPMotion.startCompass': () => ({ ok: okEnv({ msg: 'COMPASS_STARTED' }) }),
  'GPMotion.stopCompass': () => ({ ok: okEnv({ msg: 'COMPASS_STOPPED' }) }),
  'GPMotion.startAccelerometer': () => ({ ok: okEnv({ msg: 'ACCELEROMETER_STARTED' }) }),
  'GPMotion.stopAccelerometer': () => ({ ok: okEnv({ msg: 'ACCELEROMETER_STOPPED' }) }),
  'GPMotion.listenGyro': (r) => ({ ok: okEnv({ msg: r.params.on ? 'GYROSCOPE_STARTED' : 'GYROSCOPE_STOPPED' }) }),
  'GPMotion.listeningShake': (r) => ({ ok: okEnv({ msg: r.params.on ? 'SHAKE_STARTED' : 'SHAKE_STOPPED' }) }),
};

/** The sample answer of a call (a bare success envelope for a method without one). */
export const sampleReply = (rec: BridgeCall, n: () => number): Reply => {
  const sample = SAMPLE_DATA[`${rec.className}.${rec.methodName}`];
  return sample ? sample(rec, n) : { ok: okEnv() };
};

export interface FakeOptions {
  /** 'async' (default): answer in a microtask; 'sync': answer inside call(); 'manual': never answer. */
  mode?: 'async' | 'sync' | 'manual';
  /** Custom answer; return undefined to fall back to the sample answers, 'never' to not answer. */
  answer?: (rec: BridgeCall) => Reply;
}

export interface FakeBridge {
  bridge: {
    call(
      className: string,
      methodName: string,
      params: Record<string, unknown>,
      onSuccess: (response: unknown) => void,
      onFailure: (response: unknown) => void,
      timeout?: number,
    ): void;
  };
  calls: BridgeCall[];
}

/** A fake GpContainer recording every call. */
export const fakeBridge = (options: FakeOptions = {}): FakeBridge => {
  const calls: BridgeCall[] = [];
  let n = 0;
  const next = () => ++n;
  const bridge: FakeBridge['bridge'] = {
    call(className, methodName, params, onSuccess, onFailure, timeout) {
      const rec: BridgeCall = { className, methodName, params, onSuccess, onFailure, timeout };
      calls.push(rec);
      if (options.mode === 'manual') return;
      const reply = options.answer?.(rec) ?? sampleReply(rec, next);
      if (reply === 'never' || reply === undefined) return;
      const deliver = () => ('fail' in reply ? onFailure(reply.fail) : onSuccess(reply.ok));
      if (options.mode === 'sync') deliver();
      else Promise.resolve().then(deliver);
    },
  };
  return { bridge, calls };
};
