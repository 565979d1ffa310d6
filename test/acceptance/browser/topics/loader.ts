// Lazy loading of GoPay's container script in happy-dom (script loading simulated, nothing fetched): nothing until the
// first call, one <script async> with the nonce, an existing window.gpContainer used as is, failures (UNAVAILABLE,
// script-load / no-container) that remove the script and let the next call retry, loadTimeout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorChecks, type AcceptanceApi } from '../api';
import { failEnv, fakeBridge } from '../../fake-bridge';
import { countUnhandled, flush, rejectionOf } from '../../helpers';

interface HappyDomSettings {
  disableJavaScriptFileLoading: boolean;
  handleDisabledFileLoadingAsSuccess: boolean;
}
type LoaderWindow = Window & { happyDOM: { settings: HappyDomSettings }; gpContainer?: unknown };

/** A <script> element, recognised by its tag name. */
const isScript = (x: unknown): x is HTMLScriptElement => (x as Element | null)?.tagName === 'SCRIPT';

const DEFAULT_SCRIPT = 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js';
/** The smallest loadTimeout worth waiting for: every failure below comes from the script's error event or this. */
const LOAD_TIMEOUT = 100;

export function registerLoader({ core, mock }: AcceptanceApi): void {
  const { createGoPay, isGoPayError, GoPayUnavailableError } = core;
  const { expectGoPayError } = errorChecks(core);

  describe('lazy loading (happy-dom, script loading simulated)', () => {
    const w = window as unknown as LoaderWindow;
    const settings = w.happyDOM.settings;
    const saved = { disable: settings.disableJavaScriptFileLoading, asSuccess: settings.handleDisabledFileLoadingAsSuccess };
    let url = '';
    let n = 0;
    let added: HTMLScriptElement[] = [];
    let allSrcs: string[] = [];
    let inserted = 0;
    let observer: MutationObserver;
    const restores: Array<() => void> = [];

    /**
     * happy-dom fires a disabled script's load/error event synchronously inside appendChild, before the
     * node is findable; so note insertions of our script as they happen, to let window.gpContainer
     * "appear" the way the real script would define it.
     */
    const instrumentInsertions = () => {
      const node = Node.prototype as unknown as Record<string, unknown>;
      const element = Element.prototype as unknown as Record<string, unknown>;
      const targets: Array<[Record<string, unknown>, string]> = [
        [node, 'appendChild'],
        [node, 'insertBefore'],
        [element, 'append'],
        [element, 'prepend'],
        [element, 'before'],
        [element, 'after'],
        [element, 'insertAdjacentElement'],
      ];
      for (const [proto, key] of targets) {
        const original = proto[key];
        if (typeof original !== 'function') continue;
        proto[key] = function (this: unknown, ...args: unknown[]) {
          for (const a of args) if (isScript(a) && a.getAttribute('src') === url) inserted++;
          return original.apply(this, args);
        };
        restores.push(() => {
          proto[key] = original;
        });
      }
    };

    const scriptsWithSrc = (src: string) => Array.from(document.querySelectorAll('script')).filter((s) => s.getAttribute('src') === src);
    const nonceOf = (s: HTMLScriptElement) => s.nonce || s.getAttribute('nonce') || '';

    beforeEach(() => {
      // Never fetch anything: a disabled script load fires `error`, or `load` when treated as a success.
      settings.disableJavaScriptFileLoading = true;
      settings.handleDisabledFileLoadingAsSuccess = false;
      delete w.gpContainer;
      url = `https://cdn.example.test/gp-container-${++n}.min.js`;
      added = [];
      allSrcs = [];
      inserted = 0;
      instrumentInsertions();
      observer = new MutationObserver((records) => {
        for (const r of records)
          for (const node of Array.from(r.addedNodes)) {
            if (!isScript(node)) continue;
            allSrcs.push(String(node.getAttribute('src')));
            if (node.getAttribute('src') === url) added.push(node);
          }
      });
      observer.observe(document, { childList: true, subtree: true });
    });

    afterEach(() => {
      observer.disconnect();
      for (let restore = restores.pop(); restore; restore = restores.pop()) restore();
      settings.disableJavaScriptFileLoading = saved.disable;
      settings.handleDisabledFileLoadingAsSuccess = saved.asSuccess;
      delete w.gpContainer;
      for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
    });

    /** window.gpContainer is `value` once a script with our src is in the document (as the real script defines it). */
    const containerAppearsWithScript = (value: unknown) =>
      Object.defineProperty(w, 'gpContainer', {
        configurable: true,
        get: () => (inserted > 0 || scriptsWithSrc(url).length > 0 ? value : undefined),
      });

    /** Follows gp.ready() as 'pending', 'ready' or 'rejected:CODE'. */
    const readyState = (p: Promise<void>) => {
      const state = { now: 'pending' };
      p.then(
        () => (state.now = 'ready'),
        (e: { code?: string }) => (state.now = `rejected:${e.code}`),
      );
      return state;
    };

    it('nothing is injected by import or by createGoPay()', async () => {
      createGoPay({ scriptUrl: url });
      await flush();
      expect(scriptsWithSrc(url)).toHaveLength(0);
      expect(document.querySelectorAll('script')).toHaveLength(0);
    });

    it('an existing window.gpContainer is used as is: no script', async () => {
      const { bridge, calls } = fakeBridge();
      w.gpContainer = bridge;
      await expect(createGoPay({ scriptUrl: url }).getLocale()).resolves.toBe('id_ID');
      expect(calls).toHaveLength(1);
      await flush();
      expect(added).toHaveLength(0);
    });

    it('ready() injects one <script async> with the nonce, shared by concurrent callers', async () => {
      settings.handleDisabledFileLoadingAsSuccess = true;
      const { bridge, calls } = fakeBridge();
      containerAppearsWithScript(bridge);
      const gp = createGoPay({ scriptUrl: url, nonce: 'n0nce-123' });
      const ready = vi.fn();
      gp.on('ready', ready);
      const results = await Promise.all([gp.ready(), gp.ready(), gp.getLocale(), gp.getAuthCode()]);
      await flush();
      expect(results[0]).toBeUndefined();
      expect(results[2]).toBe('id_ID');
      expect(added).toHaveLength(1);
      expect(added[0].async).toBe(true);
      expect(nonceOf(added[0])).toBe('n0nce-123');
      expect(calls).toHaveLength(2);
      expect(ready).toHaveBeenCalled();
    });

    it('the default scriptUrl is GoPay’s stable container script', async () => {
      const p = createGoPay({ loadTimeout: LOAD_TIMEOUT })
        .ready()
        .catch(() => undefined);
      await flush();
      expect(allSrcs).toContain(DEFAULT_SCRIPT);
      await p;
    });

    it('a script error rejects with UNAVAILABLE reason script-load (isGoPayError narrows by code), removes the script, and the next call retries', async () => {
      const gp = createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT });
      const raw = await rejectionOf(gp.ready());
      expect(isGoPayError(raw, 'UNAVAILABLE') && raw.reason).toBe('script-load');
      expect(isGoPayError(raw, 'TIMEOUT')).toBe(false);
      expectGoPayError(raw, GoPayUnavailableError, 'UNAVAILABLE');
      expect(scriptsWithSrc(url)).toHaveLength(0);
      expect(added).toHaveLength(1);
      expectGoPayError(await rejectionOf(gp.getLocale()), GoPayUnavailableError, 'UNAVAILABLE');
      await flush();
      expect(added).toHaveLength(2);
      expect(scriptsWithSrc(url)).toHaveLength(0);
    });

    it('a script that loads without defining gpContainer rejects with reason no-container (after loadTimeout) and is removed', async () => {
      settings.handleDisabledFileLoadingAsSuccess = true;
      const gp = createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT });
      const e = expectGoPayError(await rejectionOf(gp.ready()), GoPayUnavailableError, 'UNAVAILABLE');
      expect(e.reason).toBe('no-container');
      expect(scriptsWithSrc(url)).toHaveLength(0);
    });

    it('after a failed load, a later success works (retry)', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT });
      expectGoPayError(await rejectionOf(gp.ready()), GoPayUnavailableError, 'UNAVAILABLE');
      settings.handleDisabledFileLoadingAsSuccess = true;
      containerAppearsWithScript(bridge);
      await expect(gp.getLocale()).resolves.toBe('id_ID');
    });

    it('isInGoPay resolves false (never rejects) when the script fails to load or defines no container', async () => {
      await expect(createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT }).isInGoPay()).resolves.toBe(false);
      settings.handleDisabledFileLoadingAsSuccess = true;
      await expect(createGoPay({ scriptUrl: `${url}?empty`, loadTimeout: LOAD_TIMEOUT }).isInGoPay()).resolves.toBe(false);
    });

    it('isInGoPay resolves true once the loaded container answers, and remembers it', async () => {
      settings.handleDisabledFileLoadingAsSuccess = true;
      const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('300') }) });
      containerAppearsWithScript(bridge);
      const gp = createGoPay({ scriptUrl: url });
      await expect(gp.isInGoPay()).resolves.toBe(true);
      await expect(gp.isInGoPay()).resolves.toBe(true);
      expect(calls).toHaveLength(1);
    });

    it('no unhandled rejection when a signal is already aborted while the script fails to load', async () => {
      // Settling twice 2 × loadTimeout catches a rejection left behind by the load's own timer too.
      const unhandled = await countUnhandled(async () => {
        const gp = createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT });
        const ctrl = new AbortController();
        ctrl.abort();
        const results = await Promise.allSettled([
          gp.getAuthCode({ signal: ctrl.signal }),
          gp.call('GPBase', 'getLocale', {}, { signal: ctrl.signal }),
          gp.withAuthCode(async () => 1, { signal: ctrl.signal }),
          gp.watchCompass(() => {}, { signal: ctrl.signal }),
          gp.isInGoPay({ signal: ctrl.signal }),
          gp.getLocale(),
        ]);
        for (const r of results.slice(0, 4)) {
          expect(r.status).toBe('rejected');
          expect(isGoPayError((r as PromiseRejectedResult).reason)).toBe(true);
        }
        expect(results[4]).toEqual({ status: 'fulfilled', value: false });
        expect(results[5].status).toBe('rejected');
      }, LOAD_TIMEOUT);
      expect(unhandled).toEqual([]);
    });

    it('the mock never switches itself on: without a bridge option the client loads the real script', async () => {
      const mk = mock.createMockBridge({ latency: 0 });
      const e = await rejectionOf(createGoPay({ scriptUrl: url, loadTimeout: LOAD_TIMEOUT }).getLocale());
      expectGoPayError(e, GoPayUnavailableError, 'UNAVAILABLE');
      expect(added).toHaveLength(1);
      expect(mk.calls).toHaveLength(0);
      expect(w.gpContainer).toBeUndefined();
    });

    it('an inherited Object.prototype scriptUrl / nonce / loadTimeout is never used for loading', async () => {
      const proto = Object.prototype as Record<string, unknown>;
      let e: unknown;
      let srcs: string[] = [];
      let nonces: string[] = [];
      try {
        proto.scriptUrl = 'https://evil.example/gp.js';
        proto.nonce = 'evil-nonce';
        proto.loadTimeout = 0;
        e = await rejectionOf(createGoPay({}).ready());
        srcs = [...allSrcs];
        nonces = Array.from(document.querySelectorAll('script')).map(nonceOf);
      } finally {
        delete proto.scriptUrl;
        delete proto.nonce;
        delete proto.loadTimeout;
      }
      expectGoPayError(e, GoPayUnavailableError, 'UNAVAILABLE');
      expect(srcs).toContain(DEFAULT_SCRIPT);
      expect(srcs).not.toContain('https://evil.example/gp.js');
      expect(nonces).not.toContain('evil-nonce');
    });

    it('loadTimeout (default 10,000 ms) covers window.gpContainer.call appearing after the script loaded', async () => {
      settings.handleDisabledFileLoadingAsSuccess = true;
      const { bridge } = fakeBridge();
      const late: { call?: typeof bridge.call } = {};
      containerAppearsWithScript(late);
      vi.useFakeTimers();
      try {
        const state = readyState(createGoPay({ scriptUrl: url }).ready());
        await vi.advanceTimersByTimeAsync(9_000);
        expect(state.now).toBe('pending');
        late.call = bridge.call;
        await vi.advanceTimersByTimeAsync(500);
        expect(state.now).toBe('ready');
      } finally {
        vi.useRealTimers();
      }
    });

    it('a container whose call never appears rejects with UNAVAILABLE once loadTimeout has passed', async () => {
      settings.handleDisabledFileLoadingAsSuccess = true;
      containerAppearsWithScript({});
      vi.useFakeTimers();
      try {
        const state = readyState(createGoPay({ scriptUrl: url, loadTimeout: 3_000 }).ready());
        await vi.advanceTimersByTimeAsync(2_900);
        expect(state.now).toBe('pending');
        await vi.advanceTimersByTimeAsync(200);
        expect(state.now).toBe('rejected:UNAVAILABLE');
        expect(scriptsWithSrc(url)).toHaveLength(0);
      } finally {
        vi.useRealTimers();
      }
    });
  });
}
