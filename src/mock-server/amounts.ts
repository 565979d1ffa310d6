// SNAP amounts (`{ value: '15000.00', currency: 'IDR' }`) as whole cents, so that refunds add up exactly. GoPay's
// pages write the value with two decimals; Midtrans's own Node client sends '1500': both readings are accepted.

export const MIN_CENTS = 100;
/** "Maximum value: 99999999999.00" — well inside a double's exact integers. */
export const MAX_CENTS = 9_999_999_999_900;

/** The cents of an amount value ('1500' or '1500.00'); undefined when it is neither. */
export function toCents(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{1,14})(?:\.(\d{2}))?$/.exec(value);
  return match ? Number(match[1]) * 100 + Number(match[2] ?? '0') : undefined;
}

/** Cents as SNAP writes them: '1500.00'. */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function idr(cents: number): { value: string; currency: string } {
  return { value: formatCents(cents), currency: 'IDR' };
}

/** What is wrong with an amount object, as [case code, field], or undefined. `02`: missing, `01`: malformed. */
export function amountProblem(amount: unknown, field: string): [string, string] | undefined {
  if (typeof amount !== 'object' || amount === null || Array.isArray(amount)) return ['02', field];
  const { value, currency } = amount as Record<string, unknown>;
  if (value === undefined) return ['02', `${field}.value`];
  const cents = toCents(value);
  if (cents === undefined || cents < MIN_CENTS || cents > MAX_CENTS) return ['01', `${field}.value`];
  if (currency === undefined) return ['02', `${field}.currency`];
  if (currency !== 'IDR') return ['01', `${field}.currency`];
  return undefined;
}
