// @vitest-environment node
// The README's mock section promises what the mock does and how to keep it out of production: its examples run here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGoPay } from '../../src/index';
import { createMockBridge, envelope } from '../../src/mock/index';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const start = readme.indexOf('## Local development (the mock bridge)\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

describe('README: Local development (the mock bridge)', () => {
  it('guards the script-tag set-up for real: a dev-server-only Vite plugin, or a page the build does not publish', () => {
    expect(start).toBeGreaterThan(0);
    expect(section).toMatch(/apply: 'serve'/);
    expect(section).toMatch(/transformIndexHtml/);
    expect(section).toMatch(/dev\.html/);
  });

  it('says where the tag goes (<head> works) and how Next.js keeps the mock out of SSR', () => {
    expect(section).toMatch(/in `<head>` or at the end of `<body>`/);
    expect(section).toMatch(/'use client'/);
    expect(section).toMatch(/typeof window !== 'undefined'/);
  });

  it('the options table says that with ui: true the clicks decide, and which options are then unused', () => {
    const ui = section.split('\n').find((line) => line.startsWith('| `ui` |'))!;
    expect(ui).toMatch(/your clicks decide consent and payment/);
    expect(ui).toMatch(/`authorize`, `paymentStatus` and the `'payment-cancelled'` scenario are then not used/);
  });

  it('the envelope() example of the controls table answers as it says', async () => {
    expect(section).toContain(
      "`set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }))` answers `{ success: true, ret: 'GP_SUCCESS', app_locale: 'id_ID' }`",
    );
    const bridge = createMockBridge();
    bridge.set('GPBase.getLocale', envelope({ app_locale: 'id_ID' }));
    const answer = await new Promise((resolve) => bridge.call('GPBase', 'getLocale', {}, resolve, resolve));
    expect(answer).toEqual({ success: true, ret: 'GP_SUCCESS', app_locale: 'id_ID' });
    await expect(createGoPay({ bridge }).getLocale()).resolves.toBe('id_ID');
  });
});
