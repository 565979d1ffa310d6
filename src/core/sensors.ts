import type { GoPayEventName, Subscribe } from './events';
import { readCallOptions } from './options';
import { validated, type Params, type Send } from './send';
import type { StopWatching } from './types';
import { checkFunction, checkNumber, checkOneOf, own } from '../shared/checks';
import { waitFor } from '../shared/wait-for';

/** A GPMotion sensor: its event, how GoPay starts and stops it, and the options a watcher may give. */
interface Sensor {
  event: GoPayEventName;
  /** Compass and accelerometer have a start and a stop method and take an `interval`. */
  start: string;
  stop?: string;
  /** Gyro and shake have one method, switched with `on`, and take numbers. */
  options: string[];
}

const SENSORS = {
  watchCompass: { event: 'GPMotion.Event.compass', start: 'startCompass', stop: 'stopCompass', options: ['interval'] },
  watchAccelerometer: {
    event: 'GPMotion.Event.accelerometer',
    start: 'startAccelerometer',
    stop: 'stopAccelerometer',
    options: ['interval'],
  },
  watchGyro: { event: 'motion.gyro', start: 'listenGyro', options: ['frequency'] },
  watchShake: { event: 'motion.shake', start: 'listeningShake', options: ['frequency', 'shakeThreshold', 'shakeNum'] },
} satisfies Record<string, Sensor>;

/**
 * The `watch*` methods. Watchers of one sensor share it: the first starts it, the last `stop()` stops it. The
 * shared start is sent with the client's options, never a watcher's: one watcher's `signal` or `timeout` ends only
 * its own wait. Each watcher's listener is its own subscription to the sensor's event.
 */
export function createSensors(send: Send, on: Subscribe) {
  const watch = (sensor: Sensor) => {
    // One per sensor and client: how many watchers listen or wait for the start, and the start in flight or done.
    let count = 0;
    let started: Promise<unknown> | undefined;

    const stopSensor = () => {
      started = undefined;
      return send({ className: 'GPMotion', methodName: sensor.stop || sensor.start, params: sensor.stop ? {} : { on: false } });
    };

    return async (listener: unknown, opts?: unknown): Promise<StopWatching> => {
      const [params, callOptions] = validated(() => {
        checkFunction(listener, `${sensor.event} listener`);
        const callOptions = readCallOptions(opts, sensor.options);
        // The start's params, from the watcher's options (own fields; their names are checked just above).
        const params: Params = sensor.stop ? {} : { on: true };
        for (const key of sensor.options) {
          const value = own(opts, key);
          // A frequency of 0 would ask for readings without pause: GoPay's own bridge refuses it (201).
          if (value !== undefined)
            params[key] =
              key === 'interval' ? checkOneOf(value, key, ['game', 'ui', 'normal']) : checkNumber(value, key, key === 'frequency' ? 1 : 0);
        }
        return [params, callOptions] as const;
      });
      const off = on(sensor.event, listener as () => void);
      count++;
      try {
        if (!started) {
          const starting = send({ className: 'GPMotion', methodName: sensor.start, params });
          started = starting;
          starting.then(
            () => {
              // Every watcher gave up while it started: nobody waits for the stop, whose failure is no one's to hear.
              if (!count && started === starting) stopSensor().catch(() => {});
            },
            () => {
              if (started === starting) started = undefined;
            },
          );
        }
        await waitFor(started, { className: 'GPMotion', methodName: sensor.start, ...callOptions });
      } catch (error) {
        off();
        count--;
        throw error;
      }
      let stopped = false;
      // The sensor keeps running while another watcher still listens.
      return async () => {
        if (stopped) return;
        stopped = true;
        off();
        count--;
        if (!count) await stopSensor();
      };
    };
  };

  const methods = {} as Record<keyof typeof SENSORS, ReturnType<typeof watch>>;
  for (const name of Object.keys(SENSORS) as (keyof typeof SENSORS)[]) methods[name] = watch(SENSORS[name]);
  return methods;
}
