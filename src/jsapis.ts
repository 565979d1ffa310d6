import { GoPayBridgeError } from './errors/GoPayBridgeError';
import { toPaymentDeeplink } from './payment';
import type { PhotoResult } from './types';
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
    ({ coords }) => ({ coords }),
  ],
  getSystemInfo: ['GPSystem', 0, 0, same],
  getRootedDeviceInfo: ['GPSystem', 0, 0, same],
  getWifiInfo: ['GPSystem', 0, 0, same],
  takePhoto: [
    'GPCamera',
    1,
    (params) => (checkOneOf(checkObject(params, 'takePhoto(params)').mode, 'mode', ['camera', 'photo']), params),
    ({ localPath, base64Data }) => {
      // GoPay's sample reads these from the success argument: only what is there.
      const photo: PhotoResult = {};
      if (localPath !== undefined) photo.localPath = localPath as string;
      if (base64Data !== undefined) photo.base64Data = base64Data as string;
      return photo;
    },
    1,
  ],
  launchPayment: [
    'GP',
    1,
    (link) => ({ deeplink: /^\s*https:/i.test(link) ? toPaymentDeeplink(link) : checkLink(link, 'deeplink', /^gopay:/i) }),
    ({ status }) => {
      if (typeof status != 'string') throw new GoPayBridgeError('answered without a status', { className: 'GP', methodName: 'launchPayment' });
      return { status };
    },
    1,
  ],
  getBankAccountToken: ['GP', 0, 0, ({ token }) => ({ token }), 1],
  launchDeeplink: ['GPNavigator', 1, (deeplink) => ({ deeplink: checkLink(deeplink, 'deeplink') })],
  launchUri: ['GPNavigator', 1, (uri) => ({ uri: checkLink(uri, 'uri') })],
  getLocale: ['GPBase', 0, 0, (data) => data.app_locale],
  copyToClipboard: ['GPBase', 1, (text) => ({ text: typeof text == 'string' ? text : invalid('text', 'a string', text) })],
  share: ['GPShare', 1, (text) => ({ text: checkString(text, 'text') }), 0, 1],
  vibrate: ['GPMotion', 1, (ms) => ({ duration: checkNumber(ms, 'vibrate(ms)') })],
  toast: [
    'GPUIToast',
    2,
    (message, duration) => {
      const params: Params = { message: checkString(message, 'message') };
      if (duration !== undefined) params.duration = checkNumber(duration, 'duration');
      return params;
    },
  ],
  setNavigationBar: [
    'GPNavigationBar',
    1,
    (params) => {
      const bar = { ...checkObject(params, 'setNavigationBar(params)') };
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
