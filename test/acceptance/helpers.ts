// Small tools shared by the acceptance files of the browser entries (esm-happy-dom, cjs-node, umd-chromium): the
// documented export names, and promise / rejection helpers. Written from the public contract (docs/, README) only.

export const CORE_EXPORTS = [
  'createGoPay',
  'toPaymentDeeplink',
  'isAuthCodeExpired',
  'isGoPayError',
  'GoPayError',
  'GoPayTimeoutError',
  'GoPayAbortError',
  'GoPayUnavailableError',
  'GoPayAuthCodeExpiredError',
  'GoPayBridgeError',
  'GoPayValidationError',
  'VERSION',
] as const;

export const MOCK_EXPORTS = ['createMockBridge', 'installMockBridge'] as const;

/** What an auth code looks like: 64 letters and digits. */
export const CODE_RE = /^[A-Za-z0-9]{64}$/;

/** Lets `rounds` microtask turns pass. */
export const flush = async (rounds = 30): Promise<void> => {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
};

/** Waits `ms` milliseconds of real time. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Tracked<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  error?: unknown;
}

/** Follows a promise's state without awaiting it. */
export const track = <T>(p: Promise<T>): Tracked<T> => {
  const s: Tracked<T> = { status: 'pending' };
  p.then(
    (v) => {
      s.status = 'fulfilled';
      s.value = v;
    },
    (e: unknown) => {
      s.status = 'rejected';
      s.error = e;
    },
  );
  return s;
};

/** JSON-ish dump that survives cycles, errors and functions (for "never reaches logs/events" checks). */
export const dump = (v: unknown): string => {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(v, (_k, x: unknown) => {
        if (typeof x === 'function') return '[fn]';
        if (typeof x === 'bigint') return String(x);
        if (x && typeof x === 'object') {
          if (seen.has(x)) return '[cycle]';
          seen.add(x);
          if (x instanceof Error) {
            const own: Record<string, unknown> = {};
            for (const key of Object.getOwnPropertyNames(x)) own[key] = (x as unknown as Record<string, unknown>)[key];
            return { name: x.name, message: x.message, ...own };
          }
        }
        return x;
      }) ?? String(v)
    );
  } catch {
    return String(v);
  }
};

class NotRejected extends Error {}

/** The reason `p` rejects with; fails the test if it resolves. */
export const rejectionOf = async (p: Promise<unknown>): Promise<unknown> => {
  let value: unknown;
  try {
    value = await p;
  } catch (e) {
    return e;
  }
  throw new NotRejected(`expected a rejection, got a resolution with ${dump(value)}`);
};

interface NodeProcess {
  on(event: string, listener: (reason: unknown) => void): unknown;
  off(event: string, listener: (reason: unknown) => void): unknown;
  listeners(event: string): Array<(reason: unknown) => void>;
  removeAllListeners(event: string): unknown;
}
/** Node's process; absent in a browser. */
const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/**
 * Runs fn and returns the unhandled rejections seen meanwhile (Node's process 'unhandledRejection' and the
 * window's 'unhandledrejection'), after two more task turns of `settleMs` for late ones.
 */
export const countUnhandled = async (fn: () => Promise<void>, settleMs = 30): Promise<string[]> => {
  const seen: unknown[] = [];
  const onNode = (reason: unknown) => {
    seen.push(reason);
  };
  const onWindow = (ev: Event) => {
    seen.push((ev as PromiseRejectionEvent).reason);
  };
  nodeProcess?.on('unhandledRejection', onNode);
  globalThis.addEventListener?.('unhandledrejection', onWindow);
  try {
    await fn();
    await sleep(settleMs);
    await sleep(settleMs);
  } finally {
    nodeProcess?.off('unhandledRejection', onNode);
    globalThis.removeEventListener?.('unhandledrejection', onWindow);
  }
  return seen.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : dump(r)));
};

/**
 * Runs fn while Node's uncaught exceptions are routed to a recorder (not to the test runner), and returns them.
 * For errors the SDK may legitimately report asynchronously, such as an exception thrown by a user's listener.
 */
export const captureUncaught = async (fn: () => Promise<void>, settleMs = 30): Promise<unknown[]> => {
  const proc = nodeProcess;
  if (!proc) throw new Error('captureUncaught needs Node');
  const saved = proc.listeners('uncaughtException');
  const seen: unknown[] = [];
  const record = (e: unknown) => {
    seen.push(e);
  };
  proc.removeAllListeners('uncaughtException');
  proc.on('uncaughtException', record);
  try {
    await fn();
    await sleep(settleMs);
    await sleep(settleMs);
  } finally {
    proc.off('uncaughtException', record);
    for (const l of saved) proc.on('uncaughtException', l);
  }
  return seen;
};
