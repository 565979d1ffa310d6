// The recipes of docs/backend-recipes.md ("Your backend"), type-checked: `npx tsc -p test/server/tsconfig.json`.
// Each file under recipes/ is one code block of the document, verbatim (recipes.test.ts compares them).
import './recipes/express';
import './recipes/next-gopay';
import './recipes/next-login';
import './recipes/next-pay';
import './recipes/next-notify';
import './recipes/hono-worker';
import './recipes/browser';
