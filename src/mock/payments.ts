// GP.launchPayment and GP.getBankAccountToken, and the payment sheet's choices.
import type { Handlers, MockContext } from './context';
import { fail, failure, ok, success } from './envelopes';
import type { MockPaymentStatus } from './options';
import { isString } from './params';
import { reportPayment } from './server-client';

/**
 * The payment sheet's buttons. GoPay's current docs ("Frontend V2") name the statuses this way: a user who cancels
 * gives `failed`, a user who goes back gives `cancelled`, a processing error gives `pending`. Each label says its
 * status, since the names alone mislead.
 */
export const PAYMENT_CHOICES: ReadonlyArray<{ label: string; status: MockPaymentStatus }> = [
  { label: 'Pay → success', status: 'success' },
  { label: 'Cancel → failed', status: 'failed' },
  { label: 'Go back → cancelled', status: 'cancelled' },
  { label: 'Processing error → pending', status: 'pending' },
];

// gopay://merchanttransfer followed by the query of the webRedirectUrl GoPay's payment API gave the backend
// (e.g. the mock GoPay server's `?tref=<referenceNo>`).
const PAYMENT_DEEPLINK = /^gopay:\/\/merchanttransfer\?\S+$/;

export function createPayments(ctx: MockContext) {
  /** The simulated user's choice: a click in the panel, else the scenario or the `paymentStatus` option. */
  const choose = async (deeplink: string): Promise<MockPaymentStatus> => {
    const panel = ctx.panel();
    if (!panel) return ctx.options.scenario === 'payment-cancelled' ? 'failed' : ctx.options.paymentStatus;
    const question = `Pay with GoPay?\n${deeplink}\nGoPay answers: cancel = failed, go back = cancelled, processing error = pending.`;
    const label = await panel.ask(
      question,
      PAYMENT_CHOICES.map((choice) => choice.label),
    );
    return PAYMENT_CHOICES.find((choice) => choice.label === label)!.status;
  };

  const handlers: Handlers = {
    'GP.launchPayment': async (params) => {
      const deeplink = params.deeplink;
      if (!isString(deeplink)) return fail(failure(200, 'deeplink is required'));
      if (!PAYMENT_DEEPLINK.test(deeplink)) return fail(failure(202, 'Not a GoPay payment deeplink'));
      const status = await choose(deeplink);
      // The mock GoPay server learns the outcome before the app does, as GoPay's backend would.
      if (ctx.options.server) await reportPayment(ctx.options.server, deeplink, status);
      return ok(success({ status }));
    },
    'GP.getBankAccountToken': () => ok(success({ token: `mock-${ctx.random().token(24)}` })),
  };
  return { handlers };
}
