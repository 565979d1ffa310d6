// X-EXTERNAL-ID as SNAP's idempotency key: the same id with the same body gets the first answer again (a retried
// payment is never a second payment); the same id with another body is a 409 Conflict.
import { minifyJson } from '../server/crypto';
import { json, snapError, type Incoming } from './http';

interface Answer {
  status: number;
  body: unknown;
}

export type ExternalIds = Map<string, { body: string; answer: Promise<Answer> }>;

export const idempotent = async (ids: ExternalIds, req: Incoming, service: string, run: () => Promise<Response>): Promise<Response> => {
  const key = `${req.path} ${req.headers.get('x-external-id')}`;
  const body = minifyJson(req.text);
  const earlier = ids.get(key);
  if (earlier) {
    if (earlier.body !== body) return snapError(409, service, '00', 'Conflict');
    const { status, body: answer } = await earlier.answer;
    return json(status, answer);
  }
  // Stored before the work starts, so that a concurrent twin waits for this answer instead of paying again.
  const answer = run().then(async (response) => ({ status: response.status, body: await response.json() }));
  ids.set(key, { body, answer });
  const { status, body: result } = await answer.catch((error) => {
    ids.delete(key);
    throw error;
  });
  // Only a success spends the id: a refused request may be corrected and sent again under it.
  if (status >= 300) ids.delete(key);
  return json(status, result);
};
