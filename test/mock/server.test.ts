// @vitest-environment node
// The `server` option: the mock bridge talks to a mock GoPay server, played here by a real node:http server on a
// local port. Auth codes come from POST {server}/mock/auth-codes; the user's payment choice is reported to
// POST {server}/mock/payments/report before the app hears it. Without `server`, nothing is fetched.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoPay, isGoPayError } from '../../src/core/index';
import { createMockBridge, type MockBridge, type MockBridgeOptions } from '../../src/mock/index';

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}
type Answer = { status: number; json?: unknown };

const SERVER_CODE = 'S3rv3rC0de'.repeat(6) + 'abcd';
const DEFAULT_ROUTES: Record<string, () => Answer | Promise<Answer>> = {
  '/mock/auth-codes': () => ({ status: 201, json: { authCode: SERVER_CODE, expiresIn: 360 } }),
  '/mock/payments/report': () => ({ status: 200, json: { ok: true } }),
};

let routes: Record<string, () => Answer | Promise<Answer>>;
const received: Received[] = [];
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const gopay = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  const path = request.url!.replace(/^\/prefix/, '');
  received.push({
    method: request.method!,
    path: request.url!,
    contentType: request.headers['content-type'],
    body: text ? JSON.parse(text) : undefined,
  });
  const answer = await (routes[path] ?? (() => ({ status: 404, json: { error: 'no such endpoint' } })))();
  response.writeHead(answer.status, { 'Content-Type': 'application/json' });
  response.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
});
let server: string;
/** A base URL where nothing listens: a port that was just freed. */
let dead: string;

beforeAll(async () => {
  server = await listen(gopay);
  const closed = createServer();
  dead = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  gopay.closeAllConnections();
  await new Promise((resolve) => gopay.close(resolve));
});

const made: MockBridge[] = [];
const mock = (options: MockBridgeOptions) => {
  const bridge = createMockBridge(options);
  made.push(bridge);
  return bridge;
};
beforeEach(() => {
  routes = { ...DEFAULT_ROUTES };
  received.length = 0;
});
afterEach(() => {
  made.splice(0).forEach((bridge) => bridge.destroy());
});

const raw = (bridge: MockBridge, method: string, params: Record<string, unknown> = {}) =>
  new Promise<['ok' | 'fail', Record<string, unknown>]>((resolve) => {
    const [className, methodName] = method.split('.') as [string, string];
    bridge.call(
      className,
      methodName,
      params,
      (response) => resolve(['ok', response as Record<string, unknown>]),
      (response) => resolve(['fail', response as Record<string, unknown>]),
    );
  });
const networkFailure = (message: unknown) => ({
  success: false,
  ret: 'GP_EXCEPTION',
  error_type: 'JS_BRIDGE_ERROR',
  error_code: '401',
  error_message: message,
});

describe('GPMiniAppAuth.getAuthCode with server', () => {
  it('POSTs {} as JSON to {server}/mock/auth-codes and answers { authCode } as GoPay would', async () => {
    expect(await raw(mock({ server }), 'GPMiniAppAuth.getAuthCode')).toEqual([
      'ok',
      { success: true, ret: 'GP_SUCCESS', data: { authCode: SERVER_CODE } },
    ]);
    expect(received).toEqual([{ method: 'POST', path: '/mock/auth-codes', contentType: 'application/json', body: {} }]);
  });

  it('the core gets that code', async () => {
    await expect(createGoPay({ bridge: mock({ server }) }).getAuthCode()).resolves.toMatchObject({ code: SERVER_CODE });
  });

  it.each([
    ['a trailing slash', '/', '/mock/auth-codes'],
    ['a path', '/prefix', '/prefix/mock/auth-codes'],
    ['a path and a trailing slash', '/prefix/', '/prefix/mock/auth-codes'],
  ])('a server URL with %s is joined cleanly', async (_, suffix, path) => {
    await raw(mock({ server: server + suffix }), 'GPMiniAppAuth.getAuthCode');
    expect(received.map((request) => request.path)).toEqual([path]);
  });

  it.each([
    [500, { error: 'boom' }],
    [404, undefined],
    [400, { success: false }],
  ])('an HTTP %s answers 401 (NETWORK) with a message naming the server', async (status, json) => {
    routes['/mock/auth-codes'] = () => ({ status, json });
    expect(await raw(mock({ server }), 'GPMiniAppAuth.getAuthCode')).toEqual([
      'fail',
      networkFailure(`The mock GoPay server at ${server} answered POST /mock/auth-codes with HTTP ${status}`),
    ]);
  });

  it.each([{ expiresIn: 360 }, { authCode: '' }, { authCode: 42 }, 'not json'])(
    'a 2xx answer without a code (%j) answers 401',
    async (json) => {
      routes['/mock/auth-codes'] = () => ({ status: 200, json });
      expect(await raw(mock({ server }), 'GPMiniAppAuth.getAuthCode')).toEqual([
        'fail',
        networkFailure(`The mock GoPay server at ${server} answered POST /mock/auth-codes without an authCode`),
      ]);
    },
  );

  it('an unreachable server answers 401, and the core rejects with NETWORK and a message that says where and what to check', async () => {
    const [outcome, answer] = await raw(mock({ server: dead }), 'GPMiniAppAuth.getAuthCode');
    expect(outcome).toBe('fail');
    expect(answer).toEqual(
      networkFailure(
        expect.stringMatching(new RegExp(`^The mock GoPay server at ${dead} could not be reached \\(.+\\): is it running\\?$`)),
      ),
    );
    const error = await createGoPay({ bridge: mock({ server: dead }) })
      .getAuthCode()
      .catch((e: unknown) => e);
    expect(isGoPayError(error, 'NETWORK')).toBe(true);
    expect((error as Error).message).toContain(dead);
  });

  it('offline still means 401 everywhere: nothing is fetched', async () => {
    expect((await raw(mock({ server, scenario: 'offline' }), 'GPMiniAppAuth.getAuthCode'))[1].error_code).toBe('401');
    expect(received).toEqual([]);
  });

  it('destroy() answers a request still in flight, so nothing hangs', async () => {
    let release!: () => void;
    routes['/mock/auth-codes'] = () =>
      new Promise<Answer>((resolve) => (release = () => resolve({ status: 201, json: { authCode: SERVER_CODE } })));
    const bridge = mock({ server });
    const answer = raw(bridge, 'GPMiniAppAuth.getAuthCode');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    bridge.destroy();
    expect(await answer).toEqual([
      'fail',
      expect.objectContaining({ error_code: '500', error_message: 'The mock bridge was destroyed before it answered' }),
    ]);
    release();
  });
});

