// The mock's options, resolved in one place. Only own properties are read: a key that a polluting library left on
// Object.prototype (say `scenario: 'offline'`) must not change what the mock does.
import { GoPayValidationError } from '../errors/GoPayValidationError';
import type { MockBridgeOptions, MockPaymentStatus, MockScenario } from './options';

export interface ResolvedOptions {
  scenario: MockScenario;
  latency: number | [number, number];
  /** The scopes granted at creation (and again after reset()). */
  consent: string[];
  authorize: 'allow' | 'deny';
  paymentStatus: MockPaymentStatus;
  seed: number | undefined;
  ui: boolean;
  browserApis: boolean;
  /** The mock GoPay server's base URL without a trailing slash, or undefined. */
  server: string | undefined;
}

const SLOW: [number, number] = [1500, 3000];

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The base URL of a mock GoPay server, without a trailing slash; a clear error for anything else. */
const serverUrl = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value == 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol != 'http:' && url.protocol != 'https:') || url.search || url.hash) {
    throw new GoPayValidationError(
      `createMockBridge: server must be the mock GoPay server's base URL, e.g. 'http://127.0.0.1:8787'; got ${String(value)}`,
    );
  }
  return (value as string).replace(/\/+$/, '');
};

export const resolveOptions = (options: MockBridgeOptions | undefined): ResolvedOptions => {
  const given: Partial<MockBridgeOptions> = options && typeof options == 'object' ? options : {};
  const own = <K extends keyof MockBridgeOptions>(key: K): MockBridgeOptions[K] => (hasOwn(given, key) ? given[key] : undefined);
  const scenario = own('scenario') ?? 'happy';
  const consent = own('consent');
  return {
    scenario,
    latency: own('latency') ?? (scenario == 'slow' ? SLOW : 0),
    consent: consent && typeof consent == 'object' ? Object.keys(consent).filter((scope) => consent[scope] === true) : [],
    authorize: own('authorize') ?? 'allow',
    paymentStatus: own('paymentStatus') ?? 'success',
    seed: own('seed'),
    ui: own('ui') === true,
    browserApis: own('browserApis') === true,
    server: serverUrl(own('server')),
  };
};
