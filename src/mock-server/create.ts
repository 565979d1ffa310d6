// createMockGoPayServer: GoPay's backend (Mini App APIs and Midtrans's BI-SNAP payments) in memory, as one web
// handler, with controls for tests. Development only: it keeps nothing and trusts the machine it runs on.
import { createRandom, type Random } from '../mock/random';
import { generateRsaKeyPair, importPrivateKey, importPublicKey } from '../server/crypto';
import { createAuthCodes } from './auth-codes';
import { idempotent, type ExternalIds } from './external-ids';
import { corsHeaders, headersToRecord, isLocalOrigin, json, parseJson, withHeaders, type Incoming } from './http';
import { listenOnce } from './listen';
import { handleMiniApp, type MiniAppState } from './mini-app';
import { createNotifier } from './notifier';
import { readOptions } from './options';
import {
  completePayment,
  handleHostToHost,
  handleReport,
  handleStatus,
  HOST_TO_HOST_PATH,
  STATUS_PATH,
  type PaymentState,
} from './payments';
import { faultResponse, findFault, type Fault } from './faults';
import { ACCESS_TOKEN_PATH, checkTransactional, handleAccessToken, type SnapAuthState } from './snap-auth';
import type { MockGoPayServer, MockGoPayServerOptions, MockMerchant, MockNotification, MockPayment, MockServerRequest } from './types';

