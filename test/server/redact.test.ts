// @vitest-environment node
// Property: whatever GoPay answers, and wherever a secret sits in it (a value, inside a string, a key, a description,
// a non-JSON text), the error built from the answer never shows the secret.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from '../../src/server/http';
import { envelopeError } from '../../src/server/mini-app';
import { redact, REDACTED, redactText } from '../../src/server/redact';
import { snapError } from '../../src/server/snap-answers';
import { exposed } from './helpers';

// Secrets as they come: credentials, tokens, codes and key lines (base64 and id characters), at least 8 long.
const secret = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.:'),
    minLength: 8,
    maxLength: 64,
  })
  .filter((text) => !/redacted|GoPay|answered|HTTP|POST|call|req-1|oops/i.test(text));

/** `value` with `secret` planted somewhere: as a value, inside a string, as a key, at any depth. */
const planted = (secretText: string) =>
  fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('value', 'inside', 'key', 'description', 'message'))
    .map(([value, where, how]) => {
      const wrap = (inner: unknown): Record<string, unknown> =>
        how === 'key'
          ? { [secretText]: inner }
          : how === 'inside'
            ? { note: `…${secretText}…`, inner }
            : how === 'description'
              ? { success: false, error: { description: `bad ${secretText}` }, inner }
              : how === 'message'
                ? { responseCode: '4005400', responseMessage: `bad ${secretText}`, inner }
                : { deep: [inner, { x: secretText }] };
      let body: unknown = wrap(value);
      for (let i = 0; i < where % 4; i++) body = { level: body, list: [body] };
      return body;
    });

const answer = (body: unknown, asText = false): HttpAnswer => {
  const text = JSON.stringify(body);
  return { status: 400, headers: new Headers(), body: asText ? undefined : body, text: asText ? `oops ${text}` : text };
};
const request = (secrets: string[]) => ({
  method: 'POST' as const,
  path: '/x',
  requestId: 'req-1',
  secrets,
  methodName: 'call',
  prepare: () => ({ headers: {} }),
  timeout: 1000 as const,
  className: 'C',
});

describe('redaction', () => {
  it('property: no planted secret survives in a GoPayApiError (Mini App envelope or SNAP answer, JSON or text)', () => {
    fc.assert(
      fc.property(
        secret.chain((s) => fc.tuple(fc.constant(s), planted(s), fc.boolean())),
        ([secretText, body, asText]) => {
          for (const error of [
            envelopeError(answer(body, asText), request([secretText])),
            snapError(answer(body, asText), request([secretText]), 'C'),
          ]) {
            expect(exposed(error)).not.toContain(secretText);
          }
        },
      ),
      { numRuns: 500, seed: 766369463, path: '464:8:0:0:0' },
    );
  });

  it('secret field names are redacted whatever their value, in any case', () => {
    expect(redact({ Auth_Token: 'x', accessToken: 'y', AUTHORIZATION: 'Bearer z', token: null, other: 'keep' }, [])).toEqual({
      Auth_Token: REDACTED,
      accessToken: REDACTED,
      AUTHORIZATION: REDACTED,
      token: null,
      other: 'keep',
    });
  });
});

// The forms GoPay (or a proxy before it) may echo a secret back in. A cut keeps at least 8 characters: the shortest
// run counted as an echo (a shorter piece of a random secret tells nothing).
const echoes = (secretText: string) =>
  fc.oneof(
    fc.constant(secretText),
    fc.constant(secretText.toLowerCase()),
    fc.constant(secretText.toUpperCase()),
    fc.constant(encodeURIComponent(secretText)),
    fc
      .tuple(fc.nat(), fc.integer({ min: 8, max: 64 }))
      .map(([start, length]) =>
        secretText.slice(start % Math.max(1, secretText.length - 8), (start % Math.max(1, secretText.length - 8)) + length),
      )
      .filter((cut) => cut.length >= 8),
  );

describe('redaction of echoed secrets', () => {
  it('property: a secret echoed whole, cut, in another case or URL-encoded never survives, in a message or a body', () => {
    fc.assert(
      fc.property(
        secret.chain((s) => fc.tuple(fc.constant(s), echoes(s), fc.constantFrom('message', 'body', 'text'))),
        ([secretText, echo, where]) => {
          const body =
            where === 'message'
              ? { responseCode: '4005400', responseMessage: `bad ${echo}…` }
              : { success: false, error: { description: 'refused' }, data: { seen: `x${echo}y` } };
          const error = snapError(answer(body, where === 'text'), request([secretText]), 'C');
          const text = exposed(error);
          expect(text.toLowerCase()).not.toContain(echo.toLowerCase());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a Basic credential echoed decoded (user:password), or its password alone, is redacted', () => {
    const credentials = btoa('merchant-7:pa55-w0rd-s3cret');
    for (const echo of ['merchant-7:pa55-w0rd-s3cret', 'pa55-w0rd-s3cret', 'PA55-W0RD-S3CRET']) {
      const error = envelopeError(answer({ success: false, error: { description: `denied for ${echo}` } }), request([credentials]));
      expect(exposed(error)).not.toContain(echo);
      expect(error.description).toContain(REDACTED);
    }
  });

  it('text around an echo is kept, and a __proto__ key in an answer stays a plain field', () => {
    expect(redactText('token abcdefgh12345678 refused', ['abcdefgh12345678'])).toBe(`token ${REDACTED} refused`);
    expect(redactText('cut at abcdefgh1', ['abcdefgh12345678'])).toBe(`cut at ${REDACTED}`);
    expect(redactText('short abcdefg', ['abcdefgh12345678'])).toBe('short abcdefg');
    const copy = redact(JSON.parse('{"__proto__":{"polluted":true},"a":1}'), []) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
