// @vitest-environment node
// The mock signs a notification over the path verifyNotification checks — one rule, in src/shared: from the last
// `/v1.0/` segment on (the relative path Midtrans appends to the URL the merchant registered), else the whole path.
import { describe, expect, it } from 'vitest';
import { signedPath } from '../../src/mock-server/notification-body';
import { createMockGoPayServer } from '../../src/mock-server/index';
import { verifyNotification } from '../../src/server/index';

describe('the signed notification path', () => {
  it.each([
    ['http://shop.test/v1.0/debit/notify', '/v1.0/debit/notify'],
    ['http://shop.test/api/gopay/v1.0/debit/notify?x=1', '/v1.0/debit/notify'],
    ['http://shop.test/v1.0/hooks/v1.0/debit/notify', '/v1.0/debit/notify'],
    ['http://shop.test/gopay-notify', '/gopay-notify'],
  ])('%s is signed over %s, and verifyNotification agrees', async (url, path) => {
    expect(signedPath(url)).toBe(path);
    const mock = await createMockGoPayServer();
    const body = JSON.stringify({ originalReferenceNo: 'A1', latestTransactionStatus: '00' });
    const headers = { ...(await mock.signNotification(body, { path: signedPath(url) })) };
    await expect(
      verifyNotification({ method: 'POST', url, headers, body }, { publicKey: mock.notificationPublicKey }),
    ).resolves.toMatchObject({
      latestTransactionStatus: '00',
    });
  });
});
