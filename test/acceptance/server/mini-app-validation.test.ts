// @vitest-environment node
// createGoPayServer: bad options and arguments are refused before any request.
// Written from the public contract (docs/server.md, docs/local-development.md) only, against dist/ — never src/.
import { describe, expect, it, vi } from 'vitest';
import { failureOf, S, thrownBy } from './helpers';
import { CREDS } from './stand-in';

describe('createGoPayServer: validation before any request', () => {
  const spyFetch = () => vi.fn(async () => new Response(JSON.stringify({ success: true, data: {} }), { status: 200 }));

  it.each([
    ['no options', undefined],
    ['no credentials', {}],
    ["credentials ''", { credentials: '' }],
    ['credentials Symbol', { credentials: Symbol('c') }],
    ['credentials 42', { credentials: 42 }],
    ['timeout -1', { credentials: CREDS, timeout: -1 }],
    ["timeout 'soon'", { credentials: CREDS, timeout: 'soon' }],
    ['retries -1', { credentials: CREDS, retries: -1 }],
    ['retries 1.5', { credentials: CREDS, retries: 1.5 }],
    ["baseUrl 'https://'", { credentials: CREDS, baseUrl: 'https://' }],
    ["baseUrl 'not a url'", { credentials: CREDS, baseUrl: 'not a url' }],
    ["fetch 'no'", { credentials: CREDS, fetch: 'no' }],
  ])('%s → the factory throws GoPayValidationError synchronously, no request', (_n: string, options: any) => {
    const fetch = spyFetch();
    const e = thrownBy(() => S.createGoPayServer(options === undefined ? undefined : { fetch, ...options }));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["getAuthToken('')", (c: any) => c.getAuthToken('')],
    ['getAuthToken()', (c: any) => c.getAuthToken()],
    ['getAuthToken(Symbol)', (c: any) => c.getAuthToken(Symbol('x'))],
    ['getAuthToken(42)', (c: any) => c.getAuthToken(42)],
    ["getProfile('')", (c: any) => c.getProfile('')],
    ['getProfile(Symbol)', (c: any) => c.getProfile(Symbol('x'))],
    ['sendPushNotification without template_name', (c: any) => c.sendPushNotification('tok', { template_parameters: {} })],
    ['createReminder without params', (c: any) => c.createReminder('tok')],
    ["removeReminder(tok, '')", (c: any) => c.removeReminder('tok', '')],
    ["removeReminder(tok, '.')", (c: any) => c.removeReminder('tok', '.')],
    ["removeReminder(tok, '..')", (c: any) => c.removeReminder('tok', '..')],
    ["removeReminder(tok, 'a/b')", (c: any) => c.removeReminder('tok', 'a/b')],
    ["removeReminder(tok, '../push')", (c: any) => c.removeReminder('tok', '../push')],
    ["removeReminder(tok, '/')", (c: any) => c.removeReminder('tok', '/')],
    ['sendReward without amount', (c: any) => c.sendReward('tok', { description: 'd', reward_type: 'CASHBACK' })],
    ['opts.requestId 42', (c: any) => c.getAuthToken('E'.repeat(64), { requestId: 42 })],
    ['opts.signal {}', (c: any) => c.getAuthToken('E'.repeat(64), { signal: {} })],
    ['opts.timeout -5', (c: any) => c.getAuthToken('E'.repeat(64), { timeout: -5 })],
  ])('%s → GoPayValidationError, no request', async (_n: string, run: (c: any) => Promise<unknown>) => {
    const fetch = spyFetch();
    const client = S.createGoPayServer({ credentials: CREDS, fetch });
    const e = await failureOf(() => run(client));
    expect(e).toBeInstanceOf(S.GoPayValidationError);
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the default baseUrl is GoPay’s, and the fetch option is used', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: true, data: { auth_token: 't', gopay_account_id: 'g' } })));
    await S.createGoPayServer({ credentials: CREDS, fetch }).getAuthToken('F'.repeat(64));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [input] = fetch.mock.calls[0] as unknown as [any];
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    expect(url).toBe('https://public-mini-app-merchants.gopayapi.com/v1/mini-apps/authorizations/token');
  });
});
