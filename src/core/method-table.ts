import { answeredWithout } from '../errors/GoPayBridgeError';
import type { GoPay } from './gopay-interface';
import type { Params } from './send';
import { toPaymentDeeplink } from '../shared/payment-deeplink';
import type { Send } from './send';
import type { CallOptions, LocationResult, PaymentStatus } from './types';
import { checkLink, checkNumber, checkObject, checkOneOf, checkString, invalid, own } from '../shared/checks';

/** The methods that are one plain bridge call each. getAuthCode, getConsent and saveFile have their own modules. */
export type TableMethod =
  | 'getLocation'
  | 'getSystemInfo'
  | 'getRootedDeviceInfo'
  | 'getWifiInfo'
  | 'takePhoto'
  | 'launchPayment'
  | 'getBankAccountToken'
  | 'launchDeeplink'
  | 'launchUri'
  | 'getLocale'
  | 'copyToClipboard'
  | 'share'
  | 'vibrate'
  | 'toast'
  | 'setNavigationBar'
  | 'trackEvent';

/** A method's arguments before its per-call options. */
type Arguments<M extends TableMethod> = Parameters<GoPay[M]> extends [...infer Head, (CallOptions | undefined)?] ? Head : never;

/** One documented JSAPI (GoPay's JSAPI pages) as a client method, typed by the `GoPay` interface. */
export interface Jsapi<M extends TableMethod> {
  className: string;
  /** The bridge's method name, when it differs from ours. */
  methodName?: string;
  /** How many arguments come before the per-call options. */
  arity: Arguments<M>['length'];
  /** Builds the params from the method's arguments, checking them first. None: `{}`. */
  params?: (...args: Arguments<M>) => Params;
  /** What the promise resolves with, read from `data` and the fields beside it. None: `void`. */
  result?: (data: Params, call: Names) => Awaited<ReturnType<GoPay[M]>>;
  /** Interactive: the user is involved (a sheet, a prompt, the payment screen, another app), so no default timeout. */
  timeout?: false;
}

/** The call a result reader is given, to name it in an error. */
type Names = { className: string; methodName: string };

const COLOR = /^#[\da-f]{6}([\da-f]{2})?$/i;

/** The result with only these fields, those the answer has (GoPay's samples read them from `data` or beside it). */
function only<T>(data: Params, ...keys: (keyof T & string)[]): T {
  const result: Params = {};
  for (const key of keys) if (own(data, key) !== undefined) result[key] = data[key];
  return result as T;
}

/** The field a method promises: an answer without it is the bridge's failure, not a half-filled result. */
function required(data: Params, key: string, call: Names) {
  return own(data, key) == null ? answeredWithout(key, call) : data[key];
}

// The three GPSystem methods: no params, the data as it is.
const SYSTEM = { className: 'GPSystem', arity: 0, result: (data: Params) => data } as const;

