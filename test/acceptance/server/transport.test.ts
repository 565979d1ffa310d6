// @vitest-environment node
// Transport rules of both clients: timeouts and abort (token, tokenStore, backoff), redirects, answer size, hostile arguments.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it } from 'vitest';
import { core, cyclic, failureOf, MiB, rejectionOf, S, sleep, throwingProxy, thrownBy, waitFor } from './helpers';
import { miniApp, ok, other, reward, stand, useStandIns } from './stand-in';
import { paymentBody, paymentReply, seenAt, snap, snapOptions, snapRoutes } from './snap-stand-in';

useStandIns();

describe('transport rules (both clients)', { timeout: 30_000 }, () => {
  it('a silent token endpoint ends in GoPayTimeoutError: the per-call and the client timeout bound the token request', async () => {
    stand.reset([], snapRoutes({ '/v1.0/access-token/b2b': () => 'hang' }));
    const t0 = Date.now();
    const e1 = await rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { timeout: 100 }));
    expect(e1).toBeInstanceOf(S.GoPayTimeoutError);
    const e2 = await rejectionOf(snap({ retries: 0, timeout: 100 }).accessToken());
    expect(e2).toBeInstanceOf(S.GoPayTimeoutError);
    const e3 = await rejectionOf(snap({ retries: 0 }).getPaymentStatus({ originalReferenceNo: 'A1B2C3' }, { timeout: 100 }));
    expect(e3).toBeInstanceOf(S.GoPayTimeoutError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(0);
  });

  it('the signal aborts the token request (GoPayAbortError)', async () => {
    stand.reset([], snapRoutes({ '/v1.0/access-token/b2b': () => 'hang' }));
    const ctrl = new AbortController();
    const pending = rejectionOf(snap({ retries: 0 }).createPayment(paymentBody(), { signal: ctrl.signal }));
    // Aborted while the token request is at the stand-in (rather than after a fixed 150 ms).
    expect(await waitFor(() => seenAt('/v1.0/access-token/b2b').length === 1, 5_000)).toBe(true);
    ctrl.abort();
    const e = await pending;
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(e.code).toBe('ABORTED');
  });

  it('a tokenStore that hangs is bounded by the call’s timeout (GoPayTimeoutError) and by its signal', async () => {
    stand.reset([], snapRoutes());
    let gets = 0;
    const hangingStore = {
      get: () => {
        gets++;
        return new Promise(() => {});
      },
      set: () => new Promise(() => {}),
    };
    const t0 = Date.now();
    const e1 = await rejectionOf(snap({ tokenStore: hangingStore, retries: 0 }).createPayment(paymentBody(), { timeout: 100 }));
    expect(e1).toBeInstanceOf(S.GoPayTimeoutError);
    const e2 = await rejectionOf(snap({ tokenStore: hangingStore, retries: 0, timeout: 100 }).accessToken());
    expect(e2).toBeInstanceOf(S.GoPayTimeoutError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const ctrl = new AbortController();
    const getsBefore = gets;
    const pending = rejectionOf(snap({ tokenStore: hangingStore, retries: 0 }).createPayment(paymentBody(), { signal: ctrl.signal }));
    // Aborted while the call waits on the store's get (rather than after a fixed 150 ms).
    expect(await waitFor(() => gets > getsBefore, 5_000)).toBe(true);
    ctrl.abort();
    const e3 = await pending;
    expect(e3).toBeInstanceOf(S.GoPayAbortError);
  });

  it('the signal also ends a backoff wait (Retry-After: 30)', async () => {
    stand.reset([], () => ({ status: 503, headers: { 'retry-after': '30' }, body: { success: false } }));
    // Aborted 100 ms after the 503 was sent (rather than 300 ms after the call): the client has read it and waits.
    const abortInBackoff = async (ctrl: AbortController, path?: string) => {
      expect(await waitFor(() => (path ? seenAt(path) : stand.state.seen).length === 1, 5_000)).toBe(true);
      await sleep(100);
      ctrl.abort();
    };
    const ctrl = new AbortController();
    const t0 = Date.now();
    const pending = rejectionOf(miniApp().getProfile('tok', { signal: ctrl.signal }));
    await abortInBackoff(ctrl);
    const e = await pending;
    expect(e).toBeInstanceOf(S.GoPayAbortError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(stand.state.seen).toHaveLength(1);
    stand.reset(
      [],
      snapRoutes({ '/v1.0/debit/payment-host-to-host': () => ({ status: 503, headers: { 'retry-after': '30' }, body: {} }) }),
    );
    const ctrl2 = new AbortController();
    const pending2 = rejectionOf(snap().createPayment(paymentBody(), { signal: ctrl2.signal }));
    await abortInBackoff(ctrl2, '/v1.0/debit/payment-host-to-host');
    const e2 = await pending2;
    expect(e2).toBeInstanceOf(S.GoPayAbortError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
  });

  const notSignals: Array<[string, unknown]> = [
    ['{}', {}],
    ["'yes'", 'yes'],
    ['{ aborted: false }', { aborted: false }],
    ['{ aborted, addEventListener } without removeEventListener', { aborted: false, addEventListener() {} }],
  ];
  it.each(notSignals)('a signal that is not an AbortSignal (%s) → GoPayValidationError in both clients, no request', async (_n, signal) => {
    stand.reset([], snapRoutes());
    const e1 = await failureOf(() => miniApp().getProfile('tok', { signal }));
    expect(e1).toBeInstanceOf(S.GoPayValidationError);
    const e2 = await failureOf(() => snap().createPayment(paymentBody(), { signal }));
    expect(e2).toBeInstanceOf(S.GoPayValidationError);
    const e3 = await failureOf(() => snap().accessToken({ signal }));
    expect(e3).toBeInstanceOf(S.GoPayValidationError);
    expect(stand.state.seen).toHaveLength(0);
  });

  it.each([301, 302, 303, 307, 308])(
    'a %s is not followed: GoPayApiError, and the other host receives nothing (Mini App)',
    async (status: number) => {
      stand.reset([], (s) => ({ status, headers: { location: `${other.state.url}${s.path}` }, body: '' }));
      const e = await rejectionOf(miniApp().getAuthToken('R'.repeat(64)));
      expect(e).toBeInstanceOf(S.GoPayApiError);
      expect(e.status).toBe(status);
      expect(stand.state.seen).toHaveLength(1);
      expect(other.state.seen).toHaveLength(0);
    },
  );

  it('a redirect is not followed by the SNAP client (token request and transactional request)', async () => {
    stand.reset([], (s) => ({ status: 307, headers: { location: `${other.state.url}${s.path}` }, body: '' }));
    const e1 = await rejectionOf(snap().accessToken());
    expect(e1).toBeInstanceOf(S.GoPayApiError);
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => ({ status: 308, headers: { location: `${other.state.url}${s.path}` }, body: '' }),
      }),
    );
    const e2 = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e2).toBeInstanceOf(S.GoPayApiError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
    expect(other.state.seen).toHaveLength(0);
  });

  const hugeText = (n: number) => 'x'.repeat(n);
  it('an answer larger than 1 MiB is refused (GoPayApiError), not retried — a 200 and a 503 alike', async () => {
    stand.reset([], () => ({ status: 200, body: { success: true, data: { auth_token: hugeText(MiB + 1024), gopay_account_id: 'a' } } }));
    const e1 = await rejectionOf(miniApp().getAuthToken('S'.repeat(64)));
    expect(e1).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
    stand.reset([], () => ({ status: 503, body: { success: false, error: { description: hugeText(MiB + 1024) } } }));
    const e2 = await rejectionOf(miniApp().getAuthToken('S'.repeat(64)));
    expect(e2).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('an answer just under 1 MiB is read', async () => {
    stand.reset([ok({ auth_token: hugeText(1_000_000), gopay_account_id: 'a' })]);
    const r = await miniApp().getAuthToken('S'.repeat(64));
    expect(r.auth_token).toHaveLength(1_000_000);
  });

  it('the rest of a larger answer is not read: an endless answer past 1 MiB ends in GoPayApiError, not a timeout', async () => {
    stand.reset([], () => ({
      raw: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"success":true,"data":{"auth_token":"${hugeText(MiB + 64 * 1024)}`);
      },
    }));
    const e = await rejectionOf(miniApp({ retries: 0, timeout: 15_000 }).getAuthToken('S'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(stand.state.seen).toHaveLength(1);
  });

  it('an answer larger than 1 MiB to a SNAP call is refused (GoPayApiError), not retried', async () => {
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => {
          const r: any = paymentReply(s);
          r.body.additionalInfo = { padding: hugeText(MiB + 1024) };
          return r;
        },
      }),
    );
    const e = await rejectionOf(snap().createPayment(paymentBody()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(seenAt('/v1.0/debit/payment-host-to-host')).toHaveLength(1);
  });

  it.each([
    ['a cyclic template_parameters', (c: any) => c.sendPushNotification('tok', { template_name: 'x', template_parameters: cyclic() })],
    [
      'a BigInt reward amount',
      (c: any) => c.sendReward('tok', { amount: { value: 10n, currency: 'IDR' }, description: 'd', reward_type: 'CASHBACK' }),
    ],
    ['a throwing Proxy as reminder params', (c: any) => c.createReminder('tok', throwingProxy())],
    ['a throwing Proxy as auth code', (c: any) => c.getAuthToken(throwingProxy())],
    ['a throwing Proxy as per-call options', (c: any) => c.getProfile('tok', throwingProxy())],
    ['a throwing Proxy as reward metadata', (c: any) => c.sendReward('tok', { ...reward(), metadata: throwingProxy() })],
  ])('createGoPayServer: %s → a GoPayError', async (_n: string, run: (c: any) => unknown) => {
    stand.reset([], () => ok({}));
    const e = await failureOf(() => run(miniApp()));
    expect(core.isGoPayError(e), String(e)).toBe(true);
  });

  it.each([
    ['a cyclic additionalInfo', () => [{ ...paymentBody(), additionalInfo: cyclic() }]],
    ['a BigInt in additionalInfo', () => [{ ...paymentBody(), additionalInfo: { n: 10n } }]],
    ['a throwing Proxy as body', () => [throwingProxy()]],
    ['a throwing Proxy as payOptionDetails', () => [{ ...paymentBody(), payOptionDetails: throwingProxy() }]],
    ['a throwing Proxy as options', () => [paymentBody(), throwingProxy()]],
  ])('createSnapClient.createPayment: %s → a GoPayError', async (_n: string, args: () => unknown[]) => {
    stand.reset([], snapRoutes());
    const c = snap();
    const e = await failureOf(() => c.createPayment(...args()));
    expect(core.isGoPayError(e), String(e)).toBe(true);
  });

  it.each(['getPaymentStatus', 'refundPayment', 'cancelPayment'])(
    'createSnapClient.%s with a throwing Proxy or a cyclic query → a GoPayError',
    async (m) => {
      stand.reset([], snapRoutes());
      const c = snap();
      const e1 = await failureOf(() => c[m](throwingProxy()));
      expect(core.isGoPayError(e1), String(e1)).toBe(true);
      const q = cyclic();
      Object.assign(q, { originalReferenceNo: 'A1B2C3', originalPartnerReferenceNo: 'INV-1', partnerRefundNo: 'RF-1' });
      const e2 = await failureOf(() => c[m](q));
      expect(core.isGoPayError(e2), String(e2)).toBe(true);
    },
  );

  it('the factories turn a throwing Proxy as options into a GoPayError thrown synchronously', () => {
    expect(core.isGoPayError(thrownBy(() => S.createGoPayServer(throwingProxy())))).toBe(true);
    expect(core.isGoPayError(thrownBy(() => S.createSnapClient(throwingProxy())))).toBe(true);
    expect(
      core.isGoPayError(thrownBy(() => S.createSnapClient(snapOptions({ tokenStore: throwingProxy(), headers: throwingProxy() })))),
    ).toBe(true);
  });

  it('a __proto__ key in an answer stays a plain field (data, error body, SNAP answer)', async () => {
    stand.reset([
      { status: 200, body: '{"success":true,"data":{"auth_token":"t","gopay_account_id":"a","__proto__":{"polluted":"yes"}}}' },
    ]);
    const r = await miniApp().getAuthToken('P'.repeat(64));
    expect(r.auth_token).toBe('t');
    expect(Object.prototype.hasOwnProperty.call(r, '__proto__')).toBe(true);
    expect(r.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    stand.reset([{ status: 400, body: '{"success":false,"__proto__":{"polluted":"yes"},"error":{"description":"bad"}}' }]);
    const e = await rejectionOf(miniApp().getAuthToken('P'.repeat(64)));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.description).toBe('bad');
    expect(Object.prototype.hasOwnProperty.call(e.body, '__proto__')).toBe(true);
    expect(e.body.polluted).toBeUndefined();
    stand.reset(
      [],
      snapRoutes({
        '/v1.0/debit/payment-host-to-host': (s) => {
          const p = (paymentReply(s) as any).body;
          const text = JSON.stringify(p).replace(
            '"additionalInfo":{"foo":"bar"}',
            '"additionalInfo":{"foo":"bar","__proto__":{"polluted":"yes"}}',
          );
          return { status: 200, body: text };
        },
      }),
    );
    const pay = await snap().createPayment(paymentBody());
    expect(Object.prototype.hasOwnProperty.call(pay.additionalInfo, '__proto__')).toBe(true);
    expect(pay.additionalInfo.polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });
});
