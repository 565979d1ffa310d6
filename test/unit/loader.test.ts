import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, GoPayUnavailableError, type GpContainer } from '../../src/core/index';
import { fakeBridge, okTop } from './fake-bridge';
import { unhandledRejections } from './unhandled';

const SRC = 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js';
type HappyWindow = Window & { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } }; gpContainer?: GpContainer };
const win = window as unknown as HappyWindow;

const answering = fakeBridge({}, okTop({ app_locale: 'en_ID' }));
const scripts = (src = SRC) => Array.from(document.querySelectorAll('script')).filter((s) => s.getAttribute('src') === src);

/**
 * happy-dom does not run scripts: it fires `load` (or `error`) synchronously on insertion. This makes inserting
 * a script with `src` define gpContainer, as GoPay's script would.
 */
const scriptDefinesContainer = (src = SRC) => {
  const append = document.head.appendChild.bind(document.head);
  return vi.spyOn(document.head, 'appendChild').mockImplementation((node) => {
    if ((node as Element).getAttribute?.('src') === src) win.gpContainer = answering;
    return append(node);
  });
};

beforeEach(() => {
  win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
});
afterEach(() => {
  win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
  delete win.gpContainer;
  document.querySelectorAll('script').forEach((s) => s.remove());
  vi.useRealTimers();
});

