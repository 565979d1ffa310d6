// Pending payments expire at their `validUpTo` (or after `paymentTtl`): GoPay then reports `08`. A min-heap by
// deadline with one timer armed for the earliest, so that 50,000 pending payments cost one timer and O(log n) each;
// every request also runs what is due, so that a stopped clock (or a sleeping laptop) never shows a stale `03`.
import type { Clock } from './clock';
import type { MockPayment } from './types';

interface Entry {
  at: number;
  payment: MockPayment;
}

export interface Expiry {
  /** Watches a pending payment until its `expiresAt`. */
  add(payment: MockPayment): void;
  /** Expires every payment still pending whose deadline is `now` or earlier. */
  runDue(now: number): void;
  /** Cancels the timer (the payments stay watched: the next request or add arms it again). */
  disarm(): void;
  clear(): void;
}

/** `expire` is called once per payment still `03` at its deadline. */
export function createExpiry(clock: Clock, expire: (payment: MockPayment, now: number) => void): Expiry {
  let heap: Entry[] = [];
  let armed: { at: number; cancel: () => void } | undefined;

  function swap(i: number, j: number): void {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  }

  function push(entry: Entry): void {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      swap(i, parent);
      i = parent;
    }
  }

  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && heap[left]!.at < heap[least]!.at) least = left;
        if (right < heap.length && heap[right]!.at < heap[least]!.at) least = right;
        if (least === i) break;
        swap(i, least);
        i = least;
      }
    }
    return top;
  }

  function arm(): void {
    const next = heap[0];
    if (armed && next && armed.at <= next.at) return;
    armed?.cancel();
    armed = undefined;
    if (!next) return;
    const at = next.at;
    armed = {
      at,
      cancel: clock.schedule(() => {
        armed = undefined;
        runDue(clock.now());
      }, at - clock.now()),
    };
  }

  function runDue(now: number): void {
    while (heap.length && heap[0]!.at <= now) {
      const { at, payment } = pop()!;
      // A payment paid, canceled or failed meanwhile has nothing left to expire.
      if (payment.latestTransactionStatus === '03' && payment.expiresAt === at) expire(payment, now);
    }
    arm();
  }

  return {
    add(payment) {
      push({ at: payment.expiresAt, payment });
      arm();
    },
    runDue,
    disarm() {
      armed?.cancel();
      armed = undefined;
    },
    clear() {
      armed?.cancel();
      armed = undefined;
      heap = [];
    },
  };
}
