import type { Collection } from 'mongodb';
import type { IdempotencyKeyDoc } from '../../store/documents.js';
import { isDuplicateKey } from '../../store/mongo.js';
import { orUnavailable } from './unavailable.js';

/**
 * Idempotency-Key handling shared by the POSTs that start runs: the first request with a key records the id of
 * what it started; a repeat finds that id and returns what `lookup` makes of it (falling through to a new start
 * only when the earlier result is gone). Keys are kept 24 h (hourly cleanup in open-services).
 */
export async function startOnce<T>(
  keys: Collection<IdempotencyKeyDoc>,
  keyId: string,
  lookup: (startedId: string) => Promise<T | null>,
  start: () => Promise<{ result: T; id: string }>,
): Promise<{ result: T; repeated: boolean }> {
  const seen = await orUnavailable('MongoDB', () => keys.findOne({ _id: keyId }));
  if (seen) {
    const previous = await lookup(seen.assessment_id);
    if (previous) return { result: previous, repeated: true };
  }
  const started = await start();
  try {
    await orUnavailable('MongoDB', () => keys.insertOne({ _id: keyId, assessment_id: started.id, created_at: new Date() }));
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return { result: started.result, repeated: false };
}
