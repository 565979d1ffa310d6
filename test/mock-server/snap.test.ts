// @vitest-environment node
// The SNAP access token and the checks every transactional request passes (Bearer, X-PARTNER-ID, X-TIMESTAMP,
// HMAC-SHA512, CHANNEL-ID), signed here with node:crypto and refused with the response codes of Midtrans's pages.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockGoPayServer, type MockGoPayServer } from '../../src/mock-server';
import { createMockServer } from '../../src/mock-server/create';
import { accessToken, answer, jakarta, manualClock, paymentBody, rsaSign, snapRequest, tokenRequest } from './helpers';

let mock: MockGoPayServer;
beforeAll(async () => {
  mock = await createMockGoPayServer({ seed: 3 });
});
afterEach(() => mock.reset());

const H2H = '/v1.0/debit/payment-host-to-host';
const STATUS = '/v1.0/debit/status';

describe('POST /v1.0/access-token/b2b', () => {
  it('answers a Bearer token for 900 s when X-SIGNATURE is SHA256withRSA(privateKey, clientId|X-TIMESTAMP)', async () => {
    expect(await answer(mock, tokenRequest(mock))).toEqual({
      status: 200,
      body: {
        responseCode: '2007300',
        responseMessage: 'Successful',
        accessToken: expect.stringMatching(/^[A-Za-z0-9]{54}$/),
        tokenType: 'Bearer',
        expiresIn: '900',
      },
    });
  });

  it.each([
    ['grantType (the pages)', { grantType: 'client_credentials' }, 200],
    ["grant_type (Midtrans's Node, PHP and Java clients)", { grant_type: 'client_credentials' }, 200],
    ['another grant', { grantType: 'password' }, 400],
    ['no grant', {}, 400],
  ])('%s', async (_, body, status) => {
    const { status: got, body: answered } = await answer(mock, tokenRequest(mock, { body }));
    expect(got).toBe(status);
    if (status === 400) expect(answered).toEqual({ responseCode: '4007302', responseMessage: 'Invalid Mandatory Field grantType' });
  });

  it("accepts the official Node client's X-TIMESTAMP (UTC, milliseconds, Z)", async () => {
    expect((await answer(mock, tokenRequest(mock, { timestamp: new Date().toISOString() }))).status).toBe(200);
  });

  it.each([
    ['a signature by another key', () => ({ signature: rsaSign(mock.merchant.privateKey, 'someone-else|' + jakarta()) })],
    ['a signature that is not base64', () => ({ signature: '***' })],
    [
      'a signature over another timestamp',
      () => ({ signature: rsaSign(mock.merchant.privateKey, `${mock.merchant.clientId}|${jakarta(0)}`) }),
    ],
  ])('%s: 401 4017300 Unauthorized. Invalid Signature', async (_, parts) => {
    expect(await answer(mock, tokenRequest(mock, parts()))).toEqual({
      status: 401,
      body: { responseCode: '4017300', responseMessage: 'Unauthorized. Invalid Signature' },
    });
  });

  it('an unknown client, the partner id as client key, a stale or malformed timestamp are refused', async () => {
    const unknown = { responseCode: '4017300', responseMessage: 'Unauthorized. Unknown Client' };
    expect((await answer(mock, tokenRequest(mock, { clientId: 'someone' }))).body).toEqual(unknown);
    expect((await answer(mock, tokenRequest(mock, { clientId: mock.merchant.partnerId }))).body).toEqual(unknown);
    for (const at of [Date.now() - 360_000, Date.now() + 360_000]) {
      expect((await answer(mock, tokenRequest(mock, { timestamp: jakarta(at) }))).body.responseMessage).toBe(
        'Unauthorized. Stale X-TIMESTAMP',
      );
    }
    expect((await answer(mock, tokenRequest(mock, { timestamp: jakarta(Date.now() - 240_000) }))).status).toBe(200);
    expect((await answer(mock, tokenRequest(mock, { timestamp: '30/11/2026 14:30' }))).body.responseCode).toBe('4007301');
  });

  it('a token expires after 15 minutes of the mock clock', async () => {
    const clock = manualClock();
    const timed = await createMockServer({}, { clock });
    const token = await accessToken(timed, clock.now());
    clock.advance(900_001);
    const refused = await answer(timed, snapRequest(timed, H2H, paymentBody(timed), { token, now: clock.now() }));
    expect(refused.body).toEqual({ responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' });
  });
});

describe('every transactional request', () => {
  it.each([
    ['a wrong client secret', { secret: 'not-the-secret' }, 401, '4015400', 'Unauthorized. Invalid Signature'],
    ['a signature that is not base64', { signature: '!!' }, 401, '4015400', 'Unauthorized. Invalid Signature'],
    ['an unknown access token', { token: 'forged' }, 401, '4015401', 'Invalid Token (B2B)'],
    ['no access token', { token: '' }, 401, '4015400', 'Unauthorized. Auth token required'],
    ['a stale X-TIMESTAMP', { timestamp: jakarta(Date.now() - 3_600_000) }, 401, '4015400', 'Unauthorized. Stale X-TIMESTAMP'],
    ['another partner', { partnerId: 'other' }, 401, '4015400', 'Unauthorized. Unknown Partner'],
    ['a CHANNEL-ID that is not 5 digits', { channelId: 'web' }, 400, '4005402', 'Invalid Mandatory Field CHANNEL-ID'],
  ])('%s is refused: %s %s', async (_, parts, status, responseCode, responseMessage) => {
    const token = await accessToken(mock);
    expect(await answer(mock, snapRequest(mock, H2H, paymentBody(mock), { token, ...parts }))).toEqual({
      status,
      body: { responseCode, responseMessage },
    });
    expect(mock.payments.size).toBe(0);
  });

  it('X-PARTNER-ID is the partner id: the client id in its place is refused (they differ, as Midtrans issues them)', async () => {
    expect(mock.merchant.partnerId).not.toBe(mock.merchant.clientId);
    const token = await accessToken(mock);
    const asClientId = await answer(mock, snapRequest(mock, H2H, paymentBody(mock), { token, partnerId: mock.merchant.clientId }));
    expect(asClientId.body).toEqual({ responseCode: '4015400', responseMessage: 'Unauthorized. Unknown Partner' });
    expect((await answer(mock, snapRequest(mock, H2H, paymentBody(mock), { token }))).status).toBe(200);
  });

  it('a body changed after signing is refused; whitespace is not part of the signed digest', async () => {
    const token = await accessToken(mock);
    const signed = snapRequest(mock, H2H, paymentBody(mock, 'ORDER-A'), { token });
    const resend = (body: string) => new Request(signed.url, { method: 'POST', headers: signed.headers, body });
    expect((await answer(mock, resend(JSON.stringify(paymentBody(mock, 'ORDER-A', '1.00'))))).body.responseCode).toBe('4015400');
    expect((await answer(mock, resend(JSON.stringify(paymentBody(mock, 'ORDER-A'), null, 2)))).status).toBe(200);
  });

  it('the signature covers the path: one made for host-to-host is refused by status', async () => {
    const token = await accessToken(mock);
    const forH2h = snapRequest(mock, H2H, { originalReferenceNo: 'x', serviceCode: '54' }, { token });
    const moved = new Request(forH2h.url.replace(H2H, STATUS), { method: 'POST', headers: forH2h.headers, body: await forH2h.text() });
    expect((await answer(mock, moved)).body).toEqual({ responseCode: '4015500', responseMessage: 'Unauthorized. Invalid Signature' });
  });

  it.each([
    ['/v1.0/debit/payment-host-to-host', '54'],
    ['/v1.0/debit/status', '55'],
    ['/v1.0/debit/cancel', '57'],
    ['/v1.0/debit/refund', '58'],
  ])('%s answers with its service code %s, and 405 to a GET', async (path, service) => {
    const refused = await answer(mock, snapRequest(mock, path, {}, { token: '' }));
    expect(refused.body).toEqual({ responseCode: `401${service}00`, responseMessage: 'Unauthorized. Auth token required' });
    const get = await mock.fetch(new Request(`http://gopay.mock${path}`));
    expect(get.status).toBe(405);
    expect((await get.json()).responseCode).toBe(`405${service}00`);
  });
});
