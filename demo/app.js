// The Mini App: log in with GoPay, pay Rp 25.000, then show the order as the merchant backend knows it — from
// GoPay's signed notification (or GoPay's status answer), never from launchPayment's status, which is only a hint.
// Refund and cancel go through the backend too, and the page shows what their notifications changed.
import { createGoPay, isGoPayError } from '/dist/index.mjs';
import { createMockBridge } from '/dist/mock.mjs';

const $ = (selector) => document.querySelector(selector);
const timeline = $('#timeline');
const payment = $('#payment');
const WHO = { browser: 'Browser', backend: 'Your backend', gopay: 'GoPay (mock)', page: 'Page', app: 'GoPay app (mock bridge)' };
/** States that no longer change by themselves (refunds aside). */
const FINAL = new Set(['paid', 'partially-refunded', 'refunded', 'cancelled', 'failed', 'expired', 'rejected']);
const PARTIAL_REFUND = '10000.00';

/**
 * One hop in the timeline: who → whom, what, and how it went. Returns a function that updates it when it ends. Hops
 * are in the order of `at` (when they happened; the backend's come with theirs, on the same clock here): the event
 * stream and the page's own requests do not arrive in a fixed order.
 */
const hop = ({ from, to, label, status, ms, ok = true, detail, pending, at = Date.now() }) => {
  const item = document.createElement('li');
  item.dataset.at = String(at);
  item.dataset.from = from;
  if (to) item.dataset.to = to;
  const route = document.createElement('span');
  route.className = 'route';
  route.textContent = to ? `${WHO[from] ?? from} → ${WHO[to] ?? to}` : (WHO[from] ?? from);
  const what = document.createElement('span');
  what.className = 'what';
  const more = document.createElement('small');
  item.append(route, what, more);
  const update = (end) => {
    item.className = end.ok === false ? 'failed' : end.pending ? 'pending' : 'ok';
    what.textContent = [label, end.status ? `${end.status}` : '', end.ms !== undefined ? `${end.ms} ms` : '', end.pending ? '…' : '']
      .filter(Boolean)
      .join(' · ');
    more.textContent = end.detail ?? '';
  };
  update({ status, ms, ok, detail, pending });
  const later = [...timeline.children].find((other) => Number(other.dataset.at) > at);
  timeline.insertBefore(item, later ?? null);
  timeline.scrollTop = timeline.scrollHeight;
  return update;
};

/** "25000.00" → "Rp 25.000". */
const rupiah = (value) => `Rp ${String(Math.round(Number(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Our backend's JSON API, as the README's recipe calls it: JSON body with its content type, res.ok checked. POSTs are
 * shown in the timeline; the GETs of the order's polling are not (the changes they bring are).
 */
const api = async (path, body) => {
  const started = performance.now();
  const post = body !== undefined;
  // The hop is shown when the request leaves, so that the backend's own hops come after it.
  const done = post ? hop({ from: 'browser', to: 'backend', label: `POST ${path}`, pending: true }) : undefined;
  const response = await fetch(path, {
    method: post ? 'POST' : 'GET',
    headers: post ? { 'content-type': 'application/json' } : {},
    body: post ? JSON.stringify(body) : undefined,
  }).catch((error) => {
    done?.({ ok: false, detail: error.message });
    throw error;
  });
  const data = await response.json().catch(() => ({}));
  done?.({ status: response.status, ms: Math.round(performance.now() - started), ok: response.ok, detail: response.ok ? '' : data.error });
  if (!response.ok)
    throw Object.assign(new Error(data.error ?? `${path} answered HTTP ${response.status}`), { status: response.status, body: data });
  return data;
};

const describe = (error) => (isGoPayError(error) ? `${error.code}: ${error.message}` : String(error?.message ?? error));

const config = await api('/api/config');
// The mock bridge joined to the mock GoPay server: codes come from it, and the user's answer in the payment sheet
// is reported to it, so that it sends the backend the signed notification. In production: createGoPay() alone.
const bridge = createMockBridge({ server: config.mockServer, ui: true });
const gp = createGoPay({ bridge });

// The two bridge calls of the flow, shown when they start and updated when they settle: the notification they
// lead to may arrive before launchPayment has settled (the mock reports the user's answer first).
const BRIDGE_HOPS = {
  getAuthCode: ['getAuthCode()', 'a one-time code, fetched by the mock bridge from the mock server'],
  launchPayment: ['launchPayment(deeplink)', 'the user answered in the payment sheet; the mock bridge told the GoPay mock'],
};
const openHops = new Map();
gp.on('call', ({ methodName }) => {
  if (BRIDGE_HOPS[methodName])
    openHops.set(methodName, hop({ from: 'browser', to: 'app', label: BRIDGE_HOPS[methodName][0], pending: true }));
});
gp.on('settle', ({ methodName, ok, ms, error }) => {
  const update = openHops.get(methodName);
  openHops.delete(methodName);
  update?.({ ms, ok, detail: ok ? BRIDGE_HOPS[methodName][1] : error?.code });
});

// ── The order on the page ────────────────────────────────────────────────────────────────────────────────────────
/** The order shown: the backend's record, plus what the page knows (the sheet's hint, a request waiting). */
let current;
/** How many answers of the backend the page has shown for the current order (the tests wait on it). */
let checks = 0;

const button = (id, visible, text) => {
  const element = $(`#${id}`);
  element.hidden = !visible;
  if (text) element.textContent = text;
};

