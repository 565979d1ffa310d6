// The SNAP endpoints of Midtrans's GoPay integration, each behind the same checks (Bearer token, X-PARTNER-ID,
// X-TIMESTAMP, HMAC-SHA512 signature, CHANNEL-ID, X-EXTERNAL-ID): payment 54, status 55, cancel 57, refund 58.
import { CANCEL_PATH, handleCancel } from './cancel';
import { idempotent, type ExternalIds } from './external-ids';
import { handleHostToHost, HOST_TO_HOST_PATH, type PaymentContext } from './host-to-host';
import { own } from '../shared/checks';
import { snapError, type Incoming } from './http';
import { handleRefund, REFUND_PATH } from './refund';
import { ACCESS_TOKEN_PATH, checkTransactional, handleAccessToken, type SnapAuthState } from './snap-auth';
import { handleStatus, STATUS_PATH } from './status';

const SERVICES: Record<string, string> = { [HOST_TO_HOST_PATH]: '54', [STATUS_PATH]: '55', [CANCEL_PATH]: '57', [REFUND_PATH]: '58' };

export interface SnapContext {
  auth: SnapAuthState;
  payments: PaymentContext;
  externalIds: ExternalIds;
}

/** Answers a SNAP request, or undefined when the path is not a SNAP endpoint. */
export async function handleSnap(req: Incoming, ctx: SnapContext): Promise<Response | undefined> {
  if (req.path === ACCESS_TOKEN_PATH) return handleAccessToken(req, ctx.auth);
  const service = own(SERVICES, req.path) as string | undefined;
  if (!service) return undefined;
  if (req.method !== 'POST') return snapError(405, service, '00', 'Method Not Allowed');
  const refused = await checkTransactional(req, ctx.auth, service);
  if (refused) return refused;
  const { store, random } = ctx.payments;
  switch (service) {
    case '54':
      // Its X-EXTERNAL-ID is kept on the payment itself (it is also `originalExternalId`).
      return handleHostToHost(req, ctx.payments);
    case '55':
      // A status read is answered afresh each time: a replayed answer would be a stale status.
      return handleStatus(req, store);
    case '57':
      return idempotent(ctx.externalIds, req, service, () => handleCancel(req, store));
    default:
      return idempotent(ctx.externalIds, req, service, () => handleRefund(req, store, random));
  }
}
