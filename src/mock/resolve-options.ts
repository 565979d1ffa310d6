// The mock's options, resolved and checked in one place, with the core's checker (src/validate.ts): an unknown name or
// a misspelt value (`scenario: 'ofline'`) is a GoPayValidationError that names it and lists what is valid, as
// createGoPay() does — a mock that silently ignores it would rehearse a scenario other than the one asked for. Only
// own properties are read: a key that a polluting library left on Object.prototype (say `scenario: 'offline'`) must
// not change what the mock does. An own value that is `undefined` means the default (the script tag passes them so).
import { checkObject, checkOneOf, invalid, isRecord, own } from '../shared/checks';
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
// The longest delay a timer takes.
const MAX_DELAY = 2147483647;

function field(name: string) {
  return `createMockBridge: ${name}`;
}

function fail(name: string, expected: string, got: unknown): never {
  return invalid(field(name), expected, got);
}

function oneOf<T extends string>(value: unknown, name: string, allowed: T[], fallback: T): T {
  return value === undefined ? fallback : checkOneOf(value, field(name), allowed);
}

function flag(value: unknown, name: string): boolean {
  return value === undefined ? false : typeof value === 'boolean' ? value : fail(name, 'true or false', value);
}

function isDelay(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_DELAY;
}

function latency(value: unknown, scenario: MockScenario): number | [number, number] {
  if (value === undefined) return scenario === 'slow' ? SLOW : 0;
  if (isDelay(value)) return value;
  // A copy: changing the array given later must not change the mock.
  if (Array.isArray(value) && value.length === 2 && isDelay(value[0]) && isDelay(value[1]) && value[0] <= value[1]) {
    return [value[0], value[1]];
  }
  return fail('latency', `milliseconds from 0 to ${MAX_DELAY}, or a [min, max] range of them with min <= max`, value);
}

function consent(value: unknown): string[] {
  if (value === undefined) return [];
  const scopes = isRecord(value) ? value : fail('consent', 'an object such as { location: true }', value);
  return Object.keys(scopes).filter((scope) => {
    checkOneOf(scope, field('a consent scope'), SCOPES);
    const granted = scopes[scope];
    return granted === undefined || typeof granted === 'boolean' ? granted === true : fail(`consent.${scope}`, 'true or false', granted);
  });
}

function seed(value: unknown): number | undefined {
  return value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff)
    ? (value as number | undefined)
    : fail('seed', 'an integer from 0 to 4294967295', value);
}

/** The base URL of a mock GoPay server, without a trailing slash. */
function serverUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    fail('server', "the mock GoPay server's base URL, e.g. 'http://127.0.0.1:8787'", value);
  }
  return (value as string).replace(/\/+$/, '');
}

export function resolveOptions(options: MockBridgeOptions | undefined): ResolvedOptions {
  const given = options === undefined ? {} : checkObject(options, 'createMockBridge(options)');
  // A typo would otherwise be silently ignored.
  for (const key of Object.keys(given)) checkOneOf(key, 'a createMockBridge() option', NAMES);
  const scenario = oneOf(own(given, 'scenario'), 'scenario', SCENARIOS, 'happy');
  return {
    scenario,
    latency: latency(own(given, 'latency'), scenario),
    consent: consent(own(given, 'consent')),
    authorize: oneOf(own(given, 'authorize'), 'authorize', ['allow', 'deny'], 'allow'),
    paymentStatus: oneOf(own(given, 'paymentStatus'), 'paymentStatus', PAYMENT_STATUSES, 'success'),
    seed: seed(own(given, 'seed')),
    ui: flag(own(given, 'ui'), 'ui'),
    browserApis: flag(own(given, 'browserApis'), 'browserApis'),
    server: serverUrl(own(given, 'server')),
  };
}
