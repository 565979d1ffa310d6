// gp.call(className, methodName, params?, opts?): any bridge method, resolved with `data` or else the envelope
// without success/ret.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi } from '../api';
import { fakeBridge, okEnv } from '../../fake-bridge';

export function registerCall({ core }: AcceptanceApi): void {
  const { createGoPay } = core;

  describe('call()', () => {
    it('sends any className/methodName/params and resolves with data', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { a: 1, b: [2] } }) }) });
      const gp = createGoPay({ bridge });
      await expect(gp.call('GPCustom', 'doThing', { x: 'y' })).resolves.toEqual({ a: 1, b: [2] });
      expect(calls[0]).toMatchObject({ className: 'GPCustom', methodName: 'doThing', params: { x: 'y' } });
    });

    it('sends {} when params are omitted', async () => {
      const { bridge, calls } = fakeBridge();
      await createGoPay({ bridge }).call('GPBase', 'getLocale');
      expect(calls[0].params).toEqual({});
    });

    it('resolves with the envelope without success/ret when there is no data', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ msg: 'COMPASS_STARTED', callbackId: 'c9' }) }) });
      await expect(createGoPay({ bridge }).call('GPMotion', 'startCompass', {})).resolves.toEqual({
        msg: 'COMPASS_STARTED',
        callbackId: 'c9',
      });
      const { bridge: b2 } = fakeBridge({ answer: () => ({ ok: okEnv({ app_locale: 'en_ID' }) }) });
      await expect(createGoPay({ bridge: b2 }).call('GPBase', 'getLocale')).resolves.toEqual({ app_locale: 'en_ID' });
    });

    it('handles a bridge that answers synchronously inside call()', async () => {
      const { bridge } = fakeBridge({ mode: 'sync' });
      await expect(createGoPay({ bridge }).getLocale()).resolves.toBe('id_ID');
    });
  });
}
