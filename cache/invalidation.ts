/**
 * Cache invalidation across API replicas: when an assessment completes, the worker publishes the facility id on a
 * Redis channel; every replica subscribed to it drops that facility from its L1. L2 needs no invalidation: its
 * keys carry the facility's assessment id, so a new assessment is a new key.
 */
import type { RedisClient } from './redis.js';

export const invalidationChannel = (prefix: string) => `${prefix}invalidate`;

export interface FacilityInvalidation {
  facilityId: string;
  assessmentId: string;
}

export async function publishInvalidation(redis: RedisClient, prefix: string, message: FacilityInvalidation): Promise<void> {
  await redis.publish(invalidationChannel(prefix), JSON.stringify(message));
}

/** Subscribes on a dedicated connection (a subscribed client can do nothing else); returns an unsubscribe. */
export async function subscribeInvalidations(
  redis: RedisClient,
  prefix: string,
  onMessage: (m: FacilityInvalidation) => void,
): Promise<() => Promise<void>> {
  const sub = redis.duplicate();
  sub.on('error', () => {});
  const listener = (raw: string) => {
    try {
      const m = JSON.parse(raw) as FacilityInvalidation;
      if (typeof m.facilityId === 'string') onMessage(m);
    } catch {
      // A malformed message on our channel is ignored; L1 entries expire on their own.
    }
  };
  // Subscribing must not hold up start-up while Redis is down; the client resubscribes when it reconnects.
  const subscribed = sub
    .connect()
    .then(() => sub.subscribe(invalidationChannel(prefix), listener))
    .catch(() => undefined);
  return async () => {
    await subscribed;
    await sub.unsubscribe().catch(() => undefined);
    await sub.quit().catch(() => undefined);
  };
}
