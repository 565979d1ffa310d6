import { GoPayError, type GoPayErrorDetails } from './GoPayError';

/**
 * The bridge cannot be reached: `no-window` (server-side rendering, Node), `script-load` (the script failed
 * or timed out), `no-container` (the script loaded but defined no `window.gpContainer`).
 */
export type UnavailableReason = 'no-window' | 'script-load' | 'no-container';

const HINTS: Record<UnavailableReason, string> = {
  'no-window': 'No window (SSR or Node): call GoPay in the browser, or pass { bridge }',
  'script-load': 'GoPay script failed to load: check scriptUrl, network, CSP nonce',
  'no-container': 'No window.gpContainer: not inside the GoPay app. Use gopay-miniapp-kit/mock locally',
};

export class GoPayUnavailableError extends GoPayError {
  override name = 'GoPayUnavailableError';
  declare readonly code: 'UNAVAILABLE';

  constructor(
    readonly reason: UnavailableReason,
    detail = '',
    details?: GoPayErrorDetails,
  ) {
    super('UNAVAILABLE', HINTS[reason] + detail, details);
  }
}
