import { GoPayBridgeError } from '../errors/GoPayBridgeError';
import type { Send } from './send';
import type { ProbeOptions } from './types';

/** `gp.isInGoPay`: one probe call (GPBase.getLocale), harmless and answered by every GoPay app. */
export function createIsInGoPay(send: Send) {
  let answered = false;
  return async (opts?: ProbeOptions): Promise<boolean> => {
    if (answered) return true;
    try {
      // 2,000 ms unless the caller says otherwise.
      await send({ className: 'GPBase', methodName: 'getLocale', dataOnly: true, timeout: 2000 }, opts);
      answered = true;
    } catch (error) {
      // A documented refusal is still GoPay's answer; 1003 (outside GoPay's WebView), an undocumented code, a
      // timeout, an unavailable bridge or a bad option are not.
      answered = error instanceof GoPayBridgeError && error.code !== 'NOT_IN_GOPAY' && error.code !== 'UNKNOWN';
    }
    return answered;
  };
}
