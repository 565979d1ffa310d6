// The mock bridge itself: it takes a call, finds its answer (an override, a scenario, the consent rules, then the
// method's handler), and answers it once, never synchronously, after the configured latency. The handlers live with
// their concept: auth.ts, consent.ts, payments.ts, device.ts, sensors.ts, container.ts.
import { EventEmitter } from 'eventemitter3';
import { GoPayValidationError } from '../errors/GoPayValidationError';
import { createAuth } from './auth';
import { createConsent } from './consent';
import { createContainer } from './container';
import type { Handler, MockContext, Params } from './context';
import { createDevice } from './device';
import { fail, failure, isEnvelope, ok, paramError, success, type Reply } from './envelopes';
import { createBridgeEvents } from './events';
import type { MockBridge, MockBridgeOptions, MockCall, MockData, MockResult } from './options';
import { createPanel, type Panel } from './panel';
import { createPayments } from './payments';
import { createRandom, type Random } from '../shared/random';
import { resolveOptions } from './resolve-options';
import { createSensors } from './sensors';

const DESTROYED = 'The mock bridge was destroyed before it answered';
// Salts that give the latency and callbackId streams seeds of their own, so that drawing a delay or an id never
// shifts the seeded codes and readings.
const DELAY_SALT = 0x9e3779b9;
const ID_SALT = 0x85ebca6b;

let announced = false;

/** Calls the caller's callback. One that throws is the caller's bug: surfaced on its own task, as native code would. */
function deliver(reply: Reply, onSuccess: (response: unknown) => void, onFailure: (response: unknown) => void) {
  try {
    if ('ok' in reply) onSuccess(reply.ok);
    else onFailure(reply.fail);
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}

/**
 * A stand-in for `window.gpContainer` that answers every documented JSAPI with GoPay's envelopes, keeps GoPay's
 * consent rules, and lets you rehearse every unhappy path. Choose it explicitly: it never switches itself on.
 * @example const gp = createGoPay({ bridge: createMockBridge({ consent: { location: true } }) });
 * @example installMockBridge({ ui: true, server: 'http://127.0.0.1:8787' }); // codes and payments via the mock GoPay server
 */
export function createMockBridge(options: MockBridgeOptions = {}): MockBridge {
  const settings = resolveOptions(options);
  if (!announced) {
    announced = true;
    console.info('[gopay-miniapp-kit] The GoPay mock bridge is active: every answer is simulated. Never ship it to production.');
  }
  const events = createBridgeEvents();
  // Calls still waiting listen for the end of the mock: destroy() answers each of them.
  const lifecycle = new EventEmitter<{ destroy: [] }>();
  const calls: MockCall[] = [];
  const overrides = new Map<string, Handler>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const seeded = (salt: number) => createRandom(settings.seed === undefined ? undefined : settings.seed ^ salt);
  // The three seeded streams; set by start() below, and again by reset().
  let random: Random;
  let delays: Random;
  let ids: Random;
  let panel: Panel | undefined;
  let destroyed = false;

  const latency = () => {
    const range = settings.latency;
    return Array.isArray(range) ? Math.round(delays.between(range[0], range[1])) : range;
  };

  const ctx: MockContext = {
    options: settings,
    random: () => random,
    callbackId: () => ids.token(16),
    panel() {
      if (!settings.ui || destroyed || typeof document === 'undefined') return undefined;
      panel ??= createPanel();
      return panel;
    },
    dispatch: events.dispatch,
    latency,
    later(fn, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  };

  const consent = createConsent(ctx);
  const sensors = createSensors(ctx);
  const handlers = new Map<string, Handler>(
    Object.entries({
      ...createAuth(ctx).handlers,
      ...consent.handlers,
      ...createPayments(ctx).handlers,
      ...createDevice(ctx).handlers,
      ...sensors.handlers,
      ...createContainer(ctx).handlers,
    }),
  );

  /** The state at creation; reset() comes back here. The compass's start is the first draw of the fresh stream. */
  const start = () => {
    random = createRandom(settings.seed);
    delays = seeded(DELAY_SALT);
    ids = seeded(ID_SALT);
    consent.restart();
    sensors.restart();
  };
  start();
  ctx.panel();

  const respond = async (method: string, given: Params): Promise<Reply> => {
    const override = overrides.get(method);
    if (override) return override(given);
    if (settings.scenario === 'offline') return fail(failure(401));
    if (settings.scenario === 'not-registered') return fail(failure(203));
    const handler = handlers.get(method);
    if (!handler) return fail(failure(100, `${method} is not a GoPay method`));
    // The handlers read own properties only: a param inherited from Object.prototype is not a param.
    const own: Params = Object.assign(Object.create(null), given);
    return consent.refusal(method) ?? handler(own);
  };

  const bridge: MockBridge = {
    calls,
    call(className, methodName, params, onSuccess, onFailure) {
      const method = `${className}.${methodName}`;
      const given: Params = params && typeof params === 'object' ? params : {};
      calls.push({ className, methodName, params: given });
      ctx.panel()?.log(method, given);
      let answered = false;
      const answer = (reply: Reply) => {
        if (answered) return;
        answered = true;
        lifecycle.off('destroy', abandon);
        deliver(reply, onSuccess, onFailure);
      };
      const abandon = () => answer(fail(failure(500, DESTROYED)));
      // Like the real bridge, never answer synchronously.
      if (destroyed) {
        void Promise.resolve().then(abandon);
        return;
      }
      lifecycle.once('destroy', abandon);
      const run = () =>
        respond(method, given)
          .catch((error: unknown) => fail(failure(500, String((error as Error)?.message ?? error))))
          .then(answer);
      const delay = latency();
      if (delay > 0) ctx.later(run, delay);
      else void Promise.resolve().then(run);
    },
    set(method: string, result: MockResult) {
      overrides.set(method, async (params) => {
        const answer = typeof result === 'function' ? await result(params) : result;
        return ok(isEnvelope(answer) ? { ...success(), ...answer.envelope } : success(answer as MockData));
      });
    },
    fail(method, bridgeCode, message) {
      overrides.set(method, () =>
        fail(
          String(bridgeCode) === 'GP_PARAM_ERR'
            ? paramError(ctx.callbackId(), message ?? 'Invalid parameters')
            : failure(bridgeCode, message),
        ),
      );
    },
    grant: consent.grant,
    revoke: consent.revoke,
    emit: events.dispatch,
    reset() {
      overrides.clear();
      calls.length = 0;
      start();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      sensors.stopAll();
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
      panel?.remove();
      panel = undefined;
      lifecycle.emit('destroy');
    },
    addEventListener: events.addEventListener,
    removeEventListener: events.removeEventListener,
  };
  return bridge;
}

/**
 * Creates a mock bridge and puts it on `window.gpContainer`, so that `createGoPay()` (and raw callers) use it.
 * @example if (import.meta.env.DEV) installMockBridge({ ui: true });
 */
export function installMockBridge(options?: MockBridgeOptions): MockBridge {
  if (typeof window === 'undefined') {
    throw new GoPayValidationError('installMockBridge() needs a window; in Node pass createMockBridge() to createGoPay({ bridge }).');
  }
  const bridge = createMockBridge(options);
  (window as { gpContainer?: unknown }).gpContainer = bridge;
  return bridge;
}
