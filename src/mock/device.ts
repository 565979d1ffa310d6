// The phone's own capabilities: GPLocation, GPSystem, GPCamera and GPFile.
import { browserLocation, browserPhoto, tryBrowser } from './browser-apis';
import type { Handlers, MockContext } from './context';
import { fail, failure, ok, paramError, success, successBeside } from './envelopes';
import { isString, wrong } from './params';

const DESTINATIONS = ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'];
// A 1×1 JPEG: looks like a photo to code that decodes it, and carries nothing.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=';

function isBoolean(value: unknown) {
  return typeof value === 'boolean';
}

export function createDevice(ctx: MockContext) {
  const browser = () => ctx.options.browserApis;
  /** Jakarta, give or take a kilometre. */
  const jakarta = () => ({
    latitude: Number((-6.2088 + ctx.random().between(-0.01, 0.01)).toFixed(6)),
    longitude: Number((106.8456 + ctx.random().between(-0.01, 0.01)).toFixed(6)),
    time: Date.now(),
  });

  const handlers: Handlers = {
    'GPLocation.getLocation': async (params) => {
      if (wrong(params.enable_high_accuracy, isBoolean)) return fail(failure(201));
      const coords = (browser() && (await tryBrowser(browserLocation))) || jakarta();
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
          uuid: ctx.random().token(32, '0123456789abcdef'),
          idfa: '',
          idfv: '',
        }),
      ),
    'GPSystem.getRootedDeviceInfo': () => ok(success({ is_rooted: 'false' })),
    'GPSystem.getWifiInfo': () => ok(success({ wifi_bssid: '02:00:00:00:00:00', wifi_ssid: 'GoPay Mock Wi-Fi' })),

    // GoPay's sample reads `localPath` and `base64Data` from the success argument itself, beside `callbackId`,
    // not from `data`: the mock answers them there (the core reads both places).
    'GPCamera.takePhoto': async (params) => {
      const callbackId = ctx.callbackId();
      if (params.mode !== 'camera' && params.mode !== 'photo') return fail(paramError(callbackId, 'mode must be camera or photo'));
      if (wrong(params.needBase64, isBoolean)) return fail(failure(201, 'needBase64 must be a boolean'));
      const needBase64 = params.needBase64 === true;
      const fromBrowser = browser() && (await tryBrowser(() => browserPhoto(params.mode === 'camera', needBase64)));
      const photo = fromBrowser || {
        localPath: `/storage/emulated/0/GoPayMock/IMG_${callbackId}.jpg`,
        ...(needBase64 ? { base64Data: TINY_JPEG } : {}),
      };
      return ok(successBeside({ callbackId, ...photo }));
    },

    // GPFile.save answers at once; the outcome follows as a document event, one latency later.
    'GPFile.save': (params) => {
      const url = params.url;
      if (!isString(url)) return fail(failure(200, 'url is required'));
      if (wrong(params.name, (value) => typeof value === 'string')) return fail(failure(201, 'name must be a string'));
      if (wrong(params.destination, (value) => DESTINATIONS.includes(value as string))) {
        return fail(failure(201, `destination must be one of ${DESTINATIONS.join(', ')}`));
      }
      const fetchable = /^(https?|blob|data):/.test(url);
      ctx.later(() => {
        if (fetchable) ctx.dispatch('GPFile.Event.saveSuccess', { msg: 'SAVE_SUCCESS' });
        else ctx.dispatch('GPFile.Event.saveFailed', { msg: 'SAVE_FAILED' });
      }, ctx.latency());
      return ok(successBeside({ msg: 'SAVE_STARTED' }));
    },
  };
  return { handlers };
}
