import { GoPayError } from './GoPayError';

/** What a `GoPayApiError` carries besides its message. */
export interface GoPayApiErrorDetails {
  /** The HTTP status; `0` when no answer came (a network error). */
  status: number;
  /** The parsed answer, with credentials, codes and tokens redacted. */
  body?: unknown;
  /** GoPay's `error.description`, or SNAP's `responseMessage`. */
  description?: string;
  /** SNAP's seven-digit `responseCode` (e.g. `'4017300'`), or the Mini App's `error.code` (e.g. `'105'`). */
  responseCode?: string;
  /** The `Request-Id` (Mini App APIs) or `X-EXTERNAL-ID` (SNAP) the request carried: quote it to GoPay. */
  requestId?: string;
  /** Whether the same request may be tried again: no answer came (status 0) or GoPay failed (5xx). */
  retryable: boolean;
  cause?: unknown;
}

/** GoPay's backend refused a request or could not be reached (server entry). */
export class GoPayApiError extends GoPayError {
  override name = 'GoPayApiError';
  declare readonly code: 'API';
  declare readonly status: number;
  declare readonly body?: unknown;
  declare readonly description?: string;
  declare readonly responseCode?: string;
  declare readonly requestId?: string;
  declare readonly retryable: boolean;

  constructor(message: string, details: GoPayApiErrorDetails) {
    super('API', message, details);
  }
}
