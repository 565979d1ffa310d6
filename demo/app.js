// The Mini App: log in with GoPay, pay Rp 25.000, and show the payment once the merchant backend has verified
// GoPay's signed notification — never on the strength of launchPayment's status alone, which is only a hint.
import { createGoPay, isGoPayError } from '/dist/index.mjs';
import { createMockBridge } from '/dist/mock.mjs';

const $ = (selector) => document.querySelector(selector);
const timeline = $('#timeline');
const payment = $('#payment');
const WHO = { browser: 'Browser', backend: 'Your backend', gopay: 'GoPay (mock)', page: 'Page', app: 'GoPay app (mock bridge)' };

/** One hop in the timeline: who → whom, what, and how it went. Returns a function that updates it when it ends. */
const hop = ({ from, to, label, status, ms, ok = true, detail }) => {
  const item = document.createElement('li');
  item.dataset.from = from;
  item.dataset.to = to;
  const route = document.createElement('span');
  route.className = 'route';
  route.textContent = `${WHO[from] ?? from} → ${WHO[to] ?? to}`;
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
  update({ status, ms, ok, detail });
  timeline.append(item);
  item.scrollIntoView?.({ block: 'nearest' });
  return update;
};

const setPayment = (state, text) => {
  payment.dataset.state = state;
  payment.textContent = text;
};

/** Fetches JSON from our backend as the README's recipe does: JSON body with its content type, res.ok checked. */
const api = async (path, body) => {
  const started = performance.now();
  // The hop is shown when the request leaves, so that the backend's own hops come after it.
  const done = body === undefined ? undefined : hop({ from: 'browser', to: 'backend', label: `POST ${path}`, pending: true });
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error) => {
    done?.({ ok: false, detail: error.message });
    throw error;
  });
  const data = await response.json().catch(() => ({}));
  done?.({ status: response.status, ms: Math.round(performance.now() - started), ok: response.ok, detail: response.ok ? '' : data.error });
  // A 401 "AuthCode expired or not found" becomes an Error whose message withAuthCode recognises: it retries once.
  if (!response.ok) throw new Error(data.error ?? `${path} answered HTTP ${response.status}`);
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
  launchPayment: [
    'launchPayment(deeplink)',
    'the user answered in the payment sheet; the mock bridge told the GoPay mock (POST /mock/payments/report)',
  ],
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

// The backend's side of the story, streamed: its calls to GoPay, the notifications it verified.
const events = new EventSource('/api/events');
events.onmessage = (message) => {
  const event = JSON.parse(message.data);
  hop(event);
  if (event.order) showOrder(event.order);
};

let currentOrder;
const showOrder = (order) => {
  if (!currentOrder || order.orderId !== currentOrder) return;
  if (order.status === 'paid')
    setPayment('confirmed', `Paid ✓ Confirmed by your backend (signed GoPay notification verified) · ${order.referenceNo}`);
  else if (order.status !== 'awaiting-payment')
    setPayment('not-paid', `Not paid: GoPay says ${order.status} (latestTransactionStatus ${order.latestTransactionStatus}).`);
};

/** Polls the backend until the notification has arrived: a fallback if the event stream missed it. */
const waitForBackend = async (orderId) => {
  for (let i = 0; i < 60 && currentOrder === orderId && !['confirmed', 'not-paid'].includes(payment.dataset.state); i++) {
    const order = await api(`/api/orders/${orderId}`).catch(() => undefined);
    if (order) showOrder(order);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

$('#login').addEventListener('click', async () => {
  const button = $('#login');
  button.disabled = true;
  $('#greeting').textContent = 'Logging in…';
  try {
    const user = await gp.withAuthCode((code) => api('/api/login', { auth_code: code }));
    $('#greeting').textContent = `Hi, ${user.name}`;
    $('#greeting').classList.remove('muted');
    hop({ from: 'backend', to: 'page', label: `session for ${user.name}`, detail: 'code → auth_token → getProfile, on the backend' });
    button.textContent = 'Logged in';
    $('#pay').disabled = false;
    setPayment('idle', 'Ready to pay.');
  } catch (error) {
    $('#greeting').textContent = `Login failed: ${describe(error)}`;
    button.disabled = false;
  }
});

$('#pay').addEventListener('click', async () => {
  const button = $('#pay');
  button.disabled = true;
  setPayment('creating', 'Creating the payment…');
  try {
    const { orderId, deeplink } = await api('/api/payments', {});
    currentOrder = orderId;
    setPayment('paying', 'Confirm in the GoPay payment sheet…');
    const { status } = await gp.launchPayment(deeplink);
    // A hint only: the backend decides, from GoPay's signed notification.
    if (payment.dataset.state === 'paying') setPayment('waiting', `GoPay app says "${status}". Waiting for your backend to confirm…`);
    await waitForBackend(orderId);
  } catch (error) {
    setPayment('error', `Payment not started: ${describe(error)}`);
  } finally {
    button.disabled = false;
  }
});

window.demo = { gp, bridge };
