// Property tests of the auth-code guard: no code is ever handed to two callbacks, and no callback ever gets a code
// that is expired at the moment it runs.
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createGoPay, isAuthCodeExpired, isGoPayError, type AuthCode, type GpContainer } from '../../src/index';

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
      fc.array(fc.record({ delay: fc.nat({ max: 400_000 }), jump: fc.nat({ max: 200_000 }), expiredOnce: fc.boolean() }), { minLength: 1, maxLength: 8 }),
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
                if (!isGoPayError(error, 'AUTH_CODE_EXPIRED') && !/AuthCode Not Found/.test(String(error?.message))) problems.push(String(error));
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
