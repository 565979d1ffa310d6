// mock.fail(path, status, body?, times?): injected faults, answered in the shape of the endpoint they hit.
import { json } from './http';

export interface Fault {
  status: number;
  body: unknown;
  /** Answers left; Infinity until reset(). */
  remaining: number;
}

/** SNAP's service code of each endpoint, for a fault's responseCode. */
export const SNAP_SERVICES: Record<string, string> = {
  '/v1.0/access-token/b2b': '73',
  '/v1.0/debit/payment-host-to-host': '54',
  '/v1.0/debit/status': '55',
  '/v1.0/debit/cancel': '57',
  '/v1.0/debit/refund': '58',
};

/** The fault for `path` (set on it or on a folder above it), spending one of its answers. */
export function findFault(faults: Map<string, Fault>, path: string): Fault | undefined {
  for (const [prefix, fault] of faults) {
    if (fault.remaining > 0 && (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) {
      fault.remaining--;
      return fault;
    }
  }
  return undefined;
}

function defaultBody(status: number, path: string): unknown {
  const message = status >= 500 ? 'General Error' : 'Injected fault';
  const service = SNAP_SERVICES[path];
  if (service) return { responseCode: `${status}${service}00`, responseMessage: message };
  if (path.startsWith('/v1/mini-apps/'))
    return { success: false, error: { description: status >= 500 ? 'Internal Server Error' : message } };
  return { error: message };
}

export function faultResponse(fault: Fault, path: string): Response {
  return fault.body === undefined ? json(fault.status, defaultBody(fault.status, path)) : json(fault.status, fault.body);
}
