import type { ActivityOptions } from '@temporalio/common';

/** How a subscription's deliveries run (temporal.config.yaml `webhooks` and its activities), carried in the input. */
export interface WebhookDeliveryOptions {
  deliverWebhook: ActivityOptions;
  recordWebhookDelivery: ActivityOptions;
  /** A subscription's delivery workflow ends after this long without events (the next event starts it again). */
  idleTimeout: string;
  /** Deliveries per workflow run before it continues as new (bounds its history). */
  maxDeliveriesPerRun: number;
}

/** What a workflow needs to emit webhook events. */
export interface WebhookOptions {
  emitWebhookEvents: ActivityOptions;
  delivery: WebhookDeliveryOptions;
}
