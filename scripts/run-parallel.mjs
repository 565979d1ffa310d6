#!/usr/bin/env node
// `node scripts/run-parallel.mjs lint typecheck …`: runs those npm scripts at the same time and prints each one's
// output whole, in the order given, once it has ended (never interleaved). Exits 1 if any failed, after all ended.
// `npm test` uses it for the checks that only read the sources and dist/: one after another they leave a core idle
// while each tool starts up and reads its files (29 s in a row, 17 s side by side on 2 cores).
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) {
  console.error('usage: node scripts/run-parallel.mjs <npm script> [<npm script> …]');
  process.exit(2);
}

function run(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    // Through a shell so that `npm` resolves to npm.cmd on Windows as well.
    const child = spawn(`npm run --silent ${name}`, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${output}${error.message}\n`, ms: Date.now() - started }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output, ms: Date.now() - started }));
  });
}

const pending = names.map(run);
let failed = 0;
for (const result of pending) {
  const { name, code, output, ms } = await result;
  if (code !== 0) failed += 1;
  console.log(`\n> npm run ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s`);
  if (output.trim()) console.log(output.trimEnd());
}
process.exitCode = failed ? 1 : 0;
