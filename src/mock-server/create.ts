// createMockGoPayServer: GoPay's backend (Mini App APIs and Midtrans's BI-SNAP payments) in memory, as one web
// handler, with controls for tests. Development only: it keeps nothing and trusts the machine it runs on.
import { createRandom } from '../shared/random';
import { checkInteger, checkPath } from '../shared/checks';
import { importPrivateKey } from '../shared/snap-crypto';
import { createAuthCodes } from './auth-codes';
import { boundedLog } from './bounded';
import { systemClock, type Clock } from './clock';
import { DEV_NOTIFICATION_PRIVATE_KEY, DEV_NOTIFICATION_PUBLIC_KEY } from './dev-merchant';
import type { Fault } from './faults';
import { createHandler } from './handler';
import { listenOnce } from './listen';
import { resolveMerchant } from './merchant';
import { notificationHeaders } from './notification-body';
import { createNotifier } from './notifier';
import { readNotifyUrl, readOptions, readSignArguments } from './options';
import { completePayment } from './outcomes';
import { createPaymentStore } from './store';
import type { MockGoPayServer, MockGoPayServerOptions, MockNotification, MockNotificationAttempt, MockServerRequest } from './types';

/** What tests and the CLI may change beyond the public options. */
export interface MockServerHooks {
  /** The mock's time: a clock moved by hand makes a 15-minute expiry instant. */
  clock?: Clock;
  /** How notifications are sent (default: the global fetch). */
  fetch?: typeof fetch;
  /** Told of every notification attempt as it ends. */
  onNotificationAttempt?: (notification: MockNotification, attempt: MockNotificationAttempt) => void;
}

/**
 * Starts a mock of GoPay's backend for local development and tests: the Mini App APIs, Midtrans's SNAP access
 * token, host-to-host payment, status, refund and cancel, expiry, and signed payment notifications to `notifyUrl`.
 * @example
 * const mock = await createMockGoPayServer({ notifyUrl: 'http://localhost:3000/v1.0/debit/notify' });
 * const baseUrl = await mock.listen(8787);
 * const gopay = createGoPayServer({ credentials: mock.merchant.credentials, baseUrl });
 */
export async function createMockGoPayServer(options: MockGoPayServerOptions = {}): Promise<MockGoPayServer> {
  return createMockServer(options, {});
}

export async function createMockServer(options: MockGoPayServerOptions, hooks: MockServerHooks): Promise<MockGoPayServer> {
  const settings = readOptions(options);
  const clock = hooks.clock ?? systemClock;
  const [{ merchant, publicKey: merchantPublicKey }, notificationKey] = await Promise.all([
    resolveMerchant(settings.merchant),
    importPrivateKey(DEV_NOTIFICATION_PRIVATE_KEY, 'the notification key'),
  ]);

  const nextSeed = (salt: number) => (settings.seed === undefined ? undefined : settings.seed ^ salt);
  let random = createRandom(nextSeed(0x5f3759df));
  let delays = createRandom(nextSeed(0x9e3779b9));
  const currentRandom = () => random;
  const requests = boundedLog<MockServerRequest>(settings.maxRequests);
  const notifications = boundedLog<MockNotification>(settings.maxRequests);
  const faults = new Map<string, Fault>();
  let notifyUrl = settings.notifyUrl;

  const notifier = createNotifier({
    clock,
    notifyUrl: () => notifyUrl,
    privateKey: notificationKey,
    partnerId: merchant.partnerId,
    merchantId: merchant.merchantId,
    random: currentRandom,
    attempts: settings.notifyAttempts,
    delay: settings.notifyDelay,
    log: notifications,
    fetch: hooks.fetch ?? ((input, init) => fetch(input, init)),
    onAttempt: hooks.onNotificationAttempt,
  });
  const store = createPaymentStore(clock, (payment) => notifier.send(payment));
  const miniApp = {
    credentials: merchant.credentials,
    authCodes: createAuthCodes(settings.authCodeTtl, currentRandom),
    random: currentRandom,
    tokens: new Map<string, string>(),
    reminders: new Set<string>(),
    answered: new Map(),
    maxAnswers: settings.maxRequests,
  };
  const snap = {
    auth: { merchant, merchantPublicKey, random: currentRandom, accessTokens: new Map<string, number>() },
    payments: { merchantId: merchant.merchantId, paymentTtl: settings.paymentTtl, random: currentRandom, store },
    externalIds: { answers: new Map(), max: settings.maxRequests },
  };
  const handle = createHandler({
    clock,
    faults,
    requests,
    latency: settings.latency,
    delays: () => delays,
    miniApp,
    snap,
    about: () => ({ name: 'gopay-miniapp-kit mock GoPay server', merchantId: merchant.merchantId, notifyUrl: notifyUrl ?? null }),
  });
  const server = listenOnce(handle, () => {
    notifier.cancelAll();
    store.stop();
  });

  return {
    fetch: handle,
    listen: server.listen,
    close: server.close,
    get url() {
      return server.url();
    },
    get notifyUrl() {
      return notifyUrl;
    },
    set notifyUrl(value: string | undefined) {
      notifyUrl = readNotifyUrl(value, 'mock.notifyUrl');
    },
    merchant,
    notificationPublicKey: DEV_NOTIFICATION_PUBLIC_KEY,
    get requests() {
      return requests.toArray();
    },
    get notifications() {
      return notifications.toArray();
    },
    payments: store.payments,
    fail(path, status, body, times = Infinity) {
      checkPath(path, 'mock.fail(path)');
      checkInteger(status, 'mock.fail(path, status)', 100, 599);
      if (times !== Infinity) checkInteger(times, 'mock.fail(path, status, body, times)', 1);
      faults.set(path, { status, body, remaining: times });
    },
    reset() {
      notifier.cancelAll();
      requests.clear();
      notifications.clear();
      store.clear();
      faults.clear();
      snap.externalIds.answers.clear();
      miniApp.authCodes.reset();
      miniApp.tokens.clear();
      miniApp.reminders.clear();
      miniApp.answered.clear();
      snap.auth.accessTokens.clear();
      random = createRandom(nextSeed(0x5f3759df));
      delays = createRandom(nextSeed(0x9e3779b9));
    },
    completePayment: (referenceNo, status) => completePayment(store, referenceNo, status, clock.now()),
    async signNotification(payload, signOptions) {
      const { body, path, timestamp } = readSignArguments(payload, signOptions, clock.now());
      return notificationHeaders(body, {
        key: notificationKey,
        partnerId: merchant.partnerId,
        externalId: random.token(20, '0123456789'),
        path,
        timestamp,
      });
    },
  };
}
