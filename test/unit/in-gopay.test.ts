// gp.isInGoPay(): true only when the bridge answered a probe; never rejects; a true is remembered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { failWith, fakeBridge, ok, type Answer } from './fake-bridge';

const win = window as unknown as Window & { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } };
afterEach(() => {
  win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
  document.querySelectorAll('script').forEach((s) => s.remove());
  vi.useRealTimers();
});

describe('isInGoPay', () => {
  it('probes GPBase.getLocale once, and remembers a true', async () => {
    const bridge = fakeBridge({}, ok({ app_locale: 'en_ID' }));
    const gp = createGoPay({ bridge });
    await expect(gp.isInGoPay()).resolves.toBe(true);
    await expect(gp.isInGoPay()).resolves.toBe(true);
    expect(bridge.calls).toEqual([{ className: 'GPBase', methodName: 'getLocale', params: {}, timeout: 2000 }]);
  });

  it.each([
    ['a success without a locale', ok({})],
    ['a documented refusal (300)', failWith('300')],
    ['not supported (100)', failWith('100')],
    ['a network error (401)', failWith('401')],
    ['a super app error (503)', failWith('503')],
  ])('an answer is true: %s', async (_name, answer) => {
    await expect(createGoPay({ bridge: fakeBridge({}, answer) }).isInGoPay()).resolves.toBe(true);
  });

  it.each([
    ['1003 (not a GoPay WebView)', failWith('1003')],
    ['1003 as a number, camelCase', ((_s, f) => f({ errorCode: 1003 })) as Answer],
    ['an undocumented code', failWith('77')],
    ['a malformed answer', ((s) => s('<html>')) as Answer],
    [
      'a bridge that throws',
      (() => {
        throw new Error('no native side');
      }) as Answer,
    ],
  ])('%s is false', async (_name, answer) => {
    await expect(createGoPay({ bridge: fakeBridge({}, answer) }).isInGoPay()).resolves.toBe(false);
  });

  it('silence is false after 2,000 ms by default, or after opts.timeout; a false is not remembered', async () => {
    vi.useFakeTimers();
    let answer: ((r: unknown) => void) | undefined;
    const bridge = fakeBridge({}, (s) => void (answer = s));
    const gp = createGoPay({ bridge });
    const probe = gp.isInGoPay();
    await vi.advanceTimersByTimeAsync(1999);
    let result: boolean | undefined;
    void probe.then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await probe).toBe(false);
    const quick = gp.isInGoPay({ timeout: 50 });
    await vi.advanceTimersByTimeAsync(50);
    expect(await quick).toBe(false);
    const third = gp.isInGoPay();
    answer!({ success: true, app_locale: 'en_ID' });
    expect(await third).toBe(true);
  });

  it('a failed script load is false, and never rejects', async () => {
    const gp = createGoPay();
    await expect(gp.isInGoPay()).resolves.toBe(false);
  });

  it('a script that loads without a container is false within the probe timeout', async () => {
    vi.useFakeTimers();
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
    const probe = createGoPay().isInGoPay({ timeout: 300 });
    await vi.advanceTimersByTimeAsync(300);
    expect(await probe).toBe(false);
  });

  it('an aborted signal or a bad option resolves false: it never rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    const bridge = fakeBridge({}, ok({ app_locale: 'en_ID' }));
    const gp = createGoPay({ bridge });
    await expect(gp.isInGoPay({ signal: controller.signal })).resolves.toBe(false);
    await expect(gp.isInGoPay({ timeout: -1 })).resolves.toBe(false);
    await expect(gp.isInGoPay('fast' as never)).resolves.toBe(false);
    expect(bridge.calls).toHaveLength(0);
  });
});