const uuid = (random: Random) => {
  const hex = random.token(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

/**
 * Starts a mock of GoPay's backend for local development and tests: the Mini App APIs, Midtrans's SNAP access
 * token, host-to-host payment and status, and signed payment notifications to `notifyUrl`.
 * @example
 * const mock = await createMockGoPayServer({ notifyUrl: 'http://localhost:3000/v1.0/debit/notify' });
 * const baseUrl = await mock.listen(8787);
 * const gopay = createGoPayServer({ credentials: mock.merchant.credentials, baseUrl });
 */
export const createMockGoPayServer = async (options: MockGoPayServerOptions = {}): Promise<MockGoPayServer> => {
  const settings = readOptions(options);
  // Credentials draw from a stream of their own, so that reset() replays the ids and codes without new credentials.
  const ids = createRandom(settings.seed);
  const [merchantKeys, notificationKeys] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
  const merchant: MockMerchant = Object.freeze({
    credentials: btoa(`mock-merchant-${ids.token(8)}:${ids.token(32)}`),
    clientId: uuid(ids),
    clientSecret: ids.token(48),
    privateKey: merchantKeys.privateKey,
    merchantId: `G${ids.token(9, '0123456789')}`,
  });
  const [merchantPublicKey, notificationPrivateKey] = await Promise.all([
    importPublicKey(merchantKeys.publicKey),
    importPrivateKey(notificationKeys.privateKey),
  ]);

  const nextSeed = (salt: number) => (settings.seed === undefined ? undefined : settings.seed ^ salt);
  let random = createRandom(nextSeed(0x5f3759df));
  let delays = createRandom(nextSeed(0x9e3779b9));
  const currentRandom = () => random;
  const requests: MockServerRequest[] = [];
  const notifications: MockNotification[] = [];
  const payments = new Map<string, MockPayment>();
  const faults = new Map<string, Fault>();
  const externalIds: ExternalIds = new Map();
  let notifyUrl = settings.notifyUrl;

  const miniApp: MiniAppState = {
    credentials: merchant.credentials,
    authCodes: createAuthCodes(settings.authCodeTtl, currentRandom),
    random: currentRandom,
    tokens: new Map(),
    reminders: new Set(),
    answered: new Map(),
  };
  const snap: SnapAuthState = {
    clientId: merchant.clientId,
    clientSecret: merchant.clientSecret,
    merchantPublicKey,
    random: currentRandom,
    accessTokens: new Map(),
  };
  const notifier = createNotifier({
    notifyUrl: () => notifyUrl,
    privateKey: notificationPrivateKey,
    partnerId: merchant.clientId,
    merchantId: merchant.merchantId,
    random: currentRandom,
    attempts: settings.notifyAttempts,
    delay: settings.notifyDelay,
    log: notifications,
  });
  const paymentState: PaymentState = { merchantId: merchant.merchantId, random: currentRandom, payments, notifier };

  /** The endpoints the mock bridge calls from the page: CORS for local origins only. */
  const mockEndpoint = (req: Incoming, origin: string | null): Response => {
    if (origin !== null && !isLocalOrigin(origin)) return json(403, { error: `Origin ${origin} is not allowed: only localhost pages` });
    const cors = origin ? corsHeaders(origin) : {};
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    const fault = findFault(faults, req.path);
    const response = fault
      ? faultResponse(fault, req.path)
      : req.method !== 'POST'
        ? json(405, { error: 'Method Not Allowed' })
        : req.path === '/mock/auth-codes'
          ? json(200, miniApp.authCodes.issue(req.now))
          : req.path === '/mock/payments/report'
            ? handleReport(req, paymentState)
            : json(404, { error: 'Not Found' });
    return withHeaders(response, cors);
  };

  /** GoPay's own endpoints: no CORS (a browser must never call them). */
  const gopayEndpoint = async (req: Incoming): Promise<Response> => {
    const fault = findFault(faults, req.path);
    if (fault) return faultResponse(fault, req.path);
    const miniAppAnswer = await handleMiniApp(req, miniApp);
    if (miniAppAnswer) return miniAppAnswer;
    if (req.path === ACCESS_TOKEN_PATH) return handleAccessToken(req, snap);
    const transactional = req.path === HOST_TO_HOST_PATH ? '54' : req.path === STATUS_PATH ? '55' : undefined;
    if (transactional) {
      if (req.method !== 'POST') return json(405, { responseCode: `405${transactional}00`, responseMessage: 'Method Not Allowed' });
      const refused = await checkTransactional(req, snap, transactional);
      if (refused) return refused;
      const run = transactional === '54' ? handleHostToHost : handleStatus;
      return idempotent(externalIds, req, transactional, () => run(req, paymentState));
    }
    if (req.path === '/' && req.method === 'GET') {
      return json(200, { name: 'gopay-miniapp-kit mock GoPay server', merchantId: merchant.merchantId, notifyUrl: notifyUrl ?? null });
    }
    return json(404, { error: 'Not Found' });
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const req: Incoming = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      text,
      body: parseJson(text),
      now: Date.now(),
    };
    const answer = async () => (req.path.startsWith('/mock/') ? mockEndpoint(req, request.headers.get('origin')) : gopayEndpoint(req));
    const response = await answer().catch((error: Error) =>
      json(500, { error: `The mock GoPay server failed: ${String(error?.message ?? error)}` }),
    );
    const delay = Array.isArray(settings.latency) ? delays.between(settings.latency[0], settings.latency[1]) : settings.latency;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    requests.push({
      method: req.method,
      path: req.path,
      headers: headersToRecord(request.headers),
      body: text,
      status: response.status,
      at: req.now,
    });
    return response;
  };

  const server = listenOnce(handle, () => notifier.cancelAll());

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
      notifyUrl = readOptions({ notifyUrl: value }).notifyUrl;
    },
    merchant,
    notificationPublicKey: notificationKeys.publicKey,
    requests,
    notifications,
    payments,
    fail(path, status, body, times = Infinity) {
      if (!/^\//.test(path) || !Number.isInteger(status) || status < 100 || status > 599) {
        throw new TypeError('fail(path, status): path starts with "/", status is an HTTP status (100–599).');
      }
      faults.set(path, { status, body, remaining: times });
    },
    reset() {
      notifier.cancelAll();
      requests.length = 0;
      notifications.length = 0;
      payments.clear();
      faults.clear();
      externalIds.clear();
      miniApp.authCodes.reset();
      miniApp.tokens.clear();
      miniApp.reminders.clear();
      miniApp.answered.clear();
      snap.accessTokens.clear();
      random = createRandom(nextSeed(0x5f3759df));
      delays = createRandom(nextSeed(0x9e3779b9));
    },
    completePayment: (referenceNo, status) => completePayment(paymentState, referenceNo, status),
  };
};
