import { GoPayBridgeError } from './errors/GoPayBridgeError';
import { GoPayUnavailableError } from './errors/GoPayUnavailableError';
import type { Subscribe } from './events';
import type { Params } from './invoke';
import type { Send } from './request';
import type { CallOptions, SaveFileParams, SaveFileResult } from './types';
import { checkLink, checkObject, checkOneOf } from './validate';

const DESTINATIONS = ['DOWNLOADS', 'DOCUMENTS', 'PICTURES', 'DCIM'] as const;

/**
 * `gp.saveFile`: GPFile.save answers `SAVE_STARTED`, then GoPay fires `GPFile.Event.saveSuccess` or `saveFailed`
 * on the document; the call stays open until one of them.
 */
export const createSaveFile =
  (send: Send, on: Subscribe, eventTarget: () => EventTarget | undefined) =>
  async (params: SaveFileParams, opts?: CallOptions): Promise<SaveFileResult> => {
    checkLink(checkObject(params, 'saveFile(params)').url, 'url', /^(https?|blob|data):/i);
    if (params.destination !== undefined) checkOneOf(params.destination, 'destination', DESTINATIONS);
    if (!eventTarget()) throw new GoPayUnavailableError('no-window');
    return send<SaveFileResult>(
      {
        className: 'GPFile',
        methodName: 'save',
        params: { ...params } as Params,
        interactive: true,
        // Both listeners go on every outcome.
        awaitEvents: (settle) => {
          const offSuccess = on('GPFile.Event.saveSuccess', (payload) => settle(true, payload));
          const offFailed = on('GPFile.Event.saveFailed', (payload) =>
            settle(false, new GoPayBridgeError(payload.msg, { className: 'GPFile', methodName: 'save', response: payload })),
          );
          return () => {
            offSuccess();
            offFailed();
          };
        },
      },
      opts,
    );
  };
