// X-EXTERNAL-ID as SNAP's idempotency key for refunds and cancels ("Retry this request with the same X-EXTERNAL-ID
// and request body to avoid creating duplicate transaction"): the same id with the same body gets the first answer;
// with another body, 409 Conflict. Payments keep theirs on the payment itself (store.ts); this cache holds the last
// `max` ids only — a retry comes within seconds, and a refund's own `partnerRefundNo` guards it for good.
import { minifyJson } from '../shared/snap-crypto';
import { setBounded } from './bounded';
import { json, snapError, type Incoming } from './http';

interface Answer {
  status: number;
  body: unknown;
}

export interface ExternalIds {
  answers: Map<string, { body: string; answer: Promise<Answer> }>;
  max: number;
}

export async function idempotent(ids: ExternalIds, req: Incoming, service: string, run: () => Response): Promise<Response> {
  const key = `${req.path} ${req.headers.get('x-external-id')}`;
  const body = minifyJson(req.text);
  const earlier = ids.answers.get(key);
  if (earlier) {
    if (earlier.body !== body) return snapError(409, service, '00', 'Conflict');
    const { status, body: answer } = await earlier.answer;
    return json(status, answer);
  }
  const response = run();
  // Stored before its body is read, so that a concurrent twin waits for this answer instead of refunding again.
  const answer = response.json().then((parsed: unknown) => ({ status: response.status, body: parsed }));
  setBounded(ids.answers, key, { body, answer }, ids.max);
  const { status, body: result } = await answer;
  // Only a success spends the id: a refused request may be corrected and sent again under it.
  if (status >= 300) ids.answers.delete(key);
  return json(status, result);
}
