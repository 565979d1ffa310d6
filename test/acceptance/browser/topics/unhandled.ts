// No unhandled rejection, ever: timeouts, aborts, failures, validation errors and shared work (a shared getAuthCode
// one caller aborts and another times out) leave none behind.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi } from '../api';
import { failEnv, fakeBridge } from '../../fake-bridge';
import { countUnhandled } from '../../helpers';

export function registerUnhandled({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('no unhandled rejection, ever', () => {
    it('timeouts, aborts, failures, validation errors and shared failures leave no unhandled rejection', async () => {
      const unhandled = await countUnhandled(async () => {
        const manual = fakeBridge({ mode: 'manual' });
        const gp = createGoPay({ bridge: manual.bridge, timeout: 10 });
        const aborted = new AbortController();
        aborted.abort();
        const live = new AbortController();
        const ps: Promise<unknown>[] = [
          gp.getLocale(),
          gp.getAuthCode({ signal: aborted.signal }),
          gp.getAuthCode({ signal: live.signal }),
          gp.getAuthCode({ timeout: 5 }),
          gp.getAuthCode(),
          gp.withAuthCode(async () => 1, { signal: aborted.signal }),
          gp.call('GPBase', 'getLocale', {}, { signal: aborted.signal }),
          gp.watchCompass(() => {}, { signal: live.signal }),
          gp.launchPayment(''),
          gp.vibrate(-1),
          gp.isInGoPay({ timeout: 10 }),
        ];
        live.abort();
        await Promise.allSettled(ps);
        const failing = createGoPay({ bridge: fakeBridge({ answer: () => ({ fail: failEnv('500') }) }).bridge });
        await Promise.allSettled([failing.getAuthCode(), failing.getAuthCode(), failing.withAuthCode(async () => 1)]);
      });
      expect(unhandled).toEqual([]);
    });
  });
}
