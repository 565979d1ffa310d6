// The mock's one source of time: what it stamps, what it expires, and when it retries. Tests replace it with a clock
// they move by hand, so that a 15-minute expiry or a backoff is tested without waiting for it.

export interface Clock {
  now(): number;
  /** Runs `run` after `ms`; the returned function cancels it. Never keeps the process alive on its own. */
  schedule(run: () => void, ms: number): () => void;
}

/** setTimeout's longest delay (about 24.8 days); a later deadline is reached in several steps. */
export const MAX_DELAY = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(run, ms) {
    const timer = setTimeout(run, Math.min(Math.max(ms, 0), MAX_DELAY)) as { unref?: () => void };
    // A pending expiry 15 minutes ahead must not hold a test runner or a script open.
    timer.unref?.();
    return () => clearTimeout(timer as ReturnType<typeof setTimeout>);
  },
};

/** Waits `ms` on `clock`, or until `cancel` is called (close, reset). */
export function sleep(clock: Clock, ms: number, cancels: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      cancels.delete(stop);
      resolve();
    };
    const cancel = clock.schedule(done, ms);
    const stop = () => {
      cancel();
      done();
    };
    cancels.add(stop);
  });
}
