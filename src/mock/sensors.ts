// GPMotion: sensors that report through document events until stopped, and vibrate.
import { tryBrowser } from './browser-apis';
import type { Handler, Handlers, MockContext, Params } from './context';
import { fail, failure, ok, success, successBeside } from './envelopes';
import { isNumber, isPositive, wrong } from './params';

// GoPay's named intervals, in ms.
const INTERVALS: Record<string, number> = { game: 20, ui: 60, normal: 200 };
const GYRO_EVERY = INTERVALS.normal!;
// How often a phone on the mock "is shaken" when the app asks for no frequency.
const SHAKE_EVERY = 2000;

function round(value: number) {
  return Number(value.toFixed(3));
}

export function createSensors(ctx: MockContext) {
  const running = new Map<string, ReturnType<typeof setInterval>>();
  let direction = 0;

  const stop = (event: string) => {
    clearInterval(running.get(event));
    running.delete(event);
  };
  const start = (event: string, every: number, reading: () => unknown) => {
    stop(event);
    running.set(
      event,
      setInterval(() => ctx.dispatch(event, reading()), every),
    );
  };
  const stopAll = () => {
    for (const event of Array.from(running.keys())) stop(event);
  };

  // Plausible readings: a compass that drifts, a phone lying still with a little noise, shaken now and then.
  const noise = () => round(ctx.random().between(-0.05, 0.05));
  const compass = () => {
    direction = (direction + ctx.random().between(-4, 4) + 360) % 360;
    return { direction: Number(direction.toFixed(1)), timestamp: Date.now() };
  };
  const accelerometer = () => ({ x: noise(), y: noise(), z: round(9.81 + noise()) });
  const gyro = () => ({ x: noise(), y: noise(), z: noise() });
  /** A jolt of 12 to 20 m/s² either way, the kind a shake detector fires on. */
  const jolt = () => {
    const sign = ctx.random().next() < 0.5 ? -1 : 1;
    return round(sign * ctx.random().between(12, 20));
  };
  const shake = () => ({ x: jolt(), y: jolt(), z: round(9.81 + noise()) });

  const started = (name: string) => ok(successBeside({ msg: `${name}_STARTED` }));
  const stopped = (name: string) => ok(successBeside({ msg: `${name}_STOPPED` }));

  /** A start/stop pair with GoPay's named intervals (compass, accelerometer). */
  const interval = (event: string, name: string, reading: () => unknown): [Handler, Handler] => [
    (params) => {
      const every = params.interval === undefined ? INTERVALS.normal : INTERVALS[String(params.interval)];
      if (!every) return fail(failure(201, 'interval must be game, ui or normal'));
      start(event, every, reading);
      return started(name);
    },
    () => {
      stop(event);
      return stopped(name);
    },
  ];

  /** One method with `on: boolean` (gyroscope, shake), with an optional frequency in ms. */
  const toggle =
    (
      event: string,
      name: string,
      every: number,
      reading: () => unknown,
      check: (params: Params) => string | undefined = () => undefined,
    ): Handler =>
    (params) => {
      if (typeof params.on !== 'boolean') return fail(failure(201, 'on must be a boolean'));
      const problem = wrong(params.frequency, isPositive) ? 'frequency must be a positive number of ms' : check(params);
      if (problem) return fail(failure(201, problem));
      if (!params.on) {
        stop(event);
        return stopped(name);
      }
      start(event, (params.frequency as number | undefined) ?? every, reading);
      return started(name);
    };

  const shakeParams = (params: Params) => {
    if (wrong(params.shakeThreshold, isPositive)) return 'shakeThreshold must be a positive number';
    if (wrong(params.shakeNum, (value) => isPositive(value) && Number.isInteger(value))) return 'shakeNum must be a positive integer';
    return undefined;
  };

  const [startCompass, stopCompass] = interval('GPMotion.Event.compass', 'COMPASS', compass);
  const [startAccelerometer, stopAccelerometer] = interval('GPMotion.Event.accelerometer', 'ACCELEROMETER', accelerometer);

  const handlers: Handlers = {
    'GPMotion.startCompass': startCompass,
    'GPMotion.stopCompass': stopCompass,
    'GPMotion.startAccelerometer': startAccelerometer,
    'GPMotion.stopAccelerometer': stopAccelerometer,
    'GPMotion.listenGyro': toggle('motion.gyro', 'GYROSCOPE', GYRO_EVERY, gyro),
    'GPMotion.listeningShake': toggle('motion.shake', 'SHAKE', SHAKE_EVERY, shake, shakeParams),
    'GPMotion.vibrate': (params) => {
      if (!isNumber(params.duration, 0)) return fail(failure(201, 'duration must be a number of ms'));
      const duration = params.duration;
      if (ctx.options.browserApis) void tryBrowser(() => navigator.vibrate(duration));
      return ok(success());
    },
  };

  return {
    handlers,
    stopAll,
    /** Stops every sensor and points the compass somewhere new: the first draw of a fresh seeded stream. */
    restart() {
      stopAll();
      direction = ctx.random().between(0, 360);
    },
  };
}
