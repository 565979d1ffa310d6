// @vitest-environment node
// The mock GoPay server: notifications retried until the merchant answers 2xx, in order; signNotification().
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, jakarta, minify, rsaOk, S, sha256hex, sleep, TS_RE, waitFor } from './helpers';
import { useMockServer } from './mock';

describe('mock GoPay server', { timeout: 30_000 }, () => {
  const { ctx, notify, ackAll, snapClient, mockPayment, notesFor } = useMockServer();
  let mock: any;
  beforeAll(() => {
    ({ mock } = ctx);
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
      await sleep(500);
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
