// @vitest-environment node
// The demo Mini App in real Chromium, driven by clicks: the ESM page and the script-tag page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { useChromium } from './chromium';

const browser = useChromium();
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const open = async (path: string) => {
  const page = await browser().newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url + path);
  return { page, errors };
};
/** Clicks a button and waits until the result box shows something other than "…". */
const press = async (page: Page, action: string) => {
  await page.click(`button[data-action="${action}"]`);
  await page.waitForFunction(() => !document.querySelector('#result')!.textContent!.endsWith('…'));
  return (await page.textContent('#result'))!;
};

describe('demo/index.html (ESM build + mock)', () => {
  it('logs in, pays, asks consent, shows typed errors and live compass readings', { timeout: 30_000 }, async () => {
    const { page, errors } = await open('');
    const login = JSON.parse(await press(page, 'login'));
    expect(login).toMatchObject({
      success: true,
      data: { auth_token: expect.stringMatching(/^demo-/), gopay_account_id: expect.any(String) },
    });
    expect(JSON.parse(await press(page, 'getAuthCode'))).toMatchObject({ code: expect.stringContaining('(64 chars)') });

    expect(JSON.parse(await press(page, 'pay'))).toMatchObject({ reference: expect.stringMatching(/^DEMO-/), status: 'success' });

    const denied = await press(page, 'getLocation');
    expect(denied).toContain('GoPayBridgeError  code: PERMISSION_DENIED');
    expect(denied).toContain("getConsent('location')");
    expect(await page.getAttribute('#result', 'class')).toBe('error');
    expect(JSON.parse(await press(page, 'consentLocation'))).toEqual({ granted: true, successScope: { location: true } });
    expect(JSON.parse(await press(page, 'getLocation'))).toHaveProperty('coords.latitude');

    expect(await press(page, 'badArgument')).toContain('GoPayValidationError  code: INVALID_ARGUMENT');
    expect(JSON.parse(await press(page, 'saveFile'))).toEqual({ msg: 'SAVE_SUCCESS' });
    expect(JSON.parse(await press(page, 'call'))).toEqual({ height: 56 });

    await press(page, 'compass');
    await page.waitForFunction(() => document.querySelector('#compass')!.textContent!.endsWith('°'));
    const first = await page.textContent('#compass');
    await page.waitForFunction((before) => document.querySelector('#compass')!.textContent !== before, first);
    expect(await press(page, 'compass')).toContain('stopped');
    const stopped = await page.textContent('#compass');
    await page.waitForTimeout(300);
    expect(await page.textContent('#compass')).toBe(stopped);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every button answers with a result or a typed error, never hangs', { timeout: 30_000 }, async () => {
    const { page, errors } = await open('');
    await press(page, 'consentCamera');
    await press(page, 'consentSystem');
    await press(page, 'consentBank');
    await press(page, 'consentLocation');
    const actions = await page.$$eval('button[data-action]', (buttons) => buttons.map((b) => (b as HTMLElement).dataset.action!));
    expect(actions.length).toBeGreaterThanOrEqual(28);
    for (const action of actions) {
      const text = await press(page, action);
      const failed = (await page.getAttribute('#result', 'class')) === 'error';
      if (action === 'badArgument') expect(failed).toBe(true);
      else expect(failed, `${action}: ${text}`).toBe(false);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ready() resolves; on(call/settle) is logged; the result is in view after every click', { timeout: 30_000 }, async () => {
    const { page, errors } = await open('');
    await page.setViewportSize({ width: 1000, height: 700 });
    const height = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
    expect(height[0], 'the page is taller than the window, so scrolling matters').toBeGreaterThan(height[1]! * 1.5);
    /** The result box's top edge lies inside the window, with its first lines showing. */
    const resultInView = () =>
      page.evaluate(() => {
        const { top, bottom } = document.querySelector('#result')!.getBoundingClientRect();
        return top >= 0 && top < innerHeight - 40 && bottom > 0;
      });
    const events = () => page.textContent('#events');

    expect(JSON.parse(await press(page, 'ready'))).toEqual({ ready: true });
    expect(await resultInView()).toBe(true);
    expect(await events()).toMatch(/ready/);

    expect(JSON.parse(await press(page, 'getLocale'))).toBe('en_ID');
    expect(await events()).toContain('call GPBase.getLocale');
    expect(await events()).toMatch(/settle GPBase\.getLocale ok \d+ ms/);

    expect(await press(page, 'getLocation')).toContain('PERMISSION_DENIED');
    expect(await events()).toMatch(/settle GPLocation\.getLocation failed PERMISSION_DENIED/);
    expect(await page.locator('#events li.failed').count()).toBe(1);

    // Codes never reach the log: the core redacts them in call/settle events.
    await press(page, 'getAuthCode');
    expect(await events()).toContain('settle GPMiniAppAuth.getAuthCode ok');
    expect(await events()).not.toMatch(/[A-Za-z0-9]{64}/);

    // From the top of the page to the bottom, and back: the result follows.
    for (const action of ['login', 'badArgument', 'trackEvent', 'getSystemInfo', 'ready']) {
      await press(page, action);
      expect(await resultInView(), action).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the offline scenario shows NETWORK errors; the panel asks the user to pay', { timeout: 30_000 }, async () => {
    const { page } = await open('');
    await page.selectOption('select[name="scenario"]', 'offline');
    await page.click('#mock-options button[type="submit"]');
    expect(await press(page, 'getLocale')).toContain('code: NETWORK');

    await page.selectOption('select[name="scenario"]', 'happy');
    await page.check('input[name="ui"]');
    await page.click('#mock-options button[type="submit"]');
    await page.click('button[data-action="pay"]');
    await page.click('.gpmock-sheet button:text("Pending")');
    await page.waitForFunction(() => document.querySelector('#result')!.textContent!.includes('status'));
    expect(JSON.parse((await page.textContent('#result'))!)).toMatchObject({ status: 'pending' });
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
    expect(await page.evaluate(() => typeof (window as unknown as { gpContainer: { calls: unknown[] } }).gpContainer.calls)).toBe('object');
    expect(errors).toEqual([]);
    await page.close();
  });
});
