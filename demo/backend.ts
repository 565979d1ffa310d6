// The merchant backend of a GoPay Mini App — the recipe of docs/server.md, and what `npm run demo` runs. It holds the
// secrets (GoPay's Basic credential, the SNAP keys), exchanges the auth code, creates payments, and learns how a
// payment ended from GoPay's signed notification (or, when none came, by asking). Web-standard Request → Response:
// mount `handle` in Hono, a Next.js route handler, a Worker, Deno, Bun, or Express (docs/server.md shows each).
// `Store` is your database; `memoryStore()` keeps everything in memory, for the demo and your tests.
import {
  isGoPayError,
  NOTIFICATION_ACK,
  snapTimestamp,
  verifyNotification,
  type GoPayServer,
  type SnapClient,
  type SnapNotification,
  type SnapTransactionStatus,
} from 'gopay-miniapp-kit/server';

/** Where an order is. `pending` is the only state that changes by itself; the others are final, refunds aside. */
export type OrderState = 'pending' | 'paid' | 'partially-refunded' | 'refunded' | 'cancelled' | 'failed' | 'expired' | 'rejected';

export interface Order {
  id: string;
  /** The GoPay account that created it: only its session may see, refund or cancel it. */
  owner: string;
  /** GoPay's id of the payment (createPayment's referenceNo): notifications, status, refund and cancel name it. */
  referenceNo: string;
  amount: string;
  state: OrderState;
  refunded: string;
  refunds: number;
  createdAt: number;
  checkedAt: number;
}

export interface Session {
  username?: string;
  gopayAccountId: string;
  authToken: string;
}

/** Your database. Each method may be async; a write that throws makes the notification endpoint answer 5xx. */
export interface Store {
  getSession(id: string): Promise<Session | undefined>;
  putSession(id: string, session: Session): Promise<void>;
  getOrder(id: string): Promise<Order | undefined>;
  findOrderByReference(referenceNo: string): Promise<Order | undefined>;
  putOrder(order: Order): Promise<void>;
  /**
   * Applies `change` to the order as stored now, and stores the result: in a database, one transaction (or a
   * conditional update), so that a notification and a status check arriving together never overwrite each other.
   */
  updateOrder(id: string, change: (order: Order) => Order): Promise<Order | undefined>;
  /** Whether a notification with this X-EXTERNAL-ID was stored before (Midtrans delivers it again until it gets the ACK). */
  hasNotification(externalId: string): Promise<boolean>;
  /** Records a notification's X-EXTERNAL-ID, once its effect is stored. */
  recordNotification(externalId: string): Promise<void>;
}

/** Everything in memory: the demo's store, and your tests'. */
export function memoryStore(): Store {
  const sessions = new Map<string, Session>();
  const orders = new Map<string, Order>();
  const byReference = new Map<string, string>();
  const notifications = new Set<string>();
  return {
    getSession: async (id) => sessions.get(id),
    putSession: async (id, session) => void sessions.set(id, session),
    getOrder: async (id) => orders.get(id),
    findOrderByReference: async (referenceNo) => orders.get(byReference.get(referenceNo) ?? ''),
    putOrder: async (order) => {
      orders.set(order.id, { ...order });
      byReference.set(order.referenceNo, order.id);
    },
    updateOrder: async (id, change) => {
      const order = orders.get(id);
      if (!order) return undefined;
      const next = change({ ...order });
      orders.set(id, next);
      return next;
    },
    hasNotification: async (externalId) => notifications.has(externalId),
    recordNotification: async (externalId) => void notifications.add(externalId),
  };
}

export interface BackendOptions {
  gopay: GoPayServer;
  snap: SnapClient;
  /** Midtrans's notification public key (PEM), or several while it rotates its key. */
  notificationPublicKey: string | string[];
  /** The Mini App's point-of-purchase id from GoPay. */
  pointOfPurchaseId?: string;
  store?: Store;
  /** Ask GoPay for a pending order's status when no notification changed it for this long (ms). */
  statusCheckAfter?: number;
  /** What the backend did, one line each (the demo shows it on the page). */
  log?: (line: string) => void;
}

