// getConsent(scope): GP.authorize, GPConsent.getUserConsent where that is unsupported (100), the answer fields of
// both, a refusal as granted:false; and the hint a PERMISSION_DENIED (300) gives.
import { describe, expect, it } from 'vitest';
import { errorChecks, type AcceptanceApi, type GoPay } from '../api';
import { failEnv, fakeBridge, okEnv, type Reply } from '../../fake-bridge';
import { rejectionOf } from '../../helpers';

export function registerConsent({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const { asGoPayError, expectBridgeError } = errorChecks(core);
  const authorizeUnsupported = (then: Reply) =>
    fakeBridge({ answer: (r) => (r.methodName === 'authorize' ? { fail: failEnv('100', 'not supported') } : then) });

  describe('consent: getConsent, its fallback and older answer fields; 300 hints', () => {
    it('a refusal is granted:false, not a rejection', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ data: { successScope: { location: false } } }) }) });
      const r = await createGoPay({ bridge }).getConsent('location');
      expect(r.granted).toBe(false);
      expect(r.successScope).toEqual({ location: false });
    });

    it('GP.authorize: successScope is read at the top level too', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ ok: okEnv({ successScope: { camera: true } }) }) });
      const r = await createGoPay({ bridge }).getConsent('camera');
      expect(r.granted).toBe(true);
      expect(r.successScope).toEqual({ camera: true });
    });

    it('when GP.authorize answers 100, the fallback GPConsent.getUserConsent is sent { scope, consent_name: scope }', async () => {
      const { bridge, calls } = authorizeUnsupported(undefined);
      const r = await createGoPay({ bridge }).getConsent('camera');
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({ className: 'GP', methodName: 'authorize' });
      expect(calls[0].params).toEqual({ scope: 'camera' });
      expect(calls[1]).toMatchObject({ className: 'GPConsent', methodName: 'getUserConsent' });
      expect(calls[1].params).toEqual({ scope: 'camera', consent_name: 'camera' });
      expect(r.granted).toBe(true);
    });

    it('getConsent rejects (it is not a refusal) when the bridge fails for another reason', async () => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ fail: failEnv('401', 'offline') }) });
      expectBridgeError(await rejectionOf(createGoPay({ bridge }).getConsent('location')), 'NETWORK', '401');
      expect(calls).toHaveLength(1);
    });

    it.each([
      ['{ consent_name, has_consent: true } in data', okEnv({ data: { consent_name: 'location', has_consent: true } }), true],
      ['{ consent_name, has_consent: false } in data', okEnv({ data: { consent_name: 'location', has_consent: false } }), false],
      ['{ consent_name, has_consent: true } at the top level', okEnv({ consent_name: 'location', has_consent: true }), true],
      ['successScope at the top level', okEnv({ successScope: { location: true } }), true],
      ['successScope in data, refused', okEnv({ data: { successScope: { location: false } } }), false],
    ])('the fallback answer %s is read', async (_n, envelope, granted) => {
      const { bridge } = authorizeUnsupported({ ok: envelope });
      const r = await createGoPay({ bridge }).getConsent('location');
      expect(r.granted).toBe(granted);
    });

    it.each([
      ['has_consent: true in data', okEnv({ data: { consent_name: 'camera', has_consent: true } }), true],
      ['has_consent: false at the top level', okEnv({ consent_name: 'camera', has_consent: false }), false],
    ])('GP.authorize answering the older { consent_name, has_consent } is read too (%s)', async (_n, env, granted) => {
      const { bridge, calls } = fakeBridge({ answer: () => ({ ok: env }) });
      const r = await createGoPay({ bridge }).getConsent('camera');
      expect(r.granted).toBe(granted);
      expect(calls).toHaveLength(1);
    });

    const consentHint = (scope: string) => new RegExp(`getConsent\\(\\s*['"\`]${scope}['"\`]\\s*\\)`);
    const denied = async (run: (gp: GoPay) => Promise<unknown>) => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('300', 'Permission denied') }) });
      const e = asGoPayError(await rejectionOf(run(createGoPay({ bridge }))));
      expect(e.code).toBe('PERMISSION_DENIED');
      return e;
    };

    it.each([
      ['getLocation', 'location', (gp: GoPay) => gp.getLocation()],
      ['takePhoto', 'camera', (gp: GoPay) => gp.takePhoto({ mode: 'camera' })],
    ])("a 300 on %s hints gp.getConsent('%s')", async (_n, scope, run) => {
      expect((await denied(run)).message).toMatch(consentHint(scope));
    });

    it.each([
      ['getSystemInfo', (gp: GoPay) => gp.getSystemInfo()],
      ['getBankAccountToken', (gp: GoPay) => gp.getBankAccountToken()],
      ['launchDeeplink', (gp: GoPay) => gp.launchDeeplink('gopay://home')],
      ['call(GPCustom.thing)', (gp: GoPay) => gp.call('GPCustom', 'thing')],
    ])('a 300 on %s says the call is not permitted, without inventing a scope name', async (_n, run) => {
      const e = await denied(run);
      expect(e.message).toMatch(/not permitted|not allowed|permission/i);
      expect(e.message).not.toMatch(/getConsent\(\s*['"`]/);
    });
  });
}
