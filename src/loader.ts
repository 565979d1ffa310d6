import { GoPayUnavailableError } from './errors/GoPayUnavailableError';
import type { GpContainer } from './types';

/** `window.gpContainer` when it is usable (GoPay's own guard: `gpContainer?.call`). */
export const findContainer = (): GpContainer | undefined => {
  const container = (window as { gpContainer?: GpContainer }).gpContainer;
  return typeof container?.call == 'function' ? container : undefined;
};

/**
 * Loads the bridge script once, or waits for a `<script>` with the same src that the page already has, until
 * `window.gpContainer.call` exists (it may appear a little after the script's `load`), at most `loadTimeout` ms.
 * A failed script is removed, so that the next attempt starts afresh.
 */
export const loadScript = (src: string, loadTimeout: number, nonce?: string): Promise<GpContainer> =>
  new Promise((resolve, reject) => {
    const url = new URL(src, document.baseURI).href;
    const existing = Array.from(document.scripts).find((script) => script.src == url);
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
    const onLoad = () => (loaded = true) && findContainer() && finish();
    const onError = () => finish(new GoPayUnavailableError('script-load', src));
    const timer = setTimeout(() => finish(new GoPayUnavailableError(loaded ? 'no-container' : 'script-load', src)), loadTimeout);
    // The global, not an event, is what counts: a script may define it after its `load`, or have loaded already.
    const poll = setInterval(() => findContainer() && finish(), 50);
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
