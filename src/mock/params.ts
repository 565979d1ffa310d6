// Checks of call params, as GoPay answers them: 200 when a required one is missing, 201 for a wrong type.

export function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** A finite number of at least `min` (NaN or Infinity would break the timers). */
export function isNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}

export function isPositive(value: unknown): value is number {
  return isNumber(value, Number.MIN_VALUE);
}

/** An optional param present with the wrong type. */
export function wrong(value: unknown, right: (value: unknown) => boolean) {
  return value !== undefined && !right(value);
}
