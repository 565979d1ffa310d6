// @vitest-environment node
// The mock GoPay server: SNAP token and payment checks, a payment’s life (03 → 00, 06, 08), the mock sheet, paymentTtl and validUpTo.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes, sign as rsaSign } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { core, expectNoSecrets, HOUR, jakarta, keyPair, minify, rejectionOf, rsaOk, S, sha256hex, sleep, TS_RE, waitFor } from './helpers';
import { bridgeMock, M, NOTIFY_PATH, useMockServer } from './mock';

describe('mock GoPay server', { timeout: 30_000 }, () => {
  const { ctx, notify, ackAll, base, snapClient, mockPayment, snapRaw, rawPaymentBody, notesFor, statusOf, verifyNote } = useMockServer();
  let mock: any;
  let url = '';
  beforeAll(() => {
    ({ mock, url } = ctx);
  });

  it('SNAP: the token (grantType or grant_type) and a payment are accepted with mock.merchant', async () => {
    const c = snapClient();
    expect(typeof (await c.accessToken())).toBe('string');
    for (const body of [{ grantType: 'client_credentials' }, { grant_type: 'client_credentials' }]) {
      const ts = jakarta();
      const signature = rsaSign('sha256', Buffer.from(`${mock.merchant.clientId}|${ts}`), mock.merchant.privateKey).toString('base64');
      const res = await fetch(`${base()}/v1.0/access-token/b2b`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': ts,
          'x-client-key': mock.merchant.clientId,
          'x-signature': signature,
        },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(200);
      const answer = await res.json();
      expect(answer.responseCode).toBe('2007300');
      expect(typeof answer.accessToken).toBe('string');
    }
    const p = await c.createPayment(mockPayment());
    expect(typeof p.referenceNo).toBe('string');
  });

  it('SNAP token request: a bad RSA signature or a stale X-TIMESTAMP is refused (401 Unauthorized), secrets kept out of the error', async () => {
    const wrongKey = keyPair();
    const e = await rejectionOf(snapClient({ privateKey: wrongKey.privateKey, retries: 0 }).accessToken());
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.status).toBe(401);
    expect(String(e.responseCode)).toMatch(/^401/);
    expectNoSecrets(e, [mock.merchant.clientSecret, wrongKey.privateKey.split('\n')[1]]);
    const ts = jakarta(Date.now() - 25 * HOUR);
    const signature = rsaSign('sha256', Buffer.from(`${mock.merchant.clientId}|${ts}`), mock.merchant.privateKey).toString('base64');
    const res = await fetch(`${base()}/v1.0/access-token/b2b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-client-key': mock.merchant.clientId, 'x-signature': signature },
      body: JSON.stringify({ grantType: 'client_credentials' }),
    });
    expect(res.status).toBe(401);
    const answer = await res.json();
    expect(String(answer.responseCode)).toMatch(/^401/);
    expect(String(answer.responseMessage)).toMatch(/^Unauthorized/);
  });

  it.each([
    ['an X-PARTNER-ID equal to the clientId', () => ({ partnerId: mock.merchant.clientId })],
    ['an unknown X-PARTNER-ID', () => ({ partnerId: 'nobody' })],
    ['a bad HMAC signature', () => ({ secret: 'not-the-secret' })],
    ['a stale X-TIMESTAMP (25 hours old)', () => ({ timestamp: jakarta(Date.now() - 25 * HOUR) })],
    ['no Bearer token', () => ({ token: null })],
  ])('host-to-host with %s → 401, 4015400 Unauthorized…', async (_n: string, over: () => any) => {
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', rawPaymentBody(), over());
    expect(r.status).toBe(401);
    expect(r.body.responseCode).toBe('4015400');
    expect(String(r.body.responseMessage)).toMatch(/^Unauthorized/);
    // The same request, well formed, is accepted.
    const good = await snapRaw('/v1.0/debit/payment-host-to-host', rawPaymentBody());
    expect(good.status).toBe(200);
    expect(good.body.responseCode).toBe('2005400');
  });

  it('the client with partnerId = clientId is refused by the mock (X-PARTNER-ID must be the partner id)', async () => {
    const e = await rejectionOf(snapClient({ partnerId: mock.merchant.clientId }).createPayment(mockPayment()));
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(e.responseCode).toBe('4015400');
  });

  it.each([
    ['partnerReferenceNo', (b: any) => delete b.partnerReferenceNo],
    ['chargeToken', (b: any) => delete b.chargeToken],
    ['payOptionDetails', (b: any) => delete b.payOptionDetails],
    ['payOptionDetails[].transAmount', (b: any) => delete b.payOptionDetails[0].transAmount],
  ])('host-to-host without %s → 400, 4005402 Invalid Mandatory Field…', async (_n: string, drop: (b: any) => void) => {
    const body = rawPaymentBody();
    drop(body);
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', body);
    expect(r.status).toBe(400);
    expect(r.body.responseCode).toBe('4005402');
    expect(String(r.body.responseMessage)).toMatch(/^Invalid Mandatory Field/);
  });

  it('host-to-host accepts both readings: urlParam as an object, transAmount.value 1500; no pointOfPurchaseId is checked', async () => {
    const body: any = rawPaymentBody();
    body.urlParam = { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'N' };
    body.payOptionDetails[0].transAmount.value = '1500';
    body.additionalInfo = {};
    const r = await snapRaw('/v1.0/debit/payment-host-to-host', body);
    expect(r.status).toBe(200);
    expect(r.body.responseCode).toBe('2005400');
    expect(typeof r.body.webRedirectUrl).toBe('string');
  });

  it('life of a payment: 03 pending, completePayment success → 00; status by originalReferenceNo and originalExternalId; signed notification', async () => {
    ackAll();
    const c = snapClient();
    const externalId = `ext-${randomBytes(6).toString('hex')}`;
    const body = mockPayment('25000.00');
    const p = await c.createPayment(body, { externalId });
    expect(p.partnerReferenceNo).toBe(body.partnerReferenceNo);
    expect(p.deeplink).toMatch(/^gopay:\/\/merchanttransfer\?/);
    expect(p.deeplink).toBe(core.toPaymentDeeplink(p.webRedirectUrl));
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0 }) });
    await expect(gp.launchPayment(p.deeplink)).resolves.toMatchObject({ status: 'success' });
    expect(await statusOf(p.referenceNo)).toBe('03');

    await mock.completePayment(p.referenceNo, 'success');
    const byRef = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    const byExt = await c.getPaymentStatus({ originalExternalId: externalId });
    for (const s of [byRef, byExt]) {
      expect(s.latestTransactionStatus).toBe('00');
      expect(Number(s.transAmount.value)).toBe(25000);
      expect(s.transAmount.currency).toBe('IDR');
      expect(typeof s.paidTime).toBe('string');
    }

    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    const n = notesFor(p.referenceNo)[0];
    expect(n.method).toBe('POST');
    expect(n.path).toBe(NOTIFY_PATH);
    const ts = n.headers['x-timestamp'];
    expect(ts).toMatch(TS_RE);
    // Independent check with node:crypto: SHA256withRSA over METHOD:/v1.0/…:sha256(minify(body)):timestamp — the path from /v1.0/ on.
    expect(rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify:${sha256hex(minify(n.body))}:${ts}`, n.headers['x-signature'])).toBe(
      true,
    );
    const parsed = await verifyNote(n);
    expect(parsed.latestTransactionStatus).toBe('00');
    const tampered = n.body.replace(/"00"/, '"06"');
    expect(tampered).not.toBe(n.body);
    const e = await rejectionOf(
      S.verifyNotification(
        { method: n.method, url: `${notify.state.url}${n.path}`, headers: n.headers, body: tampered },
        { publicKey: mock.notificationPublicKey },
      ),
    );
    expect(e).toBeInstanceOf(S.GoPaySignatureError);
    expect(mock.notifications.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['failed', '06'],
    ['expired', '08'],
  ])("completePayment(ref, '%s') → %s, notified", async (outcome: string, status: string) => {
    ackAll();
    const p = await snapClient().createPayment(mockPayment());
    await mock.completePayment(p.referenceNo, outcome);
    expect(await statusOf(p.referenceNo)).toBe(status);
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe(status);
  });

  it("the mock bridge (server option) reports the user's 'success': 00 and a signed notification", async () => {
    ackAll();
    const p = await snapClient().createPayment(mockPayment('5000.00'));
    const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: 'success' }) });
    await expect(gp.launchPayment(p.deeplink)).resolves.toEqual({ status: 'success' });
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe('00');
    expect(await statusOf(p.referenceNo)).toBe('00');
  });

  it.each(['failed', 'cancelled'])(
    "the user's '%s' in the mock sheet (a cancel, going back) leaves the payment pending: 03, no notification",
    async (answer: string) => {
      ackAll();
      const p = await snapClient().createPayment(mockPayment('5000.00'));
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: url, paymentStatus: answer }) });
      await expect(gp.launchPayment(p.deeplink)).resolves.toEqual({ status: answer });
      // Nothing may happen: a change of status would be notified to the local inbox within milliseconds, so 200 ms
      // (was 500) is ample to see one that should not come.
      await sleep(200);
      expect(await statusOf(p.referenceNo)).toBe('03');
      expect(notesFor(p.referenceNo)).toHaveLength(0);
    },
  );

  it('a cancelled sheet stays 03 until paymentTtl passes → 08, notified', async () => {
    // As in the validUpTo test below, the clock (Date only: sockets and timers stay real) is moved rather than waited
    // for: to 10 s before paymentTtl (still 03), then past it (08). The mock expires payments before every request too.
    const m = await M.createMockGoPayServer({ paymentTtl: 60_000, notifyUrl: `${notify.state.url}/ttl${NOTIFY_PATH}` });
    const u = await m.listen(0);
    try {
      ackAll();
      const body = mockPayment('5000.00', m);
      const p = await snapClient({}, m, u).createPayment(body);
      const gp = core.createGoPay({ bridge: bridgeMock.createMockBridge({ latency: 0, server: u, paymentStatus: 'cancelled' }) });
      await gp.launchPayment(p.deeplink);
      expect(await statusOf(p.referenceNo, m, u)).toBe('03');
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 50_000);
        expect(await statusOf(p.referenceNo, m, u)).toBe('03');
        vi.setSystemTime(Date.now() + 11_000);
        expect(await waitFor(async () => (await statusOf(p.referenceNo, m, u)) === '08', 10_000)).toBe(true);
        expect(await waitFor(() => notesFor(p.referenceNo).some((s) => JSON.parse(s.body).latestTransactionStatus === '08'))).toBe(true);
      } finally {
        vi.useRealTimers();
      }
    } finally {
      await m.close();
    }
  });

  it('a pending payment expires at its validUpTo → 08 (long before the 15-minute paymentTtl)', async () => {
    ackAll();
    // GoPay's page sets a minimum validity (20 s): a validUpTo 22 s ahead is a real, short one. The clock (Date only:
    // sockets and timers stay real) is moved past it rather than waited for.
    const p = await snapClient().createPayment({ ...mockPayment(), validUpTo: jakarta(Date.now() + 22_000) });
    expect(await statusOf(p.referenceNo)).toBe('03');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 23_000);
      expect(await waitFor(async () => (await statusOf(p.referenceNo)) === '08', 10_000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
