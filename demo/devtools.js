// The demo's second part: every other method of gopay-miniapp-kit, on a mock bridge of its own whose options the
// form changes ("Apply" makes a new bridge; the old one is destroyed, which answers any call still waiting).
import { createGoPay, isGoPayError } from '/dist/index.mjs';
import { createMockBridge } from '/dist/mock.mjs';

const $ = (selector) => document.querySelector(selector);
const result = $('#result');
const events = $('#events');
let bridge;
let gp;
let unsubscribe = [];
/** Running sensors: name → stop(). */
const watching = new Map();

const logEvent = (text, failed = false) => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
  if (failed) item.className = 'failed';
  events.prepend(item);
  while (events.children.length > 40) events.lastChild.remove();
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

const show = (kind, value) => {
  result.className = kind === 'error' ? 'error' : '';
  result.textContent = kind === 'error' ? describeError(value) : (JSON.stringify(value, null, 2) ?? 'done (no value)');
};

const sensorButton = (name) => $(`button[data-sensor="${name}"]`);
const showSensor = (name, on) => {
  sensorButton(name).classList.toggle('on', on);
  sensorButton(name).textContent = `${on ? 'Stop' : 'Start'} ${name}`;
};

/** (Re)creates the mock and the client from the form: in a real app this is `createGoPay()` and nothing else. */
const setup = async () => {
  // The sensors of the old bridge stop, and their buttons say so (they said "Stop" after Apply before).
  const stops = [...watching.values()];
  watching.clear();
  for (const name of ['compass', 'accelerometer', 'gyro', 'shake']) showSensor(name, false);
  await Promise.allSettled(stops.map((stop) => stop()));
  // destroy() answers every call still waiting, e.g. a payment sheet left open: launchPayment settles, never hangs.
  bridge?.destroy();
  // Let the old client report those answers (on('settle') below) before its listeners go.
  await new Promise((resolve) => setTimeout(resolve));
  const form = new FormData($('#mock-options'));
  bridge = createMockBridge({
    scenario: form.get('scenario'),
    paymentStatus: form.get('paymentStatus'),
    authorize: form.get('authorize'),
    ui: form.get('ui') === 'on',
    browserApis: form.get('browserApis') === 'on',
  });
  gp = createGoPay({ bridge, debug: false });
  unsubscribe.forEach((off) => off());
  unsubscribe = [
    gp.on('call', ({ className, methodName }) => logEvent(`call ${className}.${methodName}`)),
    gp.on('settle', ({ className, methodName, ok, ms, error }) =>
      logEvent(`settle ${className}.${methodName} ${ok ? 'ok' : `failed ${error?.code}`} ${ms} ms`, !ok),
    ),
  ];
  show('ok', { mock: Object.fromEntries(form) });
};

const READINGS = {
  compass: [(fn) => gp.watchCompass(fn, { interval: 'ui' }), (r) => `${r.direction.toFixed(1)}°`],
  accelerometer: [(fn) => gp.watchAccelerometer(fn, { interval: 'ui' }), (r) => `${r.x}, ${r.y}, ${r.z}`],
  gyro: [(fn) => gp.watchGyro(fn, { frequency: 100 }), (r) => `${r.x}, ${r.y}, ${r.z}`],
  shake: [(fn) => gp.watchShake(fn), () => String(Number($('#shake').value || 0) + 1)],
};

const toggleSensor = async (name) => {
  const stop = watching.get(name);
  if (stop) {
    watching.delete(name);
    showSensor(name, false);
    await stop();
    return { [name]: 'stopped' };
  }
  const [start, render] = READINGS[name];
  const owner = gp;
  const stopIt = await start((reading) => {
    if (gp === owner) $(`#${name}`).value = render(reading);
  });
  if (gp !== owner) {
    // "Apply" came while the sensor was starting: this sensor belongs to the old bridge.
    await stopIt();
    return { [name]: 'stopped (the mock was replaced)' };
  }
  watching.set(name, stopIt);
  showSensor(name, true);
  return { [name]: 'started' };
};

const actions = {
  ready: async () => {
    await gp.ready();
    return { ready: true };
  },
  getAuthCode: async () => {
    const { code, issuedAt, expiresAt } = await gp.getAuthCode();
    return {
      code: `${code.slice(0, 6)}… (${code.length} chars)`,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
  },
  launchPayment: () => gp.launchPayment('gopay://merchanttransfer?tref=DEVTOOLS-1'),
  getBankAccountToken: () => gp.getBankAccountToken(),
  getLocation: () => gp.getLocation({ enable_high_accuracy: true }),
  consentLocation: () => gp.getConsent('location'),
  consentCamera: () => gp.getConsent('camera'),
  // The mock's scope names for GPSystem and the bank token ('system', 'bank_account'); GoPay configures them per mini app.
  consentSystem: () => gp.getConsent('system'),
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
  toast: () => gp.toast('Saved to your cart', 2),
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
  const button = event.target.closest('.devtools button[data-action], .devtools button[data-sensor]');
  if (!button) return;
  const name = button.dataset.action ?? button.dataset.sensor;
  result.className = '';
  result.textContent = `${name}…`;
  try {
    show('ok', await (button.dataset.sensor ? toggleSensor(name) : actions[name]()));
  } catch (error) {
    show('error', error);
  }
});
$('#mock-options').addEventListener('submit', (event) => {
  event.preventDefault();
  void setup();
});
await setup();
window.devtools = {
  get gp() {
    return gp;
  },
  get bridge() {
    return bridge;
  },
};
