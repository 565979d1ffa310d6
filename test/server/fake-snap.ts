// A stand-in for Midtrans's SNAP endpoints on a real node:http server. It checks every signature with node:crypto
// (RSA for the token, HMAC-SHA512 for transactions) and answers as the docs show; `override` injects faults.
import type { ServerResponse } from 'node:http';
import { createSnapClient } from '../../src/server/index';
import { hmac512, json, makeKeys, rsaVerify, sha256Hex, startServer, header, type Received } from './helpers';

export const CLIENT_ID = 'client-id-7f3a';
/** Midtrans issues the Partner ID beside the client id, and the two differ. */
export const PARTNER_ID = 'partner-G812345678';
export const CLIENT_SECRET = 'client-secret-SHHH-5d1c9e';
export const MERCHANT_ID = 'G123456789';

export interface FakeSnapOptions {
  /** Answer a request yourself; return true when answered. */
  override?: (request: Received, res: ServerResponse, index: number) => boolean | Promise<boolean>;
  expiresIn?: string | number;
  /** Delay of the token answer, ms. */
  tokenDelay?: number;
}

let keys: ReturnType<typeof makeKeys> | undefined;
/** One key pair per test file run: RSA generation is slow. */
export const snapKeys = () => (keys ??= makeKeys());

/** A SNAP client with the fake's merchant, pointed at `baseUrl`; `extra` adds or overrides options. */
export const snapClient = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  createSnapClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    privateKey: snapKeys().pkcs8,
    partnerId: PARTNER_ID,
    merchantId: MERCHANT_ID,
    baseUrl,
    ...extra,
  });

/** GoPay's host-to-host body: the amount is in payOptionDetails, there is no top-level amount. */
export const payment = (partnerReferenceNo: string, value = '15000.00') => ({
  partnerReferenceNo,
  payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value, currency: 'IDR' as const } }],
});

/** What the stand-in answers: a status and a JSON body, sent over a socket (startFakeSnap) or in memory. */
export interface StandInAnswer {
  status: number;
  body: unknown;
}

function answer(status: number, body: unknown): StandInAnswer {
  return { status, body };
}

/**
 * Midtrans's SNAP endpoints as the docs answer them, whatever carries the requests: every signature checked with
 * node:crypto (RSA for the token, HMAC-SHA512 for transactions); what went wrong is kept in `errors`.
 */
export const createSnapStandIn = (options: Pick<FakeSnapOptions, 'expiresIn' | 'tokenDelay'> = {}) => {
  const { spki } = snapKeys();
  let tokenCount = 0;
  const issued: string[] = [];
  const revoked = new Set<string>();
  const errors: string[] = [];
  const respond = async (request: Received, index: number): Promise<StandInAnswer> => {
    const path = request.url.split('?')[0]!;
    if (path === '/v1.0/access-token/b2b') {
      const timestamp = header(request, 'x-timestamp') ?? '';
      const ok =
        header(request, 'x-client-key') === CLIENT_ID &&
        rsaVerify(spki, `${CLIENT_ID}|${timestamp}`, header(request, 'x-signature') ?? '') &&
        JSON.parse(request.body).grantType === 'client_credentials';
      if (!ok) {
        errors.push(`bad token request ${JSON.stringify(request.headers)}`);
        return answer(401, { responseCode: '4017300', responseMessage: 'Unauthorized. Signature' });
      }
      const token = `tok-${++tokenCount}-${Math.random().toString(36).slice(2)}`;
      issued.push(token);
      if (options.tokenDelay) await new Promise((resolve) => setTimeout(resolve, options.tokenDelay));
      return answer(200, {
        responseCode: '2007300',
        responseMessage: 'Successful',
        accessToken: token,
        tokenType: 'Bearer',
        expiresIn: options.expiresIn ?? '900',
      });
    }
    const token = (header(request, 'authorization') ?? '').replace(/^Bearer /, '');
    const timestamp = header(request, 'x-timestamp') ?? '';
    const expected = hmac512(CLIENT_SECRET, `${request.method}:${path}:${token}:${sha256Hex(request.body)}:${timestamp}`);
    if (!issued.includes(token) || revoked.has(token))
      return answer(401, { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' });
    if (header(request, 'x-signature') !== expected) {
      errors.push(`bad signature on ${path}`);
      return answer(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Signature' });
    }
    if (header(request, 'x-partner-id') !== PARTNER_ID) {
      errors.push(`bad X-PARTNER-ID on ${path}`);
      return answer(401, { responseCode: '4015400', responseMessage: 'Unauthorized. Unknown Partner' });
    }
    const body = JSON.parse(request.body);
    if (path === '/v1.0/debit/payment-host-to-host') {
      const referenceNo = `A1${String(index).padStart(10, '0')}`;
      return answer(200, {
        responseCode: '2005400',
        responseMessage: 'Successful',
        referenceNo,
        partnerReferenceNo: body.partnerReferenceNo,
        webRedirectUrl: `https://gopay.co.id/app/merchanttransfer?tref=${referenceNo}&amount=${body.payOptionDetails[0].transAmount.value}`,
        additionalInfo: { merchantId: body.merchantId },
      });
    }
    if (path === '/v1.0/debit/status') {
      return answer(200, {
        responseCode: '2005500',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        originalExternalId: body.originalExternalId,
        serviceCode: body.serviceCode,
        latestTransactionStatus: '00',
        transAmount: { value: '15000.00', currency: 'IDR' },
        paidTime: '2026-12-03T10:00:00+07:00',
      });
    }
    if (path === '/v1.0/debit/refund') {
      return answer(200, {
        responseCode: '2005800',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        refundNo: `R${index}`,
        partnerRefundNo: body.partnerRefundNo,
        refundAmount: body.refundAmount ?? { value: '15000.00', currency: 'IDR' },
        refundTime: '2026-12-03T10:05:00+07:00',
      });
    }
    if (path === '/v1.0/debit/cancel') {
      return answer(200, {
        responseCode: '2005700',
        responseMessage: 'Successful',
        originalReferenceNo: body.originalReferenceNo,
        cancelTime: '2026-12-03T10:05:00+07:00',
      });
    }
    return answer(404, { responseCode: '4040000', responseMessage: 'Not Found' });
  };
  return { respond, issued, errors, revoke: (token: string) => revoked.add(token) };
};

export const startFakeSnap = async (options: FakeSnapOptions = {}) => {
  const standIn = createSnapStandIn(options);
  const server = await startServer(async (request, res, index) => {
    if (options.override && (await options.override(request, res, index))) return;
    const { status, body } = await standIn.respond(request, index);
    json(res, status, body);
  });
  return {
    ...server,
    tokenRequests: () => server.requests.filter((r) => r.url === '/v1.0/access-token/b2b').length,
    issued: standIn.issued,
    revoke: standIn.revoke,
    errors: standIn.errors,
  };
};
