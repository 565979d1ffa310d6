// Every documented JSAPI, as tables: the envelope each answers, each rejected param with the code and message a
// developer reads, and the accepted variants. Behaviour beyond one answer (state, timing, events) has its own file.
import { describe, expect, it } from 'vitest';
import { CALLBACK_ID, failure, paramError, raw, SUCCESS, useMocks } from './helpers';

const mock = useMocks();
const ALL_SCOPES = { location: true, camera: true, system: true, bank_account: true };

describe('answers every documented JSAPI with GoPay envelopes', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ['GPMiniAppAuth.getAuthCode', {}, { ...SUCCESS, data: { authCode: expect.stringMatching(/^[A-Za-z0-9]{64}$/) } }],
    [
      'GPLocation.getLocation',
      {},
      { ...SUCCESS, data: { coords: { latitude: expect.any(Number), longitude: expect.any(Number), time: expect.any(Number) } } },
    ],
    [
      'GPSystem.getSystemInfo',
      {},
      {
        ...SUCCESS,
        data: {
          platform: 'android',
          is_emulator: false,
          brand: 'GoPayMock',
          model: 'Mock Phone',
          product: 'mock',
          uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
          idfa: '',
          idfv: '',
        },
      },
    ],
    ['GPSystem.getRootedDeviceInfo', {}, { ...SUCCESS, data: { is_rooted: 'false' } }],
    ['GPSystem.getWifiInfo', {}, { ...SUCCESS, data: { wifi_bssid: '02:00:00:00:00:00', wifi_ssid: 'GoPay Mock Wi-Fi' } }],
    ['GP.authorize', { scope: 'location' }, { ...SUCCESS, data: { successScope: { location: true } } }],
    ['GPConsent.getUserConsent', { scope: 'camera' }, { ...SUCCESS, data: { successScope: { camera: true } } }],
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }, { ...SUCCESS, data: { status: 'success' } }],
    ['GP.getBankAccountToken', {}, { ...SUCCESS, data: { token: expect.stringMatching(/^mock-[A-Za-z0-9]{24}$/) } }],
    ['GPNavigator.launchDeeplink', { deeplink: 'gopay://home' }, SUCCESS],
    ['GPNavigator.launchUri', { uri: 'https://example.com' }, SUCCESS],
    // localPath and base64Data beside callbackId, where GoPay's sample reads them; no data field.
    [
      'GPCamera.takePhoto',
      { mode: 'camera', needBase64: true },
      { ...SUCCESS, callbackId: expect.stringMatching(CALLBACK_ID), localPath: expect.any(String), base64Data: expect.any(String) },
    ],
    [
      'GPCamera.takePhoto',
      { mode: 'photo' },
      { ...SUCCESS, callbackId: expect.stringMatching(CALLBACK_ID), localPath: expect.any(String) },
    ],
    ['GPMotion.startCompass', { interval: 'ui' }, { ...SUCCESS, msg: 'COMPASS_STARTED' }],
    ['GPMotion.stopCompass', {}, { ...SUCCESS, msg: 'COMPASS_STOPPED' }],
    ['GPMotion.startAccelerometer', {}, { ...SUCCESS, msg: 'ACCELEROMETER_STARTED' }],
    ['GPMotion.stopAccelerometer', {}, { ...SUCCESS, msg: 'ACCELEROMETER_STOPPED' }],
    ['GPMotion.listenGyro', { on: true }, { ...SUCCESS, msg: 'GYROSCOPE_STARTED' }],
    ['GPMotion.listenGyro', { on: false }, { ...SUCCESS, msg: 'GYROSCOPE_STOPPED' }],
    ['GPMotion.listeningShake', { on: true }, { ...SUCCESS, msg: 'SHAKE_STARTED' }],
    ['GPMotion.listeningShake', { on: false }, { ...SUCCESS, msg: 'SHAKE_STOPPED' }],
    ['GPMotion.vibrate', { duration: 100 }, SUCCESS],
    ['GPFile.save', { url: 'https://x.test/a.pdf' }, { ...SUCCESS, msg: 'SAVE_STARTED' }],
    ['GPShare.share', { text: 'hi' }, SUCCESS],
    ['GPBase.getLocale', {}, { ...SUCCESS, app_locale: 'en_ID' }],
    ['GPBase.copyToClipboard', { text: 'x' }, SUCCESS],
    [
      'GPAnalytics.trackEvent',
      { eventName: 'e', metaData: { page_name: 'p' } },
      { ...SUCCESS, callbackId: expect.stringMatching(CALLBACK_ID) },
    ],
    ['GPUIToast.toast', { message: 'hi', duration: 3 }, SUCCESS],
    ['GPNavigationBar.update', { title: 't', hideBackButton: 'false' }, SUCCESS],
    // GoPay documents no field for the height: no invented one.
    ['GPNavigationBar.getHeight', {}, SUCCESS],
  ])('%s %j', async (method, params, envelope) => {
    expect(await raw(mock({ consent: ALL_SCOPES }), method, params)).toEqual(['ok', envelope]);
  });

  it('a success without data has no data field at all', async () => {
    for (const [method, params] of [
      ['GPNavigator.launchUri', { uri: 'https://example.com' }],
      ['GPShare.share', { text: 'hi' }],
      ['GPNavigationBar.getHeight', {}],
    ] as const) {
      const [, answer] = await raw(mock(), method, params);
      expect(Object.keys(answer)).toEqual(['success', 'ret']);
    }
  });
});

