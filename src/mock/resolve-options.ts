// The mock's options, resolved and checked in one place with the checks every entry shares: an unknown name or a
// misspelt value (`scenario: 'ofline'`) is a GoPayValidationError that names it and lists what is valid, as
// createGoPay() does — a mock that silently ignores it would rehearse a scenario other than the one asked for. Only
// own properties are read: a key that a polluting library left on Object.prototype (say `scenario: 'offline'`) must
// not change what the mock does. An own value that is `undefined` means the default (the script tag passes them so).
import { checkBaseUrl } from '../shared/check-http';
import { checkLatency, checkOneOf, invalid, isRecord, readObject } from '../shared/checks';
import { checkSeed } from '../shared/random';
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

// Every option name, once (the type makes sure none is missing).
const NAMES = Object.keys({
  scenario: 0,
  latency: 0,
  consent: 0,
  authorize: 0,
  paymentStatus: 0,
  seed: 0,
  ui: 0,
  browserApis: 0,
  server: 0,
} satisfies Record<keyof MockBridgeOptions, 0>);
const SCENARIOS: MockScenario[] = ['happy', 'permission-denied', 'offline', 'slow', 'payment-cancelled', 'not-registered'];
const PAYMENT_STATUSES: MockPaymentStatus[] = ['success', 'failed', 'pending', 'cancelled'];
// The scopes the mock's methods wait for (SCOPES in consent.ts): a consent to any other would grant nothing.
const SCOPES = ['location', 'camera', 'system', 'bank_account'];
const SLOW: [number, number] = [1500, 3000];
const FIELD = 'createMockBridge(options)';

function oneOf<T extends string>(value: unknown, name: string, allowed: T[], fallback: T): T {
  return value === undefined ? fallback : checkOneOf(value, `${FIELD}.${name}`, allowed);
}

function flag(value: unknown, name: string): boolean {
  return value === undefined ? false : typeof value === 'boolean' ? value : invalid(`${FIELD}.${name}`, 'true or false', value);
}

function consent(value: unknown): string[] {
  const field = `${FIELD}.consent`;
  if (value !== undefined && !isRecord(value)) invalid(field, 'an object such as { location: true }', value);
  const scopes = readObject<Record<string, unknown>>(value, field, SCOPES, true);
  return Object.keys(scopes).filter((scope) => {
    const granted = scopes[scope];
    return typeof granted === 'boolean' ? granted : invalid(`${field}.${scope}`, 'true or false', granted);
  });
}

export function resolveOptions(options: MockBridgeOptions | undefined): ResolvedOptions {
  const given = readObject<MockBridgeOptions>(options, FIELD, NAMES, true);
  const scenario = oneOf(given.scenario, 'scenario', SCENARIOS, 'happy');
  return {
    scenario,
    latency: given.latency === undefined ? (scenario === 'slow' ? SLOW : 0) : checkLatency(given.latency, `${FIELD}.latency`),
    consent: consent(given.consent),
    authorize: oneOf(given.authorize, 'authorize', ['allow', 'deny'], 'allow'),
    paymentStatus: oneOf(given.paymentStatus, 'paymentStatus', PAYMENT_STATUSES, 'success'),
    seed: given.seed === undefined ? undefined : checkSeed(given.seed, `${FIELD}.seed`),
    ui: flag(given.ui, 'ui'),
    browserApis: flag(given.browserApis, 'browserApis'),
    server:
      given.server === undefined
        ? undefined
        : checkBaseUrl(given.server, `${FIELD}.server`, "the mock GoPay server's base URL, e.g. 'http://127.0.0.1:8787'"),
  };
}
