// @vitest-environment node
// The development credentials: the same on every start (a merchant's .env keeps working across restarts), partner
// id apart from client id, a PoP ID; the `merchant` option replaces any of them, its own RSA key included.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMockGoPayServer } from '../../src/mock-server';
import { GoPayValidationError } from '../../src/server';
import { DEV_MERCHANT, DEV_NOTIFICATION_PUBLIC_KEY } from '../../src/mock-server/dev-merchant';
import { answer, exchange, issuedCode, tokenRequest } from './helpers';

describe('the development merchant', () => {
  it('is the same on every start, with the same notification key', async () => {
    const [a, b] = await Promise.all([createMockGoPayServer(), createMockGoPayServer({ seed: 1 })]);
    expect(a.merchant).toEqual(b.merchant);
    expect(a.merchant).toEqual(DEV_MERCHANT);
    expect(a.notificationPublicKey).toBe(b.notificationPublicKey);
    expect(a.notificationPublicKey).toBe(DEV_NOTIFICATION_PUBLIC_KEY);
  });

  it('has a partner id apart from its client id, a PoP ID, and a PKCS#8 key the mock verifies', async () => {
    const mock = await createMockGoPayServer();
    const { clientId, partnerId, pointOfPurchaseId, privateKey, merchantId } = mock.merchant;
    expect(partnerId).not.toBe(clientId);
    expect(pointOfPurchaseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(merchantId).toMatch(/^G\d{9}$/);
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await answer(mock, tokenRequest(mock))).status).toBe(200);
    expect((await exchange(mock, await issuedCode(mock))).status).toBe(200);
  });
});

describe('the merchant option', () => {
  it.each(['pkcs8', 'pkcs1'] as const)(
    'takes its own RSA key (%s): signed with it, accepted; with the development key, refused',
    async (type) => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type, format: 'pem' } });
      const mock = await createMockGoPayServer({ merchant: { privateKey, clientId: 'my-client', partnerId: 'my-partner' } });
      expect(mock.merchant).toEqual({ ...DEV_MERCHANT, privateKey, clientId: 'my-client', partnerId: 'my-partner' });
      expect((await answer(mock, tokenRequest(mock))).status).toBe(200);
      const devSigned = await answer(mock, tokenRequest({ ...mock, merchant: { ...mock.merchant, privateKey: DEV_MERCHANT.privateKey } }));
      expect(devSigned.body.responseMessage).toBe('Unauthorized. Invalid Signature');
    },
  );

  it('replaces the Basic credential', async () => {
    const mock = await createMockGoPayServer({ merchant: { credentials: btoa('mine:secret') } });
    expect((await exchange(mock, await issuedCode(mock), DEV_MERCHANT.credentials)).status).toBe(401);
    expect((await exchange(mock, await issuedCode(mock))).status).toBe(200);
  });

  it('refuses a private key that is not one', async () => {
    await expect(createMockGoPayServer({ merchant: { privateKey: 'not a key' } })).rejects.toThrow(
      new GoPayValidationError(
        'createMockGoPayServer(options).merchant.privateKey must be an RSA private key PEM (PKCS#8 or PKCS#1), got a string (not quoted: it may be a secret).',
      ),
    );
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await expect(createMockGoPayServer({ merchant: { privateKey: publicKey } })).rejects.toThrow(GoPayValidationError);
  });
});