describe('GP.launchPayment with server', () => {
  const DEEPLINK = 'gopay://merchanttransfer?tref=A0000000000000000001';

  it.each(['success', 'failed', 'pending', 'cancelled'] as const)(
    'reports %s as JSON { deeplink, status }, then answers it',
    async (paymentStatus) => {
      expect(await raw(mock({ server, paymentStatus }), 'GP.launchPayment', { deeplink: DEEPLINK })).toEqual([
        'ok',
        { success: true, ret: 'GP_SUCCESS', data: { status: paymentStatus } },
      ]);
      expect(received).toEqual([
        {
          method: 'POST',
          path: '/mock/payments/report',
          contentType: 'application/json',
          body: { deeplink: DEEPLINK, status: paymentStatus },
        },
      ]);
    },
  );

  it('the payment-cancelled scenario reports failed (a user cancel)', async () => {
    await raw(mock({ server, scenario: 'payment-cancelled' }), 'GP.launchPayment', { deeplink: DEEPLINK });
    expect(received.map((request) => request.body)).toEqual([{ deeplink: DEEPLINK, status: 'failed' }]);
  });

  it('waits for the report before answering the app', async () => {
    let release!: () => void;
    routes['/mock/payments/report'] = () => new Promise<Answer>((resolve) => (release = () => resolve({ status: 200 })));
    const answered = vi.fn();
    mock({ server }).call('GP', 'launchPayment', { deeplink: DEEPLINK }, answered, answered);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(answered).toHaveBeenCalledWith({ success: true, ret: 'GP_SUCCESS', data: { status: 'success' } }));
  });

  it('an invalid deeplink is refused before anything is reported', async () => {
    expect((await raw(mock({ server }), 'GP.launchPayment', { deeplink: 'gopay://home' }))[1].error_code).toBe('202');
    expect(received).toEqual([]);
  });

  it('a report the server refuses is warned about, and the app still hears the status', async () => {
    routes['/mock/payments/report'] = () => ({ status: 404, json: { error: 'unknown tref' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await raw(mock({ server, paymentStatus: 'failed' }), 'GP.launchPayment', { deeplink: DEEPLINK })).toEqual([
      'ok',
      { success: true, ret: 'GP_SUCCESS', data: { status: 'failed' } },
    ]);
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      `[gopay-miniapp-kit] The mock bridge could not report the payment "failed" to the mock GoPay server (POST ${server}/mock/payments/report): ` +
        `it answered HTTP 404: {"error":"unknown tref"}. The merchant backend will not get a payment notification for ${DEEPLINK}.`,
    );
  });

  it('an unreachable server is warned about, and the app still hears the status', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await raw(mock({ server: dead, paymentStatus: 'pending' }), 'GP.launchPayment', { deeplink: DEEPLINK }))[1].data).toEqual({
      status: 'pending',
    });
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(
      new RegExp(
        `^\\[gopay-miniapp-kit\\] The mock bridge could not report the payment "pending" to the mock GoPay server \\(POST ${dead}/mock/payments/report\\): it could not be reached \\(.+\\)\\. The merchant backend will not get a payment notification`,
      ),
    );
  });
});

describe('without server', () => {
  it('nothing is fetched: codes are minted locally and payments are not reported', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const bridge = mock({});
    expect((await raw(bridge, 'GPMiniAppAuth.getAuthCode'))[0]).toBe('ok');
    expect((await raw(bridge, 'GP.launchPayment', { deeplink: 'gopay://merchanttransfer?tref=1' }))[0]).toBe('ok');
    expect(fetch).not.toHaveBeenCalled();
    expect(received).toEqual([]);
  });
});