describe('every rejected param answers the failure envelope with a message that says what is wrong', () => {
  it.each<[string, unknown, string, string]>([
    ['GPNope.nothing', {}, '100', 'GPNope.nothing is not a GoPay method'],
    ['GP.authorize', {}, '200', 'scope is required'],
    ['GPConsent.getUserConsent', { scope: '' }, '200', 'scope is required'],
    ['GPLocation.getLocation', { enable_high_accuracy: 'yes' }, '201', 'Invalid parameter type'],
    ['GP.launchPayment', {}, '200', 'deeplink is required'],
    ['GP.launchPayment', { deeplink: 'gopay://home' }, '202', 'Not a GoPay payment deeplink'],
    ['GP.launchPayment', { deeplink: 'https://evil.test' }, '202', 'Not a GoPay payment deeplink'],
    // The deeplink must start with gopay://merchanttransfer and carry the payment's query, not merely contain it.
    ['GP.launchPayment', { deeplink: 'https://evil.test/?next=gopay://merchanttransfer?tref=1' }, '202', 'Not a GoPay payment deeplink'],
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer' }, '202', 'Not a GoPay payment deeplink'],
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer-evil?tref=1' }, '202', 'Not a GoPay payment deeplink'],
    ['GPNavigator.launchDeeplink', {}, '200', 'deeplink is required'],
    ['GPNavigator.launchDeeplink', { deeplink: 'https://example.com' }, '202', 'Not a GoPay deeplink'],
    ['GPNavigator.launchDeeplink', { deeplink: 'https://evil.test/?next=gopay://home' }, '202', 'Not a GoPay deeplink'],
    ['GPNavigator.launchUri', {}, '200', 'uri is required'],
    ['GPNavigator.launchUri', null, '200', 'uri is required'],
    ['GPNavigator.launchUri', 'https://example.com', '200', 'uri is required'],
    ['GPCamera.takePhoto', { mode: 'camera', needBase64: 'yes' }, '201', 'needBase64 must be a boolean'],
    ['GPCamera.takePhoto', { mode: 'photo', needBase64: 1 }, '201', 'needBase64 must be a boolean'],
    ['GPMotion.startCompass', { interval: 'turbo' }, '201', 'interval must be game, ui or normal'],
    ['GPMotion.startAccelerometer', { interval: 'fast' }, '201', 'interval must be game, ui or normal'],
    ['GPMotion.listenGyro', {}, '201', 'on must be a boolean'],
    ['GPMotion.listeningShake', { on: 'true' }, '201', 'on must be a boolean'],
    ...[-5, 0, '100', null, Number.NaN, Infinity].map((frequency): [string, unknown, string, string] => [
      'GPMotion.listenGyro',
      { on: true, frequency },
      '201',
      'frequency must be a positive number of ms',
    ]),
    ['GPMotion.listeningShake', { on: true, frequency: -1 }, '201', 'frequency must be a positive number of ms'],
    ['GPMotion.listeningShake', { on: true, shakeThreshold: 0 }, '201', 'shakeThreshold must be a positive number'],
    ['GPMotion.listeningShake', { on: true, shakeThreshold: '2' }, '201', 'shakeThreshold must be a positive number'],
    ['GPMotion.listeningShake', { on: true, shakeNum: 1.5 }, '201', 'shakeNum must be a positive integer'],
    ['GPMotion.listeningShake', { on: true, shakeNum: 0 }, '201', 'shakeNum must be a positive integer'],
    ['GPMotion.vibrate', {}, '201', 'duration must be a number of ms'],
    ['GPMotion.vibrate', { duration: '100' }, '201', 'duration must be a number of ms'],
    ['GPMotion.vibrate', { duration: -1 }, '201', 'duration must be a number of ms'],
    ['GPFile.save', {}, '200', 'url is required'],
    ['GPFile.save', { url: 'https://x.test/a.pdf', name: 5 }, '201', 'name must be a string'],
    ...['DESKTOP', 'downloads'].map((destination): [string, unknown, string, string] => [
      'GPFile.save',
      { url: 'https://x.test/a.pdf', destination },
      '201',
      'destination must be one of DOWNLOADS, DOCUMENTS, PICTURES, DCIM',
    ]),
    ['GPShare.share', {}, '200', 'text is required'],
    ['GPShare.share', { text: '' }, '200', 'text is required'],
    ['GPBase.copyToClipboard', {}, '201', 'text must be a string'],
    ['GPBase.copyToClipboard', { text: 5 }, '201', 'text must be a string'],
    ['GPUIToast.toast', {}, '200', 'message is required'],
    ['GPUIToast.toast', { message: 'hi', duration: '2s' }, '201', 'duration must be a number of seconds'],
    ['GPUIToast.toast', { message: 'hi', duration: -1 }, '201', 'duration must be a number of seconds'],
    ['GPNavigationBar.update', { hideBackButton: false }, '201', 'hideBackButton must be a string'],
  ])('%s %j → %s %s', async (method, params, code, message) => {
    expect(await raw(mock({ consent: { location: true, camera: true } }), method, params)).toEqual(['fail', failure(code, message)]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['GPAnalytics.trackEvent', { metaData: { page_name: 'p' } }, 'eventName can not be empty'],
    ['GPAnalytics.trackEvent', { eventName: '', metaData: { page_name: 'p' } }, 'eventName can not be empty'],
    ['GPAnalytics.trackEvent', { eventName: 'e' }, 'metaData can not be empty'],
    ['GPAnalytics.trackEvent', { eventName: 'e', metaData: {} }, 'metaData can not be empty'],
    ...['page', 42, true, null].map((metaData): [string, Record<string, unknown>, string] => [
      'GPAnalytics.trackEvent',
      { eventName: 'e', metaData },
      'metaData can not be empty',
    ]),
    ['GPCamera.takePhoto', { mode: 'video' }, 'mode must be camera or photo'],
  ])('%s %j → GP_PARAM_ERR "%s", the camelCase form with a callbackId', async (method, params, message) => {
    expect(await raw(mock({ consent: { camera: true } }), method, params)).toEqual(['fail', paramError(message)]);
  });
});

describe('accepted variants', () => {
  it.each<[string, Record<string, unknown>]>([
    ['GPLocation.getLocation', { enable_high_accuracy: true }],
    ['GPLocation.getLocation', { enable_high_accuracy: false }],
    ['GPMotion.listenGyro', { on: true, frequency: 5 }],
    ['GPMotion.listeningShake', { on: true, frequency: 1500, shakeThreshold: 2, shakeNum: 3 }],
    ...['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'].map((destination): [string, Record<string, unknown>] => [
      'GPFile.save',
      { url: 'https://x.test/a.pdf', name: 'a.pdf', destination },
    ]),
    ['GPCamera.takePhoto', { mode: 'photo', needBase64: false }],
    ['GPUIToast.toast', { message: 'hi', duration: 0 }],
    ['GPNavigationBar.update', { title: 'Home' }],
    ['GPNavigationBar.update', {}],
    // The deeplink of the mock GoPay server's webRedirectUrl (https://gopay.co.id/app/merchanttransfer?tref=…).
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=A0000000000000000001' }],
    ['GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=T1&amount=5000' }],
  ])('%s %j', async (method, params) => {
    expect((await raw(mock({ consent: { location: true, camera: true } }), method, params))[0]).toBe('ok');
  });
});
