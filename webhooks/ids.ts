/** Webhook ids: derived, never random where a retry must land on the same document or workflow. */
import { createHash, randomBytes } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

export function newSubscriptionId(): string {
  return `whs_${randomBytes(12).toString('hex')}`;
}

/** An event is identified by what it is about: a retried emit stores (and delivers) the same event. */
export function webhookEventId(type: string, subjectId: string): string {
  return `evt_${digest(`${type}|${subjectId}`)}`;
}

/** One delivery per event and subscription: a retried emit finds the delivery it already queued. */
export function webhookDeliveryId(eventId: string, subscriptionId: string): string {
  return `whd_${digest(`${eventId}|${subscriptionId}`)}`;
}

/** The per-subscription delivery workflow: one at a time, so a subscription's events go out in order. */
export function webhookSubscriptionWorkflowId(subscriptionId: string): string {
  return `webhook-subscription/${subscriptionId}`;
}