const describeOrder = ({ order, hint, busy, error }) => {
  const refunded = rupiah(order.refunded);
  switch (order.state) {
    case 'pending':
      if (error) return `Not confirmed: ${error}`;
      if (busy) return busy;
      if (hint === undefined) return 'Confirm in the GoPay payment sheet…';
      if (hint === 'success') return `GoPay app says "success". Waiting for your backend to confirm…`;
      return `Not paid — pending until it expires (about ${clock(order.createdAt + config.paymentTtl)}). The GoPay app said "${hint}".`;
    case 'paid':
      return busy ?? `Paid ✓ Confirmed by your backend (signed GoPay notification verified) · ${order.referenceNo}`;
    case 'partially-refunded':
      return busy ?? `Partially refunded: ${refunded} of ${rupiah(order.amount)} back to the customer, confirmed by GoPay's notification.`;
    case 'refunded':
      return `Refunded: ${refunded} back to the customer, confirmed by GoPay's notification.`;
    case 'cancelled':
      return 'Cancelled: GoPay confirmed that this payment can no longer be paid.';
    case 'expired':
      return 'Expired: not paid in time, so GoPay closed the payment.';
    default:
      return `Not paid: GoPay says ${order.state}.`;
  }
};

const render = () => {
  const { order, busy } = current;
  payment.dataset.state = order.state;
  payment.dataset.checks = String(checks);
  payment.textContent = describeOrder(current);
  $('#order').hidden = false;
  $('#order').textContent =
    `${order.id} · GoPay ${order.referenceNo} · ${rupiah(order.amount)}${Number(order.refunded) ? ` · refunded ${rupiah(order.refunded)}` : ''}`;
  const left = Number(order.amount) - Number(order.refunded);
  const refundable = order.state === 'paid' || order.state === 'partially-refunded';
  button('refund-partial', refundable && left > Number(PARTIAL_REFUND), `Refund ${rupiah(PARTIAL_REFUND)}`);
  button('refund', refundable, order.state === 'paid' ? 'Refund all' : `Refund the rest (${rupiah(left)})`);
  // Cancel once the sheet is answered: while it is open, the user is still deciding.
  button('cancel', order.state === 'pending' && current.hint !== undefined);
  $('#order-actions').hidden = !refundable && order.state !== 'pending';
  for (const action of document.querySelectorAll('#order-actions button')) action.disabled = Boolean(busy);
};

/** The backend's record of an order, shown if it is still the current one; a change of state is a hop. */
const show = (order) => {
  if (current?.order.id !== order.id) return;
  const before = current.order;
  current.order = order;
  checks++;
  if (before.state !== order.state || before.refunded !== order.refunded) {
    current.busy = undefined;
    hop({
      from: 'backend',
      to: 'page',
      label: `order ${order.id}: ${order.state}`,
      detail: 'GET /api/orders/:id — what the backend stored',
    });
  }
  render();
};

// Polling, woken early when the backend streams a line about the current order (the poll alone would do).
let following = 0;
let wake = () => {};
/** Asks the backend for the order every second until `done(order)` or `until` (ms since the epoch). */
const follow = async (id, done, until) => {
  const mine = ++following;
  while (mine === following && current?.order.id === id) {
    try {
      const { order } = await api(`/api/orders/${encodeURIComponent(id)}`);
      if (mine !== following) return;
      show(order);
      if (done(order)) return;
    } catch (error) {
      if (error.status === 401) return setIdle('error', 'Your session ended (the demo restarted?): log in again.');
    }
    if (Date.now() >= until) {
      current.busy = undefined;
      render();
      return;
    }
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, config.pollEvery);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
};

