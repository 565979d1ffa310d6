// @vitest-environment node
// `npm run demo` in real Chromium, driven by clicks: log in with GoPay, pay against the mock GoPay server, refund,
// cancel and let a payment expire — the page showing each order as demo/backend.ts knows it (GoPay's verified
// notification, or GoPay's status answer), never as launchPayment's status hint says.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checks,
  type Demo,
  expectInOrder,
  lastPayment,
  logIn,
  payWith,
  paymentState,
  paymentText,
  timeline,
  useDemoPages,
  useDemoServers,
  waitForState,
  waitForText,
} from './demo-harness';

// The demo as `npm run demo` runs it, except that the backend never asks GoPay's status: only notifications count;
// one whose payments expire after 2 s; one whose backend asks GoPay's status after 300 ms without a notification.
const servers = useDemoServers(
  { port: 0, statusCheckAfter: 600_000 },
  { port: 0, paymentTtl: 2_000, statusCheckAfter: 600_000 },
  { port: 0, statusCheckAfter: 300 },
);
let demo: Demo, expiring: Demo, asking: Demo;
beforeAll(() => {
  [demo, expiring, asking] = servers();
});
const open = useDemoPages(() => demo);

describe('demo/index.html: the whole flow against the mock GoPay server', () => {
  it(
    'logs in, pays — shown paid only once the backend has the notification — then refunds Rp 10.000 and the rest',
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open();
      expect(await page.isDisabled('#pay')).toBe(true);
      await logIn(page);

      // GoPay learns of the payment, but its notification does not reach the backend: the page keeps waiting.
      const notifyUrl = demo.mock.notifyUrl;
      demo.mock.notifyUrl = undefined;
      try {
        await payWith(page, 'Pay');
        await waitForText(page, 'GoPay app says "success". Waiting for your backend to confirm');
        const seen = await checks(page);
        await page.waitForFunction((n) => Number(document.querySelector('#payment')!.getAttribute('data-checks')) >= n, seen + 2);
        expect(await paymentState(page)).toBe('pending');
        expect(await page.isVisible('#refund')).toBe(false);
        expect(lastPayment(demo).latestTransactionStatus).toBe('00');
      } finally {
        demo.mock.notifyUrl = notifyUrl;
      }
      // GoPay's notification arrives late: now, and only now, the page says paid.
      const { referenceNo } = lastPayment(demo);
      expect(await demo.mock.completePayment(referenceNo, 'success')).toMatchObject({ state: 'delivered', latestTransactionStatus: '00' });
      await waitForState(page, 'paid');
      expect(await paymentText(page)).toBe(`Paid ✓ Confirmed by your backend (signed GoPay notification verified) · ${referenceNo}`);
      expect(await page.isVisible('#cancel')).toBe(false);

      await page.click('#refund-partial');
      await waitForState(page, 'partially-refunded');
      expect(await paymentText(page)).toContain('Partially refunded: Rp 10.000 of Rp 25.000');
      expect(await page.isVisible('#refund-partial')).toBe(true);
      expect(await page.textContent('#refund')).toBe('Refund the rest (Rp 15.000)');
      await page.click('#refund');
      await waitForState(page, 'refunded');
      expect(await paymentText(page)).toContain('Refunded: Rp 25.000');
      expect(await page.isVisible('#order-actions')).toBe(false);

      // GoPay's side: the two refunds, each notified (04) with the total so far, signed over the prefixed path's /v1.0/ part.
      expect(lastPayment(demo).refunds.map((refund) => refund.refundAmount.value)).toEqual(['10000.00', '15000.00']);
      const notified = demo.mock.notifications.filter((n) => n.referenceNo === referenceNo);
      expect(notified.map((n) => [n.latestTransactionStatus, n.state])).toEqual([
        ['00', 'no-notify-url'],
        ['00', 'delivered'],
        ['04', 'delivered'],
        ['04', 'delivered'],
      ]);
      expect(notified.map((n) => JSON.parse(n.body).additionalInfo?.totalRefundAmount?.value)).toEqual([
        undefined,
        undefined,
        '10000.00',
        '25000.00',
      ]);
      expect(demo.mock.notifyUrl).toBe(`${demo.url}api/gopay/v1.0/debit/notify`);

      const hops = await timeline(page);
      // Each hop of the flow, in order: browser → backend → GoPay mock → notification → backend → page.
      expectInOrder(hops, [
        'getAuthCode()',
        'POST /api/login · 200',
        'POST /v1/mini-apps/authorizations/token · 200',
        'GET /v1/mini-apps/users/profile · 200',
        'session for budisantoso',
        'POST /api/orders · 201',
        'POST /v1.0/access-token/b2b · 200',
        'POST /v1.0/debit/payment-host-to-host · 200',
        'launchPayment(deeplink)',
        'notification 00 → paid',
        ': paid',
        'POST /v1.0/debit/refund · 200',
        'notification 04 → partially-refunded',
        ': partially-refunded',
        'POST /v1.0/debit/refund · 200',
        'notification 04 → refunded',
        ': refunded',
      ]);
      expect(hops.find((hop) => hop.includes('debit/notify'))).toMatch(
        /^GoPay \(mock\) → Your backend \| POST \/api\/gopay\/v1\.0\/debit\/notify · 200/,
      );
      // The backend never asked GoPay's status here: the page's "paid" came from the notification.
      expect(hops.filter((hop) => hop.includes('asked GoPay'))).toEqual([]);
      expect(await page.locator('#timeline li.failed').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it(
    'a sheet left with "Go back" is not paid: pending until it expires, then Cancel → cancelled; "Cancel" in the sheet leaves it pending too',
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open();
      await logIn(page);
      await payWith(page, 'Go back');
      await waitForText(page, 'Not paid — pending until it expires');
      expect(await paymentState(page)).toBe('pending');
      expect(lastPayment(demo).latestTransactionStatus).toBe('03');
      expect(await page.isVisible('#refund')).toBe(false);
      await page.click('#cancel');
      await waitForState(page, 'cancelled');
      expect(await paymentText(page)).toContain('Cancelled');
      expect(lastPayment(demo).latestTransactionStatus).toBe('05');
      expect(demo.mock.notifications.at(-1)).toMatchObject({ latestTransactionStatus: '05', state: 'delivered' });
      expect(await page.isVisible('#order-actions')).toBe(false);
      expectInOrder(await timeline(page), [
        'POST /api/orders/',
        'POST /v1.0/debit/cancel · 200',
        'notification 05 → cancelled',
        ': cancelled',
      ]);

      // The user's cancel in the sheet: launchPayment answers "failed", but GoPay keeps the payment incomplete (03)
      // until it expires, as for "Go back".
      await payWith(page, 'Cancel');
      await waitForText(page, 'Not paid — pending until it expires');
      expect(await paymentState(page)).toBe('pending');
      expect(lastPayment(demo).latestTransactionStatus).toBe('03');
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it(
    'a payment left pending expires when GoPay says so (paymentTtl 2 s): "expired" from the 08 notification',
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open('', undefined, expiring);
      await logIn(page);
      await payWith(page, 'Go back');
      await waitForText(page, 'Not paid — pending until it expires');
      await waitForState(page, 'expired');
      expect(await paymentText(page)).toBe('Expired: not paid in time, so GoPay closed the payment.');
      expect(lastPayment(expiring).latestTransactionStatus).toBe('08');
      expect(expiring.mock.notifications.at(-1)).toMatchObject({ latestTransactionStatus: '08', state: 'delivered' });
      expectInOrder(await timeline(page), ['launchPayment(deeplink)', 'notification 08 → expired', ': expired']);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('without a notification, the backend asks GoPay the status of a pending order (statusCheckAfter)', { timeout: 30_000 }, async () => {
    const { page, errors } = await open('', undefined, asking);
    asking.mock.notifyUrl = undefined;
    await logIn(page);
    await payWith(page, 'Pay');
    await waitForState(page, 'paid');
    expect(asking.mock.notifications.at(-1)).toMatchObject({ latestTransactionStatus: '00', state: 'no-notify-url' });
    expectInOrder(await timeline(page), ['launchPayment(deeplink)', 'asked GoPay, status 00 → paid', ': paid']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
