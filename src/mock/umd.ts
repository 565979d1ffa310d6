/**
 * The script-tag build of the mock (global `GoPayMiniAppMock`). With `data-auto-install` on its `<script>`, it
 * installs itself on `window.gpContainer` at once, with options from data attributes:
 * `data-scenario`, `data-ui`, `data-latency` ("300" or "100,500"), `data-seed`, `data-authorize`,
 * `data-payment-status`, `data-consent` ("location,camera"), `data-browser-apis`, `data-server` (a mock GoPay
 * server's base URL).
 * @example <script src="gopay-miniapp-kit.mock.umd.min.js" data-auto-install data-ui></script>
 * @example <script src="gopay-miniapp-kit.mock.umd.min.js" data-auto-install data-ui data-server="http://127.0.0.1:8787"></script>
 */
import { installMockBridge } from './bridge';
import type { MockBridgeOptions } from './options';

export { createMockBridge, installMockBridge } from './bridge';
export { envelope } from './envelopes';

const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
if (script?.hasAttribute('data-auto-install')) {
  const data = script.dataset;
  const flag = (value?: string) => value !== undefined && value !== 'false';
  const latency = data.latency?.split(',').map(Number);
  const options: MockBridgeOptions = {
    scenario: data.scenario as MockBridgeOptions['scenario'],
    ui: flag(data.ui),
    browserApis: flag(data.browserApis),
    authorize: data.authorize as MockBridgeOptions['authorize'],
    paymentStatus: data.paymentStatus as MockBridgeOptions['paymentStatus'],
    seed: data.seed ? Number(data.seed) : undefined,
    latency: latency && (latency.length > 1 ? [latency[0]!, latency[1]!] : latency[0]),
    server: data.server || undefined,
    consent: Object.fromEntries(
      (data.consent ?? '')
        .split(',')
        .filter(Boolean)
        .map((scope) => [scope.trim(), true]),
    ),
  };
  installMockBridge(options);
}
