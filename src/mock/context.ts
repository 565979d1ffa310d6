// What the method handlers share with the bridge that runs them.
import type { Reply } from './envelopes';
import type { Panel } from './panel';
import type { Random } from '../shared/random';
import type { ResolvedOptions } from './resolve-options';

/** A call's params, own properties only (see bridge.ts): never read from Object.prototype. */
export type Params = Record<string, unknown>;
export type Handler = (params: Params) => Reply | Promise<Reply>;
/** `'Class.method'` → its handler. */
export type Handlers = Record<string, Handler>;

export interface MockContext {
  readonly options: ResolvedOptions;
  /** The seeded stream of codes, tokens, coordinates and readings; reset() replaces it with a fresh one. */
  readonly random: () => Random;
  /** A fresh callbackId: letters and digits, from a seeded stream of its own. */
  readonly callbackId: () => string;
  /** The in-page panel, when `ui` is on and there is a document (and the mock is not destroyed). */
  readonly panel: () => Panel | undefined;
  /** Dispatches a bridge event: on `document`, as GoPay's bridge does, else on the mock itself. */
  readonly dispatch: (eventName: string, detail: unknown) => void;
  /** One draw of the `latency` option, in ms. */
  readonly latency: () => number;
  /** Runs `fn` in `ms`, unless destroy() comes first. */
  readonly later: (fn: () => void, ms: number) => void;
}
