// @vitest-environment node
// `npm run demo` in real Chromium, driven by clicks: log in with GoPay, pay against the mock GoPay server, refund,
// cancel and let a payment expire — the page showing each order as demo/backend.ts knows it (GoPay's verified
// notification, or GoPay's status answer), never as launchPayment's status hint says; the mock's floating button
// covering nothing at 360 px; the devtools; the script-tag page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MockGoPayServer } from '../../src/mock-server';
import { startDemoServer } from '../../demo/server.mjs';
import { useChromium } from './chromium';

type Demo = { url: string; mockUrl: string; mock: MockGoPayServer; close: () => Promise<void> };

const browser = useChromium();
/** The demo as `npm run demo` runs it, except that the backend never asks GoPay's status: only notifications count. */
let demo: Demo;
/** Payments that expire after 2 s. */
let expiring: Demo;
/** A backend that asks GoPay's status after 300 ms without a notification. */
let asking: Demo;

beforeAll(async () => {
  [demo, expiring, asking] = await Promise.all([
    startDemoServer({ port: 0, statusCheckAfter: 600_000 }),
    startDemoServer({ port: 0, paymentTtl: 2_000, statusCheckAfter: 600_000 }),
    startDemoServer({ port: 0, statusCheckAfter: 300 }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([demo, expiring, asking].map((server) => server?.close()));
});

const open = async (path = '', viewport = { width: 1100, height: 900 }, server = demo) => {
  const page = await browser().newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Every 4xx/5xx the page met (a favicon 404 used to be on every page), except the demo's deliberate 401s.
  page.on('response', (response) => {
    if (response.status() >= 400 && !(response.status() === 401 && response.url().endsWith('/api/login'))) {
      errors.push(`HTTP ${response.status()} ${response.url()}`);
    }
  });
  await page.goto(server.url + path);
  return { page, errors };
};

const paymentState = (page: Page) => page.getAttribute('#payment', 'data-state');
const paymentText = async (page: Page) => (await page.textContent('#payment'))!;
/** How many answers of GET /api/orders/:id the page has shown for the current order. */
const checks = async (page: Page) => Number(await page.getAttribute('#payment', 'data-checks'));
const waitForState = (page: Page, state: string, timeout = 10_000) =>
  page.waitForFunction((expected) => document.querySelector('#payment')!.getAttribute('data-state') === expected, state, { timeout });
const waitForText = (page: Page, text: string, timeout = 10_000) =>
  page.waitForFunction((expected) => document.querySelector('#payment')!.textContent!.includes(expected), text, { timeout });
const timeline = (page: Page) =>
  page.$$eval('#timeline li', (items) => items.map((item) => (item as HTMLElement).innerText.replace(/\n/g, ' | ')));
/** Each text is in the timeline, after the hop of the text before it. */
const expectInOrder = (hops: string[], texts: string[]) => {
  let at = -1;
  const found = texts.map((text) => {
    at = hops.findIndex((hop, index) => index > at && hop.includes(text));
    return `${at >= 0 ? '✓' : '✗'} ${text}`;
  });
  expect(found, hops.join('\n')).toEqual(texts.map((text) => `✓ ${text}`));
};
const lastPayment = (server: Demo) => [...server.mock.payments.values()].at(-1)!;

const logIn = async (page: Page) => {
  await page.click('#login');
  await page.waitForFunction(() => document.querySelector('#greeting')!.textContent!.startsWith('Hi, '));
  // getProfile's `username`, through the backend.
  expect(await page.textContent('#greeting')).toBe('Hi, budisantoso');
};

/** Clicks "Pay Rp 25.000", then the given button of the mock's payment sheet ("Pay", "Cancel", "Go back"). */
const payWith = async (page: Page, sheetButton: string) => {
  await page.click('#pay');
  await page.click(`.gpmock-sheet button:text("${sheetButton}")`);
};

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

  it(
    'an expired code at the backend (401 AUTH_CODE_EXPIRED) is retried once by withAuthCode with a fresh code',
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open();
      demo.mock.fail('/v1/mini-apps/authorizations/token', 400, { success: false, error: { description: 'AuthCode Not Found' } }, 1);
      await logIn(page);
      const hops = await timeline(page);
      expect(hops.filter((hop) => hop.includes('getAuthCode()'))).toHaveLength(2);
      expect(hops.filter((hop) => hop.includes('POST /api/login')).map((hop) => /· (\d{3}) ·/.exec(hop)?.[1])).toEqual(['401', '200']);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it(
    "at 360×640 the mock's floating button covers no button and no text of the page, at any scroll position",
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open('', { width: 360, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.querySelector('.phone')!.getBoundingClientRect().width)).toBe(360);
      /** Everything of the page under the mock's button: visible buttons, and text, at each scroll position. */
      const covered = () =>
        page.evaluate(() => {
          const bar = document.querySelector('.gpmock-bar')!.getBoundingClientRect();
          if (!bar.width || !bar.height) return ['the mock button is not shown'];
          const found = new Set<string>();
          const under = (rect: DOMRect) =>
            rect.width > 0 &&
            rect.height > 0 &&
            rect.left < bar.right &&
            rect.right > bar.left &&
            rect.top < bar.bottom &&
            rect.bottom > bar.top;
          /** The part of `rect` that its scroll containers let through. */
          const visible = (node: Node, rect: DOMRect) => {
            let { top, bottom, left, right } = rect;
            for (let parent = node.parentElement; parent; parent = parent.parentElement) {
              const style = getComputedStyle(parent);
              if (parent === document.body || !/auto|scroll|hidden|clip/.test(style.overflowY + style.overflowX)) continue;
              const box = parent.getBoundingClientRect();
              [top, bottom, left, right] = [
                Math.max(top, box.top),
                Math.min(bottom, box.bottom),
                Math.max(left, box.left),
                Math.min(right, box.right),
              ];
            }
            [top, bottom] = [Math.max(top, 0), Math.min(bottom, innerHeight)];
            return new DOMRect(left, top, right - left, bottom - top);
          };
          const check = (where: string) => {
            for (const button of document.querySelectorAll<HTMLElement>('.desk button, .desk summary')) {
              if (button.checkVisibility() && under(visible(button, button.getBoundingClientRect())))
                found.add(`${where}: button "${button.textContent}"`);
            }
            const walker = document.createTreeWalker(document.querySelector('.desk')!, NodeFilter.SHOW_TEXT);
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
              if (!text.textContent!.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(text);
              for (const rect of range.getClientRects()) {
                if (under(visible(text, rect))) found.add(`${where}: text "${text.textContent!.trim().slice(0, 40)}"`);
              }
            }
          };
          // The page scrolls in .desk on a phone (style.css), else as a whole.
          const desk = document.querySelector('.desk')!;
          const scroller = /auto|scroll/.test(getComputedStyle(desk).overflowY) ? desk : document.scrollingElement!;
          for (let y = 0; y <= scroller.scrollHeight; y += 40) {
            scroller.scrollTop = y;
            check(`scrollTop ${scroller.scrollTop}`);
          }
          // Each button brought to the bottom edge of what can be seen, as the browser does when it scrolls to it.
          for (const button of document.querySelectorAll<HTMLElement>('.desk button')) {
            if (!button.checkVisibility()) continue;
            button.scrollIntoView({ block: 'end' });
            check(`"${button.textContent}" scrolled into view`);
          }
          scroller.scrollTop = 0;
          return [...found];
        });
      expect(await covered()).toEqual([]);
      await logIn(page);
      await payWith(page, 'Pay');
      await waitForState(page, 'paid');
      // The refund buttons, and the longest payment text.
      expect(await covered()).toEqual([]);
      await payWith(page, 'Go back');
      await waitForText(page, 'pending until it expires');
      expect(await page.isVisible('#cancel')).toBe(true);
      expect(await covered()).toEqual([]);
      // The devtools' buttons, below the phone.
      await page.click('#devtools summary');
      expect(await page.isVisible('.devtools [data-action="badArgument"]')).toBe(true);
      expect(await covered()).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});

describe('demo/index.html: the devtools', () => {
  /** Clicks a devtools button and waits until the result box shows something other than "…". */
  const press = async (page: Page, selector: string) => {
    await page.click(`.devtools ${selector}`);
    await page.waitForFunction(() => !document.querySelector('#result')!.textContent!.endsWith('…'));
    return (await page.textContent('#result'))!;
  };
  const apply = (page: Page) => page.click('#mock-options button[type="submit"]');
  const openDevtools = async () => {
    const opened = await open();
    await opened.page.click('#devtools summary');
    return opened;
  };

  it('sensor buttons say "Start" again after Apply, and the old sensor stops', { timeout: 30_000 }, async () => {
    const { page, errors } = await openDevtools();
    expect(await press(page, '[data-sensor="compass"]')).toContain('started');
    expect(await page.textContent('[data-sensor="compass"]')).toBe('Stop compass');
    await page.waitForFunction(() => document.querySelector('#compass')!.textContent!.endsWith('°'));
    await apply(page);
    await page.waitForFunction(() => document.querySelector('[data-sensor="compass"]')!.textContent === 'Start compass');
    expect(await page.getAttribute('[data-sensor="compass"]', 'class')).not.toContain('on');
    const frozen = await page.textContent('#compass');
    await page.waitForTimeout(300);
    expect(await page.textContent('#compass')).toBe(frozen);
    expect(await press(page, '[data-sensor="compass"]')).toContain('started');
    await page.waitForFunction((before) => document.querySelector('#compass')!.textContent !== before, frozen);
    expect(await press(page, '[data-sensor="compass"]')).toContain('stopped');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Apply while a payment sheet is open settles launchPayment (destroy() answers it)', { timeout: 30_000 }, async () => {
    const { page, errors } = await openDevtools();
    await page.check('input[name="ui"]');
    await apply(page);
    await page.click('.devtools [data-action="launchPayment"]');
    await page.waitForSelector('.gpmock-sheet');
    // The sheet shades the page; a keyboard submit still reaches the form.
    await page.evaluate(() => (document.querySelector('#mock-options') as HTMLFormElement).requestSubmit());
    await page.waitForFunction(() => !document.querySelector('#result')!.textContent!.startsWith('launchPayment'));
    expect(await page.locator('.gpmock-sheet').count()).toBe(0);
    expect(await page.textContent('#result')).toMatch(/"mock"|GoPay/);
    expect(await page.textContent('#events')).toMatch(/settle GP\.launchPayment failed/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Deny" on a granted scope withdraws it', { timeout: 30_000 }, async () => {
    const { page } = await openDevtools();
    await page.check('input[name="ui"]');
    await apply(page);
    const ask = async (answer: string) => {
      await page.click('.devtools [data-action="consentLocation"]');
      await page.click(`.gpmock-sheet button:text("${answer}")`);
      await page.waitForFunction(() => !document.querySelector('#result')!.textContent!.endsWith('…'));
      return JSON.parse((await page.textContent('#result'))!);
    };
    expect(await ask('Allow')).toEqual({ granted: true, successScope: { location: true } });
    expect(JSON.parse(await press(page, '[data-action="getLocation"]'))).toHaveProperty('coords.latitude');
    expect(await ask('Deny')).toEqual({ granted: false, successScope: { location: false } });
    expect(await press(page, '[data-action="getLocation"]')).toContain('PERMISSION_DENIED');
    await page.close();
  });

  it('every JSAPI button answers with a result or a typed error, never hangs; no 404 (favicon) anywhere', { timeout: 30_000 }, async () => {
    const { page, errors } = await openDevtools();
    for (const scope of ['Location', 'Camera', 'System', 'Bank']) await press(page, `[data-action="consent${scope}"]`);
    const actions = await page.$$eval('.devtools button[data-action]', (buttons) => buttons.map((b) => (b as HTMLElement).dataset.action!));
    expect(actions.length).toBeGreaterThanOrEqual(25);
    for (const action of actions) {
      const text = await press(page, `[data-action="${action}"]`);
      const failed = (await page.getAttribute('#result', 'class')) === 'error';
      expect(failed, `${action}: ${text}`).toBe(action === 'badArgument');
    }
    expect(await press(page, '[data-action="badArgument"]')).toContain('GoPayValidationError  code: INVALID_ARGUMENT');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('demo/umd.html (script tags only)', () => {
  it('works from the UMD globals with data-auto-install', { timeout: 30_000 }, async () => {
    const { page, errors } = await open('umd.html');
    const click = async (id: string) => {
      await page.click(`#${id}`);
      await page.waitForFunction(() => document.querySelector('#result')!.textContent !== 'Press a button.');
      const text = (await page.textContent('#result'))!;
      await page.evaluate(() => (document.querySelector('#result')!.textContent = 'Press a button.'));
      return text;
    };
    expect(JSON.parse(await click('code'))).toEqual({ length: 64 });
    expect(JSON.parse(await click('location'))).toHaveProperty('coords.longitude');
    expect(JSON.parse(await click('pay'))).toEqual({ status: 'success' });
    expect(JSON.parse(await click('toast'))).toEqual({ toast: 'shown' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
