import type { SettleEvent } from './events';

const SECRET = /auth_?code|token|base64/i;

/** A copy of `value` with auth codes, tokens and base64 data replaced by `'[redacted]'`. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (!value || typeof value != 'object' || depth > 8) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
  for (const key in value) {
    copy[key] = SECRET.test(key) ? '[redacted]' : redact((value as Record<string, unknown>)[key], depth + 1);
  }
  return copy;
};

/** `debug: true` prints through `console.debug`; a function receives each entry instead. */
export type DebugOption = boolean | ((entry: SettleEvent) => void);

export const toDebugSink = (debug: DebugOption | undefined): ((entry: SettleEvent) => void) | undefined =>
  typeof debug == 'function'
    ? debug
    : debug
      ? (entry) =>
          console.debug(`[gopay] ${entry.className}.${entry.methodName} ${entry.ok ? 'ok' : entry.error!.code} ${entry.ms}ms`, entry)
      : undefined;
