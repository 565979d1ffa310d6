import { bridgeFailure } from './bridge-failure';
import { GoPayUnavailableError } from '../errors/GoPayUnavailableError';
import type { Subscribe } from './events';
import type { Send } from './send';
import type { CallOptions, SaveFileParams, SaveFileResult } from './types';
import { checkLink, checkObject, checkOneOf, own } from '../shared/checks';

const DESTINATIONS = ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'] as const;

/**
 * `gp.saveFile`: GPFile.save answers `SAVE_STARTED`, then GoPay fires `GPFile.Event.saveSuccess` or `saveFailed`
 * on the document; the call stays open until one of them. Those events carry no id, so saves run one at a time:
 * a save waits (within its own timeout and signal) for the previous one to settle.
 */
export function createSaveFile(send: Send, on: Subscribe, eventTarget: () => EventTarget | undefined) {
  // While saves are in flight: settles (never rejects) once every save queued so far has settled.
  let queue: Promise<unknown> | undefined;

  return (params: SaveFileParams, opts?: CallOptions): Promise<SaveFileResult> => {
    const previous = queue;
    // With none in flight, the save is sent at once.
    const mine = send<SaveFileResult>(
      {
        className: 'GPFile',
        methodName: 'save',
        params: () => {
          const copy = { ...checkObject(params, 'saveFile(params)') };
          checkLink(own(copy, 'url'), 'url', /^(https?|blob|data):/i, 'an http(s), blob: or data: link');
          if (copy.destination !== undefined) checkOneOf(copy.destination, 'destination', DESTINATIONS);
          // Without a document (or a bridge that dispatches events), the outcome could never be heard.
          if (!eventTarget()) throw new GoPayUnavailableError('no-window');
          return copy;
        },
        timeout: false,
        after: previous,
        // Both listeners go on every outcome.
        awaitEvents: (settle) => {
          const offSuccess = on('GPFile.Event.saveSuccess', (payload) => settle(true, payload));
          const offFailed = on('GPFile.Event.saveFailed', (payload) =>
            settle(false, bridgeFailure(own(payload, 'msg') as string, { className: 'GPFile', methodName: 'save', response: payload })),
          );
          return () => {
            offSuccess();
            offFailed();
          };
        },
      },
      opts,
    );
    const settled = () => previous;
    const tail = mine.then(settled, settled);
    queue = tail;
    tail.then(() => {
      if (queue === tail) queue = undefined;
    });
    return mine;
  };
}
