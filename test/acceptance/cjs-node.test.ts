// @vitest-environment node
// Smoke test of the CJS build in Node without a DOM (dist/index.cjs + dist/mock.cjs), and the package's shape:
// package.json, the exports map, the runtime dependency, what each built entry imports, and the public types.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { CORE_EXPORTS, CODE_RE, MOCK_EXPORTS, countUnhandled, rejectionOf } from './helpers';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const distPath = (f: string) => resolve(root, 'dist', f);

const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
const core = require(distPath('index.cjs'));
const mock = require(distPath('mock.cjs'));
const globalsAfter = Object.getOwnPropertyNames(globalThis).filter((k) => !globalsBefore.has(k));

const names = (m: Record<string, unknown>) =>
  Object.keys(m)
    .filter((k) => k !== 'default' && k !== '__esModule')
    .sort();

describe('CJS build in Node (no DOM): smoke', () => {
  it('requiring the core and the mock touches no global and installs nothing', () => {
    expect(globalsAfter).toEqual([]);
    expect((globalThis as any).gpContainer).toBeUndefined();
    expect(typeof (globalThis as any).window).toBe('undefined');
    expect(typeof (globalThis as any).document).toBe('undefined');
  });

  it('exports every documented name, the same names as the ESM build', async () => {
    for (const name of CORE_EXPORTS) expect(core[name], name).toBeDefined();
    for (const name of MOCK_EXPORTS) expect(typeof mock[name], name).toBe('function');
    for (const name of MOCK_EXPORTS) expect(core[name]).toBeUndefined();
    const esm = await import(/* @vite-ignore */ distPath('index.mjs'));
    const esmMock = await import(/* @vite-ignore */ distPath('mock.mjs'));
    expect(names(core)).toEqual(names(esm));
    expect(names(mock)).toEqual(names(esmMock));
    expect(typeof core.VERSION).toBe('string');
    expect(core.VERSION).toBe(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version);
  });

  it('a call through the mock bridge works in Node', async () => {
    const gp = core.createGoPay({ bridge: mock.createMockBridge({ latency: 0 }) });
    await expect(gp.ready()).resolves.toBeUndefined();
    const a = await gp.getAuthCode();
    expect(a.code).toMatch(CODE_RE);
    expect(a.expiresAt - a.issuedAt).toBe(300_000);
    expect(['en_ID', 'id_ID']).toContain(await gp.getLocale());
    await expect(gp.launchPayment('gopay://merchanttransfer?tref=1')).resolves.toEqual({ status: 'success' });
    await expect(gp.withAuthCode(async (c: any) => (typeof c === 'string' ? c : c.code).length)).resolves.toBe(64);
  });

  it('without a window every call rejects with GoPayUnavailableError, reason no-window', async () => {
    const gp = core.createGoPay();
    for (const p of [gp.ready(), gp.getAuthCode(), gp.getLocale(), gp.call('GPBase', 'getLocale')]) {
      const e = (await rejectionOf(p)) as { code?: unknown; reason?: unknown };
      expect(e).toBeInstanceOf(core.GoPayUnavailableError);
      expect(e).toBeInstanceOf(core.GoPayError);
      expect(e.code).toBe('UNAVAILABLE');
      expect(e.reason).toBe('no-window');
      expect(core.isGoPayError(e, 'UNAVAILABLE')).toBe(true);
    }
    const fn = vi.fn();
    expect(await rejectionOf(gp.withAuthCode(fn))).toMatchObject({ reason: 'no-window' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('isInGoPay resolves false without a window (never rejects)', async () => {
    await expect(core.createGoPay().isInGoPay()).resolves.toBe(false);
  });

  it('no unhandled rejection in Node: no window, with an already-aborted signal', async () => {
    const unhandled = await countUnhandled(async () => {
      const gp = core.createGoPay();
      const ctrl = new AbortController();
      ctrl.abort();
      const results = await Promise.allSettled([
        gp.getAuthCode({ signal: ctrl.signal }),
        gp.call('GPBase', 'getLocale', {}, { signal: ctrl.signal }),
        gp.withAuthCode(async () => 1, { signal: ctrl.signal }),
        gp.ready(),
      ]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect(core.isGoPayError((r as PromiseRejectedResult).reason)).toBe(true);
      }
    }, 50);
    expect(unhandled).toEqual([]);
  });
});

// -----------------------------------------------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

/** Module specifiers a built file imports or requires, following relative chunks; only the bare ones returned. */
const bareImportsOf = (file: string, seen = new Set<string>()): string[] => {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(distPath(file), 'utf8');
  const specs = new Set<string>();
  for (const re of [
    /\b(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ])
    for (const m of text.matchAll(re)) specs.add(m[1]);
  const bare: string[] = [];
  for (const spec of specs) {
    if (spec.startsWith('./') || spec.startsWith('../')) bare.push(...bareImportsOf(spec.replace(/^\.\//, ''), seen));
    else bare.push(spec);
  }
  return [...new Set(bare)];
};

describe('package', () => {
  it('declares the documented package fields and a prepare script that builds dist/', () => {
    expect(pkg.name).toBe('gopay-miniapp-kit');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.files).toEqual(['dist']);
    expect(typeof pkg.scripts?.prepare).toBe('string');
    const prepare: string = pkg.scripts.prepare;
    const build: string = pkg.scripts.build ?? '';
    expect(/rollup/.test(prepare) || (/npm run build/.test(prepare) && /rollup/.test(build))).toBe(true);
    expect(pkg.bin?.['gopay-mock-server']).toMatch(/^\.\/dist\//);
  });

  it('repository layout: the documented top-level files; dist/ built, not committed', () => {
    for (const f of ['src', 'test', 'demo', 'rollup.config.mjs', 'package.json', 'tsconfig.json', 'README.md', '.ci/run'])
      expect(existsSync(resolve(root, f)), f).toBe(true);
    const tracked = execFileSync('git', ['ls-files', 'dist'], { cwd: root, encoding: 'utf8' });
    expect(tracked.trim()).toBe('');
  });

  it('eventemitter3 is the only runtime dependency', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['eventemitter3']);
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
  });

  it('the exports map points at the documented files, types first', () => {
    expect(pkg.exports['./package.json']).toBe('./package.json');
    const entries: Array<[string, string]> = [
      ['.', 'index'],
      ['./mock', 'mock'],
      ['./server', 'server'],
      ['./mock-server', 'mock-server'],
    ];
    for (const [key, base] of entries) {
      const e = pkg.exports[key];
      expect(e, key).toBeDefined();
      const flat = (cond: string) => (typeof e[cond] === 'string' ? { default: e[cond] } : e[cond]);
      expect(flat('import').default).toBe(`./dist/${base}.mjs`);
      expect(flat('require').default).toBe(`./dist/${base}.cjs`);
      for (const cond of ['import', 'require']) if (typeof e[cond] === 'object') expect(Object.keys(e[cond])[0]).toBe('types');
      if (e.types) expect(Object.keys(e)[0]).toBe('types');
      expect(JSON.stringify(e)).toContain(`./dist/${base}.d.ts`);
    }
  });

  it('the package resolves by name to the built CJS entries (self-reference through exports)', () => {
    expect(require('gopay-miniapp-kit')).toBe(core);
    expect(require('gopay-miniapp-kit/mock')).toBe(mock);
    expect(require('gopay-miniapp-kit/package.json').name).toBe('gopay-miniapp-kit');
    expect(typeof require('gopay-miniapp-kit/server').createGoPayServer).toBe('function');
    expect(typeof require('gopay-miniapp-kit/mock-server').createMockGoPayServer).toBe('function');
  });

  it('browser entries import eventemitter3 only (no node: module, no server code); the core never pulls in the mock', () => {
    for (const file of ['index.cjs', 'mock.cjs', 'index.mjs', 'mock.mjs']) {
      for (const spec of bareImportsOf(file)) expect(spec, file).toBe('eventemitter3');
      const text = readFileSync(distPath(file), 'utf8');
      expect(text).not.toMatch(/['"]node:/);
      expect(text).not.toContain('createGoPayServer');
      expect(text).not.toContain('createMockGoPayServer');
    }
    const text = readFileSync(distPath('index.cjs'), 'utf8');
    expect(text).not.toMatch(/require\(['"][^'"]*mock[^'"]*['"]\)/);
    expect(text).not.toContain('createMockBridge');
  });

  it('the server entry imports nothing (fetch and WebCrypto only); the mock server only node:http', () => {
    for (const file of ['server.mjs', 'server.cjs']) expect(bareImportsOf(file), file).toEqual([]);
    for (const file of ['mock-server.mjs', 'mock-server.cjs'])
      for (const spec of bareImportsOf(file)) expect(['node:http', 'http']).toContain(spec);
  });

  it('the script-tag builds exist and need no module system (eventemitter3 bundled)', () => {
    for (const file of [
      'gopay-miniapp-kit.umd.js',
      'gopay-miniapp-kit.umd.min.js',
      'gopay-miniapp-kit.mock.umd.js',
      'gopay-miniapp-kit.mock.umd.min.js',
    ]) {
      const text = readFileSync(distPath(file), 'utf8');
      expect(text.length).toBeGreaterThan(100);
      expect(text).not.toContain('createGoPayServer');
      expect(text).not.toContain('createMockGoPayServer');
      expect(text).not.toMatch(/require\(\s*['"]eventemitter3['"]\s*\)\s*[;,)]\s*$/m);
      expect(text).not.toMatch(/['"]node:/);
    }
  });
});

// -----------------------------------------------------------------------------------------------------------
describe('public types (dist/*.d.ts), compiled with TypeScript', () => {
  const compile = (source: string): string[] => {
    const fileName = resolve(root, 'test/acceptance/__virtual_types_check__.ts');
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
    host.fileExists = (f) => f === fileName || original.fileExists.call(host, f);
    host.readFile = (f) => (f === fileName ? source : original.readFile.call(host, f));
    host.getSourceFile = (f, lang, ...rest) =>
      f === fileName ? ts.createSourceFile(f, source, lang) : original.getSourceFile.call(host, f, lang, ...rest);
    const program = ts.createProgram([fileName], options, host);
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === fileName || !d.file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('names, options and result types; isGoPayError(e, code) narrows to that code’s class', () => {
    const diagnostics = compile(`
      import {
        createGoPay, isGoPayError, isAuthCodeExpired, toPaymentDeeplink, VERSION,
        GoPayError, GoPayTimeoutError, GoPayAbortError, GoPayUnavailableError, GoPayAuthCodeExpiredError,
        GoPayBridgeError, GoPayValidationError,
        type GoPay, type GoPayOptions, type GpContainer, type AuthCode, type GoPayErrorCode,
      } from 'gopay-miniapp-kit';
      import { createMockBridge, installMockBridge } from 'gopay-miniapp-kit/mock';
      declare const e: unknown;
      if (isGoPayError(e, 'TIMEOUT')) { const ms: number = e.timeout; void ms; }
      if (isGoPayError(e, 'UNAVAILABLE')) { const r: 'no-window' | 'script-load' | 'no-container' = e.reason; void r; }
      if (isGoPayError(e)) { const c: GoPayErrorCode = e.code; const b: string | undefined = e.bridgeCode; void c; void b; }
      if (isGoPayError(e, 'ABORTED')) {
        // @ts-expect-error an abort error has no timeout
        void e.timeout;
      }
      const codes: GoPayErrorCode[] = ['TIMEOUT', 'ABORTED', 'UNAVAILABLE', 'AUTH_CODE_EXPIRED', 'UNSUPPORTED',
        'USER_NOT_FOUND', 'INVALID_PARAMS', 'NOT_REGISTERED', 'PERMISSION_DENIED', 'MALFORMED_AUTHORIZATION', 'NETWORK',
        'SUPERAPP', 'UNPROCESSABLE', 'NOT_IN_GOPAY', 'UNKNOWN', 'INVALID_ARGUMENT'];
      const options: GoPayOptions = { scriptUrl: 'https://x.example/a.js', loadTimeout: 1, timeout: false, nonce: 'n',
        authCodeTtl: 1, authCodeMargin: 0, debug: (entry: unknown) => void entry };
      const bridge: GpContainer = createMockBridge({ scenario: 'slow', latency: [1, 2], consent: { location: true },
        authorize: 'deny', paymentStatus: 'pending', seed: 1 });
      const gp: GoPay = createGoPay({ ...options, bridge });
      const inGoPay: Promise<boolean> = gp.isInGoPay({ timeout: 100 });
      const code: Promise<AuthCode> = gp.getAuthCode({ timeout: 5, signal: new AbortController().signal });
      const locale: Promise<string> = gp.getLocale();
      const coords = gp.getLocation().then((r) => r.coords);
      const consent = gp.getConsent('location').then((r) => r.granted === true);
      const status = gp.launchPayment('gopay://merchanttransfer?tref=1').then((r) => r.status);
      const token = gp.getBankAccountToken().then((r) => r.token);
      const toast: Promise<void> = gp.toast('hi', 5);
      const off: () => void = gp.on('call', () => {});
      const stop = gp.watchCompass(() => {}).then((s) => s());
      const used = gp.withAuthCode(async (c) => c, { isExpiredError: (x: unknown) => x instanceof GoPayAuthCodeExpiredError });
      const expired: boolean = isAuthCodeExpired({ code: 'x', issuedAt: 0, expiresAt: 1 }, 0, 0);
      const link: string = toPaymentDeeplink('https://x.example/?a=1');
      const v: string = VERSION;
      const classes = [GoPayError, GoPayTimeoutError, GoPayAbortError, GoPayUnavailableError, GoPayAuthCodeExpiredError,
        GoPayBridgeError, GoPayValidationError];
      const installed: GpContainer = installMockBridge();
      void [codes, inGoPay, code, locale, coords, consent, status, token, toast, off, stop, used, expired, link, v, classes, installed];
    `);
    expect(diagnostics).toEqual([]);
  });
});
