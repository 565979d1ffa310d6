// Compiled by `tsc -p test/types` in `npm test`: correct uses compile, each @ts-expect-error line must fail to.
import {
  createGoPay,
  GoPayBridgeError,
  GoPayTimeoutError,
  GoPayValidationError,
  isGoPayError,
  toPaymentDeeplink,
  type AuthCode,
  type ConsentResult,
  type GoPayErrorCode,
  type GpContainer,
  type PaymentResult,
  type GoPayEvents,
  type SettleEvent,
  type UnavailableReason,
} from '../../src/core/index';
import { createMockBridge, type MockBridge } from '../../src/mock/index';

const expectType = <T>(_value: T) => {};
declare const gp: ReturnType<typeof createGoPay>;

export async function correctUses() {
  const bridge: GpContainer = createMockBridge({ scenario: 'slow', latency: [10, 20], consent: { location: true } });
  createGoPay({ bridge, timeout: false, debug: (entry) => expectType<boolean>(entry.ok) });

  expectType<AuthCode>(await gp.getAuthCode());
  expectType<string>((await gp.getAuthCode()).code);
  expectType<number>((await gp.getAuthCode()).expiresAt);
  expectType<number>(await gp.withAuthCode(async (code: string) => code.length));
  expectType<number>((await gp.getLocation({ enable_high_accuracy: true })).coords.latitude);
  expectType<ConsentResult>(await gp.getConsent('location'));
  expectType<boolean>((await gp.getConsent('anything')).granted);
  expectType<PaymentResult>(await gp.launchPayment(toPaymentDeeplink('https://x/y?z=1')));
  expectType<string>(await gp.getLocale());
  expectType<string | undefined>((await gp.takePhoto({ mode: 'photo' })).base64Data);
  expectType<void>(await gp.vibrate(10, { timeout: 500, signal: new AbortController().signal }));
  const stop = await gp.watchCompass((reading) => expectType<number>(reading.direction), { interval: 'game' });
  expectType<Promise<void>>(stop());
  await gp.watchAccelerometer(({ x, y, z }) => expectType<number>(x + y + z));
  const off = gp.on('settle', (event) => expectType<number>(event.ms));
  expectType<() => void>(off);
  gp.on('GPFile.Event.saveFailed', (payload) => expectType<string | undefined>(payload.msg));
  expectType<{ height: number }>(await gp.call<{ height: number }>('GPNavigationBar', 'getHeight'));

  const mock: MockBridge = createMockBridge();
  mock.set('GPBase.getLocale', (params) => ({ app_locale: params.x }));
  mock.fail('GP.launchPayment', 202);
  expectType<string>(mock.calls[0]!.methodName);
}

export function errorNarrowing(e: unknown) {
  if (isGoPayError(e, 'TIMEOUT')) {
    expectType<'TIMEOUT'>(e.code);
    expectType<number>(e.timeout);
  }
  if (isGoPayError(e, 'UNAVAILABLE')) expectType<UnavailableReason>(e.reason);
  if (isGoPayError(e, 'PERMISSION_DENIED')) {
    expectType<GoPayBridgeError>(e);
    expectType<'PERMISSION_DENIED'>(e.code);
  }
  if (isGoPayError(e, 'INVALID_ARGUMENT')) expectType<GoPayValidationError>(e);
  if (isGoPayError(e)) {
    expectType<GoPayErrorCode>(e.code);
    // @ts-expect-error any GoPayError has no timeout until narrowed by its code
    void e.timeout;
  }
  if (isGoPayError(e, 'NETWORK')) {
    // @ts-expect-error a NETWORK error has no reason
    void e.reason;
  }
  if (e instanceof GoPayTimeoutError) {
    expectType<'TIMEOUT'>(e.code);
    expectType<number>(e.timeout);
  }
  if (e instanceof GoPayBridgeError) {
    expectType<string | undefined>(e.bridgeCode);
    // @ts-expect-error a bridge error is never a timeout
    const timeout: 'TIMEOUT' = e.code;
    void timeout;
  }
}

export async function probeAndEvents() {
  expectType<boolean>(await gp.isInGoPay());
  expectType<boolean>(await gp.isInGoPay({ timeout: 500 }));
  // The event map types every listener.
  gp.on('ready', (...args) => expectType<[]>(args));
  gp.on('settle', (event) => expectType<SettleEvent>(event));
  gp.on('call', (event) => expectType<string>(event.className));
  gp.on('motion.gyro', ({ x, y, z }) => expectType<number>(x + y + z));
  gp.on('GPFile.Event.saveSuccess', (payload) => expectType<GoPayEvents['GPFile.Event.saveSuccess'][0]>(payload));
  // The client is not an EventEmitter: nobody outside may emit.
  // @ts-expect-error no emit on the client
  gp.emit('ready');
  // @ts-expect-error no removeAllListeners on the client
  gp.removeAllListeners();
  // @ts-expect-error isInGoPay takes no option besides timeout and signal
  await gp.isInGoPay({ retries: 2 });
  // @ts-expect-error a settle listener gets a SettleEvent, not a string
  gp.on('settle', (event: string) => event);
  // @ts-expect-error ready has no payload
  gp.on('ready', (payload: { x: number }) => payload);
}

export async function wrongUses() {
  // @ts-expect-error no such event
  gp.on('compass', () => {});
  // @ts-expect-error compass readings have no x
  gp.on('GPMotion.Event.compass', (reading) => expectType<number>(reading.x));
  // @ts-expect-error mode is camera or photo
  await gp.takePhoto({ mode: 'video' });
  // @ts-expect-error timeout is a number or false
  await gp.getLocale({ timeout: 'slow' });
  // @ts-expect-error timeout true is not a thing
  createGoPay({ timeout: true });
  // @ts-expect-error no such option
  createGoPay({ timout: 5 });
  // @ts-expect-error launchPayment needs a link
  await gp.launchPayment();
  // @ts-expect-error trackEvent needs metaData
  await gp.trackEvent('e');
  // @ts-expect-error interval is game, ui or normal
  await gp.watchCompass(() => {}, { interval: 'fast' });
  // @ts-expect-error no such error code
  isGoPayError(new Error(), 'NOPE');
  // @ts-expect-error no such scenario
  createMockBridge({ scenario: 'chaos' });
  // @ts-expect-error getAuthCode resolves with an AuthCode, not a string
  expectType<string>(await gp.getAuthCode());
  // @ts-expect-error a payment status is one of the documented four: a typo does not compile
  if ((await gp.launchPayment('gopay://merchanttransfer?x=1')).status === 'succes') return;
}
