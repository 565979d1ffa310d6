import { createAuthCodeGuard } from './auth-code';
import { createGetConsent } from './consent';
import { createIsInGoPay } from './in-gopay';
import { createEvents } from './events';
import type { GoPay } from './gopay-interface';
import type { Params } from './send';
import { tableMethods } from './method-table';
import { createConnection } from './loader';
import { resolveOptions, type GoPayOptions } from './options';
import { createReporter, logToConsole } from './report';
import { createSend } from './send';
import { createSaveFile } from './save-file';
import { createSensors } from './sensors';
import type { CallOptions } from './types';

/**
 * Creates a GoPay client. Nothing is loaded until the first call or `ready()`.
 * @example
 * const gp = createGoPay();
 * const { coords } = await gp.getLocation();
 */
export function createGoPay(options?: GoPayOptions): GoPay {
  const config = resolveOptions(options);
  // Bridge events arrive on `document`; where there is none (Node), on the bridge if it can dispatch them.
  const eventTarget = (): EventTarget | undefined => {
    if (typeof document !== 'undefined') return document;
    const bridge = config.bridge as Partial<EventTarget> | undefined;
    return typeof bridge?.addEventListener === 'function' ? (bridge as EventTarget) : undefined;
  };
  const events = createEvents(eventTarget);
  const connect = createConnection(config, () => events.bus.emit('ready'));
  const send = createSend(config, connect, createReporter(events.bus));
  // `debug: true` prints each settled call; a function receives each entry instead.
  if (config.debug) events.on('settle', config.debug === true ? logToConsole : config.debug);

  const gp = {
    ready: async () => {
      await connect();
    },
    isInGoPay: createIsInGoPay(send),
    // Not async: the hot path, one promise per call.
    call: <T = Params>(className: string, methodName: string, params?: Params, opts?: CallOptions) =>
      send<T>({ className, methodName, params, dataOnly: true }, opts),
    ...createAuthCodeGuard(send, config.authCodeTtl, config.authCodeMargin),
    getConsent: createGetConsent(send),
    saveFile: createSaveFile(send, events.on, eventTarget),
    ...createSensors(send, events.on),
    on: events.on,
    ...tableMethods(send),
  } satisfies GoPay;
  return gp;
}
