// `seed`: the same codes (their random part), tokens, callbackIds, coordinates and readings, with or without latency,
// and again after reset(); pinned for seed 42 so that a release does not silently change a user's fixtures.
import { describe, expect, it, vi } from 'vitest';
import type { MockBridge } from '../../src/mock/index';
import { createRandom } from '../../src/shared/random';
import { raw, useMocks } from './helpers';

const mock = useMocks();
const CONSENT = { location: true, system: true, bank_account: true, camera: true };

/** Every kind of seeded draw the mock makes: codes, a token, a callbackId, a location and five compass readings. */
const sample = async (bridge: MockBridge) => {
  const answer = async (method: string, params?: Record<string, unknown>) => {
    const reply = raw(bridge, method, params);
    await vi.advanceTimersByTimeAsync(300);
    return (await reply)[1];
  };
  const code = async () => ((await answer('GPMiniAppAuth.getAuthCode')).data as { authCode: string }).authCode.slice(0, 40);
  const codes = [await code(), await code()];
  const token = ((await answer('GP.getBankAccountToken')).data as { token: string }).token;
  const callbackId = (await answer('GPCamera.takePhoto', { mode: 'photo' })).callbackId;
  const { coords } = (await answer('GPLocation.getLocation')).data as { coords: { latitude: number; longitude: number } };
  const readings: unknown[] = [];
  const listener = (event: Event) => readings.push((event as CustomEvent).detail.direction);
  document.addEventListener('GPMotion.Event.compass', listener);
  await answer('GPMotion.startCompass', { interval: 'game' });
  await vi.advanceTimersByTimeAsync(100);
  await answer('GPMotion.stopCompass');
  document.removeEventListener('GPMotion.Event.compass', listener);
  return { codes, token, callbackId, coords: [coords.latitude, coords.longitude], readings: readings.slice(0, 5) };
};

describe('seed', () => {
  it('reset() replays the sequence of a fresh mock with the same seed', async () => {
    vi.useFakeTimers();
    const fresh = await sample(mock({ seed: 11, consent: CONSENT }));
    expect(fresh.readings).toHaveLength(5);
    const used = mock({ seed: 11, consent: CONSENT });
    await sample(used);
    used.reset();
    expect(await sample(used)).toEqual(fresh);
  });

  it('gives the same sequence with or without latency; another seed differs', async () => {
    vi.useFakeTimers();
    const plain = await sample(mock({ seed: 21, consent: CONSENT }));
    expect(await sample(mock({ seed: 21, consent: CONSENT, latency: [10, 250] }))).toEqual(plain);
    expect(await sample(mock({ seed: 21, consent: CONSENT, latency: 120 }))).toEqual(plain);
    expect(await sample(mock({ seed: 22, consent: CONSENT, latency: [10, 250] }))).not.toEqual(plain);
  });

  it('callbackIds come from a stream of their own: taking photos does not shift the codes', async () => {
    vi.useFakeTimers();
    const code = async (bridge: MockBridge) => ((await raw(bridge, 'GPMiniAppAuth.getAuthCode'))[1].data as { authCode: string }).authCode;
    const quiet = mock({ seed: 3 });
    const busy = mock({ seed: 3, consent: { camera: true } });
    await raw(busy, 'GPCamera.takePhoto', { mode: 'photo' });
    await raw(busy, 'GPAnalytics.trackEvent', { eventName: 'e', metaData: { a: 1 } });
    expect(await code(busy)).toBe(await code(quiet));
  });

  it('without a seed, two mocks answer different codes and callbackIds', async () => {
    const a = mock({ consent: { camera: true } });
    const b = mock({ consent: { camera: true } });
    expect((await raw(a, 'GPMiniAppAuth.getAuthCode'))[1].data).not.toEqual((await raw(b, 'GPMiniAppAuth.getAuthCode'))[1].data);
    expect((await raw(a, 'GPCamera.takePhoto', { mode: 'photo' }))[1].callbackId).not.toBe(
      (await raw(b, 'GPCamera.takePhoto', { mode: 'photo' }))[1].callbackId,
    );
  });

  it('createRandom is mulberry32: the published first values for seeds 0, 1 and 42', () => {
    const first = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.next(), random.next()];
    };
    expect(first(0)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(first(1)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(first(42)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('seed 42 replays the same codes, ids, coordinates and readings from one release to the next', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const bridge = mock({ seed: 42, consent: CONSENT });
    const answer = async (method: string, params: Record<string, unknown> = {}) => {
      const reply = raw(bridge, method, params);
      await vi.advanceTimersByTimeAsync(0);
      return (await reply)[1];
    };
    const data = async (method: string) => (await answer(method)).data as Record<string, unknown>;
    expect((await data('GPMiniAppAuth.getAuthCode')).authCode).toBe(PINNED.authCode);
    expect((await data('GPLocation.getLocation')).coords).toEqual(PINNED.coords);
    expect((await data('GPSystem.getSystemInfo')).uuid).toBe(PINNED.uuid);
    expect((await data('GP.getBankAccountToken')).token).toBe(PINNED.token);
    expect((await answer('GPCamera.takePhoto', { mode: 'photo' })).callbackId).toBe(PINNED.callbackId);
    const events: Record<string, unknown[]> = {};
    const listeners = ['GPMotion.Event.compass', 'GPMotion.Event.accelerometer', 'motion.gyro', 'motion.shake'].map((name) => {
      events[name] = [];
      const listener = (event: Event) => events[name]!.push((event as CustomEvent).detail);
      document.addEventListener(name, listener);
      return () => document.removeEventListener(name, listener);
    });
    await answer('GPMotion.startCompass', { interval: 'normal' });
    await answer('GPMotion.startAccelerometer', { interval: 'normal' });
    await answer('GPMotion.listenGyro', { on: true });
    await answer('GPMotion.listeningShake', { on: true, frequency: 300 });
    await vi.advanceTimersByTimeAsync(600);
    listeners.forEach((off) => off());
    expect(events).toEqual(PINNED.events);
  });
});

// Seed 42 at time 0. The code's first 40 characters are those of the releases before the verifiable format.
const PINNED = {
  authCode: 'b0pKgQm1dP2uTMfqlAdzDkBQDLwgBK0eyTbCDikP00000000000cezsgy09kbgsy',
  coords: { latitude: -6.205886, longitude: 106.83979, time: 0 },
  uuid: '4bd83441aabe1f6f210579e1be4b28d1',
  token: 'mock-9i4ajUkUtSb0r93ahSGrTw4F',
  callbackId: 'zv0o0BNXBanX7aoF',
  events: {
    'GPMotion.Event.compass': [
      { direction: 216.2, timestamp: 200 },
      { direction: 213.9, timestamp: 400 },
      { direction: 216.8, timestamp: 600 },
    ],
    'GPMotion.Event.accelerometer': [
      { x: 0.032, y: -0.037, z: 9.857 },
      { x: 0.013, y: 0.039, z: 9.793 },
      { x: -0.013, y: -0.049, z: 9.834 },
    ],
    'motion.gyro': [
      { x: -0.032, y: 0.021, z: 0.02 },
      { x: 0.029, y: -0.011, z: -0.037 },
      { x: 0.014, y: 0.038, z: 0.041 },
    ],
    'motion.shake': [
      { x: -15.303, y: -17.237, z: 9.794 },
      { x: -16.831, y: -13.472, z: 9.765 },
    ],
  },
};
