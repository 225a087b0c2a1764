import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { IdempotencyKeyDoc } from '../../store/documents.js';
import { isDuplicateKey } from '../../store/mongo.js';
import { orUnavailable } from './unavailable.js';

export interface StartOnceSteps<T> {
  /** What an earlier request with the key started, by its id (null when it is gone). */
  lookup(startedId: string): Promise<T | null>;
  /** What an earlier request with the key started, by the start token it used (null when nothing was recorded). */
  lookupByToken(startToken: string): Promise<T | null>;
  /** Starts (or joins) a run with this start token. */
  start(startToken: string): Promise<{ result: T; id: string }>;
}

/**
 * Idempotency-Key handling shared by the POSTs that start runs, safe against the API dying at any point.
 *
 * The key is recorded *before* the start, with the start token the run will carry; the started id is added after.
 * A repeat finds the started id, or — when the earlier request died between starting and recording — the run by its
 * start token, or else starts with the same token (joining the run if it is still in flight). Keys are kept 24 h
 * (hourly cleanup in open-services).
 */
/**
 * The record id of an Idempotency-Key: the caller, the kind of start, its target and the key, each part encoded so
 * no two different tuples meet (joining with ':' would let a ':' in a facility id or a key collide with another).
 */
export function idempotencyRecordId(parts: readonly string[]): string {
  return parts.map(encodeURIComponent).join(':');
}

export async function startOnce<T>(
  keys: Collection<IdempotencyKeyDoc>,
  keyId: string,
  steps: StartOnceSteps<T>,
): Promise<{ result: T; repeated: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const seen = await orUnavailable('MongoDB', () => keys.findOne({ _id: keyId }));
    if (seen?.assessment_id) {
      const previous = await steps.lookup(seen.assessment_id);
      if (previous) return { result: previous, repeated: true };
    } else if (seen?.start_token) {
      const previous = await steps.lookupByToken(seen.start_token);
      if (previous) return { result: previous, repeated: true };
    }
    let startToken = seen?.start_token;
    if (!startToken) {
      startToken = randomUUID();
      try {
        await orUnavailable('MongoDB', () =>
          keys.insertOne({ _id: keyId, start_token: startToken!, assessment_id: null, created_at: new Date() }),
        );
      } catch (err) {
        // A concurrent request with the same key recorded it first: use its token.
        if (isDuplicateKey(err) && attempt < 3) continue;
        throw err;
      }
    }
    const started = await steps.start(startToken);
    await orUnavailable('MongoDB', () => keys.updateOne({ _id: keyId }, { $set: { assessment_id: started.id } }));
    return { result: started.result, repeated: Boolean(seen) };
  }
}
