import { GoPayError, type GoPayErrorDetails } from './GoPayError';

/**
 * The bridge cannot be reached: `no-window` (server-side rendering, Node), `script-load` (the script failed
 * or timed out), `no-container` (the script loaded but defined no `window.gpContainer`).
 */
export type UnavailableReason = 'no-window' | 'script-load' | 'no-container';

const HINTS: Record<UnavailableReason, string> = {
  'no-window': 'No window (SSR): call from a browser or pass { bridge }',
  'script-load': 'Script did not load: check scriptUrl, network, nonce',
  'no-container': 'No window.gpContainer: not in GoPay; locally, use gopay-miniapp-kit/mock',
};

export class GoPayUnavailableError extends GoPayError {
  override name = 'GoPayUnavailableError';
  declare readonly code: 'UNAVAILABLE';

  constructor(
    readonly reason: UnavailableReason,
    /** The script's URL, named in the message. */
    scriptUrl?: string,
    details?: GoPayErrorDetails,
  ) {
    super('UNAVAILABLE', HINTS[reason] + (scriptUrl ? ` (scriptUrl: ${scriptUrl})` : ''), details);
  }
}
