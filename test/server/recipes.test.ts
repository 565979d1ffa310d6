// @vitest-environment node
// docs/backend-recipes.md shows the files under test/server/recipes/ verbatim, and they type-check.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/backend-recipes.md'), 'utf8');
const blocks = [...doc.matchAll(/<!-- recipe: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g)].map(([, name, code]) => ({
  name: name!,
  code: code!,
}));

describe('docs/backend-recipes.md', () => {
  it('shows every recipe', () => {
    expect(blocks.map(({ name }) => name).sort()).toEqual([
      'browser',
      'express',
      'hono-worker',
      'next-gopay',
      'next-login',
      'next-notify',
      'next-pay',
    ]);
  });

  it.each(blocks)('recipe $name: the document shows its file verbatim', ({ name, code }) => {
    expect(code).toBe(readFileSync(resolve(import.meta.dirname, `recipes/${name}.ts`), 'utf8').trimEnd());
  });

  it('the recipes type-check against the server entry', () => {
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    expect(() =>
      execFileSync(process.execPath, [tsc, '-p', resolve(import.meta.dirname, 'tsconfig.json')], { stdio: 'pipe' }),
    ).not.toThrow();
  }, 120_000);
});
