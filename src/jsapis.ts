import { answeredWithout } from './errors/GoPayBridgeError';
import { toPaymentDeeplink } from './payment';
import { checkLink, checkNumber, checkObject, checkOneOf, checkString, invalid } from './validate';

type Params = Record<string, unknown>;

/**
 * One documented JSAPI (shared/gopay-bridge.md) as a client method:
 * - the bridge class;
 * - how many arguments come before the per-call options;
 * - the params sent, built from those arguments and checked first (none: `{}`);
 * - what the promise resolves with, read from `data` and the fields beside it (none: `void`);
 * - `1` when the user is involved (a sheet, a prompt, the payment screen): no default timeout;
 * - the bridge's method name, when it differs from ours.
 */
export type Jsapi = [
  className: string,
  arity: number,
  params?: ((...args: any[]) => Params) | 0,
  result?: ((data: Params) => unknown) | 0,
  interactive?: 1 | 0,
  methodName?: string,
];

const same = (data: Params) => data;
const COLOR = /^#[\da-f]{6}([\da-f]{2})?$/i;

/** The result with only these fields, those the answer has (GoPay's samples read them from `data` or beside it). */
const only =
  (...keys: string[]) =>
  (data: Params) => {
    const result: Params = {};
    for (const key of keys) if (data[key] !== undefined) result[key] = data[key];
    return result;
  };

/** Every typed method that is one plain bridge call. getAuthCode, getConsent, saveFile and watch* are in client.ts. */
export const JSAPIS: Record<string, Jsapi> = {
  getLocation: [
    'GPLocation',
    1,
    (params = {}) => {
      const accuracy = checkObject(params, 'getLocation(params)').enable_high_accuracy;
      if (accuracy !== undefined && typeof accuracy != 'boolean') invalid('enable_high_accuracy', 'a boolean', accuracy);
      return params;
    },
    only('coords'),
  ],
  getSystemInfo: ['GPSystem', 0, 0, same],
  getRootedDeviceInfo: ['GPSystem', 0, 0, same],
  getWifiInfo: ['GPSystem', 0, 0, same],
  takePhoto: [
    'GPCamera',
    1,
    (params) => (checkOneOf(checkObject(params, 'takePhoto(params)').mode, 'mode', ['camera', 'photo']), params),
    only('localPath', 'base64Data'),
    1,
  ],
  launchPayment: [
    'GP',
    1,
    (link) => ({ deeplink: /^\s*https:/i.test(link) ? toPaymentDeeplink(link) : checkLink(link, 'deeplink', /^gopay:/i) }),
    // The status is all the page learns of the payment: an answer without one is the bridge's failure.
    ({ status }) => (typeof status == 'string' ? { status } : answeredWithout('status', 'GP', 'launchPayment')),
    1,
  ],
  getBankAccountToken: ['GP', 0, 0, only('token'), 1],
  launchDeeplink: ['GPNavigator', 1, (deeplink) => ({ deeplink: checkLink(deeplink, 'deeplink') })],
  launchUri: ['GPNavigator', 1, (uri) => ({ uri: checkLink(uri, 'uri') })],
  getLocale: ['GPBase', 0, 0, (data) => data.app_locale],
  copyToClipboard: ['GPBase', 1, (text) => ({ text: typeof text == 'string' ? text : invalid('text', 'a string', text) })],
  share: ['GPShare', 1, (text) => ({ text: checkString(text, 'text') }), 0, 1],
  vibrate: ['GPMotion', 1, (ms) => ({ duration: checkNumber(ms, 'vibrate(ms)') })],
  toast: [
    'GPUIToast',
    2,
    (message, duration) => ({
      message: checkString(message, 'message'),
      duration: duration === undefined ? duration : checkNumber(duration, 'duration'),
    }),
  ],
  setNavigationBar: [
    'GPNavigationBar',
    1,
    (params) => {
      const bar = { ...checkObject(params, 'setNavigationBar(params)') };
      // What GoPay does with another colour format is not documented: refuse it here rather than guess.
      for (const key of ['titleColor', 'backgroundColor']) {
        if (bar[key] !== undefined && !COLOR.test(bar[key] as string)) invalid(key, 'a color like #RRGGBB or #RRGGBBAA', bar[key]);
      }
      // GoPay documents hideBackButton as the string "true"/"false".
      if (bar.hideBackButton !== undefined) bar.hideBackButton = String(bar.hideBackButton);
      return bar;
    },
    0,
    0,
    'update',
  ],
  trackEvent: [
    'GPAnalytics',
    2,
    (eventName, metaData) => {
      checkString(eventName, 'eventName');
      // GoPay answers GP_PARAM_ERR "metaData can not be empty"; say so before the call.
      if (!Object.keys(checkObject(metaData, 'metaData')).length) invalid('metaData', 'a non-empty object', '{}');
      return { eventName, metaData };
    },
  ],
};
