#!/usr/bin/env node
// `npm run check:install`: checks the install that README "Install" gives before the package is on the registry —
// `npm pack` in the checkout, then `npm install /path/to/gopay-miniapp-kit-<version>.tgz` in an app. It builds dist/,
// packs it into a temporary folder, installs the tarball offline into a fresh project there, and checks what a user
// gets: a real folder (not a link to the checkout) with dist/ and no rebuild, eventemitter3 in the project's own
// node_modules, every entry under import and require, the CLI, and the types. One line per check; exit 1 on any
// failure. The temporary folder (tarball included) is removed at the end, even on failure. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const entries = [
  ['gopay-miniapp-kit', 'createGoPay'],
  ['gopay-miniapp-kit/mock', 'createMockBridge'],
  ['gopay-miniapp-kit/server', 'createSnapClient'],
  ['gopay-miniapp-kit/mock-server', 'createMockGoPayServer'],
];
let failures = 0;

// Runs a command and returns its output, stdout and stderr together (rollup reports on stderr); throws with that
// output if the command exits non-zero.
function run(cwd, command, args) {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${child.status ?? child.error}\n${output}`.trim());
  return output;
}

// One check, one line: a failure is reported and counted, and the next checks still run.
function check(name, fn) {
  try {
    const detail = fn();
    console.log(`ok: ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL: ${name}\n  ${String(error.message).split('\n').join('\n  ')}`);
  }
}

// Installs the tarball without the network: eventemitter3 is in npm's cache after `npm ci` in the checkout. If it is
// not (a fresh cache), falls back to --prefer-offline and says so, since that install may have used the registry.
function installTarball(project, tarball) {
  // --foreground-scripts: had the install run `prepare`, its output (rollup's) would be in what we check below.
  const args = ['install', tarball, '--no-audit', '--no-fund', '--foreground-scripts'];
  try {
    return { output: run(project, 'npm', [...args, '--offline']), mode: '--offline' };
  } catch (error) {
    console.log(`note: the --offline install failed (eventemitter3 not in npm's cache?); retrying with --prefer-offline`);
    for (const line of error.message
      .split('\n')
      .filter((l) => l.startsWith('npm error'))
      .slice(0, 4))
      console.log(`  ${line}`);
    return { output: run(project, 'npm', [...args, '--prefer-offline']), mode: '--prefer-offline' };
  }
}

// A file that imports every entry with its types. `@ts-expect-error` on a misspelt scenario proves the types are
// real, not `any`. Written as .mts (resolves the `import` condition, .d.ts) and .cts (`require`, .d.cts).
function typeCheckSource() {
  const imports = entries.map(([spec, name]) => `import { ${name} } from '${spec}';`).join('\n');
  return `${imports}
export const factories: Array<(...args: never[]) => unknown> = [${entries.map(([, name]) => name).join(', ')}];
export const gp: ReturnType<typeof createGoPay> = createGoPay({ bridge: createMockBridge({ scenario: 'offline' }) });
// @ts-expect-error 'ofline' is not a MockScenario
createMockBridge({ scenario: 'ofline' });
`;
}

const temp = mkdtempSync(join(tmpdir(), 'gopay-check-install-'));
const started = Date.now();
try {
  // Always build once: dist/ is what `npm pack` puts in the tarball (`files: ["dist"]`), and it must match src/.
  run(root, 'npm', ['run', 'build']);
  console.log(`ok: npm run build in the checkout (${Math.round((Date.now() - started) / 1000)} s)`);

  // --ignore-scripts: `prepare` would build a second time and print into the --json answer (--silent: no notices).
  const [pack] = JSON.parse(run(root, 'npm', ['pack', '--json', '--silent', '--ignore-scripts', '--pack-destination', temp]));
  const tarball = join(temp, pack.filename);
  console.log(`ok: npm pack wrote ${pack.filename} (${pack.entryCount} files, ${(pack.size / 1024).toFixed(1)} kB)`);

  const project = join(temp, 'app');
  mkdirSync(project);
  run(project, 'npm', ['init', '-y']);
  const install = installTarball(project, tarball);
  console.log(`ok: npm install ${pack.filename} ${install.mode} --no-audit --no-fund into a fresh project`);

  const kit = join(project, 'node_modules/gopay-miniapp-kit');
  check('the package is a real folder, not a symlink', () => {
    if (lstatSync(kit).isSymbolicLink()) throw new Error(`${kit} is a symlink to ${realpathSync(kit)}`);
  });
  check('it holds dist/ and no src/, and the install ran no build', () => {
    if (!existsSync(join(kit, 'dist/index.mjs'))) throw new Error('no dist/index.mjs');
    if (existsSync(join(kit, 'src'))) throw new Error('src/ was installed');
    if (/^> gopay-miniapp-kit@\S+ (prepare|build)|rollup/m.test(install.output))
      throw new Error(`the install ran a build:\n${install.output}`);
  });
  check("eventemitter3 resolves from the project's own node_modules", () => {
    // Resolved from the installed package, as its `import 'eventemitter3'` is; realpath, so a link out fails.
    const found = realpathSync(createRequire(join(kit, 'package.json')).resolve('eventemitter3'));
    if (!found.startsWith(realpathSync(join(project, 'node_modules')) + sep)) throw new Error(`resolved to ${found}`);
    return found.slice(realpathSync(project).length + 1);
  });

  // Each entry in a child Node process inside the project, so that resolution starts there and not in the checkout.
  for (const [spec, name] of entries) {
    const test = `if (typeof m.${name} !== 'function') throw new Error('no ${name}'); console.log(Object.keys(m).length);`;
    check(`import('${spec}') exposes ${name}`, () => {
      const count = run(project, process.execPath, ['--input-type=module', '-e', `const m = await import('${spec}'); ${test}`]);
      return `${count.trim()} exports`;
    });
    check(`require('${spec}') exposes ${name}`, () => {
      const count = run(project, process.execPath, ['-e', `const m = require('${spec}'); ${test}`]);
      return `${count.trim()} exports`;
    });
  }
  check('npx gopay-mock-server --help exits 0', () => run(project, 'npx', ['--no', '--', 'gopay-mock-server', '--help']).split('\n')[0]);

  // The checkout's TypeScript, with no @types in the project (`types: []`): the entries' types must stand on their own.
  check('the types resolve under nodenext, for import (.mts) and require (.cts)', () => {
    writeFileSync(join(project, 'check.mts'), typeCheckSource());
    writeFileSync(join(project, 'check.cts'), typeCheckSource());
    const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', types: [] };
    Object.assign(compilerOptions, { lib: ['es2022', 'dom'], skipLibCheck: true });
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.mts', 'check.cts'] }));
    run(project, process.execPath, [tsc, '-p', 'tsconfig.json']);
  });
} catch (error) {
  failures += 1;
  console.log(`FAIL: ${error.message}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(`${failures ? `${failures} check(s) failed` : 'all checks passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = failures ? 1 : 0;