export const JSAPIS = {
  getLocation: {
    className: 'GPLocation',
    arity: 1,
    params: (params = {}) => {
      const accuracy = own(checkObject(params, 'getLocation(params)'), 'enable_high_accuracy');
      if (accuracy !== undefined && typeof accuracy !== 'boolean') invalid('enable_high_accuracy', 'a boolean', accuracy);
      return { ...params };
    },
    result: (data, call) => ({ coords: required(data, 'coords', call) as LocationResult['coords'] }),
  },
  getSystemInfo: SYSTEM,
  getRootedDeviceInfo: SYSTEM,
  getWifiInfo: SYSTEM,
  takePhoto: {
    className: 'GPCamera',
    arity: 1,
    params: (params) => {
      checkOneOf(own(checkObject(params, 'takePhoto(params)'), 'mode'), 'mode', ['camera', 'photo']);
      return { ...params };
    },
    result: (data) => only(data, 'localPath', 'base64Data'),
    timeout: false,
  },
  launchPayment: {
    className: 'GP',
    arity: 1,
    params: (link) => ({
      deeplink:
        typeof link === 'string' && /^\s*https:/i.test(link)
          ? toPaymentDeeplink(link)
          : checkLink(link, 'deeplink', /^gopay:/i, 'a gopay: link'),
    }),
    // The status is all the page learns of the payment: an answer without one is the bridge's failure. It is typed
    // as the four documented values; a status GoPay adds later is passed on as it came (it is only a hint).
    result: (data, call) => {
      const status = own(data, 'status');
      return typeof status === 'string' ? { status: status as PaymentStatus } : answeredWithout('status', call);
    },
    timeout: false,
  },
  getBankAccountToken: {
    className: 'GP',
    arity: 0,
    result: (data, call) => ({ token: required(data, 'token', call) as string }),
    timeout: false,
  },
  // Both leave the mini app: the user may take any time to come back.
  launchDeeplink: {
    className: 'GPNavigator',
    arity: 1,
    params: (deeplink) => ({ deeplink: checkLink(deeplink, 'deeplink') }),
    timeout: false,
  },
  launchUri: { className: 'GPNavigator', arity: 1, params: (uri) => ({ uri: checkLink(uri, 'uri') }), timeout: false },
  getLocale: {
    className: 'GPBase',
    arity: 0,
    // GoPay documents `app_locale` at the top level; `appLocale` and `data` are read too (the merged answer has both levels).
    result: (data, call) => {
      const locale = own(data, 'app_locale') ?? own(data, 'appLocale');
      return typeof locale === 'string' && locale ? locale : answeredWithout('app_locale', call);
    },
  },
  copyToClipboard: {
    className: 'GPBase',
    arity: 1,
    params: (text) => ({ text: typeof text === 'string' ? text : invalid('text', 'a string', text) }),
  },
  share: { className: 'GPShare', arity: 1, params: (text) => ({ text: checkString(text, 'text') }), timeout: false },
  vibrate: { className: 'GPMotion', arity: 1, params: (ms) => ({ duration: checkNumber(ms, 'vibrate(ms)') }) },
  toast: {
    className: 'GPUIToast',
    arity: 2,
    // `duration` in seconds, as GoPay's sample (`5`) and the WindVane bridge it derives from.
    params: (message, duration) => ({
      message: checkString(message, 'message'),
      duration: duration === undefined ? duration : checkNumber(duration, 'duration'),
    }),
  },
  setNavigationBar: {
    className: 'GPNavigationBar',
    methodName: 'update',
    arity: 1,
    params: (params) => {
      const bar: Params = { ...checkObject(params, 'setNavigationBar(params)') };
      // What GoPay does with another colour format is not documented: refuse it here rather than guess.
      for (const key of ['titleColor', 'backgroundColor']) {
        const color = bar[key];
        if (color !== undefined && !(typeof color === 'string' && COLOR.test(color))) invalid(key, '#RRGGBB or #RRGGBBAA', color);
      }
      // GoPay documents hideBackButton as the string "true"/"false".
      if (bar.hideBackButton !== undefined) bar.hideBackButton = String(bar.hideBackButton);
      return bar;
    },
  },
  trackEvent: {
    className: 'GPAnalytics',
    arity: 2,
    params: (eventName, metaData) => {
      checkString(eventName, 'eventName');
      // GoPay answers GP_PARAM_ERR "metaData can not be empty"; say so before the call.
      if (!Object.keys(checkObject(metaData, 'metaData')).length) invalid('metaData', 'a non-empty object', '{}');
      return { eventName, metaData };
    },
  },
} satisfies { [M in TableMethod]: Jsapi<M> };

/** A table entry as the client reads it: any arguments, any result (the entries were checked against `GoPay` above). */
interface Entry {
  className: string;
  methodName?: string;
  arity: number;
  params?: (...args: unknown[]) => Params;
  result?: (data: Params, call: Names) => unknown;
}

/**
 * The client methods of the table: each one's arguments become its params, the one after them its per-call options.
 * Their types are the `GoPay` interface's, which each entry above was checked against.
 */
export function tableMethods(send: Send): Pick<GoPay, TableMethod> {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, entry] of Object.entries(JSAPIS as Record<TableMethod, Entry>)) {
    // No result reader: the method resolves with nothing.
    const { methodName = name, arity, params, result = () => undefined } = entry;
    // The entry's own fields (className, timeout) as they are: a spread copies no inherited `timeout`.
    methods[name] = (...args) => send({ ...entry, methodName, params: params && (() => params(...args)), result }, args[arity]);
  }
  return methods as unknown as Pick<GoPay, TableMethod>;
}
