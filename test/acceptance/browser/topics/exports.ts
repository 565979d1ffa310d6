// The documented exports of the core and the mock entries; importing them runs nothing.
import { describe, expect, it } from 'vitest';
import type { AcceptanceApi } from '../api';
import { CORE_EXPORTS, MOCK_EXPORTS } from '../../helpers';

export function registerExports({ core, mock }: AcceptanceApi): void {
  describe('exports', () => {
    it.each(CORE_EXPORTS.map((n) => [n]))(
      'core exports %s, of its documented kind (VERSION a non-empty string, the rest functions)',
      (name) => {
        if (name === 'VERSION') {
          expect(typeof core.VERSION).toBe('string');
          expect(core.VERSION.length).toBeGreaterThan(0);
        } else {
          expect(typeof core[name]).toBe('function');
        }
      },
    );

    it.each(MOCK_EXPORTS.map((n) => [n]))('mock exports %s as a function', (name) => {
      expect(typeof mock[name]).toBe('function');
    });

    it('the core does not carry the mock', () => {
      for (const name of MOCK_EXPORTS) expect((core as Record<string, unknown>)[name]).toBeUndefined();
    });

    it('importing ran nothing: no gpContainer was installed by either module', () => {
      expect((globalThis as { gpContainer?: unknown }).gpContainer).toBeUndefined();
    });
  });
}
