import type { GoPayEventName, Subscribe } from './events';
import type { Params } from './invoke';
import type { Send } from './request';
import type { CallOptions, StopWatching } from './types';
import { checkFunction, checkNumber, checkObject, checkOneOf } from './validate';

/** A GPMotion sensor: its event, and how GoPay starts and stops it. */
interface Sensor {
  event: GoPayEventName;
  /** Compass and accelerometer have a start and a stop method and take an `interval`. */
  start: string;
  stop?: string;
  /** Gyro and shake have one method, switched with `on`, and take these numbers. */
  numbers?: string[];
}

const SENSORS = {
  watchCompass: { event: 'GPMotion.Event.compass', start: 'startCompass', stop: 'stopCompass' },
  watchAccelerometer: { event: 'GPMotion.Event.accelerometer', start: 'startAccelerometer', stop: 'stopAccelerometer' },
  watchGyro: { event: 'motion.gyro', start: 'listenGyro', numbers: ['frequency'] },
  watchShake: { event: 'motion.shake', start: 'listeningShake', numbers: ['frequency', 'shakeThreshold', 'shakeNum'] },
} satisfies Record<string, Sensor>;

/** The params that start `sensor`, from a watcher's options. */
const startParams = (sensor: Sensor, opts: Params): Params => {
  if (sensor.stop) return opts.interval === undefined ? {} : { interval: checkOneOf(opts.interval, 'interval', ['game', 'ui', 'normal']) };
  const params: Params = { on: true };
  for (const key of sensor.numbers || []) {
    // A frequency of 0 would ask for readings without pause: GoPay's own bridge refuses it (201).
    if (opts[key] !== undefined) params[key] = checkNumber(opts[key], key, key == 'frequency' ? 1 : 0);
  }
  return params;
};

/**
 * The `watch*` methods. Watchers of one sensor share it: the first starts it, the last `stop()` stops it. Each
 * watcher's listener is its own subscription to the sensor's event.
 */
export const createSensors = (send: Send, on: Subscribe) => {
  const running = new Map<GoPayEventName, { count: number; started?: Promise<unknown> }>();

  const watch =
    (sensor: Sensor) =>
    async (listener: unknown, opts: Params = {}): Promise<StopWatching> => {
      checkFunction(listener, `${sensor.event} listener`);
      checkObject(opts, 'opts');
      const params = startParams(sensor, opts);
      let state = running.get(sensor.event);
      if (!state) {
        state = { count: 0 };
        running.set(sensor.event, state);
      }
      const off = on(sensor.event, listener as () => void);
      state.count++;
      try {
        state.started ||= send({ className: 'GPMotion', methodName: sensor.start, params }, opts as CallOptions);
        await state.started;
      } catch (error) {
        off();
        state.count--;
        state.started = undefined;
        throw error;
      }
      let stopped = false;
      const current = state;
      // The sensor keeps running while another watcher still listens.
      return async () => {
        if (stopped) return;
        stopped = true;
        off();
        current.count--;
        if (current.count) return;
        current.started = undefined;
        await send({ className: 'GPMotion', methodName: sensor.stop || sensor.start, params: sensor.stop ? {} : { on: false } });
      };
    };

  return {
    watchCompass: watch(SENSORS.watchCompass),
    watchAccelerometer: watch(SENSORS.watchAccelerometer),
    watchGyro: watch(SENSORS.watchGyro),
    watchShake: watch(SENSORS.watchShake),
  };
};
