// Consent: which methods need one, what the user has given, and the consent prompt (GP.authorize, and
// GPConsent.getUserConsent, its older twin).
import type { Handler, Handlers, MockContext } from './context';
import { fail, failure, ok, success, type Reply } from './envelopes';
import { isString } from './params';
import { own } from '../shared/checks';

// Which consent each method needs. GoPay documents that these need one; it names `location` and `camera` only.
const SCOPES: Record<string, string> = {
  'GPLocation.getLocation': 'location',
  'GPCamera.takePhoto': 'camera',
  'GPSystem.getSystemInfo': 'system',
  'GPSystem.getRootedDeviceInfo': 'system',
  'GPSystem.getWifiInfo': 'system',
  'GP.getBankAccountToken': 'bank_account',
};

export function createConsent(ctx: MockContext) {
  const granted = new Set<string>();
  const refusesAll = () => ctx.options.scenario === 'permission-denied';

  /** The simulated user's answer: a click in the panel, else the `authorize` option. */
  const userAllows = async (scope: string) => {
    if (refusesAll()) return false;
    const panel = ctx.panel();
    if (!panel) return ctx.options.authorize !== 'deny';
    return (await panel.ask(`Allow this mini app to use your ${scope}?`, ['Allow', 'Deny'])) === 'Allow';
  };

  const prompt: Handler = async (params) => {
    const scope = params.scope;
    if (!isString(scope)) return fail(failure(200, 'scope is required'));
    const allowed = await userAllows(scope);
    // "Deny" on a scope granted before withdraws it, as switching a consent off in GoPay's settings does.
    if (allowed) granted.add(scope);
    else granted.delete(scope);
    return ok(success({ successScope: { [scope]: allowed } }));
  };

  const handlers: Handlers = { 'GP.authorize': prompt, 'GPConsent.getUserConsent': prompt };

  return {
    handlers,
    grant: (scope: string) => void granted.add(scope),
    revoke: (scope: string) => void granted.delete(scope),
    /** The 300 answer for `'Class.method'` when it needs a consent the user has not given, else undefined. */
    refusal(method: string): Reply | undefined {
      const scope = own(SCOPES, method) as string | undefined;
      if (scope && (refusesAll() || !granted.has(scope))) return fail(failure(300));
      return undefined;
    },
    /** Back to the consents given at creation. */
    restart() {
      granted.clear();
      for (const scope of ctx.options.consent) granted.add(scope);
    },
  };
}
