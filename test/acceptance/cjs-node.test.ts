// @vitest-environment node
// Runs the Node-safe part of the acceptance contract against the CJS build (dist/index.cjs + dist/mock.cjs).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { CORE_EXPORTS, registerContract } from './contract';

const require = createRequire(import.meta.url);
const distPath = (f: string) => fileURLToPath(new URL(`../../dist/${f}`, import.meta.url));

const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
const core = require(distPath('index.cjs'));
const mock = require(distPath('mock.cjs'));
const globalsAfter = Object.getOwnPropertyNames(globalThis).filter((k) => !globalsBefore.has(k));

describe('CJS build in Node', () => {
  it('requiring the core and the mock touches no global', () => {
    expect(globalsAfter).toEqual([]);
    expect((globalThis as any).gpContainer).toBeUndefined();
    expect(typeof (globalThis as any).window).toBe('undefined');
    expect(typeof (globalThis as any).document).toBe('undefined');
  });

  it('importing the ESM build in Node never throws and exposes the same names', async () => {
    const esm = await import(/* @vite-ignore */ distPath('index.mjs'));
    for (const name of CORE_EXPORTS) expect(esm[name]).toBeDefined();
    const esmMock = await import(/* @vite-ignore */ distPath('mock.mjs'));
    expect(typeof esmMock.createMockBridge).toBe('function');
  });

  registerContract(core, mock, { describe, it, expect, vi }, { dom: false });
});

describe('package.json entry points', () => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));

  it('declares the documented package fields', () => {
    expect(pkg.name).toBe('gopay-miniapp-kit');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.files).toEqual(['dist']);
    // "Runtime dependency: eventemitter3 only": nothing else at run time.
    for (const dep of Object.keys(pkg.dependencies ?? {})) expect(dep).toBe('eventemitter3');
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it('the exports map points at the documented files, types first', () => {
    const dot = pkg.exports['.'];
    const mk = pkg.exports['./mock'];
    expect(pkg.exports['./package.json']).toBe('./package.json');
    const flat = (e: any, cond: string) => (typeof e[cond] === 'string' ? { default: e[cond] } : e[cond]);
    expect(flat(dot, 'import').default).toBe('./dist/index.mjs');
    expect(flat(dot, 'require').default).toBe('./dist/index.cjs');
    expect(flat(mk, 'import').default).toBe('./dist/mock.mjs');
    expect(flat(mk, 'require').default).toBe('./dist/mock.cjs');
    for (const e of [dot, mk]) {
      for (const cond of ['import', 'require']) {
        const block = e[cond];
        if (typeof block === 'object') expect(Object.keys(block)[0]).toBe('types');
      }
      if (e.types) expect(Object.keys(e)[0]).toBe('types');
    }
    expect(JSON.stringify(dot)).toContain('./dist/index.d.ts');
    expect(JSON.stringify(mk)).toContain('./dist/mock.d.ts');
  });

  it('the package resolves by name to the same CJS modules (self-reference through exports)', () => {
    expect(require('gopay-miniapp-kit')).toBe(core);
    expect(require('gopay-miniapp-kit/mock')).toBe(mock);
    expect(require('gopay-miniapp-kit/package.json').name).toBe('gopay-miniapp-kit');
  });

  it('the core CJS build does not pull in the mock', () => {
    const text = readFileSync(distPath('index.cjs'), 'utf8');
    expect(text).not.toMatch(/require\(['"][^'"]*mock[^'"]*['"]\)/);
    expect(text).not.toContain('createMockBridge');
  });
});
