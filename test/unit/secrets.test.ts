// Secrets (auth codes, tokens, base64 data) never leave through an error's message, response or cause, through
// JSON.stringify(error), events or debug output: also when they arrive in a malformed or a failed answer.
import { describe, expect, it } from 'vitest';
import { createGoPay, GoPayBridgeError, type GpContainer, type SettleEvent } from '../../src/core/index';
import { fakeBridge, type Answer } from './fake-bridge';

const SECRET = 'S3CRET0123456789'.repeat(4);

// [label, method, the answer that carries the secret]
const leaks: [string, string, Answer][] = [
  ['an unreadable (cut short) JSON text answer', 'getAuthCode', (s) => s(`{"success":true,"data":{"authCode":"${SECRET}"`)],
  ['JSON text data cut short', 'getAuthCode', (s) => s({ success: true, ret: 'GP_SUCCESS', data: `{"authCode":"${SECRET}"` })],
  ['a failed answer with the code beside it', 'getAuthCode', (_s, f) => f({ success: false, error_code: '500', authCode: SECRET })],
  [
    'a failed answer with a token in data',
    'getBankAccountToken',
    (_s, f) => f({ success: false, error_code: '401', data: { token: SECRET } }),
  ],
  [
    'a failure as JSON text',
    'getBankAccountToken',
    (_s, f) => f(JSON.stringify({ success: false, error_code: '300', data: { token: SECRET } })),
  ],
  ['a success flagged as failure by ret', 'takePhoto', (s) => s({ ret: 'GP_EXCEPTION', base64Data: SECRET })],
  ['an array answer', 'getAuthCode', (s) => s([{ authCode: SECRET }])],
  [
    'a token in the failure message text',
    'getBankAccountToken',
    (_s, f) => f({ success: false, error_code: '900', error_message: `bad token=${SECRET}` }),
  ],
  [
    'a nested failure with the code',
    'getAuthCode',
    (_s, f) => f({ success: false, error: { code: 105, message: 'no' }, data: { auth_code: SECRET } }),
  ],
  [
    'a thrown failure object',
    'getAuthCode',
    () => {
      throw { success: false, errorCode: '500', accessToken: SECRET };
    },
  ],
];

describe('no secret leaves through a failure', () => {
  it.each(leaks)('%s: not in message, response, cause, JSON, events or debug', async (_label, method, answer) => {
    const bridge: GpContainer = fakeBridge({}, answer);
    const entries: SettleEvent[] = [];
    const events: unknown[] = [];
    const gp = createGoPay({ bridge, debug: (entry) => entries.push(entry) });
    gp.on('call', (e) => events.push(e));
    gp.on('settle', (e) => events.push(e));
    const args = method === 'takePhoto' ? [{ mode: 'camera' }] : [];
    const error = await (gp as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args).then(
      () => expect.fail('should reject'),
      (e: unknown) => e as GoPayBridgeError,
    );
    expect(error).toBeInstanceOf(GoPayBridgeError);
    for (const exposed of [
      error.message,
      JSON.stringify(error),
      JSON.stringify(error.response),
      String(error.cause),
      JSON.stringify(entries),
      JSON.stringify(events),
    ]) {
      expect(exposed).not.toContain(SECRET);
    }
    expect(entries).toHaveLength(1);
  });

  it('a saveFailed payload carrying a token is redacted in the error', async () => {
    const bridge = fakeBridge({}, (s) => s({ success: true, msg: 'SAVE_STARTED' }));
    const gp = createGoPay({ bridge });
    const saving = gp.saveFile({ url: 'https://x.test/a.pdf' }).catch((e: GoPayBridgeError) => e);
    document.dispatchEvent(new CustomEvent('GPFile.Event.saveFailed', { detail: { msg: 'failed', token: SECRET } }));
    const error = await saving;
    expect(error).toMatchObject({ code: 'UNKNOWN', response: { msg: 'failed', token: '[redacted]' } });
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('an Error thrown by the bridge whose message carries a token is kept as a cause only redacted', async () => {
    const gp = createGoPay({
      bridge: fakeBridge({}, () => {
        throw new Error(`refused token=${SECRET}`);
      }),
    });
    const error = await gp.getBankAccountToken().catch((e: GoPayBridgeError) => e);
    expect(error.message).toBe('GP.getBankAccountToken failed: refused token=[redacted]');
    expect((error.cause as Error).message).toBe('refused token=[redacted]');
    // An Error without a secret stays the cause itself.
    const crash = new Error('native crash');
    const plain = await createGoPay({
      bridge: fakeBridge({}, () => {
        throw crash;
      }),
    })
      .getSystemInfo()
      .catch((e: GoPayBridgeError) => e);
    expect(plain.cause).toBe(crash);
  });

  it('what is not a secret stays readable in the response', async () => {
    const gp = createGoPay({
      bridge: fakeBridge({}, (_s, f) => f({ success: false, error_code: '401', error_message: 'offline', data: { retry: true } })),
    });
    const error = await gp.getSystemInfo().catch((e: GoPayBridgeError) => e);
    expect(error.response).toEqual({ success: false, error_code: '401', error_message: 'offline', data: { retry: true } });
    expect(error.message).toBe('GPSystem.getSystemInfo failed: offline (NETWORK 401)');
  });
});