describe('lazy loading', () => {
  it('creating a client loads nothing', () => {
    createGoPay();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('the first call injects one async script; concurrent calls share it', async () => {
    const append = scriptDefinesContainer();
    const gp = createGoPay();
    const results = await Promise.all([gp.getLocale(), gp.getLocale(), gp.ready(), gp.call('GPBase', 'getLocale')]);
    expect(results.slice(0, 2)).toEqual(['en_ID', 'en_ID']);
    expect(append).toHaveBeenCalledTimes(1);
    expect(scripts()).toHaveLength(1);
    expect(scripts()[0]!.async).toBe(true);
    await gp.getLocale();
    expect(scripts()).toHaveLength(1);
  });

  it('concurrent callers share one pending load', async () => {
    vi.useFakeTimers();
    const detached = document.createElement('div');
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => detached.appendChild(node));
    const gp = createGoPay();
    const calls = [gp.ready(), gp.getLocale(), gp.getLocale()];
    expect(detached.querySelectorAll('script')).toHaveLength(1);
    win.gpContainer = answering;
    detached.querySelector('script')!.dispatchEvent(new Event('load'));
    await expect(Promise.all(calls)).resolves.toEqual([undefined, 'en_ID', 'en_ID']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets the CSP nonce and uses scriptUrl', async () => {
    const url = 'https://cdn.test/gp.js';
    scriptDefinesContainer(url);
    await createGoPay({ scriptUrl: url, nonce: 'n0nce' }).ready();
    expect(scripts(url)[0]!.getAttribute('nonce')).toBe('n0nce');
    expect(scripts(SRC)).toHaveLength(0);
  });

  it('uses an existing window.gpContainer without loading anything', async () => {
    win.gpContainer = answering;
    await expect(createGoPay().getLocale()).resolves.toBe('en_ID');
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('waits for a <script> with the same src already on the page, never duplicating it', async () => {
    vi.useFakeTimers();
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
    const own = document.createElement('script');
    own.src = SRC;
    document.head.appendChild(own);
    const locale = createGoPay().getLocale();
    await vi.advanceTimersByTimeAsync(200);
    win.gpContainer = answering;
    await vi.advanceTimersByTimeAsync(50);
    await expect(locale).resolves.toBe('en_ID');
    expect(scripts()).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a script error rejects with reason script-load, removes the script, and the next call retries', async () => {
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
    const gp = createGoPay();
    const error = await gp.getLocale().catch((e) => e);
    expect(error).toBeInstanceOf(GoPayUnavailableError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'script-load' });
    expect(error.message).toContain(SRC);
    expect(scripts()).toHaveLength(0);
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
    scriptDefinesContainer();
    await expect(gp.getLocale()).resolves.toBe('en_ID');
    expect(scripts()).toHaveLength(1);
  });

  it('a script that loads without defining gpContainer.call rejects with no-container after loadTimeout', async () => {
    vi.useFakeTimers();
    const ready = createGoPay({ loadTimeout: 3_000 })
      .ready()
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(scripts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await ready;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'no-container' });
    expect(error.message).toMatch(/mock/);
    expect(error.message).toContain(`(scriptUrl: ${SRC})`);
    expect(scripts()).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for gpContainer.call to appear after the script loaded, within loadTimeout', async () => {
    vi.useFakeTimers();
    const locale = createGoPay({ loadTimeout: 3_000 }).getLocale();
    await vi.advanceTimersByTimeAsync(500);
    win.gpContainer = {} as GpContainer;
    await vi.advanceTimersByTimeAsync(500);
    win.gpContainer = answering;
    await vi.advanceTimersByTimeAsync(50);
    await expect(locale).resolves.toBe('en_ID');
    expect(scripts()).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a script that never loads rejects after loadTimeout and is removed', async () => {
    vi.useFakeTimers();
    const detached = document.createElement('div');
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => detached.appendChild(node));
    const ready = createGoPay({ loadTimeout: 2_000 })
      .ready()
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(detached.querySelectorAll('script')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await ready;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'script-load' });
    expect(error.message).toContain(`did not load: check scriptUrl, network, nonce (scriptUrl: ${SRC})`);
    expect(detached.querySelectorAll('script')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the call timeout covers a slow load too', async () => {
    vi.useFakeTimers();
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => node);
    const call = createGoPay({ loadTimeout: 60_000, timeout: 1_000 })
      .getLocale()
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await call).toMatchObject({ code: 'TIMEOUT' });
  });

  it('an unrelated script on the page is not taken for the bridge', async () => {
    const other = document.createElement('script');
    other.src = 'https://cdn.test/analytics.js';
    document.head.appendChild(other);
    const append = scriptDefinesContainer();
    await expect(createGoPay().getLocale()).resolves.toBe('en_ID');
    expect(append).toHaveBeenCalledTimes(1);
    expect(scripts()).toHaveLength(1);
  });

  it('without a nonce option, the injected script has no nonce attribute', async () => {
    scriptDefinesContainer();
    await createGoPay().ready();
    expect(scripts()[0]!.hasAttribute('nonce')).toBe(false);
  });

  it("leaves the page's own <script> where it is, untouched, and removes the listeners it put on it", async () => {
    vi.useFakeTimers();
    const own = document.createElement('script');
    own.src = SRC;
    document.body.appendChild(own);
    const add = vi.spyOn(own, 'addEventListener');
    const remove = vi.spyOn(own, 'removeEventListener');
    const locale = createGoPay({ nonce: 'n0nce' }).getLocale();
    win.gpContainer = answering;
    own.dispatchEvent(new Event('load'));
    await expect(locale).resolves.toBe('en_ID');
    expect(own.parentNode).toBe(document.body);
    expect(own.hasAttribute('nonce')).toBe(false);
    expect(scripts()).toHaveLength(1);
    const added = Object.fromEntries(add.mock.calls.map(([name, fn]) => [name, fn]));
    expect(Object.keys(added).sort()).toEqual(['error', 'load']);
    expect(remove).toHaveBeenCalledWith('load', added.load);
    expect(remove).toHaveBeenCalledWith('error', added.error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call aborted while the script loads never reaches the bridge', async () => {
    vi.useFakeTimers();
    const detached = document.createElement('div');
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => detached.appendChild(node));
    const controller = new AbortController();
    const call = createGoPay()
      .getLocale({ signal: controller.signal })
      .catch((e) => e);
    controller.abort();
    expect(await call).toMatchObject({ code: 'ABORTED', methodName: 'getLocale' });
    const bridge = { call: vi.fn(answering.call) };
    win.gpContainer = bridge;
    detached.querySelector('script')!.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(100);
    expect(bridge.call).not.toHaveBeenCalled();
  });

  it('a call with an already aborted signal while the script fails to load leaves no unhandled rejection', async () => {
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
    const controller = new AbortController();
    controller.abort();
    const gp = createGoPay();
    let aborted: unknown;
    const unhandled = await unhandledRejections(
      async () => {
        aborted = await gp.getLocale({ signal: controller.signal }).catch((e) => e);
      },
      async () => {
        // Another caller's load fails too; its rejection is that caller's, and handled.
        await gp.ready().catch(() => {});
      },
    );
    expect(aborted).toMatchObject({ code: 'ABORTED' });
    expect(unhandled).toEqual([]);
  });

  it('a passed bridge wins over window.gpContainer, and loads nothing', async () => {
    win.gpContainer = fakeBridge({}, () => {
      throw new Error('not me');
    });
    await expect(createGoPay({ bridge: answering }).getLocale()).resolves.toBe('en_ID');
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });
});
