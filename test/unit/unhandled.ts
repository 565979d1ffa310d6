// Collects the unhandled rejections of a piece of code, in Node and under happy-dom alike (both run on Node).
export const unhandledRejections = async (run: () => Promise<void>, settle: () => Promise<void>): Promise<unknown[]> => {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    await settle();
    // Node reports an unhandled rejection after the microtask queue drains: give it a few turns of the event loop.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
};
