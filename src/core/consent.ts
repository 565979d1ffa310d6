import type { GoPayError } from '../errors/GoPayError';
import { readCallOptions } from './options';
import { validated, type Params, type Send } from './send';
import type { CallOptions, ConsentResult } from './types';
import { checkString, own } from '../shared/checks';

function granted(value: unknown) {
  return value === true || value === 'true';
}

/**
 * `gp.getConsent`: GP.authorize is sent `{ scope }`; where GoPay answers that it is not supported (100), older apps
 * know GPConsent.getUserConsent, whose documented field is `consent_name`: it is sent both. A refusal (300) is an
 * answer, not a failure. The per-call options hold for each of the two calls.
 */
export function createGetConsent(send: Send) {
  return async (scope: unknown, opts?: CallOptions) => {
    const checked = checkString(scope, 'scope');
    // Read once for both calls: the fallback's own timeout starts when it is sent.
    const options = validated(() => readCallOptions(opts));
    // Either answer is read from `successScope` (GoPay's sample reads it at the top level, its docs in `data`: the
    // merged answer has both), else from the older `{ consent_name, has_consent }`.
    const result = (data: Params): ConsentResult => {
      const reported = own(data, 'successScope');
      const successScope: Record<string, boolean> = {};
      if (reported && typeof reported === 'object') {
        for (const key of Object.keys(reported)) successScope[key] = granted((reported as Params)[key]);
      } else if (typeof own(data, 'consent_name') === 'string') {
        successScope[data.consent_name as string] = granted(own(data, 'has_consent'));
      }
      return { granted: own(successScope, checked) === true, successScope };
    };
    const ask = (className: string, methodName: string, params: Params) =>
      send({ className, methodName, params, timeout: false, result, options }).catch((error: GoPayError): ConsentResult => {
        if (error.code === 'PERMISSION_DENIED') return { granted: false, successScope: { [checked]: false } };
        throw error;
      });
    try {
      return await ask('GP', 'authorize', { scope: checked });
    } catch (error) {
      if ((error as GoPayError).bridgeCode !== '100') throw error;
      return ask('GPConsent', 'getUserConsent', { scope: checked, consent_name: checked });
    }
  };
}
