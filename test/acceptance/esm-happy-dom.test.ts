// The full public contract of the browser entries, once, against the ESM build (dist/index.mjs + dist/mock.mjs) in
// happy-dom: one file that imports the build once and registers every topic of ./browser/topics/ (one file is much
// faster than one per topic, each paying for happy-dom and the import); plus the shape of the ESM files themselves.
// The CJS and UMD builds get smoke tests of their own (cjs-node.test.ts, umd-chromium.test.ts).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- built file without a .d.mts, imported by path on purpose (typed below by dist/index.d.ts)
import * as coreBuild from '../../dist/index.mjs';
// @ts-expect-error -- built file without a .d.mts, imported by path on purpose (typed below by dist/mock.d.ts)
import * as mockBuild from '../../dist/mock.mjs';
import type { AcceptanceApi, CoreModule, MockModule } from './browser/api';
import { registerAnswers } from './browser/topics/answers';
import { registerAuthCode } from './browser/topics/auth-code';
import { registerAuthCodeExpiry } from './browser/topics/auth-code-expiry';
import { registerBridgeCodes } from './browser/topics/bridge-codes';
import { registerCall } from './browser/topics/call';
import { registerConsent } from './browser/topics/consent';
import { registerDebug } from './browser/topics/debug';
import { registerErrors } from './browser/topics/errors';
import { registerEvents } from './browser/topics/events';
import { registerExports } from './browser/topics/exports';
import { registerInGoPay } from './browser/topics/in-gopay';
import { registerLoader } from './browser/topics/loader';
import { registerMethods } from './browser/topics/methods';
import { registerMockBridge } from './browser/topics/mock-bridge';
import { registerMockFidelity } from './browser/topics/mock-fidelity';
import { registerOptions } from './browser/topics/options';
import { registerPayment } from './browser/topics/payment';
import { registerPollution } from './browser/topics/pollution';
import { registerSaveFile } from './browser/topics/save-file';
import { registerSecrets } from './browser/topics/secrets';
import { registerSensors } from './browser/topics/sensors';
import { registerSettleOnce } from './browser/topics/settle-once';
import { registerTimeoutsAbort } from './browser/topics/timeouts-abort';
import { registerUnhandled } from './browser/topics/unhandled';
import { registerValidation } from './browser/topics/validation';

const api: AcceptanceApi = { core: coreBuild as CoreModule, mock: mockBuild as MockModule };

describe('ESM build in happy-dom', () => {
  // First: it checks that importing ran nothing.
  registerExports(api);
  registerErrors(api);
  registerOptions(api);
  registerMethods(api);
  registerCall(api);
  registerPayment(api);
  registerConsent(api);
  registerBridgeCodes(api);
  registerAnswers(api);
  registerSettleOnce(api);
  registerTimeoutsAbort(api);
  registerValidation(api);
  registerAuthCodeExpiry(api);
  registerAuthCode(api);
  registerEvents(api);
  registerDebug(api);
  registerSecrets(api);
  registerSensors(api);
  registerSaveFile(api);
  registerInGoPay(api);
  registerPollution(api);
  registerUnhandled(api);
  registerMockBridge(api);
  registerMockFidelity(api);
  registerLoader(api);
});

const here = dirname(fileURLToPath(String(import.meta.url)));

/** The module specifiers a built ESM file imports (static, re-exports, dynamic). */
const importsOf = (file: string): string[] => {
  const text = readFileSync(resolve(here, '../../dist', file), 'utf8');
  const out = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.add(m[1]);
  return [...out];
};
/** Follows relative imports (shared chunks) and returns every bare specifier reached. */
const bareImportsOf = (file: string, seen = new Set<string>()): string[] => {
  if (seen.has(file)) return [];
  seen.add(file);
  const bare: string[] = [];
  for (const spec of importsOf(file)) {
    if (spec.startsWith('./') || spec.startsWith('../')) bare.push(...bareImportsOf(spec.replace(/^\.\//, ''), seen));
    else bare.push(spec);
  }
  return bare;
};

describe('ESM package shape', () => {
  it('dist/index.mjs does not pull in the mock', () => {
    const text = readFileSync(resolve(here, '../../dist/index.mjs'), 'utf8');
    expect(text).not.toMatch(/from\s*['"][^'"]*mock[^'"]*['"]/);
    expect(text).not.toContain('createMockBridge');
    expect(text).not.toContain('installMockBridge');
  });

  it('the browser entries import eventemitter3 and nothing else: no node: module, no server code', () => {
    for (const file of ['index.mjs', 'mock.mjs']) {
      const bare = bareImportsOf(file);
      for (const spec of bare) expect(spec).toBe('eventemitter3');
    }
    expect(bareImportsOf('index.mjs')).toContain('eventemitter3');
    for (const file of ['index.mjs', 'mock.mjs']) {
      const text = readFileSync(resolve(here, '../../dist', file), 'utf8');
      expect(text).not.toMatch(/['"]node:/);
      expect(text).not.toContain('createGoPayServer');
      expect(text).not.toContain('createSnapClient');
      expect(text).not.toContain('createMockGoPayServer');
      expect(text).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    }
  });
});
