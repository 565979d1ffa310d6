// The built mock entries, and the mock GoPay server files' fixture: one mock (dist/mock-server.mjs) on a port, whose notifications go to a
// notify inbox (a stand-in that acknowledges them), and the clients and requests the tests make against it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { dist, hmac512, importWatched, jakarta, S, sha256hex } from './helpers';
import { createStandIn, type Seen } from './stand-in';

/** dist/mock-server.mjs, loaded while watching for any use of `window`. */
export const M: any = await importWatched('mock-server.mjs');
/** dist/mock.mjs (the mock bridge: auth codes, the payment sheet) */
export const bridgeMock: any = await import(/* @vite-ignore */ dist('mock.mjs'));

/** A 64-letters-and-digits auth code straight from the mock bridge, the way a page would get it. */
export const bridgeAuthCode = (options: Record<string, unknown> = {}): Promise<string> =>
  new Promise((resolvePromise, reject) => {
    const m = bridgeMock.createMockBridge({ latency: 0, ...options });
    m.call(
      'GPMiniAppAuth',
      'getAuthCode',
      {},
      (env: any) => {
        const e = typeof env === 'string' ? JSON.parse(env) : env;
        resolvePromise(e?.data?.authCode);
      },
      (env: unknown) => reject(new Error(`mock bridge refused: ${JSON.stringify(env)}`)),
      10_000,
    );
  });

export const NOTIFY_PATH = '/api/gopay/v1.0/debit/notify';

/**
 * Starts a notify inbox and a mock whose notifyUrl is the inbox (…/api/gopay/v1.0/debit/notify) before this file's
 * tests, and closes both after the last. `ctx.mock` and `ctx.url` are set once the mock listens. `options` go to
 * createMockGoPayServer as well (e.g. notifyRetry).
 */
export const useMockServer = (options: Record<string, unknown> = {}) => {
  const ctx = { mock: undefined as any, url: '' };
  const notify = createStandIn();
  const ackAll = () => notify.reset([], () => ({ status: 200, body: S.NOTIFICATION_ACK }));

  beforeAll(async () => {
    await notify.start();
    ackAll();
    ctx.mock = await M.createMockGoPayServer({ ...options, notifyUrl: `${notify.state.url}${NOTIFY_PATH}` });
    ctx.url = await ctx.mock.listen(0);
  }, 30_000);

  afterAll(async () => {
    await ctx.mock?.close?.();
    await notify.stop();
  });

  const base = () => ctx.url.replace(/\/$/, '');
  const client = () => S.createGoPayServer({ credentials: ctx.mock.merchant.credentials, baseUrl: ctx.url });
  const snapClient = (extra: Record<string, unknown> = {}, m = ctx.mock, u = ctx.url) =>
    S.createSnapClient({
      clientId: m.merchant.clientId,
      partnerId: m.merchant.partnerId,
      clientSecret: m.merchant.clientSecret,
      privateKey: m.merchant.privateKey,
      merchantId: m.merchant.merchantId,
      baseUrl: u,
      ...extra,
    });
  const mockPayment = (value = '10000.00', m = ctx.mock) => ({
    partnerReferenceNo: `INV-${randomBytes(5).toString('hex')}`,
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value, currency: 'IDR' } }],
    urlParam: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' }],
    additionalInfo: { pointOfPurchaseId: m.merchant.pointOfPurchaseId },
  });
  /** A SNAP request signed here with node:crypto, bypassing the client's own checks. */
  const snapRaw = async (
    path: string,
    body: unknown,
    o: { token?: string | null; partnerId?: string; timestamp?: string; secret?: string; externalId?: string } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const token = o.token === undefined ? await snapClient().accessToken() : o.token;
    const ts = o.timestamp ?? jakarta();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-timestamp': ts,
      'x-partner-id': o.partnerId ?? ctx.mock.merchant.partnerId,
      'x-external-id': o.externalId ?? randomBytes(8).toString('hex'),
      'channel-id': '95221',
      'x-signature': hmac512(o.secret ?? ctx.mock.merchant.clientSecret, `POST:${path}:${token ?? ''}:${sha256hex(raw)}:${ts}`),
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${base()}${path}`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: json };
  };
  const rawPaymentBody = () => ({ ...mockPayment(), merchantId: ctx.mock.merchant.merchantId, chargeToken: '' });
  const notesFor = (ref: string, n = notify) => n.state.seen.filter((s) => s.body.includes(ref));
  const statusesFor = (ref: string) => {
    const out: string[] = [];
    for (const s of notesFor(ref)) {
      const st = JSON.parse(s.body).latestTransactionStatus;
      if (out[out.length - 1] !== st) out.push(st);
    }
    return out;
  };
  const statusOf = async (ref: string, m = ctx.mock, u = ctx.url) =>
    (await snapClient({}, m, u).getPaymentStatus({ originalReferenceNo: ref })).latestTransactionStatus;
  const verifyNote = (n: Seen) =>
    S.verifyNotification(
      { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: n.body },
      { publicKey: ctx.mock.notificationPublicKey },
    );

  return {
    ctx,
    notify,
    ackAll,
    base,
    client,
    snapClient,
    mockPayment,
    snapRaw,
    rawPaymentBody,
    notesFor,
    statusesFor,
    statusOf,
    verifyNote,
  };
};
