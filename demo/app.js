// The demo Mini App: every method of gopay-miniapp-kit, on the mock bridge.
import { createGoPay, isGoPayError, GoPayAuthCodeExpiredError } from '/dist/index.mjs';
import { createMockBridge } from '/dist/mock.mjs';

const $ = (selector) => document.querySelector(selector);
const result = $('#result');
const events = $('#events');
let bridge;
let gp;
let unsubscribe = [];
const watching = {};

/** One line in the event log, newest first; the core has already redacted codes, tokens and base64 data. */
const logEvent = (text, failed = false) => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
  if (failed) item.className = 'failed';
  events.prepend(item);
  while (events.children.length > 40) events.lastChild.remove();
};

/** (Re)creates the mock and the client from the form: in a real app this is `createGoPay()` and nothing else. */
const setup = () => {
  for (const stop of Object.values(watching)) stop();
  bridge?.destroy();
  const form = new FormData($('#mock-options'));
  bridge = createMockBridge({
    scenario: form.get('scenario'),
    paymentStatus: form.get('paymentStatus'),
    authorize: form.get('authorize'),
    ui: form.get('ui') === 'on',
    browserApis: form.get('browserApis') === 'on',
  });
  gp = createGoPay({ bridge, debug: true });
  unsubscribe.forEach((off) => off());
  unsubscribe = [
    gp.on('ready', () => logEvent('ready')),
    gp.on('call', ({ className, methodName, params }) => logEvent(`call ${className}.${methodName} ${JSON.stringify(params)}`)),
    gp.on('settle', ({ className, methodName, ok, ms, error }) =>
      logEvent(`settle ${className}.${methodName} ${ok ? 'ok' : `failed ${error?.code}`} ${ms} ms`, !ok),
    ),
  ];
  document.querySelectorAll('button.on').forEach((b) => b.classList.remove('on'));
  show('ok', { mock: Object.fromEntries(form) });
};

const show = (kind, value) => {
  result.className = kind === 'error' ? 'error' : '';
  result.textContent = kind === 'error' ? describeError(value) : (JSON.stringify(value, null, 2) ?? 'done (no value)');
  result.scrollTop = 0;
};

const describeError = (error) =>
  isGoPayError(error)
    ? [
        `${error.name}  code: ${error.code}`,
        error.bridgeCode && `bridgeCode: ${error.bridgeCode}`,
        error.reason && `reason: ${error.reason}`,
        error.message,
      ]
        .filter(Boolean)
        .join('\n')
    : `${error?.name ?? 'Error'}: ${error?.message ?? error}`;

const postJson = async (path, body) => {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  // GoPay's token API says "AuthCode Not Found" for an expired or reused code: withAuthCode retries once.
  if (response.status === 401) throw new GoPayAuthCodeExpiredError(json.error?.description);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return json;
};

const watch = (name, start, render) => async (button) => {
  if (watching[name]) {
    await watching[name]();
    delete watching[name];
    button.classList.remove('on');
    button.textContent = `Start ${name}`;
    return { [name]: 'stopped' };
  }
  watching[name] = await start((reading) => render(reading));
  button.classList.add('on');
  button.textContent = `Stop ${name}`;
  return { [name]: 'started' };
};

let shakes = 0;
const actions = {
  ready: async () => (await gp.ready(), { ready: true }),
  login: () => gp.withAuthCode((code) => postJson('/api/login', { auth_code: code })),
  getAuthCode: async () => {
    const { code, issuedAt, expiresAt } = await gp.getAuthCode();
    return {
      code: `${code.slice(0, 6)}… (${code.length} chars)`,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
  },
  pay: async () => {
    const { webRedirectUrl, reference } = await postJson('/api/payments', { amount: 25_000 });
    const { status } = await gp.launchPayment(webRedirectUrl);
    return { reference, status, note: 'A hint only: your backend confirms the payment with GoPay.' };
  },
  getBankAccountToken: () => gp.getBankAccountToken(),
  getLocation: () => gp.getLocation({ enable_high_accuracy: true }),
  consentLocation: () => gp.getConsent('location'),
  consentCamera: () => gp.getConsent('camera'),
  consentSystem: () => gp.getConsent('system'),
  // The mock's scope names for GPSystem and the bank token ('system', 'bank_account'); GoPay configures them per mini app.
  consentBank: () => gp.getConsent('bank_account'),
  takePhoto: async () => {
    const photo = await gp.takePhoto({ mode: 'camera', needBase64: true });
    return { ...photo, base64Data: photo.base64Data && `${photo.base64Data.length} base64 chars` };
  },
  getSystemInfo: () => gp.getSystemInfo(),
  getRootedDeviceInfo: () => gp.getRootedDeviceInfo(),
  getWifiInfo: () => gp.getWifiInfo(),
  getLocale: () => gp.getLocale(),
  vibrate: () => gp.vibrate(200),
  compass: watch(
    'compass',
    (fn) => gp.watchCompass(fn, { interval: 'ui' }),
    (r) => ($('#compass').value = `${r.direction.toFixed(1)}°`),
  ),
  accelerometer: watch(
    'accelerometer',
    (fn) => gp.watchAccelerometer(fn, { interval: 'ui' }),
    (r) => ($('#accelerometer').value = `${r.x}, ${r.y}, ${r.z}`),
  ),
  gyro: watch(
    'gyro',
    (fn) => gp.watchGyro(fn, { frequency: 100 }),
    (r) => ($('#gyro').value = `${r.x}, ${r.y}, ${r.z}`),
  ),
  shake: watch(
    'shake',
    (fn) => gp.watchShake(fn),
    () => ($('#shake').value = String(++shakes)),
  ),
  toast: () => gp.toast('Saved to your cart', 2000),
  setNavigationBar: () =>
    gp.setNavigationBar({ title: 'Demo shop', titleColor: '#FFFFFFFF', backgroundColor: '#00AED6FF', hideBackButton: false }),
  copyToClipboard: () => gp.copyToClipboard('PROMO-2026'),
  share: () => gp.share('Look at this mini app'),
  launchDeeplink: () => gp.launchDeeplink('gopay://home'),
  launchUri: () => gp.launchUri('https://example.com/terms'),
  saveFile: () => gp.saveFile({ url: 'https://example.com/receipt.pdf', name: 'receipt.pdf', destination: 'DOWNLOADS' }),
  trackEvent: () => gp.trackEvent('checkout_started', { mini_app_id: 'demo', page_name: 'cart', user_action: 'click' }),
  call: () => gp.call('GPNavigationBar', 'getHeight'),
  badArgument: () => gp.launchUri('javascript:alert(1)'),
};

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  result.className = '';
  result.textContent = `${button.dataset.action}…`;
  try {
    show('ok', await actions[button.dataset.action](button));
  } catch (error) {
    show('error', error);
  }
});
$('#mock-options').addEventListener('submit', (event) => {
  event.preventDefault();
  setup();
});
setup();
window.demo = {
  get gp() {
    return gp;
  },
  get bridge() {
    return bridge;
  },
};
