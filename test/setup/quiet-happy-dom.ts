// happy-dom loads no script files: each <script> the loader tests let fail is reported by happy-dom on the console it
// was given (Node's own, not the test's) with its stack, while its `error` event is what the tests check. Only that
// report is dropped, so that a green run prints no stack trace; every other console.error still shows.
import nodeConsole from 'node:console';

const QUIET = Symbol.for('gopay-miniapp-kit.test.quiet');

for (const target of new Set([console, nodeConsole])) {
  const error = target.error as typeof console.error & { [QUIET]?: true };
  // Once per console: the setup file runs for every test file, the console lives as long as the worker.
  if (error[QUIET]) continue;
  target.error = Object.assign(
    function quietError(...args: unknown[]) {
      const first = args[0] as { message?: unknown } | undefined;
      if (typeof first?.message === 'string' && first.message.includes('JavaScript file loading is disabled')) return;
      error.apply(target, args);
    },
    { [QUIET]: true as const },
  );
}
