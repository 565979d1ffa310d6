// GP.launchPayment: the simulated user's choice (the paymentStatus option, the payment-cancelled scenario, or the
// panel's payment sheet), with GoPay's current meaning of each status. The server report is in server.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { raw, SUCCESS, tick, useMocks } from './helpers';

const mock = useMocks();
const DEEPLINK = 'gopay://merchanttransfer?tref=T9';
const buttons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('.gpmock-sheet button'));

describe('GP.launchPayment without the panel', () => {
  it.each(['success', 'failed', 'pending', 'cancelled'] as const)('paymentStatus %s', async (paymentStatus) => {
    expect(await raw(mock({ paymentStatus }), 'GP.launchPayment', { deeplink: DEEPLINK })).toEqual([
      'ok',
      { ...SUCCESS, data: { status: paymentStatus } },
    ]);
  });

  it('defaults to success; the payment-cancelled scenario answers failed (a user cancel, per the current GoPay docs)', async () => {
    expect((await raw(mock(), 'GP.launchPayment', { deeplink: DEEPLINK }))[1].data).toEqual({ status: 'success' });
    expect((await raw(mock({ scenario: 'payment-cancelled' }), 'GP.launchPayment', { deeplink: DEEPLINK }))[1].data).toEqual({
      status: 'failed',
    });
  });

  it('takes the deeplink the core makes from a webRedirectUrl of the mock GoPay server', async () => {
    const bridge = mock({ paymentStatus: 'pending' });
    const gp = createGoPay({ bridge });
    await expect(gp.launchPayment('https://gopay.co.id/app/merchanttransfer?tref=A123')).resolves.toEqual({ status: 'pending' });
    expect(bridge.calls[0]!.params).toEqual({ deeplink: 'gopay://merchanttransfer?tref=A123' });
  });
});

describe('the payment sheet (ui: true)', () => {
  it('shows the deeplink and says which choice gives which status, in GoPay’s current words', async () => {
    const bridge = mock({ ui: true });
    void raw(bridge, 'GP.launchPayment', { deeplink: DEEPLINK });
    await tick();
    const sheet = document.querySelector('.gpmock-sheet')!;
    expect(sheet.firstChild!.textContent).toBe(
      `Pay with GoPay?\n${DEEPLINK}\nGoPay answers: cancel = failed, go back = cancelled, processing error = pending.`,
    );
    expect(buttons().map((button) => button.textContent)).toEqual([
      'Pay → success',
      'Cancel → failed',
      'Go back → cancelled',
      'Processing error → pending',
    ]);
  });

  it.each([
    ['Pay → success', 'success'],
    ['Cancel → failed', 'failed'],
    ['Go back → cancelled', 'cancelled'],
    ['Processing error → pending', 'pending'],
  ])('%s answers %s, whatever the paymentStatus option says', async (label, status) => {
    const bridge = mock({ ui: true, paymentStatus: 'success', scenario: 'payment-cancelled' });
    const answer = raw(bridge, 'GP.launchPayment', { deeplink: DEEPLINK });
    await tick();
    buttons()
      .find((button) => button.textContent === label)!
      .click();
    expect(await answer).toEqual(['ok', { ...SUCCESS, data: { status } }]);
    expect(document.querySelector('.gpmock-shade')).toBeNull();
  });
});

describe('the payment sheet with server', () => {
  it('reports the status of the button clicked before answering it', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const bridge = mock({ ui: true, server: 'http://127.0.0.1:8787' });
    const answer = raw(bridge, 'GP.launchPayment', { deeplink: DEEPLINK });
    await tick();
    expect(fetch).not.toHaveBeenCalled();
    buttons()
      .find((button) => button.textContent === 'Go back → cancelled')!
      .click();
    expect(await answer).toEqual(['ok', { ...SUCCESS, data: { status: 'cancelled' } }]);
    expect(fetch).toHaveBeenCalledExactlyOnceWith('http://127.0.0.1:8787/mock/payments/report', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deeplink: DEEPLINK, status: 'cancelled' }),
    });
  });
});

describe('GP.getBankAccountToken', () => {
  it('answers a token marked as a mock, a new one each time', async () => {
    const bridge = mock({ consent: { bank_account: true } });
    const token = async () => ((await raw(bridge, 'GP.getBankAccountToken'))[1].data as { token: string }).token;
    const first = await token();
    expect(first).toMatch(/^mock-[A-Za-z0-9]{24}$/);
    expect(await token()).not.toBe(first);
  });
});
