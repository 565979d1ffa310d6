import { isGoPayError } from './errors/GoPayError';
import type { Params } from './invoke';
import type { Send } from './request';
import type { CallOptions, ConsentResult } from './types';
import { checkString } from './validate';

/** A consent answer read: GoPay's sample reads successScope at the top level, its docs in `data` (the merged answer has both). */
const readConsent = (scope: string, data: Params): ConsentResult => {
  const reported = (data.successScope || {}) as Params;
  const successScope: Record<string, boolean> = {};
  for (const key in reported) successScope[key] = reported[key] === true || reported[key] === 'true';
  return { granted: successScope[scope] === true, successScope };
};

/** One way of asking; a refusal (300) is an answer, not a failure. */
const ask = (send: Send, className: string, methodName: string, scope: string, opts?: CallOptions) =>
  send({ className, methodName, params: { scope }, interactive: true, result: (data) => readConsent(scope, data) }, opts).catch(
    (error): ConsentResult => {
      if (isGoPayError(error, 'PERMISSION_DENIED')) return { granted: false, successScope: { [scope]: false } };
      throw error;
    },
  );

/** `gp.getConsent`: GoPay documents consent both ways; older apps only know GPConsent.getUserConsent. */
export const createGetConsent = (send: Send) => async (scope: unknown, opts?: CallOptions) => {
  const checked = checkString(scope, 'scope');
  try {
    return await ask(send, 'GP', 'authorize', checked, opts);
  } catch (error) {
    if (!isGoPayError(error) || error.bridgeCode != '100') throw error;
    return ask(send, 'GPConsent', 'getUserConsent', checked, opts);
  }
};
