import { bridgeFailure } from './bridge-failure';
import { GoPayUnavailableError } from '../errors/GoPayUnavailableError';
import type { Subscribe } from './events';
import { readCallOptions } from './options';
import { validated, type Params, type Send } from './send';
import type { CallOptions, SaveFileParams, SaveFileResult } from './types';
import { checkLink, checkObject, checkOneOf, own } from '../shared/checks';
import { waitFor } from '../shared/wait-for';

const DESTINATIONS = ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'] as const;

/**
 * `gp.saveFile`: GPFile.save answers `SAVE_STARTED`, then GoPay fires `GPFile.Event.saveSuccess` or `saveFailed`
 * on the document; the save settles on one of them. Those events carry no id, so saves run one at a time: a save
 * waits (within its own timeout and signal) for the previous one to settle.
 */
export function createSaveFile(send: Send, on: Subscribe, eventTarget: () => EventTarget | undefined) {
  // While saves are in flight: settles (never rejects) once every save queued so far has settled.
  let queue: Promise<unknown> | undefined;

  /**
   * One save, sent once `previous` has settled. Its timeout and signal bound the whole of it: the wait for the
   * previous save, GPFile.save, and the event.
   */
  async function save(params: unknown, opts: unknown, previous: Promise<unknown> | undefined): Promise<SaveFileResult> {
    const options = validated(() => readCallOptions(opts));
    const copy = validated(() => {
      const copy: Params = { ...checkObject(params, 'saveFile(params)') };
      checkLink(own(copy, 'url'), 'url', /^(https?|blob|data):/i, 'an http(s), blob: or data: link');
      if (copy.destination !== undefined) checkOneOf(copy.destination, 'destination', DESTINATIONS);
      // Without a document (or a bridge that dispatches events), the outcome could never be heard.
      if (!eventTarget()) throw new GoPayUnavailableError('no-window');
      return copy;
    });
    // Ends GPFile.save's own call (if it has not answered yet) when the save ends, whatever ended it.
    const ended = new AbortController();
    let detach: (() => void) | undefined;
    const start = () =>
      new Promise<SaveFileResult>((resolve, reject) => {
        // A caller that gave up while the previous save ran sends nothing (an abort shows on its signal at once).
        if (ended.signal.aborted || options.signal?.aborted) return;
        // Subscribed before the call is sent, so that an early event is not missed.
        const offSuccess = on('GPFile.Event.saveSuccess', resolve);
        const offFailed = on('GPFile.Event.saveFailed', (payload) =>
          reject(bridgeFailure(own(payload, 'msg') as string, { className: 'GPFile', methodName: 'save', response: payload })),
        );
        detach = () => {
          offSuccess();
          offFailed();
        };
        // Its answer (SAVE_STARTED) settles nothing; a failure to start the save ends it.
        send({ className: 'GPFile', methodName: 'save', params: copy, timeout: false }, { signal: ended.signal }).catch(reject);
      });
    try {
      return await waitFor(previous ? previous.then(start) : start(), { className: 'GPFile', methodName: 'save', ...options });
    } finally {
      ended.abort();
      // Both listeners go on every outcome.
      detach?.();
    }
  }

  return (params: SaveFileParams, opts?: CallOptions): Promise<SaveFileResult> => {
    const previous = queue;
    // With none in flight, the save is sent at once.
    const mine = save(params, opts, previous);
    const settled = () => previous;
    const tail = mine.then(settled, settled);
    queue = tail;
    tail.then(() => {
      if (queue === tail) queue = undefined;
    });
    return mine;
  };
}
