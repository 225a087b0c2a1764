import type { WebhookEventType } from '../webhooks/event-types.js';

/** A consumer's webhook subscription (collection `webhook_subscriptions`, _id = `whs_…`). */
export interface WebhookSubscriptionDoc {
  _id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  /** The signing secret, sealed with the payload keys (webhooks/secret-box.ts); never returned by the API. */
  secret_sealed: string;
  /** After a rotation the old secret keeps signing (a second `v1=`) until this time, so receivers can switch over. */
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  created_by: string;
  /**
   * The facilities whose events it receives: null for a subscription of a global admin (every facility, and
   * portfolio runs); the creator's facilities for a facility-scoped admin, who alone manages it.
   */
  facility_scope: string[] | null;
  created_at: Date;
  secret_rotated_at: Date | null;
}

/** One event, stored once (collection `webhook_events`, _id = the event id); `body` is the exact JSON every delivery sends. */
export interface WebhookEventDoc {
  _id: string;
  type: WebhookEventType;
  occurred_at: Date;
  body: string;
  created_at: Date;
}

export const webhookDeliveryStatuses = ['pending', 'delivered', 'dead_lettered', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** One event for one subscription (collection `webhook_deliveries`, _id = `whd_…` derived from both ids). */
export interface WebhookDeliveryDoc {
  _id: string;
  subscription_id: string;
  event_id: string;
  event_type: WebhookEventType;
  status: WebhookDeliveryStatus;
  /** HTTP attempts made, over every redelivery. */
  attempts: number;
  redeliveries: number;
  last_attempt_at: Date | null;
  last_response_status: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
  dead_lettered_at: Date | null;
  /** Its position in the subscription's feed of every delivery (store/webhook-lists.ts); absent on older documents. */
  list_position?: number;
  /** Its position in the subscription's feed of deliveries in its current `status`; absent on older documents. */
  status_position?: number;
}

/** A subscription as the directory keeps it: what listing and matching need, without reading the subscription. */
export interface WebhookDirectoryEntry {
  at: Date;
  by: string;
  scope: string[] | null;
}

/**
 * The subscriptions, by `_id` (collection `webhook_directory`): `subscriptions` lists every one, `event:<type>`
 * those asking for that event type. Kept on create and delete (store/webhook-lists.ts), so listing them and
 * matching an event read one document instead of scanning `webhook_subscriptions`.
 */
export interface WebhookDirectoryDoc {
  _id: string;
  subs: Record<string, WebhookDirectoryEntry>;
}
