// The SDK's own argument checks: a wrong argument of any type is a GoPayValidationError, as a rejected promise (never
// a synchronous throw), before the bridge is called or any script is loaded.
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, loose, looseCreate, type AcceptanceApi, type GoPay, type LooseGoPay } from '../api';
import { fakeBridge } from '../../fake-bridge';
import { flush, rejectionOf } from '../../helpers';

export function registerValidation({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const create = looseCreate(core);
  const { expectValidation } = errorChecks(core);

  const isThenable = (x: unknown): x is Promise<unknown> => typeof (x as { then?: unknown } | null)?.then === 'function';
  /** run(gp) returns a promise (no synchronous throw) that rejects with GoPayValidationError; no bridge call, no script. */
  const expectRefusedBeforeBridge = async (run: (gp: LooseGoPay) => unknown) => {
    const { bridge, calls } = fakeBridge();
    const scripts = document.querySelectorAll('script').length;
    let p: unknown;
    try {
      p = run(loose(createGoPay({ bridge })));
    } catch (e) {
      throw new Error(`threw synchronously instead of returning a rejected promise: ${String((e as Error)?.message)}`);
    }
    expect(isThenable(p)).toBe(true); // a promise, not a synchronous throw
    expectValidation(await rejectionOf(p as Promise<unknown>));
    await flush();
    expect(calls).toHaveLength(0);
    expect(document.querySelectorAll('script').length).toBe(scripts);
  };

  describe('validation: our own checks reject before the bridge is called', () => {
    it.each([
      ['launchPayment() without a deeplink', (gp: LooseGoPay) => gp.launchPayment(undefined)],
      ["launchPayment('')", (gp: LooseGoPay) => gp.launchPayment('')],
      ['launchPayment(non-gopay link)', (gp: LooseGoPay) => gp.launchPayment('ovo://payment?tref=1')],
      ['launchDeeplink() without a deeplink', (gp: LooseGoPay) => gp.launchDeeplink(undefined)],
      ["launchDeeplink('')", (gp: LooseGoPay) => gp.launchDeeplink('')],
      ['launchUri(javascript:)', (gp: LooseGoPay) => gp.launchUri('javascript:alert(1)')],
      ['trackEvent with empty metaData', (gp: LooseGoPay) => gp.trackEvent('page_view', {})],
      ['trackEvent without metaData', (gp: LooseGoPay) => gp.trackEvent('page_view', undefined)],
      ['vibrate(-1)', (gp: LooseGoPay) => gp.vibrate(-1)],
      ['per-call timeout: -1', (gp: LooseGoPay) => gp.call('GPBase', 'getLocale', {}, { timeout: -1 })],
    ])('%s → GoPayValidationError, bridge not called', async (_n, run) => {
      await expectRefusedBeforeBridge(run);
    });

    const S = Symbol('hostile');
    const symbolCases: Array<[string, (gp: LooseGoPay) => unknown]> = [
      ['call(Symbol, name)', (gp) => gp.call(S, 'getLocale')],
      ['call(class, Symbol)', (gp) => gp.call('GPBase', S)],
      ['call params = Symbol', (gp) => gp.call('GPBase', 'getLocale', S)],
      ['call opts = Symbol', (gp) => gp.call('GPBase', 'getLocale', {}, S)],
      ['call opts.timeout = Symbol', (gp) => gp.call('GPBase', 'getLocale', {}, { timeout: S })],
      ['getAuthCode opts.signal = Symbol', (gp) => gp.getAuthCode({ signal: S })],
      ['getAuthCode opts.timeout = Symbol', (gp) => gp.getAuthCode({ timeout: S })],
      ['getConsent(Symbol)', (gp) => gp.getConsent(S)],
      ['launchPayment(Symbol)', (gp) => gp.launchPayment(S)],
      ['launchDeeplink(Symbol)', (gp) => gp.launchDeeplink(S)],
      ['launchUri(Symbol)', (gp) => gp.launchUri(S)],
      ['copyToClipboard(Symbol)', (gp) => gp.copyToClipboard(S)],
      ['share(Symbol)', (gp) => gp.share(S)],
      ['vibrate(Symbol)', (gp) => gp.vibrate(S)],
      ['toast(Symbol)', (gp) => gp.toast(S)],
      ["toast('x', Symbol)", (gp) => gp.toast('x', S)],
      ['trackEvent(Symbol, metaData)', (gp) => gp.trackEvent(S, { page_id: 'p' })],
      ["trackEvent('e', Symbol)", (gp) => gp.trackEvent('e', S)],
      ['takePhoto(Symbol)', (gp) => gp.takePhoto(S)],
      ['takePhoto({ mode: Symbol })', (gp) => gp.takePhoto({ mode: S })],
      ['saveFile(Symbol)', (gp) => gp.saveFile(S)],
      ['saveFile({ url: Symbol })', (gp) => gp.saveFile({ url: S })],
      ['setNavigationBar(Symbol)', (gp) => gp.setNavigationBar(S)],
      ['getLocation(Symbol)', (gp) => gp.getLocation(S)],
      ['withAuthCode(Symbol)', (gp) => gp.withAuthCode(S)],
      ['withAuthCode(fn, Symbol)', (gp) => gp.withAuthCode(async () => 1, S)],
      ['watchCompass(Symbol)', (gp) => gp.watchCompass(S)],
      ['watchShake(fn, { signal: Symbol })', (gp) => gp.watchShake(() => {}, { signal: S })],
    ];
    it.each(symbolCases)('%s → GoPayValidationError, before the bridge is called', async (_n, run) => {
      await expectRefusedBeforeBridge(run);
    });

    it('wrong arguments are refused before the script is loaded (no bridge, no container)', async () => {
      delete (window as { gpContainer?: unknown }).gpContainer;
      const before = document.querySelectorAll('script').length;
      const gp = loose(createGoPay({ scriptUrl: 'https://cdn.example.test/never-loaded.js', loadTimeout: 1_000 }));
      const runs = [
        () => gp.getConsent(S),
        () => gp.launchPayment(S),
        () => gp.call('GPBase', 'getLocale', {}, { signal: {} }),
        () => gp.getAuthCode({ timeOut: 1 }),
        () => gp.withAuthCode(async () => 1, { isExpiredError: 'no' }),
        () => gp.share(S),
      ];
      for (const run of runs) expectValidation(await rejectionOf(run()));
      await flush();
      expect(document.querySelectorAll('script').length).toBe(before);
    });

    const boom = () => {
      throw new Error('hostile getter');
    };
    it.each([
      ['createGoPay({ timeout: 10n })', () => create({ timeout: BigInt(10) })],
      [
        'per-call opts with a throwing getter',
        () =>
          loose(createGoPay({ bridge: fakeBridge().bridge })).getAuthCode(
            Object.defineProperty({}, 'signal', { get: boom, enumerable: true }),
          ),
      ],
      [
        'per-call timeout 10n',
        () => loose(createGoPay({ bridge: fakeBridge().bridge })).call('GPBase', 'getLocale', {}, { timeout: BigInt(10) }),
      ],
    ])('%s → GoPayValidationError (thrown by createGoPay, or a rejection)', async (_n, run: () => unknown) => {
      let result: unknown;
      try {
        // A call on a client must return a rejected promise, never throw; createGoPay may throw.
        result = run();
      } catch (e) {
        expectValidation(e);
        return;
      }
      if (isThenable(result)) expectValidation(await rejectionOf(result));
      else expectValidation(await rejectionOf((result as GoPay).getLocale()));
    });

    it.each([
      ['{}', {}],
      ["'abort'", 'abort'],
      ['{ aborted: true }', { aborted: true }],
      ['42', 42],
      ['an AbortController', new AbortController()],
    ])('a signal that is not an AbortSignal (%s) → GoPayValidationError', async (_n, signal: unknown) => {
      await expectRefusedBeforeBridge((gp) => gp.call('GPBase', 'getLocale', {}, { signal }));
      await expectRefusedBeforeBridge((gp) => gp.getAuthCode({ signal }));
      await expectRefusedBeforeBridge((gp) => gp.withAuthCode(async () => 1, { signal }));
      await expectRefusedBeforeBridge((gp) => gp.watchCompass(() => {}, { signal }));
    });

    it.each([
      ['true', true],
      ["'yes'", 'yes'],
      ['{}', {}],
      ['a RegExp', /auth code/i],
    ])('an isExpiredError that is not a function (%s) → GoPayValidationError, fn never called', async (_n, bad: unknown) => {
      const fn = vi.fn(async () => 1);
      await expectRefusedBeforeBridge((gp) => gp.withAuthCode(fn, { isExpiredError: bad }));
      expect(fn).not.toHaveBeenCalled();
    });

    it.each([
      ['call opts.timeOut', (gp: LooseGoPay) => gp.call('GPBase', 'getLocale', {}, { timeOut: 5 })],
      ['getAuthCode opts.sginal', (gp: LooseGoPay) => gp.getAuthCode({ sginal: new AbortController().signal })],
      ['withAuthCode opts.isExpired', (gp: LooseGoPay) => gp.withAuthCode(async () => 1, { isExpired: () => true })],
      ['watchCompass opts.timeOut', (gp: LooseGoPay) => gp.watchCompass(() => {}, { timeOut: 5 })],
    ])('an unknown per-call option name (%s) is refused', async (_n, run) => {
      await expectRefusedBeforeBridge(run);
    });
  });
}
