import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/index';
import { createMockBridge } from '../../src/mock/index';

afterEach(() => {
  vi.unstubAllGlobals();
});

// A navigator whose prototype is the real one, with these own properties shadowing its getters.
const navigatorWith = (extra: Record<string, unknown>) => {
  const fake = Object.create(navigator);
  for (const [key, value] of Object.entries(extra)) Object.defineProperty(fake, key, { value });
  vi.stubGlobal('navigator', fake);
};

describe('browserApis: true uses the browser where it can', () => {
  it('getLocation from navigator.geolocation', async () => {
    navigatorWith({
      geolocation: { getCurrentPosition: (ok: (p: unknown) => void) => ok({ coords: { latitude: 1.5, longitude: 2.5 }, timestamp: 99 }) },
    });
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { location: true } }) });
    await expect(gp.getLocation()).resolves.toEqual({ coords: { latitude: 1.5, longitude: 2.5, time: 99 } });
  });

  it('falls back to the fixture when the browser refuses', async () => {
    navigatorWith({ geolocation: { getCurrentPosition: (_ok: unknown, fail: (e: unknown) => void) => fail(new Error('denied')) } });
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { location: true } }) });
    const { coords } = await gp.getLocation();
    expect(coords.latitude).toBeCloseTo(-6.2, 0);
  });

  it('copyToClipboard, share and vibrate reach navigator', async () => {
    const writeText = vi.fn(async () => {});
    const share = vi.fn(async () => {});
    const vibrate = vi.fn(() => true);
    navigatorWith({ clipboard: { writeText }, share, vibrate });
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true }) });
    await gp.copyToClipboard('PROMO');
    await gp.share('look');
    await gp.vibrate(50);
    expect(writeText).toHaveBeenCalledWith('PROMO');
    expect(share).toHaveBeenCalledWith({ text: 'look' });
    expect(vibrate).toHaveBeenCalledWith(50);
  });

  it('without browserApis the browser is left alone', async () => {
    const writeText = vi.fn(async () => {});
    navigatorWith({ clipboard: { writeText } });
    await createGoPay({ bridge: createMockBridge() }).copyToClipboard('x');
    expect(writeText).not.toHaveBeenCalled();
  });

  it('takePhoto through a file <input capture>', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      expect(this.type).toBe('file');
      expect(this.getAttribute('capture')).toBe('environment');
      const file = new File(['fake-jpeg'], 'p.jpg', { type: 'image/jpeg' });
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    vi.stubGlobal('URL', Object.assign(Object.create(URL), { createObjectURL: () => 'blob:mock/1' }));
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { camera: true } }) });
    const photo = await gp.takePhoto({ mode: 'camera', needBase64: true });
    expect(click).toHaveBeenCalled();
    expect(photo.localPath).toBe('blob:mock/1');
    expect(atob(photo.base64Data!)).toBe('fake-jpeg');
  });
});
