// The demo's merchant backend, written as the README's recipes: it holds the GoPay credential and the SNAP keys
// (never the browser), exchanges the auth code, creates payments, and learns the real outcome of a payment from
// GoPay's signed notification. Here GoPay is the mock GoPay server; in production only baseUrl changes.
import { randomUUID } from 'node:crypto';
import { createGoPayServer, createSnapClient, isGoPayError, NOTIFICATION_ACK, verifyNotification } from '../dist/server.mjs';

const STATUS_NAMES = {
  '00': 'paid',
  '03': 'pending',
  '04': 'refunded',
  '05': 'cancelled',
  '06': 'failed',
  '08': 'expired',
  '09': 'rejected',
};

/**
 * The backend's routes, as a function of (method, path, body, request) → { status, body, headers? } | undefined.
 * `timeline(hop)` receives each hop the backend sees, for the page's timeline.
 */
export const createBackend = ({ gopayBaseUrl, merchant, notificationPublicKey, timeline }) => {
  // Every request to GoPay goes through this fetch, so that the page can show it as a hop.
  const tracedFetch = async (input, init = {}) => {
    const started = performance.now();
    const url = new URL(typeof input == 'string' ? input : input.url);
    const method = init.method ?? 'GET';
    try {
      const response = await fetch(input, init);
      const ms = Math.round(performance.now() - started);
      timeline({ from: 'backend', to: 'gopay', label: `${method} ${url.pathname}`, status: response.status, ms, ok: response.ok });
      return response;
    } catch (error) {
      timeline({ from: 'backend', to: 'gopay', label: `${method} ${url.pathname}`, status: 0, ok: false, detail: String(error.message) });
      throw error;
    }
  };
  const gopay = createGoPayServer({ credentials: merchant.credentials, baseUrl: gopayBaseUrl, fetch: tracedFetch });
  const snap = createSnapClient({
    clientId: merchant.clientId,
    clientSecret: merchant.clientSecret,
    privateKey: merchant.privateKey,
    merchantId: merchant.merchantId,
    baseUrl: gopayBaseUrl,
    fetch: tracedFetch,
  });

  const sessions = new Map(); // session id → { name, gopayAccountId, authToken }
  const orders = new Map(); // order id (partnerReferenceNo) → order

  const sessionOf = (request) => {
    const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.cookie ?? '')?.[1];
    return sid ? sessions.get(sid) : undefined;
  };

  /** POST /api/login { auth_code }: code → token → profile → a session cookie. */
  const login = async (body) => {
    if (typeof body?.auth_code != 'string' || !body.auth_code) return { status: 400, body: { error: 'auth_code is required' } };
    try {
      const { auth_token: authToken, gopay_account_id: gopayAccountId } = await gopay.getAuthToken(body.auth_code);
      const { name } = await gopay.getProfile(authToken);
      const sid = randomUUID();
      sessions.set(sid, { name, gopayAccountId, authToken });
      return {
        status: 200,
        body: { name, gopay_account_id: gopayAccountId },
        headers: { 'set-cookie': `sid=${sid}; HttpOnly; SameSite=Lax; Path=/` },
      };
    } catch (error) {
      // GoPay does not know the code (expired, or used): 401 with words that the browser's withAuthCode recognises,
      // so that it retries once with a fresh code.
      if (isGoPayError(error, 'AUTH_CODE_EXPIRED')) return { status: 401, body: { error: 'AuthCode expired or not found: get a new one' } };
      throw error;
    }
  };

  /** POST /api/payments: a BI-SNAP host-to-host payment; the page gets the deeplink for launchPayment. */
  const pay = async (request) => {
    if (!sessionOf(request)) return { status: 401, body: { error: 'Log in first' } };
    const orderId = `order-${randomUUID().slice(0, 8)}`;
    const amount = { value: '25000.00', currency: 'IDR' };
    const payment = await snap.createPayment({ partnerReferenceNo: orderId, amount, additionalInfo: { paymentType: 'GOPAY' } });
    orders.set(orderId, { orderId, referenceNo: payment.referenceNo, amount, status: 'awaiting-payment', latestTransactionStatus: '03' });
    return { status: 200, body: { orderId, referenceNo: payment.referenceNo, deeplink: payment.deeplink } };
  };

  /** POST /v1.0/debit/notify: GoPay's signed notification; the only source of truth for "paid". */
  const notify = async (request, text) => {
    let notification;
    try {
      notification = await verifyNotification(
        { method: request.method, url: request.url, headers: request.headers, body: text },
        { publicKey: notificationPublicKey },
      );
    } catch (error) {
      timeline({ from: 'gopay', to: 'backend', label: 'POST /v1.0/debit/notify', status: 401, ok: false, detail: error.message });
      return { status: 401, body: { responseCode: '4015600', responseMessage: 'Unauthorized. Invalid Signature' } };
    }
    const order = orders.get(notification.originalPartnerReferenceNo);
    const status = STATUS_NAMES[notification.latestTransactionStatus] ?? `status ${notification.latestTransactionStatus}`;
    timeline({
      from: 'gopay',
      to: 'backend',
      label: 'POST /v1.0/debit/notify',
      status: 200,
      ok: true,
      detail: `signature verified · latestTransactionStatus ${notification.latestTransactionStatus} (${status})`,
    });
    // Deduplicate by reference and status: GoPay retries until it gets the ACK.
    if (order && order.latestTransactionStatus !== notification.latestTransactionStatus) {
      Object.assign(order, { status, latestTransactionStatus: notification.latestTransactionStatus, confirmedAt: Date.now() });
      timeline({ from: 'backend', to: 'page', label: `order ${order.orderId}: ${status}`, ok: status === 'paid', order: { ...order } });
    }
    return { status: 200, body: NOTIFICATION_ACK };
  };

  /** GET /api/orders/:id: what the backend knows (from notifications), for the page to poll. */
  const order = (request, orderId) => {
    const found = orders.get(orderId);
    if (!found || !sessionOf(request)) return { status: 404, body: { error: 'No such order' } };
    return { status: 200, body: found };
  };

  return async (method, path, request, text) => {
    const parse = () => (text ? JSON.parse(text) : {});
    if (method === 'POST' && path === '/api/login') return login(parse());
    if (method === 'POST' && path === '/api/payments') return pay(request);
    if (method === 'POST' && path === '/v1.0/debit/notify') return notify(request, text);
    if (method === 'GET' && path.startsWith('/api/orders/')) return order(request, decodeURIComponent(path.slice(12)));
    return undefined;
  };
};
