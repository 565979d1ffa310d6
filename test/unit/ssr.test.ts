// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/core/index';
import { fakeBridge, ok, okTop } from './fake-bridge';
import { unhandledRejections } from './unhandled';

describe('outside a browser (SSR, Node)', () => {
  it('there is no window here, and importing did not create one', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect('gpContainer' in globalThis).toBe(false);
  });

  it('a call whose signal is already aborted rejects ABORTED and leaves no unhandled rejection', async () => {
    const controller = new AbortController();
    controller.abort();
    const gp = kit.createGoPay();
    const errors: unknown[] = [];
    const unhandled = await unhandledRejections(
      async () => {
        for (const attempt of [gp.getLocale({ signal: controller.signal }), gp.call('A', 'b', {}, { signal: controller.signal })]) {
          errors.push(await attempt.catch((e) => e));
        }
      },
      async () => {},
    );
    expect(errors).toMatchObject([{ code: 'ABORTED' }, { code: 'ABORTED' }]);
    expect(unhandled).toEqual([]);
  });

  it('isInGoPay() resolves false here, and never rejects', async () => {
    await expect(kit.createGoPay().isInGoPay()).resolves.toBe(false);
  });

  it('every call rejects with GoPayUnavailableError reason no-window; nothing throws', async () => {
    const gp = kit.createGoPay();
    const attempts = [
      gp.ready(),
      gp.getAuthCode(),
      gp.getLocale(),
      gp.call('A', 'b'),
      gp.withAuthCode(() => 1),
      gp.launchPayment('gopay://merchanttransfer?x=1'),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((e) => e);
      expect(error).toBeInstanceOf(kit.GoPayUnavailableError);
      expect(kit.isGoPayError(error, 'UNAVAILABLE')).toBe(true);
      expect(error.reason).toBe('no-window');
    }
  });

  it('without a bridge, saveFile rejects with no-window and on() of a bridge event does not throw', async () => {
    const gp = kit.createGoPay();
    const error = await gp.saveFile({ url: 'https://x.test/a' }).catch((e) => e);
    expect(error).toBeInstanceOf(kit.GoPayUnavailableError);
    expect(error.reason).toBe('no-window');
    const off = gp.on('motion.gyro', () => {});
    expect(() => off()).not.toThrow();
  });

  it('with a bridge passed in, calls work in Node', async () => {
    const gp = kit.createGoPay({
      bridge: fakeBridge(
        { 'GPBase.getLocale': okTop({ app_locale: 'id_ID' }), 'GPMotion.startCompass': okTop({ msg: 'COMPASS_STARTED' }) },
        ok({}),
      ),
    });
    await expect(gp.getLocale()).resolves.toBe('id_ID');
    const stop = await gp.watchCompass(() => {});
    await expect(stop()).resolves.toBeUndefined();
    // saveFile needs an event to finish: without a document or an event-dispatching bridge it would hang, so it says so.
    await expect(gp.saveFile({ url: 'https://x.test/a' })).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: 'no-window' });
  });

  it('bridge events arrive through a bridge that is an EventTarget', async () => {
    const target = new EventTarget();
    const bridge = Object.assign(target, fakeBridge({}, okTop({ msg: 'SAVE_STARTED' })));
    const gp = kit.createGoPay({ bridge });
    const saving = gp.saveFile({ url: 'https://x.test/a' });
    await Promise.resolve();
    target.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'ok' } }));
    await expect(saving).resolves.toEqual({ msg: 'ok' });
  });

  it('VERSION is the package version', () => {
    expect(kit.VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('exports exactly the public names', () => {
    expect(Object.keys(kit).sort()).toEqual(
      [
        'createGoPay',
        'toPaymentDeeplink',
        'isAuthCodeExpired',
        'isGoPayError',
        'VERSION',
        'GoPayError',
        'GoPayTimeoutError',
        'GoPayAbortError',
        'GoPayUnavailableError',
        'GoPayAuthCodeExpiredError',
        'GoPayBridgeError',
        'GoPayValidationError',
      ].sort(),
    );
  });
});
