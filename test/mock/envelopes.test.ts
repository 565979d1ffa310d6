// The envelopes (src/mock/envelopes.ts): the failure message of every GoPay code, and envelope() for set().
import { describe, expect, it } from 'vitest';
import { failure, raw, SUCCESS, useMocks } from './helpers';

const mock = useMocks();

describe('the failure envelope of each GoPay code (fail() without a message)', () => {
  it.each([
    [100, 'Method not supported on this platform'],
    [105, 'User not found'],
    [200, 'Incomplete parameters'],
    [201, 'Invalid parameter type'],
    [202, 'Parameter data not supported'],
    [203, 'Mini app is not registered'],
    [300, 'Permission denied'],
    [303, 'Malformed authorization'],
    [400, 'Not supported by the device'],
    [401, 'Network error'],
    [500, 'Super app internal error'],
    [900, 'Unable to process'],
    [999, 'Error'],
  ])('%s → %s, as a number or a string', async (code, message) => {
    const bridge = mock();
    bridge.fail('GPBase.getLocale', code);
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['fail', failure(String(code), message)]);
    bridge.fail('GPBase.getLocale', String(code));
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['fail', failure(String(code), message)]);
  });
});

describe('envelope()', () => {
  it('an envelope() made by another copy of the mock (the UMD or CJS build) is recognised', async () => {
    const bridge = mock();
    const foreign = Object.defineProperty({ envelope: { app_locale: 'id_ID' } }, Symbol.for('gopay-miniapp-kit/mock.envelope'), {
      value: true,
    });
    bridge.set('GPBase.getLocale', foreign);
    expect(await raw(bridge, 'GPBase.getLocale')).toEqual(['ok', { ...SUCCESS, app_locale: 'id_ID' }]);
  });
});
