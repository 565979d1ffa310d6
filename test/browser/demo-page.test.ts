// @vitest-environment node
// `npm run demo` in real Chromium: an expired auth code retried, the mock's floating button covering nothing at 360 px,
// the devtools, and the script-tag page.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Demo, logIn, payWith, timeline, useDemoPages, useDemoServers, waitForState, waitForText } from './demo-harness';

const servers = useDemoServers({ port: 0, statusCheckAfter: 600_000 });
let demo: Demo;
beforeAll(() => {
  [demo] = servers();
});
const open = useDemoPages(() => demo);

describe('demo/index.html: the whole flow against the mock GoPay server', () => {
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
