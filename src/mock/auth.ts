// GPMiniAppAuth.getAuthCode: minted locally in a format the mock GoPay server can verify from another process, or,
// with the `server` option, fetched from that server.
import { mintMockAuthCode } from '../shared/mock-auth-code';
import type { Handlers, MockContext } from './context';
import { fail, failure, ok, success } from './envelopes';
import { requestAuthCode } from './server-client';

export function createAuth(ctx: MockContext) {
  const handlers: Handlers = {
    'GPMiniAppAuth.getAuthCode': async () => {
      const server = ctx.options.server;
      if (!server) return ok(success({ authCode: mintMockAuthCode(ctx.random().token(40), Date.now()) }));
      const outcome = await requestAuthCode(server);
      // 401 is GoPay's "network error": what the app would see if GoPay's own backend were out of reach.
      if ('problem' in outcome) return fail(failure(401, outcome.problem));
      return ok(success({ authCode: outcome.authCode }));
    },
  };
  return { handlers };
}
