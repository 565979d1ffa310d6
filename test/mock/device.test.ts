// The phone's capabilities (src/mock/device.ts): the fixtures of GPLocation, GPSystem, GPCamera, and GPFile.save's
// events. Browser equivalents (browserApis) are in browser-apis.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { CALLBACK_ID, fire, listen, raw, SUCCESS, useMocks } from './helpers';

const mock = useMocks();

describe('GPLocation.getLocation', () => {
  it('answers a point in Jakarta, timed now', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1234);
    const answer = raw(mock({ consent: { location: true } }), 'GPLocation.getLocation');
    await vi.advanceTimersByTimeAsync(0);
    const { coords } = (await answer)[1].data as { coords: { latitude: number; longitude: number; time: number } };
    expect(Math.abs(coords.latitude + 6.2088) <= 0.01 && Math.abs(coords.longitude - 106.8456) <= 0.01).toBe(true);
    expect(coords.time).toBe(1234);
  });
});

describe('GPCamera.takePhoto', () => {
  it('answers localPath (and base64Data when asked) beside callbackId, where GoPay’s sample reads them', async () => {
    const [, answer] = await raw(mock({ consent: { camera: true } }), 'GPCamera.takePhoto', { mode: 'camera', needBase64: true });
    expect(answer).not.toHaveProperty('data');
    expect(answer.callbackId).toMatch(CALLBACK_ID);
    expect(answer.localPath).toBe(`/storage/emulated/0/GoPayMock/IMG_${answer.callbackId}.jpg`);
    const bytes = Uint8Array.from(atob(answer.base64Data as string), (c) => c.charCodeAt(0));
    // A real JPEG: it starts with SOI (FF D8) and ends with EOI (FF D9).
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
  });

  it('without needBase64, only the path', async () => {
    const [, answer] = await raw(mock({ consent: { camera: true } }), 'GPCamera.takePhoto', { mode: 'photo', needBase64: false });
    expect(answer).toEqual({ ...SUCCESS, callbackId: expect.stringMatching(CALLBACK_ID), localPath: expect.any(String) });
  });

  it('reaches the core as { localPath, base64Data }', async () => {
    const gp = createGoPay({ bridge: mock({ consent: { camera: true } }) });
    await expect(gp.takePhoto({ mode: 'camera', needBase64: true })).resolves.toEqual({
      localPath: expect.stringMatching(/^\/storage\/emulated\/0\/GoPayMock\/IMG_[A-Za-z0-9]+\.jpg$/),
      base64Data: expect.any(String),
    });
  });

  it('callbackIds are distinct strings of letters and digits, across takePhoto, trackEvent and GP_PARAM_ERR failures', async () => {
    const bridge = mock({ consent: { camera: true } });
    const ids = [
      (await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' }))[1].callbackId,
      (await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } }))[1].callbackId,
      (await raw(bridge, 'GPCamera.takePhoto', { mode: 'video' }))[1].callbackId,
      (await raw(bridge, 'GPAnalytics.trackEvent', { eventName: 'e' }))[1].callbackId,
    ];
    for (const id of ids) expect(id).toEqual(expect.stringMatching(/^[A-Za-z0-9]{16}$/));
    expect(new Set(ids).size).toBe(4);
  });
});

describe('GPFile.save', () => {
  it('fires saveSuccess one latency later, or saveFailed for a URL it cannot fetch', async () => {
    vi.useFakeTimers();
    const bridge = mock({ latency: 50 });
    const ok = listen('GPFile.Event.saveSuccess');
    const failed = listen('GPFile.Event.saveFailed');
    fire(bridge, 'GPFile.save', { url: 'https://x.test/a.pdf' });
    fire(bridge, 'GPFile.save', { url: 'ftp://x.test/a.pdf' });
    await vi.advanceTimersByTimeAsync(50);
    expect(ok).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(ok).toEqual([{ msg: 'SAVE_SUCCESS' }]);
    expect(failed).toEqual([{ msg: 'SAVE_FAILED' }]);
  });

  it.each(['blob:https://app.test/1', 'data:text/plain,hi', 'http://x.test/a'])('can fetch %s', async (url) => {
    vi.useFakeTimers();
    const ok = listen('GPFile.Event.saveSuccess');
    fire(mock(), 'GPFile.save', { url });
    await vi.advanceTimersByTimeAsync(1);
    expect(ok).toEqual([{ msg: 'SAVE_SUCCESS' }]);
  });

  it('resolves the core’s saveFile', async () => {
    await expect(createGoPay({ bridge: mock() }).saveFile({ url: 'https://x.test/a.pdf' })).resolves.toEqual({ msg: 'SAVE_SUCCESS' });
  });
});
