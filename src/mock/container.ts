// The GoPay app around the mini app: locale, clipboard, share sheet, navigation, toasts, navigation bar, analytics.
import { tryBrowser } from './browser-apis';
import type { Handlers, MockContext } from './context';
import { fail, failure, ok, paramError, success, successBeside } from './envelopes';
import { isNumber, isString, wrong } from './params';

// A toast without a duration stays this long (seconds, the unit of GoPay's sample and of WindVane's toast).
const TOAST_SECONDS = 2;

export function createContainer(ctx: MockContext) {
  const browser = () => ctx.options.browserApis;

  const handlers: Handlers = {
    'GPBase.getLocale': () => ok(successBeside({ app_locale: 'en_ID' })),
    'GPBase.copyToClipboard': async (params) => {
      const text = params.text;
      if (typeof text !== 'string') return fail(failure(201, 'text must be a string'));
      if (browser()) await tryBrowser(() => navigator.clipboard.writeText(text));
      return ok(success());
    },

    'GPShare.share': async (params) => {
      const text = params.text;
      if (!isString(text)) return fail(failure(200, 'text is required'));
      if (browser()) await tryBrowser(() => navigator.share({ text }));
      return ok(success());
    },

    'GPNavigator.launchDeeplink': (params) => {
      if (!isString(params.deeplink)) return fail(failure(200, 'deeplink is required'));
      if (!/^gopay:/.test(params.deeplink)) return fail(failure(202, 'Not a GoPay deeplink'));
      return ok(success());
    },
    'GPNavigator.launchUri': (params) => (isString(params.uri) ? ok(success()) : fail(failure(200, 'uri is required'))),

    'GPAnalytics.trackEvent': (params) => {
      const callbackId = ctx.callbackId();
      if (!isString(params.eventName)) return fail(paramError(callbackId, 'eventName can not be empty'));
      const meta = params.metaData;
      if (!meta || typeof meta !== 'object' || !Object.keys(meta).length) return fail(paramError(callbackId, 'metaData can not be empty'));
      return ok(successBeside({ callbackId }));
    },

    'GPUIToast.toast': (params) => {
      const message = params.message;
      if (!isString(message)) return fail(failure(200, 'message is required'));
      if (wrong(params.duration, (value) => isNumber(value, 0))) return fail(failure(201, 'duration must be a number of seconds'));
      const seconds = (params.duration as number | undefined) || TOAST_SECONDS;
      ctx.panel()?.toast(message, seconds * 1000);
      return ok(success());
    },

    'GPNavigationBar.update': (params) => {
      if (wrong(params.hideBackButton, (value) => typeof value === 'string')) return fail(failure(201, 'hideBackButton must be a string'));
      if (isString(params.title)) ctx.panel()?.title(params.title);
      return ok(success());
    },
    // GoPay documents no field for the height: the bare success envelope, rather than an invented one.
    'GPNavigationBar.getHeight': () => ok(success()),
  };
  return { handlers };
}
