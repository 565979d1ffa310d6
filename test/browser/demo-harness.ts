// What the demo's Chromium tests share: the demo's servers, a page opened on them that records every page error and
// every failed request, and the steps a user takes on the page.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { MockGoPayServer } from '../../src/mock-server';
import { startDemoServer } from '../../demo/server.mjs';
import { useChromium } from './chromium';

export type Demo = { url: string; mockUrl: string; mock: MockGoPayServer; close: () => Promise<void> };
type DemoOptions = { port: 0; statusCheckAfter?: number; paymentTtl?: number };
// The page asks the backend about its order every 200 ms instead of every second: the same flow, sooner.
const POLL_EVERY = 200;

/** Chromium for this file's tests, and `open(path, viewport, server)`: a new page on a demo server. */
export function useDemoPages(defaultServer: () => Demo) {
  const browser = useChromium();
  return async function open(path = '', viewport = { width: 1100, height: 900 }, server = defaultServer()) {
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
}

/** Demo servers (`npm run demo`, with these options each) for this file's tests: started before, closed after. */
export function useDemoServers(...options: DemoOptions[]): () => Demo[] {
  let servers: Demo[] = [];
  beforeAll(async () => {
    servers = await Promise.all(options.map((option) => startDemoServer({ pollEvery: POLL_EVERY, ...option })));
  }, 30_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return () => servers;
}

export const paymentState = (page: Page) => page.getAttribute('#payment', 'data-state');
export const paymentText = async (page: Page) => (await page.textContent('#payment'))!;
/** How many answers of GET /api/orders/:id the page has shown for the current order. */
export const checks = async (page: Page) => Number(await page.getAttribute('#payment', 'data-checks'));
export const waitForState = (page: Page, state: string, timeout = 10_000) =>
  page.waitForFunction((expected) => document.querySelector('#payment')!.getAttribute('data-state') === expected, state, { timeout });
export const waitForText = (page: Page, text: string, timeout = 10_000) =>
  page.waitForFunction((expected) => document.querySelector('#payment')!.textContent!.includes(expected), text, { timeout });
export const timeline = (page: Page) =>
  page.$$eval('#timeline li', (items) => items.map((item) => (item as HTMLElement).innerText.replace(/\n/g, ' | ')));
/** Each text is in the timeline, after the hop of the text before it. */
export const expectInOrder = (hops: string[], texts: string[]) => {
  let at = -1;
  const found = texts.map((text) => {
    at = hops.findIndex((hop, index) => index > at && hop.includes(text));
    return `${at >= 0 ? '✓' : '✗'} ${text}`;
  });
  expect(found, hops.join('\n')).toEqual(texts.map((text) => `✓ ${text}`));
};
export const lastPayment = (server: Demo) => [...server.mock.payments.values()].at(-1)!;

export const logIn = async (page: Page) => {
  await page.click('#login');
  await page.waitForFunction(() => document.querySelector('#greeting')!.textContent!.startsWith('Hi, '));
  // getProfile's `username`, through the backend.
  expect(await page.textContent('#greeting')).toBe('Hi, budisantoso');
};

/** Clicks "Pay Rp 25.000", then the given button of the mock's payment sheet ("Pay", "Cancel", "Go back"). */
export const payWith = async (page: Page, sheetButton: string) => {
  await page.click('#pay');
  await page.click(`.gpmock-sheet button:text("${sheetButton}")`);
};
