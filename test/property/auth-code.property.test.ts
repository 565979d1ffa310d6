// Property tests of the auth-code guard: no code is ever handed to two callbacks, and no callback ever gets a code
// that is expired at the moment it runs.
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createGoPay, isAuthCodeExpired, isGoPayError, type AuthCode, type GpContainer } from '../../src/core/index';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

it('never hands a code out twice, never hands out an expired one', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'), { minLength: 1, maxLength: 30 }),
      fc.array(fc.record({ delay: fc.nat({ max: 400_000 }), jump: fc.nat({ max: 200_000 }), expiredOnce: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.integer({ min: 0, max: 300_000 }),
      async (codes, callers, answerDelay) => {
        let n = 0;
        const bridge: GpContainer = {
          call: (_c, _m, _p, ok) => {
            const authCode = codes[n++ % codes.length];
            setTimeout(() => ok({ success: true, ret: 'GP_SUCCESS', data: { authCode } }), answerDelay);
          },
        };
        const gp = createGoPay({ bridge, timeout: false });
        const handed: string[] = [];
        const problems: string[] = [];
        const runs = callers.map(({ delay, jump, expiredOnce }) =>
          new Promise((r) => setTimeout(r, delay)).then(() => {
            let first = true;
            return gp
              .withAuthCode(async (code: string, authCode: AuthCode) => {
                if (isAuthCodeExpired(authCode, Date.now())) problems.push(`expired code ${code} handed out`);
                if (handed.includes(code)) problems.push(`code ${code} handed out twice`);
                handed.push(code);
                // The clock moves while the backend works; sometimes the backend says the code expired.
                await new Promise((r) => setTimeout(r, jump));
                if (expiredOnce && first) {
                  first = false;
                  throw new Error('AuthCode Not Found');
                }
              })
              .catch((error) => {
                // Giving up is allowed (the bridge kept repeating used codes, or the retry failed too); other errors are not.
                if (!isGoPayError(error, 'AUTH_CODE_EXPIRED') && !/AuthCode Not Found/.test(String(error?.message)))
                  problems.push(String(error));
              });
          }),
        );
        await vi.advanceTimersByTimeAsync(5_000_000);
        await Promise.all(runs);
        expect(problems).toEqual([]);
        expect(vi.getTimerCount()).toBe(0);
      },
    ),
    { numRuns: 200 },
  );
});

it('getAuthCode() shares only a call still in flight: no caller gets the outcome of a call that settled before it asked', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          at: fc.nat({ max: 50 }),
          signal: fc.boolean(),
          badOptions: fc.boolean(),
          answer: fc.record({ delay: fc.constantFrom(0, 0, 1, 5, 20), fails: fc.boolean() }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      async (callers) => {
        let seq = 0;
        const settledSeq: number[] = [];
        const answers = callers.map((c) => c.answer);
        let made = 0;
        const bridge: GpContainer = {
          call: (_c, _m, _p, ok, fail) => {
            const index = made++;
            const { delay, fails } = answers[index % answers.length]!;
            const settle = () => {
              settledSeq[index] = seq++;
              if (fails) fail({ error_code: '401', error_message: `call-${index}` });
              else ok({ success: true, ret: 'GP_SUCCESS', data: { authCode: `call-${index}` } });
            };
            if (delay) setTimeout(settle, delay);
            else settle();
          },
        };
        const gp = createGoPay({ bridge, timeout: false });
        const problems: string[] = [];
        const runs = callers.map(({ at, signal, badOptions }) =>
          new Promise((r) => setTimeout(r, at)).then(async () => {
            const askedSeq = seq++;
            const opts = badOptions ? { timeout: -1 } : signal ? { signal: new AbortController().signal } : undefined;
            const outcome = await gp.getAuthCode(opts).then(
              (code) => code.code,
              (error) =>
                error.code === 'INVALID_ARGUMENT'
                  ? badOptions
                    ? undefined
                    : `refused: ${error.message}`
                  : /call-\d+/.exec(error.message)?.[0],
            );
            if (badOptions) {
              if (outcome !== undefined) problems.push(`bad options answered with ${outcome}`);
              return;
            }
            const index = Number(/^call-(\d+)$/.exec(String(outcome))?.[1] ?? NaN);
            if (Number.isNaN(index)) problems.push(`unexpected outcome ${outcome}`);
            else if (!(settledSeq[index]! > askedSeq))
              problems.push(`asked at ${askedSeq}, got call-${index} settled at ${settledSeq[index]}`);
          }),
        );
        await vi.advanceTimersByTimeAsync(1_000);
        await Promise.all(runs);
        expect(problems).toEqual([]);
        expect(vi.getTimerCount()).toBe(0);
      },
    ),
    { numRuns: 300 },
  );
});
