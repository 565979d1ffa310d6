#!/usr/bin/env node
// Type-checks the documentation's code: every fenced block preceded by `<!-- file: name.ts -->` in README.md and
// docs/*.md is written to reports/doc-examples/<doc>/name.ts and compiled with tsc against the package's sources, so
// that a recipe that no longer matches the API fails `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'reports/doc-examples');
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const BLOCK = /<!-- file: ([\w./-]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;

rmSync(out, { recursive: true, force: true });
// The backend recipe is a file of its own (demo/backend.ts, what `npm run demo` runs); the docs' blocks import it as
// `./backend`, as a user who copied it beside them would.
const recipe = readFileSync(join(root, 'demo/backend.ts'), 'utf8');
let count = 0;
for (const doc of docs) {
  const text = readFileSync(join(root, doc), 'utf8');
  if (text.includes("from './backend'")) {
    mkdirSync(join(out, basename(doc, '.md')), { recursive: true });
    writeFileSync(join(out, basename(doc, '.md'), 'backend.ts'), recipe);
  }
  for (const [, name, code] of text.matchAll(BLOCK)) {
    const file = join(out, basename(doc, '.md'), name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `// Extracted from ${doc}: edit it there.\n${code}\n`);
    count++;
  }
}
const entry = (path) => [join(root, path)];
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: true,
        noUnusedLocals: false,
        jsx: 'react-jsx',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
        typeRoots: [join(root, 'node_modules/@types')],
        paths: {
          'gopay-miniapp-kit': entry('src/core/index.ts'),
          'gopay-miniapp-kit/mock': entry('src/mock/index.ts'),
          'gopay-miniapp-kit/server': entry('src/server/index.ts'),
          'gopay-miniapp-kit/mock-server': entry('src/mock-server/index.ts'),
          // The Next.js recipes import their shared module as `@/lib/gopay`, as a Next.js app does.
          '@/*': ['./README/*'],
        },
      },
      include: ['./**/*.ts', './**/*.tsx', join(root, 'test/types/doc-shims.d.ts')],
    },
    null,
    2,
  ),
);
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json')], { stdio: 'inherit' });
  console.log(`doc examples: ${count} blocks from ${docs.length} documents type-check`);
} catch {
  console.error('doc examples: the blocks above do not type-check (see reports/doc-examples)');
  process.exit(1);
}
