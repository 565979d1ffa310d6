// The full public contract, once, against the ESM build (dist/index.mjs + dist/mock.mjs) in happy-dom, plus the
// DOM loader scenarios that need control over happy-dom's script loading.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- built file without a .d.mts, imported by path on purpose
import * as core from '../../dist/index.mjs';
// @ts-expect-error -- built file without a .d.mts, imported by path on purpose
import * as mock from '../../dist/mock.mjs';
import { countUnhandled, fakeBridge, failEnv, flush, registerContract, rejectionOf } from './contract';

const here = dirname(fileURLToPath(String(import.meta.url)));
const c: any = core;
const m: any = mock;

describe('ESM build in happy-dom', () => {
  registerContract(c, m, { describe, it, expect, vi }, { dom: true });
});

/** The module specifiers a built ESM file imports (static, re-exports, dynamic). */
const importsOf = (file: string): string[] => {
  const text = readFileSync(resolve(here, '../../dist', file), 'utf8');
  const out = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.add(m[1]);
  return [...out];
};
/** Follows relative imports (shared chunks) and returns every bare specifier reached. */
const bareImportsOf = (file: string, seen = new Set<string>()): string[] => {
  if (seen.has(file)) return [];
  seen.add(file);
  const bare: string[] = [];
  for (const spec of importsOf(file)) {
    if (spec.startsWith('./') || spec.startsWith('../')) bare.push(...bareImportsOf(spec.replace(/^\.\//, ''), seen));
    else bare.push(spec);
  }
  return bare;
};

describe('ESM package shape', () => {
  it('dist/index.mjs does not pull in the mock', () => {
    const text = readFileSync(resolve(here, '../../dist/index.mjs'), 'utf8');
    expect(text).not.toMatch(/from\s*['"][^'"]*mock[^'"]*['"]/);
    expect(text).not.toContain('createMockBridge');
    expect(text).not.toContain('installMockBridge');
  });

  it('the browser entries import eventemitter3 and nothing else: no node: module, no server code', () => {
    for (const file of ['index.mjs', 'mock.mjs']) {
      const bare = bareImportsOf(file);
      for (const spec of bare) expect(spec).toBe('eventemitter3');
    }
    expect(bareImportsOf('index.mjs')).toContain('eventemitter3');
    for (const file of ['index.mjs', 'mock.mjs']) {
      const text = readFileSync(resolve(here, '../../dist', file), 'utf8');
      expect(text).not.toMatch(/['"]node:/);
      expect(text).not.toContain('createGoPayServer');
      expect(text).not.toContain('createSnapClient');
      expect(text).not.toContain('createMockGoPayServer');
      expect(text).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    }
  });
});

describe('lazy loading (happy-dom, script loading simulated)', () => {
  const w = window as any;
  const settings = w.happyDOM.settings;
  const saved = {
    disable: settings.disableJavaScriptFileLoading,
    asSuccess: settings.handleDisabledFileLoadingAsSuccess,
  };
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
    const targets: Array<[any, string]> = [
      [w.Node.prototype, 'appendChild'],
      [w.Node.prototype, 'insertBefore'],
      [w.Element.prototype, 'append'],
      [w.Element.prototype, 'prepend'],
      [w.Element.prototype, 'before'],
      [w.Element.prototype, 'after'],
      [w.Element.prototype, 'insertAdjacentElement'],
    ];
    for (const [proto, key] of targets) {
      const original = proto[key];
      if (typeof original !== 'function') continue;
      proto[key] = function (this: unknown, ...args: any[]) {
        for (const a of args) if (a && a.tagName === 'SCRIPT' && a.getAttribute?.('src') === url) inserted++;
        return original.apply(this, args);
      };
      restores.push(() => {
        proto[key] = original;
      });
    }
  };

  const scriptsWithSrc = (src: string) => Array.from(document.querySelectorAll('script')).filter((s) => s.getAttribute('src') === src);

  beforeEach(() => {
    // (happy-dom prints a NotSupportedError stack for each disabled script load: expected noise.)
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
          if ((node as Element).tagName === 'SCRIPT') allSrcs.push(String((node as Element).getAttribute('src')));
          if ((node as Element).tagName === 'SCRIPT' && (node as HTMLScriptElement).getAttribute('src') === url)
            added.push(node as HTMLScriptElement);
        }
    });
    observer.observe(document, { childList: true, subtree: true });
  });

  afterEach(() => {
    observer.disconnect();
    while (restores.length) restores.pop()!();
    settings.disableJavaScriptFileLoading = saved.disable;
    settings.handleDisabledFileLoadingAsSuccess = saved.asSuccess;
    delete w.gpContainer;
    for (const s of Array.from(document.querySelectorAll('script'))) s.remove();
  });

  /** window.gpContainer appears only once a script with our src is in the document (as the real script would). */
  const containerAppearsWithScript = (bridge: unknown) =>
    Object.defineProperty(w, 'gpContainer', {
      configurable: true,
      get: () => (inserted > 0 || scriptsWithSrc(url).length > 0 ? bridge : undefined),
    });

  it('nothing is injected by import or by createGoPay()', async () => {
    c.createGoPay({ scriptUrl: url });
    await flush();
    expect(scriptsWithSrc(url)).toHaveLength(0);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('an existing window.gpContainer is used as is: no script', async () => {
    const { bridge, calls } = fakeBridge();
    w.gpContainer = bridge;
    const gp = c.createGoPay({ scriptUrl: url });
    await expect(gp.getLocale()).resolves.toBe('id_ID');
    expect(calls).toHaveLength(1);
    await flush();
    expect(added).toHaveLength(0);
  });

  it('ready() injects one <script async> with the nonce, shared by concurrent callers', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true;
    const { bridge, calls } = fakeBridge();
    containerAppearsWithScript(bridge);
    const gp = c.createGoPay({ scriptUrl: url, nonce: 'n0nce-123' });
    const ready = vi.fn();
    gp.on('ready', ready);
    const results = await Promise.all([gp.ready(), gp.ready(), gp.getLocale(), gp.getAuthCode()]);
    await flush();
    expect(results[0]).toBeUndefined();
    expect(results[2]).toBe('id_ID');
    expect(added).toHaveLength(1);
    const s = added[0];
    expect(s.async).toBe(true);
    expect((s as any).nonce || s.getAttribute('nonce')).toBe('n0nce-123');
    expect(calls).toHaveLength(2);
    expect(ready).toHaveBeenCalled();
  });

  it('the default scriptUrl is GoPay’s stable container script', async () => {
    settings.handleDisabledFileLoadingAsSuccess = false;
    const gp = c.createGoPay({ loadTimeout: 1_000 });
    const p = gp.ready().catch(() => undefined);
    await flush();
    expect(allSrcs).toContain('https://gwk.gopayapi.com/sdk/stable/gp-container.min.js');
    await p;
  });

  it('a script error rejects with UNAVAILABLE reason script-load, removes the script, and the next call retries', async () => {
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    const e = await rejectionOf(gp.ready());
    expect(e).toBeInstanceOf(c.GoPayUnavailableError);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.reason).toBe('script-load');
    expect(scriptsWithSrc(url)).toHaveLength(0);
    expect(added).toHaveLength(1);
    const e2 = await rejectionOf(gp.getLocale());
    expect(e2.code).toBe('UNAVAILABLE');
    await flush();
    expect(added).toHaveLength(2);
    expect(scriptsWithSrc(url)).toHaveLength(0);
  });

  it('a script that loads without defining gpContainer rejects with reason no-container and is removed', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true;
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    const e = await rejectionOf(gp.ready());
    expect(e).toBeInstanceOf(c.GoPayUnavailableError);
    expect(e.reason).toBe('no-container');
    expect(scriptsWithSrc(url)).toHaveLength(0);
  });

  it('after a failed load, a later success works (retry)', async () => {
    const { bridge } = fakeBridge();
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    expect((await rejectionOf(gp.ready())).code).toBe('UNAVAILABLE');
    settings.handleDisabledFileLoadingAsSuccess = true;
    containerAppearsWithScript(bridge);
    await expect(gp.getLocale()).resolves.toBe('id_ID');
  });
  it('isInGoPay resolves false (never rejects) when the script fails to load or defines no container', async () => {
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    await expect(gp.isInGoPay()).resolves.toBe(false);
    settings.handleDisabledFileLoadingAsSuccess = true;
    const gp2 = c.createGoPay({ scriptUrl: `${url}?empty`, loadTimeout: 2_000 });
    await expect(gp2.isInGoPay()).resolves.toBe(false);
  });

  it('isInGoPay resolves true once the loaded container answers, and remembers it', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true;
    const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('300') }) });
    containerAppearsWithScript(bridge);
    const gp = c.createGoPay({ scriptUrl: url });
    await expect(gp.isInGoPay()).resolves.toBe(true);
    await expect(gp.isInGoPay()).resolves.toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('isGoPayError(e, UNAVAILABLE) narrows to an error with its reason', async () => {
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    const e = await rejectionOf(gp.ready());
    expect(c.isGoPayError(e, 'UNAVAILABLE')).toBe(true);
    expect(c.isGoPayError(e, 'TIMEOUT')).toBe(false);
    expect(['no-window', 'script-load', 'no-container']).toContain(e.reason);
  });

  it('no unhandled rejection when a signal is already aborted while the script fails to load', async () => {
    const unhandled = await countUnhandled(async () => {
      const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
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
        expect(c.isGoPayError((r as PromiseRejectedResult).reason)).toBe(true);
      }
      expect(results[4]).toEqual({ status: 'fulfilled', value: false });
      expect(results[5].status).toBe('rejected');
    }, 100);
    expect(unhandled).toEqual([]);
  });

  it('the mock never switches itself on: without a bridge option the client loads the real script', async () => {
    const mk = m.createMockBridge({ latency: 0 });
    const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 2_000 });
    const e = await rejectionOf(gp.getLocale());
    expect(e.code).toBe('UNAVAILABLE');
    expect(added).toHaveLength(1);
    expect(mk.calls).toHaveLength(0);
    expect(w.gpContainer).toBeUndefined();
  });

  it('an inherited Object.prototype scriptUrl / nonce / loadTimeout is never used for loading', async () => {
    const proto = Object.prototype as any;
    let e: any;
    let srcs: string[] = [];
    let nonces: string[] = [];
    try {
      proto.scriptUrl = 'https://evil.example/gp.js';
      proto.nonce = 'evil-nonce';
      proto.loadTimeout = 0;
      const gp = c.createGoPay({});
      e = await rejectionOf(gp.ready());
      srcs = [...allSrcs];
      nonces = Array.from(document.querySelectorAll('script')).map((s) => String((s as any).nonce || s.getAttribute('nonce') || ''));
    } finally {
      delete proto.scriptUrl;
      delete proto.nonce;
      delete proto.loadTimeout;
    }
    expect(e.code).toBe('UNAVAILABLE');
    expect(srcs).toContain('https://gwk.gopayapi.com/sdk/stable/gp-container.min.js');
    expect(srcs).not.toContain('https://evil.example/gp.js');
    expect(nonces).not.toContain('evil-nonce');
  });
  it('loadTimeout (default 10,000 ms) covers window.gpContainer.call appearing after the script loaded', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true;
    const { bridge } = fakeBridge();
    const late: any = {};
    Object.defineProperty(w, 'gpContainer', {
      configurable: true,
      get: () => (inserted > 0 || scriptsWithSrc(url).length > 0 ? late : undefined),
    });
    vi.useFakeTimers();
    try {
      const gp = c.createGoPay({ scriptUrl: url });
      let state = 'pending';
      gp.ready().then(
        () => (state = 'ready'),
        (e: any) => (state = `rejected:${e.code}`),
      );
      await vi.advanceTimersByTimeAsync(9_000);
      expect(state).toBe('pending');
      late.call = bridge.call;
      await vi.advanceTimersByTimeAsync(500);
      expect(state).toBe('ready');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a container whose call never appears rejects with UNAVAILABLE once loadTimeout has passed', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true;
    Object.defineProperty(w, 'gpContainer', {
      configurable: true,
      get: () => (inserted > 0 || scriptsWithSrc(url).length > 0 ? {} : undefined),
    });
    vi.useFakeTimers();
    try {
      const gp = c.createGoPay({ scriptUrl: url, loadTimeout: 3_000 });
      let state = 'pending';
      gp.ready().then(
        () => (state = 'ready'),
        (e: any) => (state = `rejected:${e.code}`),
      );
      await vi.advanceTimersByTimeAsync(2_900);
      expect(state).toBe('pending');
      await vi.advanceTimersByTimeAsync(200);
      expect(state).toBe('rejected:UNAVAILABLE');
      expect(scriptsWithSrc(url)).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
