// Consent: methods that need one answer 300 until it is given; GP.authorize (and GPConsent.getUserConsent) ask the
// simulated user, whose "Deny" also withdraws a consent given before.
import { describe, expect, it } from 'vitest';
import { failure, raw, SUCCESS, tick, useMocks } from './helpers';

const mock = useMocks();
const DENIED = ['fail', failure('300', 'Permission denied')];
const answerOf = (scope: string, granted: boolean) => ['ok', { ...SUCCESS, data: { successScope: { [scope]: granted } } }];
const click = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('.gpmock-sheet button'))
    .find((button) => button.textContent === label)!
    .click();

describe('methods that need consent', () => {
  it.each([
    ['GPLocation.getLocation', 'location'],
    ['GPCamera.takePhoto', 'camera'],
    ['GPSystem.getSystemInfo', 'system'],
    ['GPSystem.getRootedDeviceInfo', 'system'],
    ['GPSystem.getWifiInfo', 'system'],
    ['GP.getBankAccountToken', 'bank_account'],
  ])('%s fails with 300 until %s is granted, and again once revoked', async (method, scope) => {
    const bridge = mock();
    const params = { mode: 'camera' };
    expect(await raw(bridge, method, params)).toEqual(DENIED);
    bridge.grant(scope);
    expect((await raw(bridge, method, params))[0]).toBe('ok');
    bridge.revoke(scope);
    expect(await raw(bridge, method, params)).toEqual(DENIED);
  });

  it('the consent option grants the scopes set to true, and no other', async () => {
    expect((await raw(mock({ consent: { location: true } }), 'GPLocation.getLocation'))[0]).toBe('ok');
    expect(await raw(mock({ consent: { location: false } }), 'GPLocation.getLocation')).toEqual(DENIED);
    expect(await raw(mock({ consent: { location: true } }), 'GPCamera.takePhoto', { mode: 'photo' })).toEqual(DENIED);
  });

  it('permission-denied refuses every consent, given or asked for; other methods still answer', async () => {
    const bridge = mock({ scenario: 'permission-denied', consent: { location: true } });
    expect(await raw(bridge, 'GP.authorize', { scope: 'location' })).toEqual(answerOf('location', false));
    bridge.grant('location');
    expect(await raw(bridge, 'GPLocation.getLocation')).toEqual(DENIED);
    expect((await raw(bridge, 'GPBase.getLocale'))[0]).toBe('ok');
  });
});

describe('GP.authorize and GPConsent.getUserConsent', () => {
  it.each(['GP.authorize', 'GPConsent.getUserConsent'])('%s grants the scope when the user allows (the default)', async (method) => {
    const bridge = mock();
    expect(await raw(bridge, method, { scope: 'location' })).toEqual(answerOf('location', true));
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
  });

  it("authorize: 'deny' refuses, and withdraws a scope granted before", async () => {
    const bridge = mock({ authorize: 'deny', consent: { location: true } });
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
    expect(await raw(bridge, 'GP.authorize', { scope: 'location' })).toEqual(answerOf('location', false));
    expect(await raw(bridge, 'GPLocation.getLocation')).toEqual(DENIED);
  });

  it('with the panel, Allow grants and a later Deny withdraws the scope', async () => {
    const bridge = mock({ ui: true });
    const allowed = raw(bridge, 'GP.authorize', { scope: 'camera' });
    await tick();
    click('Allow');
    expect(await allowed).toEqual(answerOf('camera', true));
    expect((await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' }))[0]).toBe('ok');
    const denied = raw(bridge, 'GP.authorize', { scope: 'camera' });
    await tick();
    click('Deny');
    expect(await denied).toEqual(answerOf('camera', false));
    expect(await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' })).toEqual(DENIED);
  });

  it('with the panel, the clicks decide, not the authorize option', async () => {
    const bridge = mock({ ui: true, authorize: 'deny' });
    const answer = raw(bridge, 'GP.authorize', { scope: 'location' });
    await tick();
    click('Allow');
    expect(await answer).toEqual(answerOf('location', true));
  });

  it('reset() brings back the consents of the options', async () => {
    const bridge = mock({ consent: { location: true } });
    bridge.revoke('location');
    bridge.grant('camera');
    bridge.reset();
    expect((await raw(bridge, 'GPLocation.getLocation'))[0]).toBe('ok');
    expect(await raw(bridge, 'GPCamera.takePhoto', { mode: 'photo' })).toEqual(DENIED);
  });
});
