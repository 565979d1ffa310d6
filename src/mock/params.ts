// Checks of call params, as GoPay answers them: 200 when a required one is missing, 201 for a wrong type.

export const isString = (value: unknown): value is string => typeof value == 'string' && value.length > 0;

/** A finite number of at least `min` (NaN or Infinity would break the timers). */
export const isNumber = (value: unknown, min: number): value is number =>
  typeof value == 'number' && Number.isFinite(value) && value >= min;

export const isPositive = (value: unknown): value is number => isNumber(value, Number.MIN_VALUE);

/** An optional param present with the wrong type. */
export const wrong = (value: unknown, right: (value: unknown) => boolean) => value !== undefined && !right(value);
