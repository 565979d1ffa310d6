// The mock as one web handler: read the request once, expire what is due, route it (the mock bridge's CORS
// endpoints, GoPay's Mini App APIs, Midtrans's SNAP endpoints), delay it if asked, and log it. Whatever the method or
// path, the answer is a 4xx when the request is at fault — never a 5xx, never a dropped connection.
import type { Random } from '../shared/random';
import type { BoundedLog } from './bounded';
import type { Clock } from './clock';
import { faultResponse, findFault, type Fault } from './faults';
import { corsHeaders, headersToRecord, isLocalOrigin, json, parseJson, withHeaders, type Incoming } from './http';
import { handleMiniApp, type MiniAppState } from './mini-app';
import { handleReport } from './outcomes';
import { handleSnap, type SnapContext } from './snap-routes';
import type { MockServerRequest } from './types';

export interface HandlerState {
  clock: Clock;
  faults: Map<string, Fault>;
  requests: BoundedLog<MockServerRequest>;
  latency: number | [number, number];
  delays: () => Random;
  miniApp: MiniAppState;
  snap: SnapContext;
  /** What GET / says about this mock. */
  about: () => Record<string, unknown>;
}

/** The endpoints the mock bridge calls from the page: CORS for local origins only. */
function mockEndpoint(req: Incoming, origin: string | null, state: HandlerState): Response {
  if (origin !== null && !isLocalOrigin(origin)) return json(403, { error: `Origin ${origin} is not allowed: only localhost pages` });
  const cors = origin ? corsHeaders(origin) : {};
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
  const fault = findFault(state.faults, req.path);
  const response = fault
    ? faultResponse(fault, req.path)
    : req.method !== 'POST'
      ? json(405, { error: 'Method Not Allowed' })
      : req.path === '/mock/auth-codes'
        ? json(200, state.miniApp.authCodes.issue(req.now))
        : req.path === '/mock/payments/report'
          ? handleReport(req, state.snap.payments.store)
          : json(404, { error: 'Not Found' });
  return withHeaders(response, cors);
}

/** GoPay's own endpoints: no CORS (a browser must never call them). */
async function gopayEndpoint(req: Incoming, state: HandlerState): Promise<Response> {
  const fault = findFault(state.faults, req.path);
  if (fault) return faultResponse(fault, req.path);
  const answer = (await handleMiniApp(req, state.miniApp)) ?? (await handleSnap(req, state.snap));
  if (answer) return answer;
  if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) return json(200, state.about());
  return json(404, { error: 'Not Found' });
}

/** Reads what the routes need; a request whose body cannot be read is answered 400 here. */
async function readRequest(request: Request, now: number): Promise<Incoming | Response> {
  try {
    const path = new URL(request.url).pathname;
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    return { method: request.method, path, headers: request.headers, text, body: parseJson(text), now };
  } catch (error) {
    return json(400, { error: `Bad request: ${String((error as Error)?.message ?? error)}` });
  }
}

export function createHandler(state: HandlerState): (request: Request) => Promise<Response> {
  return async function handle(request) {
    const now = state.clock.now();
    // A payment past its validUpTo is expired before anyone reads it, even when the expiry timer has not fired.
    state.snap.payments.store.runDue(now);
    const req = await readRequest(request, now);
    let response: Response;
    if (req instanceof Response) response = req;
    else {
      const route = req.path.startsWith('/mock/')
        ? async () => mockEndpoint(req, request.headers.get('origin'), state)
        : () => gopayEndpoint(req, state);
      response = await route().catch((error: Error) =>
        json(500, { error: `The mock GoPay server failed: ${String(error?.message ?? error)}` }),
      );
    }
    const delay = Array.isArray(state.latency) ? state.delays().between(state.latency[0], state.latency[1]) : state.latency;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    state.requests.push({
      method: request.method,
      path: req instanceof Response ? request.url : req.path,
      headers: headersToRecord(request.headers),
      body: req instanceof Response ? '' : req.text,
      status: response.status,
      at: now,
    });
    return response;
  };
}
