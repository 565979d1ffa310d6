// The GoPay app around the mini app (src/mock/container.ts): toasts in seconds, the navigation bar, the locale.
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { fire, raw, useMocks } from './helpers';

const mock = useMocks();
const toast = () => document.querySelector('.gpmock-toast');

describe('GPUIToast.toast', () => {
  it('shows the message for `duration` seconds, as GoPay’s sample means it', async () => {
    vi.useFakeTimers();
    fire(mock({ ui: true }), 'GPUIToast.toast', { message: 'Saved', duration: 3 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(toast()?.textContent).toBe('Saved');
    await vi.advanceTimersByTimeAsync(1);
    expect(toast()).toBeNull();
  });

  it.each([{}, { duration: 0 }])('shows it for 2 s with %j', async (extra) => {
    vi.useFakeTimers();
    fire(mock({ ui: true }), 'GPUIToast.toast', { message: 'Saved', ...extra });
    await vi.advanceTimersByTimeAsync(1999);
    expect(toast()?.textContent).toBe('Saved');
    await vi.advanceTimersByTimeAsync(1);
    expect(toast()).toBeNull();
  });

  it('gp.toast(message, seconds) from the core shows it that long', async () => {
    vi.useFakeTimers();
    const gp = createGoPay({ bridge: mock({ ui: true }) });
    const shown = gp.toast('Hi', 1);
    await vi.advanceTimersByTimeAsync(0);
    await shown;
    expect(toast()?.textContent).toBe('Hi');
    await vi.advanceTimersByTimeAsync(1000);
    expect(toast()).toBeNull();
  });
});

describe('GPNavigationBar and GPBase', () => {
  it('update sets the panel’s title; getHeight answers no invented height', async () => {
    const bridge = mock({ ui: true });
    await raw(bridge, 'GPNavigationBar.update', { title: 'Checkout' });
    expect(document.querySelector('.gpmock-bar summary')!.textContent).toBe('GoPay mock · Checkout');
    expect(await raw(bridge, 'GPNavigationBar.getHeight')).toEqual(['ok', { success: true, ret: 'GP_SUCCESS' }]);
  });

  it('getLocale answers en_ID beside data, which the core reads', async () => {
    await expect(createGoPay({ bridge: mock() }).getLocale()).resolves.toBe('en_ID');
  });
});
