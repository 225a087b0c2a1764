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
}
