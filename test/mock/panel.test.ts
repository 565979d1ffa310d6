// The in-page panel (ui: true) in detail: what each sheet says, which button does what, the call log, the title,
// and what happens when it is created before <body> exists.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockBridge, type MockBridge } from '../../src/mock/index';

const made: MockBridge[] = [];
const mock = () => {
  const bridge = createMockBridge({ ui: true, consent: { camera: true } });
  made.push(bridge);
  return bridge;
};
afterEach(() => {
  made.splice(0).forEach((b) => b.destroy());
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const call = (bridge: MockBridge, method: string, params: Record<string, unknown> = {}) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params,
      (r) => resolve(r as Record<string, unknown>),
      (r) => resolve(r as Record<string, unknown>),
    );
  });
const tick = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const sheet = () => document.querySelector<HTMLElement>('.gpmock-sheet');
const button = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('.gpmock-sheet button')).find((b) => b.textContent === label)!;
const summary = () => document.querySelector('.gpmock-bar summary')!.textContent;
const logLines = () => Array.from(document.querySelectorAll('.gpmock-log li')).map((li) => li.textContent!);

/** Runs `fn` with <body> taken away, as for a <script> in <head>, and puts it back. */
const withoutBody = async (fn: (loaded: () => void) => Promise<void>) => {
  const body = document.body;
  body.remove();
  const loaded = () => {
    document.documentElement.append(body);
    document.dispatchEvent(new Event('DOMContentLoaded'));
  };
  try {
    await fn(loaded);
  } finally {
    if (!document.body) document.documentElement.append(body);
  }
};

describe('the panel sheets', () => {
  it('the consent sheet asks for the scope by name, in a dialog over a shade, with Allow and Deny buttons', async () => {
    const bridge = mock();
    const answer = call(bridge, 'GP.authorize', { scope: 'location' });
    await tick();
    const dialog = document.querySelector('.gpmock-shade > [role="dialog"]');
    expect(dialog).toBe(sheet());
    expect(sheet()!.textContent).toBe('Allow this mini app to use your location?AllowDeny');
    expect(Array.from(sheet()!.querySelectorAll('button')).map((b) => [b.textContent, b.type])).toEqual([
      ['Allow', 'button'],
      ['Deny', 'button'],
    ]);
    button('Allow').click();
    expect(await answer).toMatchObject({ data: { successScope: { location: true } } });
    expect(document.querySelector('.gpmock-shade')).toBeNull();
  });

  it('destroy() also removes a sheet still waiting for a click', async () => {
    const bridge = mock();
    void call(bridge, 'GP.authorize', { scope: 'camera' });
    await tick();
    expect(sheet()).not.toBeNull();
    bridge.destroy();
    expect(document.querySelector('.gpmock-shade')).toBeNull();
  });

  it('a toast is a status message', async () => {
    const bridge = mock();
    await call(bridge, 'GPUIToast.toast', { message: 'Saved', duration: 1 });
    expect(document.querySelector('[role="status"].gpmock-toast')!.textContent).toBe('Saved');
  });

  it('every element it adds has a gpmock- class or none, and its one <style> goes in <head>', async () => {
    const bridge = mock();
    void call(bridge, 'GP.authorize', { scope: 'camera' });
    await call(bridge, 'GPUIToast.toast', { message: 'hi', duration: 1 });
    await tick();
    const added = Array.from(document.body.querySelectorAll('*'));
    expect(added.length).toBeGreaterThan(8);
    for (const node of added) for (const name of Array.from(node.classList)) expect(name).toMatch(/^gpmock-/);
    const styles = Array.from(document.querySelectorAll('style')).filter((s) => s.textContent!.includes('.gpmock-bar'));
    expect(styles).toHaveLength(1);
    expect(styles[0]!.parentNode).toBe(document.head);
    expect(styles[0]!.classList).toHaveLength(0);
  });
});

describe('the panel bar', () => {
  it('its title is "GoPay mock", followed by the title GPNavigationBar.update sets', async () => {
    const bridge = mock();
    expect(summary()).toBe('GoPay mock');
    expect(document.querySelector('.gpmock-bar')!.textContent).toBe('GoPay mock');
    await call(bridge, 'GPNavigationBar.update', { hideBackButton: 'true' });
    expect(summary()).toBe('GoPay mock');
    await call(bridge, 'GPNavigationBar.update', { title: 'Checkout' });
    expect(summary()).toBe('GoPay mock · Checkout');
    await call(bridge, 'GPNavigationBar.update', { title: '' });
    expect(summary()).toBe('GoPay mock · Checkout');
  });

  it('logs each call as "HH:MM:SS Class.method params", newest first, with secrets redacted', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-02T03:04:05Z'));
    const bridge = mock();
    bridge.call(
      'X',
      'first',
      { n: 1 },
      () => {},
      () => {},
    );
    bridge.call(
      'X',
      'second',
      { auth_code: 'A', authCode: 'B', token: 'C', base64Data: 'D', text: 'plain' },
      () => {},
      () => {},
    );
    expect(logLines()).toEqual([
      '03:04:05 X.second {"auth_code":"[redacted]","authCode":"[redacted]","token":"[redacted]","base64Data":"[redacted]","text":"plain"}',
      '03:04:05 X.first {"n":1}',
    ]);
  });

  it('keeps the last 50 calls', async () => {
    const bridge = mock();
    for (let i = 1; i <= 55; i++)
      bridge.call(
        'X',
        `m${i}`,
        {},
        () => {},
        () => {},
      );
    const lines = logLines();
    expect(lines).toHaveLength(50);
    expect(lines[0]).toContain('X.m55 ');
    expect(lines[49]).toContain('X.m6 ');
  });
});

describe('created before <body> exists', () => {
  it('a toast that timed out before DOMContentLoaded never appears', async () => {
    vi.useFakeTimers();
    await withoutBody(async (loaded) => {
      const bridge = mock();
      bridge.call(
        'GPUIToast',
        'toast',
        { message: 'early', duration: 1 },
        () => {},
        () => {},
      );
      await vi.advanceTimersByTimeAsync(1000);
      loaded();
      expect(document.querySelector('.gpmock-bar')).not.toBeNull();
      expect(document.querySelector('.gpmock-toast')).toBeNull();
    });
  });

  it('a mock destroyed before DOMContentLoaded shows nothing', async () => {
    await withoutBody(async (loaded) => {
      mock().destroy();
      loaded();
      expect(document.querySelector('.gpmock-bar')).toBeNull();
    });
  });

  it('a sheet answered after DOMContentLoaded does not come back on a second DOMContentLoaded', async () => {
    await withoutBody(async (loaded) => {
      const bridge = mock();
      const answer = call(bridge, 'GP.authorize', { scope: 'location' });
      await tick();
      loaded();
      button('Deny').click();
      expect(await answer).toMatchObject({ data: { successScope: { location: false } } });
      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect(document.querySelector('.gpmock-shade')).toBeNull();
      expect(document.querySelectorAll('.gpmock-bar')).toHaveLength(1);
    });
  });
});
