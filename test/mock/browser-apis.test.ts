import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
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
    const share = vi.fn(async () => {});
    const vibrate = vi.fn(() => true);
    const getCurrentPosition = vi.fn();
    navigatorWith({ clipboard: { writeText }, share, vibrate, geolocation: { getCurrentPosition } });
    const click = vi.spyOn(HTMLInputElement.prototype, 'click');
    const gp = createGoPay({ bridge: createMockBridge({ consent: { location: true, camera: true } }) });
    await gp.copyToClipboard('x');
    await gp.share('look');
    await gp.vibrate(50);
    await gp.getLocation();
    await gp.takePhoto({ mode: 'camera' });
    expect(writeText).not.toHaveBeenCalled();
    expect(share).not.toHaveBeenCalled();
    expect(vibrate).not.toHaveBeenCalled();
    expect(getCurrentPosition).not.toHaveBeenCalled();
    expect(click).not.toHaveBeenCalled();
  });

  it('getLocation gives up on the browser after 10 s and answers the fixture', async () => {
    vi.useFakeTimers();
    // A browser that honours PositionOptions.timeout and otherwise never answers (a prompt left open).
    navigatorWith({
      geolocation: {
        getCurrentPosition: (_ok: unknown, fail: (e: unknown) => void, options?: PositionOptions) => {
          if (options?.timeout !== undefined) setTimeout(() => fail(new Error('timeout')), options.timeout);
        },
      },
    });
    const bridge = createMockBridge({ browserApis: true, consent: { location: true } });
    let answer: unknown;
    bridge.call(
      'GPLocation',
      'getLocation',
      {},
      (r) => (answer = r),
      (r) => (answer = r),
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toMatchObject({ success: true, data: { coords: { latitude: expect.closeTo(-6.2, 1) } } });
    vi.useRealTimers();
  });

  it('takePhoto through a file <input capture>', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      expect(this.type).toBe('file');
      expect(this.getAttribute('capture')).toBe('environment');
      const file = new File(['fake-jpeg'], 'p.jpg', { type: 'image/jpeg' });
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:mock/1');
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { camera: true } }) });
    const photo = await gp.takePhoto({ mode: 'camera', needBase64: true });
    expect(click).toHaveBeenCalled();
    expect(photo.localPath).toBe('blob:mock/1');
    expect(atob(photo.base64Data!)).toBe('fake-jpeg');
  });

  /** Stubs the file input's click: `pick` plays the user's part on the input (choose a file, cancel…). */
  const picker = (pick: (input: HTMLInputElement) => void) => {
    const inputs: HTMLInputElement[] = [];
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      inputs.push(this);
      pick(this);
    });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:mock/2');
    return inputs;
  };
  const choose = (input: HTMLInputElement, files: File[]) => {
    Object.defineProperty(input, 'files', { value: files });
    input.dispatchEvent(new Event('change'));
  };

  it('takePhoto mode photo opens a picker of images, without capture; without needBase64 only the path', async () => {
    const inputs = picker((input) => choose(input, [new File(['x'], 'p.jpg', { type: 'image/jpeg' })]));
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { camera: true } }) });
    await expect(gp.takePhoto({ mode: 'photo' })).resolves.toEqual({ localPath: 'blob:mock/2' });
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.accept).toBe('image/*');
    expect(inputs[0]!.hasAttribute('capture')).toBe(false);
  });

  it.each([
    ['closes the picker', (input: HTMLInputElement) => input.dispatchEvent(new Event('cancel'))],
    ['chooses no file', (input: HTMLInputElement) => choose(input, [])],
  ])('takePhoto answers the fixture photo when the user %s', async (_, pick) => {
    picker(pick);
    const gp = createGoPay({ bridge: createMockBridge({ browserApis: true, consent: { camera: true } }) });
    const photo = await gp.takePhoto({ mode: 'camera' });
    expect(photo.localPath).toMatch(/^\/storage\/emulated\/0\/GoPayMock\/IMG_[A-Za-z0-9]+\.jpg$/);
  });
});
