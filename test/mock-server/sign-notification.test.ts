// @vitest-environment node
// mock.signNotification: the headers of a notification signed with the mock's key, for a merchant's own tests of its
// notify endpoint — checked with node:crypto, and accepted by the SDK's verifyNotification (the documented contract: the
// path from /v1.0/ on, a day of tolerance).
import { beforeAll, describe, expect, it } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { GoPaySignatureError, GoPayValidationError, verifyNotification } from '../../src/server';
import { jakarta } from './helpers';
import { verifies } from './inbox';

let mock: MockGoPayServer;
beforeAll(async () => {
  mock = await createMockGoPayServer();
});

const notification = {
  originalPartnerReferenceNo: 'ORDER-1',
  originalReferenceNo: 'A120261130100000abcdefghijID',
  merchantId: 'G000000001',
  amount: { value: '25000.00', currency: 'IDR' },
  latestTransactionStatus: '00',
  transactionStatusDesc: 'Success',
  additionalInfo: {},
};

describe('signNotification', () => {
  it('signs POST:/v1.0/debit/notify:sha256(body):X-TIMESTAMP by default, at the time it is called', async () => {
    const body = JSON.stringify(notification);
    const before = Date.now();
    const headers = await mock.signNotification(body);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
      'x-signature': expect.any(String),
      'x-partner-id': mock.merchant.partnerId,
      'x-external-id': expect.stringMatching(/^\d{20}$/),
      'channel-id': '95221',
    });
    expect(Math.abs(Date.parse(headers['x-timestamp']) - before)).toBeLessThan(2_000);
    expect(verifies({ headers, body }, mock.notificationPublicKey)).toBe(true);
    expect(verifies({ headers, body: body.replace('25000', '25001') }, mock.notificationPublicKey)).toBe(false);
  });

  it('an object is signed as its JSON text; a pretty-printed body of it verifies too (the digest is of the minified body)', async () => {
    const headers = await mock.signNotification(notification);
    expect(verifies({ headers, body: JSON.stringify(notification) }, mock.notificationPublicKey)).toBe(true);
    const pretty = await mock.signNotification(JSON.stringify(notification, null, 2));
    expect(pretty['x-signature']).toBe((await mock.signNotification(notification, { timestamp: pretty['x-timestamp'] }))['x-signature']);
  });

  it('takes the path and the timestamp (a string as sent, or ms)', async () => {
    const body = JSON.stringify(notification);
    const stale = await mock.signNotification(body, { path: '/hooks/gopay', timestamp: Date.parse('2026-01-02T03:04:05Z') });
    expect(stale['x-timestamp']).toBe('2026-01-02T10:04:05+07:00');
    expect(verifies({ headers: stale, body }, mock.notificationPublicKey, '/hooks/gopay')).toBe(true);
    const raw = await mock.signNotification(body, { timestamp: 'not-a-time' });
    expect(raw['x-timestamp']).toBe('not-a-time');
  });

  it('refuses what it cannot sign', async () => {
    await expect(mock.signNotification(42 as never)).rejects.toThrow(
      new GoPayValidationError(
        'mock.signNotification(payload) must be the body: a string, or an object (signed as its JSON text), got 42.',
      ),
    );
    await expect(mock.signNotification('{}', { path: 'v1.0/debit/notify' })).rejects.toThrow(
      new GoPayValidationError(
        `mock.signNotification(payload, options).path must be a path starting with /, e.g. '/v1.0/debit/notify', got "v1.0/debit/notify".`,
      ),
    );
    await expect(mock.signNotification('{}', { timestamp: Number.NaN })).rejects.toThrow(/\.timestamp must be the X-TIMESTAMP as sent/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(mock.signNotification(cyclic)).rejects.toThrow(GoPayValidationError);
  });

  it('refuses an unknown option, naming the allowed ones', async () => {
    await expect(mock.signNotification('{}', { Path: '/v1.0/debit/notify' } as never)).rejects.toThrow(
      new GoPayValidationError('a key of mock.signNotification(payload, options) must be one of path, timestamp, got "Path".'),
    );
  });
});

describe("the SDK's verifyNotification accepts what the mock signs", () => {
  const deliver = (body: string, headers: Record<string, string>, url = 'http://shop.test/api/gopay/v1.0/debit/notify') =>
    new Request(url, { method: 'POST', headers, body });

  it('delivered under a prefix, signed over /v1.0/debit/notify (verifyNotification takes the path from /v1.0/ on)', async () => {
    const body = JSON.stringify(notification);
    const verified = await verifyNotification(deliver(body, { ...(await mock.signNotification(body)) }), {
      publicKey: mock.notificationPublicKey,
    });
    expect(verified).toMatchObject({ originalReferenceNo: notification.originalReferenceNo, latestTransactionStatus: '00' });
  });

  it('a retry signed 23 hours ago still verifies (one day of tolerance); a changed body does not', async () => {
    const body = JSON.stringify(notification);
    const old = await mock.signNotification(body, { timestamp: jakarta(Date.now() - 23 * 3_600_000) });
    await expect(verifyNotification(deliver(body, { ...old }), { publicKey: mock.notificationPublicKey })).resolves.toBeTruthy();
    const headers = await mock.signNotification(body);
    await expect(
      verifyNotification(deliver(body.replace('"00"', '"06"'), { ...headers }), { publicKey: mock.notificationPublicKey }),
    ).rejects.toBeInstanceOf(GoPaySignatureError);
  });
});
