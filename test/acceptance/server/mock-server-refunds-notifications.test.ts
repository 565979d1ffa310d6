// @vitest-environment node
// The mock GoPay server after a payment: cancels (05) and refunds (04, partial, idempotent) and their notifications;
// notifications retried until the merchant answers 2xx, in order; signNotification().
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, jakarta, minify, rejectionOf, rsaOk, S, sha256hex, sleep, TS_RE, waitFor } from './helpers';
import { useMockServer } from './mock';

describe('mock GoPay server', { timeout: 30_000 }, () => {
  // notifyRetry (docs/local-development.md): a refused notification is retried after 25 ms, then 50 ms… rather than
  // the default 500 ms, 1 s… — the same retries, in order, without the wait.
  const { ctx, notify, ackAll, snapClient, mockPayment, snapRaw, notesFor, statusesFor, statusOf, verifyNote } = useMockServer({
    notifyRetry: { attempts: 6, delay: 25 },
  });
  let mock: any;
  beforeAll(() => {
    ({ mock } = ctx);
  });

  it('cancelPayment: a pending payment → 05 (2005700, notified); a paid one is refused', async () => {
    ackAll();
    const c = snapClient();
    const body = mockPayment();
    const p = await c.createPayment(body);
    const r = await c.cancelPayment({
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: p.referenceNo,
      reason: 'changed mind',
    });
    expect(r.responseCode).toBe('2005700');
    expect(await statusOf(p.referenceNo)).toBe('05');
    expect(await waitFor(() => notesFor(p.referenceNo).length > 0)).toBe(true);
    expect((await verifyNote(notesFor(p.referenceNo)[0])).latestTransactionStatus).toBe('05');

    const body2 = mockPayment();
    const paid = await c.createPayment(body2);
    await mock.completePayment(paid.referenceNo, 'success');
    const e = await rejectionOf(
      c.cancelPayment({ originalPartnerReferenceNo: body2.partnerReferenceNo, originalReferenceNo: paid.referenceNo }),
    );
    expect(e).toBeInstanceOf(S.GoPayApiError);
    expect(await statusOf(paid.referenceNo)).toBe('00');
  });

  it('cancel without originalPartnerReferenceNo is accepted (Midtrans’s clients send it so)', async () => {
    const p = await snapClient().createPayment(mockPayment());
    const r = await snapRaw('/v1.0/debit/cancel', { merchantId: mock.merchant.merchantId, originalReferenceNo: p.referenceNo });
    expect(r.body.responseCode).toBe('2005700');
    expect(await statusOf(p.referenceNo)).toBe('05');
  });

  it('refunds: 04, partial refunds add up to the paid amount and no further, the same partnerRefundNo answers the first refund; notified in order', async () => {
    ackAll();
    const c = snapClient();
    const body = mockPayment('10000.00');
    const p = await c.createPayment(body);
    await mock.completePayment(p.referenceNo, 'success');
    const refund = (partnerRefundNo: string, value?: string) =>
      c.refundPayment({
        originalPartnerReferenceNo: body.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        partnerRefundNo,
        ...(value ? { refundAmount: { value, currency: 'IDR' } } : {}),
        reason: 'test',
      });
    const tag = randomBytes(3).toString('hex');
    const r1 = await refund(`RF1-${tag}`, '3000.00');
    expect(r1.responseCode).toBe('2005800');
    expect(r1.partnerRefundNo).toBe(`RF1-${tag}`);
    expect(typeof r1.refundNo).toBe('string');
    expect(Number(r1.refundAmount.value)).toBe(3000);
    let st = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    expect(st.latestTransactionStatus).toBe('04');
    expect(st.refundHistory).toHaveLength(1);

    const again = await refund(`RF1-${tag}`, '3000.00');
    expect(again.refundNo).toBe(r1.refundNo);
    expect((await c.getPaymentStatus({ originalReferenceNo: p.referenceNo })).refundHistory).toHaveLength(1);

    expect(await rejectionOf(refund(`RF2-${tag}`, '8000.00'))).toBeInstanceOf(S.GoPayApiError);
    const r3 = await refund(`RF3-${tag}`); // no refundAmount: the rest
    expect(r3.responseCode).toBe('2005800');
    expect(Number(r3.refundAmount.value)).toBe(7000);
    expect(await rejectionOf(refund(`RF4-${tag}`, '1.00'))).toBeInstanceOf(S.GoPayApiError);

    st = await c.getPaymentStatus({ originalReferenceNo: p.referenceNo });
    expect(st.latestTransactionStatus).toBe('04');
    expect(st.refundHistory).toHaveLength(2);
    expect(Number(st.transAmount.value)).toBe(10000);
    expect(typeof st.paidTime).toBe('string');

    const refundNotes = () => notesFor(p.referenceNo).filter((s) => JSON.parse(s.body).latestTransactionStatus === '04');
    expect(await waitFor(() => new Set(refundNotes().map((s) => s.body)).size >= 2)).toBe(true);
    const parsed = await Promise.all([...new Map(refundNotes().map((s) => [s.body, s])).values()].map(verifyNote));
    const amountOf = (x: any) => Number(x?.value ?? x);
    expect(parsed.map((n) => n.additionalInfo.refundHistory.length)).toEqual([1, 2]);
    expect(parsed.map((n) => amountOf(n.additionalInfo.totalRefundAmount))).toEqual([3000, 10000]);
    expect(statusesFor(p.referenceNo)).toEqual(['00', '04']);
  });

  it('a refund without partnerRefundNo or originalPartnerReferenceNo is accepted (Midtrans’s clients send it so)', async () => {
    const p = await snapClient().createPayment(mockPayment('10000.00'));
    await mock.completePayment(p.referenceNo, 'success');
    const r = await snapRaw('/v1.0/debit/refund', {
      merchantId: mock.merchant.merchantId,
      originalReferenceNo: p.referenceNo,
      refundAmount: { value: '500.00', currency: 'IDR' },
    });
    expect(r.body.responseCode).toBe('2005800');
    expect(await statusOf(p.referenceNo)).toBe('04');
  });

  it("notifications are retried until the merchant answers 2xx; one payment's notifications are sent in order", async () => {
    const refused = new Set<string>();
    notify.reset([], (s) => {
      // The first delivery of each notification body is refused.
      if (!refused.has(s.body)) {
        refused.add(s.body);
        return { status: 500, body: { responseCode: '5005600', responseMessage: 'busy' } };
      }
      return { status: 200, body: S.NOTIFICATION_ACK };
    });
    try {
      const c = snapClient();
      const body = mockPayment('7000.00');
      const p = await c.createPayment(body);
      await mock.completePayment(p.referenceNo, 'success');
      await c.refundPayment({
        originalPartnerReferenceNo: body.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        partnerRefundNo: `RF-${randomBytes(3).toString('hex')}`,
      });
      expect(await waitFor(() => notesFor(p.referenceNo).length >= 4, 25_000)).toBe(true);
      const seq = notesFor(p.referenceNo).map((s) => JSON.parse(s.body).latestTransactionStatus);
      // Each body twice (refused, then acknowledged), and no 04 before the 00 is acknowledged.
      expect(seq.slice(0, 4)).toEqual(['00', '00', '04', '04']);
      // Nothing more once acknowledged: a further attempt would come 50 ms (the next backoff) after the last, so
      // 200 ms would see it.
      await sleep(200);
      expect(notesFor(p.referenceNo)).toHaveLength(4);
    } finally {
      ackAll();
    }
  });

  it('signNotification(payload, { path?, timestamp? }): the headers of a notification signed with the mock’s key', async () => {
    const payload = { originalReferenceNo: 'R-1', originalPartnerReferenceNo: 'INV-1', latestTransactionStatus: '00', additionalInfo: {} };
    const h = new Headers(await mock.signNotification(payload));
    const ts = String(h.get('x-timestamp'));
    expect(ts).toMatch(TS_RE);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(60_000);
    const body = JSON.stringify(payload, null, 1);
    expect(
      rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify:${sha256hex(minify(body))}:${ts}`, String(h.get('x-signature'))),
    ).toBe(true);
    await expect(
      S.verifyNotification(
        { method: 'POST', url: 'https://merchant.example/hooks/v1.0/debit/notify', headers: Object.fromEntries(h), body },
        { publicKey: mock.notificationPublicKey },
      ),
    ).resolves.toEqual(payload);
    const at = jakarta(Date.now() - HOUR);
    const h2 = new Headers(await mock.signNotification(payload, { path: '/v1.0/debit/notify-other', timestamp: at }));
    expect(h2.get('x-timestamp')).toBe(at);
    expect(
      rsaOk(mock.notificationPublicKey, `POST:/v1.0/debit/notify-other:${sha256hex(minify(body))}:${at}`, String(h2.get('x-signature'))),
    ).toBe(true);
  });
});
