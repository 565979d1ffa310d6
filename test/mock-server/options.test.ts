// @vitest-environment node
// createMockGoPayServer's options and the controls' arguments, checked as the SDK's other entries check theirs (the
// shared checks): every refusal a GoPayValidationError "<where> must be <what>, got <value>.", an unknown name refused
// with the names allowed, own properties only.
import { describe, expect, it } from 'vitest';
import { createMockGoPayServer } from '../../src/mock-server';
import { GoPayValidationError, isGoPayError } from '../../src/server';

const OPTIONS = 'notifyUrl, authCodeTtl, paymentTtl, latency, seed, maxRequests, merchant, notifyRetry';
const FIELD = 'createMockGoPayServer(options)';

/** What createMockGoPayServer(options) rejects with. */
async function refusal(options: unknown): Promise<Error> {
  const outcome = await createMockGoPayServer(options as never).then(
    () => undefined,
    (error: Error) => error,
  );
  if (!outcome) throw new Error(`accepted ${JSON.stringify(options)}`);
  return outcome;
}

describe('createMockGoPayServer(options): refusals', () => {
  it.each<[string, unknown, string]>([
    [
      'an unknown option',
      { notifyURL: 'http://localhost:3000/v1.0/debit/notify' },
      `a key of ${FIELD} must be one of ${OPTIONS}, got "notifyURL".`,
    ],
    ['a core option', { timeout: 1000 }, `a key of ${FIELD} must be one of ${OPTIONS}, got "timeout".`],
    [
      'a misspelt notifyUrl',
      { notifyUrl: 'htp://localhost:3000/v1.0/debit/notify' },
      `${FIELD}.notifyUrl must be an http(s) URL, e.g. http://localhost:3000/v1.0/debit/notify, got "htp://localhost:3000/v1.0/debit/notify".`,
    ],
    ['options that are null', null, `${FIELD} must be an object, got null.`],
    ['options that are an array', [], `${FIELD} must be an object, got an array.`],
    ['an authCodeTtl of 0', { authCodeTtl: 0 }, `${FIELD}.authCodeTtl (ms) must be a number from 1 to 2147483647, got 0.`],
    ['a paymentTtl in text', { paymentTtl: '900000' }, `${FIELD}.paymentTtl (ms) must be a number from 1 to 2147483647, got "900000".`],
    [
      'a latency range with min > max',
      { latency: [5, 1] },
      `${FIELD}.latency must be milliseconds from 0 to 2147483647, or a [min, max] range of them with min <= max, got 5,1.`,
    ],
    ['a fractional seed', { seed: 1.5 }, `${FIELD}.seed must be an integer from 0 to 4294967295, got 1.5.`],
    ['a maxRequests of 0', { maxRequests: 0 }, `${FIELD}.maxRequests must be an integer ≥ 1, got 0.`],
    [
      'an unknown notifyRetry field',
      { notifyRetry: { retries: 3 } },
      `a key of ${FIELD}.notifyRetry must be one of attempts, delay, got "retries".`,
    ],
    ['notifyRetry.attempts of 0', { notifyRetry: { attempts: 0 } }, `${FIELD}.notifyRetry.attempts must be an integer ≥ 1, got 0.`],
    [
      'an empty merchant field',
      { merchant: { partnerId: ' ' } },
      `${FIELD}.merchant.partnerId must be a non-empty string, got a blank string.`,
    ],
    [
      'a merchant secret of the wrong type',
      { merchant: { clientSecret: 42 } },
      `${FIELD}.merchant.clientSecret must be a non-empty string, got a number.`,
    ],
  ])('%s', async (_, options, message) => {
    const error = await refusal(options);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(isGoPayError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect(error.message).toBe(message);
  });

  it('never quotes a merchant credential', async () => {
    const error = await refusal({ merchant: { credentials: 'c2VjcmV0 with a space' }, notifyUrl: 'x' });
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error.message).not.toContain('c2VjcmV0');
  });

  it('a getter that throws is a GoPayValidationError that says so', async () => {
    const options = Object.defineProperty({}, 'seed', {
      enumerable: true,
      get() {
        throw new Error('no seed today');
      },
    });
    const error = await refusal(options);
    expect(error).toBeInstanceOf(GoPayValidationError);
    expect(error.message).toContain(`${FIELD} could not be read (Error: no seed today)`);
  });
});

describe('createMockGoPayServer(options): what is read', () => {
  it('own values that are undefined mean the default (as the CLI passes notifyUrl)', async () => {
    const mock = await createMockGoPayServer({ notifyUrl: undefined, seed: undefined, latency: undefined });
    expect(mock.notifyUrl).toBeUndefined();
  });

  it('an option a polluting library left on Object.prototype is neither read nor refused', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.notifyUrl = 'http://attacker.test/v1.0/debit/notify';
    proto.bogus = 1;
    try {
      const mock = await createMockGoPayServer({ seed: 1 });
      expect(mock.notifyUrl).toBeUndefined();
    } finally {
      delete proto.notifyUrl;
      delete proto.bogus;
    }
  });
});

describe('the controls refuse bad arguments with GoPayValidationError', () => {
  it('mock.notifyUrl = …', async () => {
    const mock = await createMockGoPayServer();
    expect(() => (mock.notifyUrl = 'localhost:3000')).toThrow(
      new GoPayValidationError(
        'mock.notifyUrl must be an http(s) URL, e.g. http://localhost:3000/v1.0/debit/notify, got "localhost:3000".',
      ),
    );
    expect(() => (mock.notifyUrl = 'http://me:pw@localhost:3000/v1.0/debit/notify')).toThrow(
      new GoPayValidationError('mock.notifyUrl must not carry a user or password (fetch refuses such URLs): pass the host only.'),
    );
    mock.notifyUrl = 'http://localhost:3000/v1.0/debit/notify';
    expect(mock.notifyUrl).toBe('http://localhost:3000/v1.0/debit/notify');
  });

  it('mock.listen(port)', async () => {
    const mock = await createMockGoPayServer();
    await expect(mock.listen(70_000)).rejects.toThrow(
      new GoPayValidationError('mock.listen(port) must be an integer from 0 to 65535, got 70000.'),
    );
    await expect(mock.listen('8787' as never)).rejects.toThrow(GoPayValidationError);
    expect(mock.url).toBeUndefined();
  });
});
