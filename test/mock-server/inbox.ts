// The merchant's notification endpoint, in memory: the `fetch` the mock's notifier is given. It records what arrives
// and answers from a script (the last answer repeats), so that notification tests need no port.
import { createVerify } from 'node:crypto';
import { sha256Hex } from './helpers';

export interface Received {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An answer, an error to throw (no answer at all), or a function for answers that wait. */
export type Scripted = { status: number; body?: unknown } | Error | (() => Promise<Response>);

export const ACK = { status: 200, body: { responseCode: '2005600', responseMessage: 'Successful' } };

export function inbox(script: Scripted[] = [ACK]) {
  const received: Received[] = [];
  let answers = script;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    received.push({
      url: request.url,
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next();
    return new Response(JSON.stringify(next.body ?? {}), { status: next.status, headers: { 'content-type': 'application/json' } });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    received,
    /** The parsed bodies received, in order. */
    bodies: () => received.map((r) => JSON.parse(r.body)),
    script(next: Scripted[]) {
      answers = next;
    },
  };
}

/** Whether `notification` is SHA256withRSA over POST:path:hex(sha256(body)):X-TIMESTAMP under `publicKey` (node:crypto). */
export function verifies(notification: Pick<Received, 'headers' | 'body'>, publicKey: string, path = '/v1.0/debit/notify'): boolean {
  return createVerify('RSA-SHA256')
    .update(`POST:${path}:${sha256Hex(notification.body)}:${notification.headers['x-timestamp']}`)
    .verify(publicKey, String(notification.headers['x-signature']), 'base64');
}
