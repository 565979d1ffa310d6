// createGoPay(options): every documented option is accepted; a bad value, an unknown name or a malformed scriptUrl is
// refused with GoPayValidationError, thrown at once or as the first call's rejection, before the bridge is called.
import { describe, expect, it } from 'vitest';
import { errorChecks, looseCreate, type AcceptanceApi, type GoPay } from '../api';
import { fakeBridge } from '../../fake-bridge';
import { rejectionOf } from '../../helpers';

export function registerOptions({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const create = looseCreate(core);
  const { expectValidation } = errorChecks(core);

  /** Creating with these options is refused: thrown by createGoPay, or else the first call rejects (bridge untouched). */
  const expectOptionsRefused = async (options: unknown) => {
    const { bridge, calls } = fakeBridge();
    let gp: GoPay;
    try {
      gp = create(options && typeof options === 'object' ? { bridge, ...options } : options);
    } catch (e) {
      expectValidation(e);
      return;
    }
    expectValidation(await rejectionOf(gp.getLocale()));
    expect(calls).toHaveLength(0);
  };

  describe('createGoPay options', () => {
    it('createGoPay() with no options does not throw and runs nothing', () => {
      expect(() => createGoPay()).not.toThrow();
      expect(() => createGoPay({})).not.toThrow();
    });

    it('accepts every documented option with valid values', async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({
        scriptUrl: 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js',
        bridge,
        loadTimeout: 5_000,
        timeout: 2_000,
        nonce: 'n0nce',
        authCodeTtl: 360_000,
        authCodeMargin: 10_000,
        debug: () => {},
      });
      await expect(gp.getLocale()).resolves.toBe('id_ID');
      const gp2 = createGoPay({ bridge, timeout: false, debug: false });
      await expect(gp2.getLocale()).resolves.toBe('id_ID');
    });

    it.each([
      ['timeout: -1', { timeout: -1 }],
      ["timeout: 'soon'", { timeout: 'soon' }],
      ['timeout: NaN', { timeout: Number.NaN }],
      ['timeout: true', { timeout: true }],
      ['loadTimeout: -1', { loadTimeout: -1 }],
      ["loadTimeout: 'x'", { loadTimeout: 'x' }],
      ['authCodeTtl: -1', { authCodeTtl: -1 }],
      ['authCodeMargin: -1', { authCodeMargin: -1 }],
      ['scriptUrl: 42', { scriptUrl: 42 }],
      ['nonce: 42', { nonce: 42 }],
    ])('rejects a bad option value (%s) with GoPayValidationError', async (_n, options: object) => {
      await expectOptionsRefused(options);
    });

    it.each([
      ['an object without call()', {}],
      ['call that is not a function', { call: 'nope' }],
    ])('rejects a bridge option that is %s with GoPayValidationError', async (_n, bad: unknown) => {
      let gp: GoPay;
      try {
        gp = create({ bridge: bad });
      } catch (e) {
        expectValidation(e);
        return;
      }
      expectValidation(await rejectionOf(gp.getLocale()));
    });

    const S = Symbol('hostile');
    it.each([
      ['timeout', { timeout: S }],
      ['loadTimeout', { loadTimeout: S }],
      ['scriptUrl', { scriptUrl: S }],
      ['nonce', { nonce: S }],
      ['bridge', { bridge: S }],
      ['authCodeTtl', { authCodeTtl: S }],
      ['authCodeMargin', { authCodeMargin: S }],
      ['debug', { debug: S }],
      ['the options themselves', S],
    ])('createGoPay with a Symbol for %s → GoPayValidationError', async (_n, options: unknown) => {
      let gp: GoPay;
      try {
        gp = create(options);
      } catch (e) {
        expectValidation(e);
        return;
      }
      expectValidation(await rejectionOf(gp.getLocale()));
    });

    it.each([
      ["debug: 'yes'", { debug: 'yes' }],
      ['debug: 1', { debug: 1 }],
      ['debug: {}', { debug: {} }],
      ['debug: null', { debug: null }],
      ['an unknown option (scriptURL)', { scriptURL: 'https://gwk.gopayapi.com/sdk/stable/gp-container.min.js' }],
      ['an unknown option (timeOut)', { timeOut: 5 }],
    ])('createGoPay refuses %s with GoPayValidationError', async (_n, options: object) => {
      await expectOptionsRefused(options);
    });

    // (A relative URL such as '/vendor/gp.js' is a valid script src, resolved against the page: not malformed.)
    it.each(['https://', 'http://', 'https://exa mple.com/gp.js', 'https://[gwk.gopayapi.com/x.js', 'http://:80/x.js'])(
      'a malformed scriptUrl (%s) → GoPayValidationError before any script is loaded',
      async (scriptUrl) => {
        delete (window as { gpContainer?: unknown }).gpContainer;
        const before = document.querySelectorAll('script').length;
        let gp: GoPay;
        try {
          gp = createGoPay({ scriptUrl });
        } catch (e) {
          expectValidation(e);
          expect(document.querySelectorAll('script').length).toBe(before);
          return;
        }
        expectValidation(await rejectionOf(gp.ready()));
        expect(document.querySelectorAll('script').length).toBe(before);
        expectValidation(await rejectionOf(gp.getLocale()));
        expect(document.querySelectorAll('script').length).toBe(before);
      },
    );
  });
}