const STATES: Record<SnapTransactionStatus, OrderState | undefined> = {
  '00': 'paid',
  '01': 'pending',
  '03': 'pending',
  '04': 'refunded',
  '05': 'cancelled',
  '06': 'failed',
  '07': undefined,
  '08': 'expired',
  '09': 'rejected',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/**
 * What a status from GoPay (a notification or a status answer) does to an order. Midtrans may deliver out of order
 * and more than once: a final state never goes back to pending, and a refund's `totalRefundAmount` is a total, so
 * applying it twice changes nothing.
 */
export function applyStatus(order: Order, status: SnapTransactionStatus, totalRefunded?: string): Order {
  const next = STATES[status];
  if (next === 'refunded') {
    const refunded = totalRefunded ?? order.amount;
    if (Number(refunded) <= Number(order.refunded)) return order;
    return { ...order, refunded, state: Number(refunded) >= Number(order.amount) ? 'refunded' : 'partially-refunded' };
  }
  // Only a pending order moves: a late "paid" never undoes a refund, a late "pending" never undoes anything.
  return next && next !== 'pending' && order.state === 'pending' ? { ...order, state: next } : order;
}

export function createBackend(options: BackendOptions) {
  const { gopay, snap, notificationPublicKey, pointOfPurchaseId, store = memoryStore(), statusCheckAfter = 30_000 } = options;
  const log = options.log ?? (() => {});

  async function sessionOf(request: Request): Promise<Session | undefined> {
    const id = /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    return id ? store.getSession(id) : undefined;
  }

  /** POST /api/login { auth_code }: code → token → profile → a session cookie. */
  async function login(request: Request): Promise<Response> {
    const { auth_code: code } = (await request.json().catch(() => ({}))) as { auth_code?: unknown };
    if (typeof code !== 'string' || !code) return json(400, { error: 'auth_code is required' });
    try {
      const { auth_token: authToken, gopay_account_id: gopayAccountId } = await gopay.getAuthToken(code);
      const { username } = await gopay.getProfile(authToken);
      const id = crypto.randomUUID();
      await store.putSession(id, { username, gopayAccountId, authToken });
      return json(200, { username, gopay_account_id: gopayAccountId }, { 'Set-Cookie': `sid=${id}; HttpOnly; SameSite=Lax; Path=/` });
    } catch (error) {
      // GoPay does not know the code (used or expired): the browser's withAuthCode retries once with a fresh one.
      if (isGoPayError(error, 'AUTH_CODE_EXPIRED')) return json(401, { error: 'AUTH_CODE_EXPIRED' });
      throw error;
    }
  }

  /** POST /api/orders: a payment of Rp 25.000; the page gets the deeplink for gp.launchPayment. */
  async function createOrder(session: Session): Promise<Response> {
    const id = `order-${crypto.randomUUID().slice(0, 8)}`;
    const amount = '25000.00';
    const payment = await snap.createPayment({
      partnerReferenceNo: id,
      payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: amount, currency: 'IDR' } }],
      additionalInfo: { pointOfPurchaseId },
    });
    const now = Date.now();
    const order: Order = {
      id,
      owner: session.gopayAccountId,
      referenceNo: payment.referenceNo,
      amount,
      state: 'pending',
      refunded: '0.00',
      refunds: 0,
      createdAt: now,
      checkedAt: now,
    };
    await store.putOrder(order);
    log(`order ${id} created: ${payment.referenceNo}`);
    return json(201, { order, deeplink: payment.deeplink });
  }

  /** GET /api/orders/:id — what the backend knows; a pending order left without notification is asked about. */
  async function getOrder(found: Order): Promise<Response> {
    if (found.state !== 'pending' || Date.now() - found.checkedAt < statusCheckAfter) return json(200, { order: found });
    const status = await snap.getPaymentStatus({ originalReferenceNo: found.referenceNo });
    // Applied to the order as stored now: a notification stored while GoPay answered is not overwritten.
    const order = await store.updateOrder(found.id, (now) => ({
      ...applyStatus(now, status.latestTransactionStatus),
      checkedAt: Date.now(),
    }));
    log(`order ${found.id}: asked GoPay, status ${status.latestTransactionStatus} → ${order?.state}`);
    return json(200, { order });
  }

  /**
   * POST /api/orders/:id/refund { amount? }. The refund's id counts the refunds GoPay accepted: a request that failed
   * or timed out (GoPay may have refunded) is sent again with the same `partnerRefundNo`, which GoPay answers with
   * the first refund — a retried click never refunds twice.
   */
  async function refund(order: Order, request: Request): Promise<Response> {
    if (order.state !== 'paid' && order.state !== 'partially-refunded') {
      return json(409, { error: `An order that is ${order.state} cannot be refunded` });
    }
    const { amount } = (await request.json().catch(() => ({}))) as { amount?: unknown };
    if (amount !== undefined && (typeof amount !== 'string' || !/^\d{1,11}\.\d{2}$/.test(amount))) {
      return json(400, { error: "amount must be a string with two decimals, e.g. '10000.00'" });
    }
    const partnerRefundNo = `${order.id}-refund-${order.refunds + 1}`;
    const answer = await snap.refundPayment({
      originalPartnerReferenceNo: order.id,
      originalReferenceNo: order.referenceNo,
      partnerRefundNo,
      ...(amount ? { refundAmount: { value: amount, currency: 'IDR' as const } } : {}),
      reason: 'Requested by the customer',
    });
    await store.updateOrder(order.id, (now) => ({ ...now, refunds: Math.max(now.refunds, order.refunds + 1) }));
    log(`order ${order.id}: refund ${partnerRefundNo} accepted (${answer.refundNo}); the 04 notification updates the order`);
    return json(202, { refund: answer });
  }

  /** POST /api/orders/:id/cancel: only a payment still pending can be cancelled. */
  async function cancel(order: Order): Promise<Response> {
    if (order.state !== 'pending') return json(409, { error: `An order that is ${order.state} cannot be cancelled` });
    await snap.cancelPayment({
      originalPartnerReferenceNo: order.id,
      originalReferenceNo: order.referenceNo,
      reason: 'Cancelled by the customer',
    });
    log(`order ${order.id}: cancel accepted; the 05 notification updates the order`);
    return json(202, { cancelled: true });
  }

  /** POST …/v1.0/debit/notify: GoPay's signed notification, the source of truth for an order's state. */
  async function notify(request: Request): Promise<Response> {
    const externalId = request.headers.get('x-external-id') ?? '';
    let notification: SnapNotification;
    try {
      notification = await verifyNotification(request, { publicKey: notificationPublicKey });
    } catch (error) {
      if (!isGoPayError(error, 'INVALID_SIGNATURE')) throw error;
      log(`notification refused: ${error.message}`);
      return json(401, { responseCode: '4015600', responseMessage: 'Unauthorized. Invalid Signature' });
    }
    try {
      const order = await store.findOrderByReference(notification.originalReferenceNo);
      if (order && !(externalId && (await store.hasNotification(externalId)))) {
        const total = notification.additionalInfo?.totalRefundAmount?.value;
        const next = await store.updateOrder(order.id, (now) => applyStatus(now, notification.latestTransactionStatus, total));
        if (externalId) await store.recordNotification(externalId);
        log(`order ${order.id}: notification ${notification.latestTransactionStatus} → ${next?.state}`);
      }
      // Acknowledged only once stored; the header is mandatory on Midtrans's page.
      return json(200, NOTIFICATION_ACK, { 'X-TIMESTAMP': snapTimestamp() });
    } catch (error) {
      // Not stored: no ACK, so that Midtrans delivers it again.
      log(`notification not stored: ${String(error)}`);
      return json(500, { responseCode: '5005600', responseMessage: 'Internal Server Error' });
    }
  }

  /** GoPay refused or could not be reached: 502 with GoPay's words, so that the page can say what happened. */
  function refused(error: unknown): Response {
    if (isGoPayError(error, 'API') || isGoPayError(error, 'TIMEOUT')) return json(502, { error: error.message });
    throw error;
  }

  /** Routes a request; undefined for a path this backend does not serve. */
  async function handle(request: Request): Promise<Response | undefined> {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname.endsWith('/v1.0/debit/notify')) return notify(request);
    if (request.method === 'POST' && pathname === '/api/login') return login(request);
    if (!pathname.startsWith('/api/orders')) return undefined;
    const session = await sessionOf(request);
    if (!session) return json(401, { error: 'Log in first' });
    if (request.method === 'POST' && pathname === '/api/orders') return createOrder(session).catch(refused);
    const [, id, action] = /^\/api\/orders\/([\w-]+)(?:\/(refund|cancel))?$/.exec(pathname) ?? [];
    const order = id ? await store.getOrder(id) : undefined;
    // Another user's order is answered as if it did not exist.
    if (!order || order.owner !== session.gopayAccountId) return json(404, { error: 'No such order' });
    if (request.method === 'GET' && !action) return getOrder(order).catch(refused);
    if (request.method === 'POST' && action === 'refund') return refund(order, request).catch(refused);
    if (request.method === 'POST' && action === 'cancel') return cancel(order).catch(refused);
    return json(405, { error: 'Method not allowed' });
  }

  return { handle, store };
}
