import { GoPayUnavailableError } from '../errors/GoPayUnavailableError';
import type { ResolvedOptions } from './options';
import type { GpContainer } from './types';

/** `window.gpContainer` when it is usable (GoPay's own guard: `gpContainer?.call`). */
export function findContainer(): GpContainer | undefined {
  const container = (window as { gpContainer?: GpContainer }).gpContainer;
  return typeof container?.call === 'function' ? container : undefined;
}

/**
 * Loads the bridge script once, or waits for a `<script>` with the same src that the page already has, until
 * `window.gpContainer.call` exists (it may appear a little after the script's `load`), at most `loadTimeout` ms.
 * A failed script is removed, so that the next attempt starts afresh.
 */
export function loadScript(src: string, loadTimeout: number, nonce?: string): Promise<GpContainer> {
  return new Promise((resolve, reject) => {
    const url = new URL(src, document.baseURI).href;
    const existing = Array.from(document.scripts).find((script) => script.src === url);
    const script = existing || document.createElement('script');
    let loaded = !!existing;
    const finish = (error?: GoPayUnavailableError) => {
      clearTimeout(timer);
      clearInterval(poll);
      script.removeEventListener('load', onLoad);
      script.removeEventListener('error', onError);
      const container = findContainer();
      if (container) return resolve(container);
      script.remove();
      reject(error);
    };
    const onLoad = () => {
      loaded = true;
      if (findContainer()) finish();
    };
    const onError = () => finish(new GoPayUnavailableError('script-load', src));
    const timer = setTimeout(() => finish(new GoPayUnavailableError(loaded ? 'no-container' : 'script-load', src)), loadTimeout);
    // The global, not an event, is what counts: a script may define it after its `load`, or have loaded already.
    const poll = setInterval(() => {
      if (findContainer()) finish();
    }, 50);
    script.addEventListener('load', onLoad);
    script.addEventListener('error', onError);
    if (!existing) {
      script.async = true;
      script.src = src;
      // The attribute, not the property: it works in every browser as long as it is set before insertion.
      if (nonce) script.setAttribute('nonce', nonce);
      document.head.appendChild(script);
    }
  });
}

/**
 * The client's way to the bridge: the one passed in, else `window.gpContainer`, else one shared load of the
 * script. Synchronous when the bridge is already there (the common, fast case). `onReady` is told once.
 */
export function createConnection(config: ResolvedOptions, onReady: () => void) {
  let loading: Promise<GpContainer> | undefined;
  let isReady = false;

  const ready = (container: GpContainer) => {
    if (!isReady) {
      isReady = true;
      onReady();
    }
    return container;
  };

  return (): GpContainer | Promise<GpContainer> => {
    if (config.bridge) return ready(config.bridge);
    if (typeof document === 'undefined') return Promise.reject(new GoPayUnavailableError('no-window'));
    const found = findContainer();
    if (found) return ready(found);
    loading ||= loadScript(config.scriptUrl, config.loadTimeout, config.nonce).then(ready, (error) => {
      // The next call tries again.
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