const setIdle = (state, text) => {
  following++;
  current = undefined;
  payment.dataset.state = state;
  payment.textContent = text;
  $('#order').hidden = true;
  $('#order-actions').hidden = true;
};

// The backend's side of the story, streamed: its calls to GoPay, the notifications it verified, what it stored.
const events = new EventSource('/api/events');
events.onmessage = (message) => {
  const event = JSON.parse(message.data);
  hop(event);
  if (event.order && event.order === current?.order.id) wake();
};

$('#login').addEventListener('click', async () => {
  const login = $('#login');
  login.disabled = true;
  $('#greeting').textContent = 'Logging in…';
  try {
    // A 401 AUTH_CODE_EXPIRED from our backend means GoPay refused the code: withAuthCode retries once with a new one.
    const user = await gp.withAuthCode((code) => api('/api/login', { auth_code: code }), {
      isExpiredError: (error) => error?.status === 401 && error.body?.error === 'AUTH_CODE_EXPIRED',
    });
    $('#greeting').textContent = `Hi, ${user.username}`;
    $('#greeting').classList.remove('muted');
    hop({ from: 'backend', to: 'page', label: `session for ${user.username}`, detail: 'code → auth_token → getProfile, on the backend' });
    login.textContent = 'Logged in';
    $('#pay').disabled = false;
    setIdle('idle', 'Ready to pay.');
  } catch (error) {
    $('#greeting').textContent = `Login failed: ${describe(error)}`;
    login.disabled = false;
  }
});

$('#pay').addEventListener('click', async () => {
  const pay = $('#pay');
  pay.disabled = true;
  setIdle('creating', 'Creating the payment…');
  let order;
  let deeplink;
  try {
    ({ order, deeplink } = await api('/api/orders', {}));
  } catch (error) {
    pay.disabled = false;
    return setIdle('error', `Payment not started: ${describe(error)}`);
  }
  checks = 0;
  // Followed for the payment's life (and the backend's status check after it): the notification may even come
  // before launchPayment settles.
  current = { order, until: order.createdAt + config.paymentTtl + config.statusCheckAfter + 15_000 };
  render();
  void follow(order.id, (o) => FINAL.has(o.state), current.until);
  try {
    const { status } = await gp.launchPayment(deeplink);
    // A hint only: it changes the words, not the state, which is the backend's.
    if (current?.order.id === order.id) current.hint = status;
  } catch (error) {
    if (current?.order.id === order.id) current.hint = isGoPayError(error) ? error.code : 'error';
  } finally {
    pay.disabled = false;
  }
  if (current?.order.id === order.id) render();
});

/** Refund or cancel through the backend; the page then waits for the state that GoPay's notification brings. */
const act = async (path, body, busy, done) => {
  const { order } = current;
  current.busy = busy;
  render();
  try {
    await api(`/api/orders/${encodeURIComponent(order.id)}/${path}`, body);
  } catch (error) {
    if (current?.order.id !== order.id) return;
    current.busy = undefined;
    render();
    payment.textContent += ` (${path} refused: ${describe(error)})`;
    // Still pending: keep following it until it ends.
    if (current.order.state === 'pending') void follow(order.id, (o) => FINAL.has(o.state), current.until);
    return;
  }
  await follow(order.id, (o) => done(o, order), Date.now() + 30_000);
};

$('#refund-partial').addEventListener('click', () =>
  act(
    'refund',
    { amount: PARTIAL_REFUND },
    `Refund of ${rupiah(PARTIAL_REFUND)} accepted by GoPay; waiting for its notification…`,
    (o, before) => o.refunded !== before.refunded,
  ),
);
$('#refund').addEventListener('click', () =>
  // The rest, said explicitly: what is left is the page's to show and the backend's to check.
  act(
    'refund',
    { amount: (Number(current.order.amount) - Number(current.order.refunded)).toFixed(2) },
    'Refund accepted by GoPay; waiting for its notification…',
    (o, before) => o.refunded !== before.refunded,
  ),
);
$('#cancel').addEventListener('click', () =>
  act('cancel', {}, 'Cancel accepted by GoPay; waiting for its notification…', (o) => o.state !== 'pending'),
);

window.demo = { gp, bridge };
