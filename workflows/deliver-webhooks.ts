/**
 * deliverWebhooks: one workflow per subscription (`webhook-subscription/<id>`) that delivers the subscription's
 * events one at a time, in the order they were enqueued — the ordering guarantee docs/webhooks.md documents. Each
 * delivery is the `deliverWebhook` activity, retried with backoff by Temporal; when its attempts are exhausted the
 * delivery is dead-lettered (recorded in MongoDB) and the queue moves on, so one poisoned event cannot stall a
 * subscription for ever. Only delivery ids pass through history; bodies stay in MongoDB.
 */
import { condition, continueAsNew, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhook-activities.js';
import { enqueueDeliverySignal } from './deliver-webhooks-signal.js';
import type { WebhookDeliveryOptions } from './webhook-options.js';

export interface DeliverWebhooksInput {
  subscriptionId: string;
  options: WebhookDeliveryOptions;
  /** Deliveries still queued when the previous run continued as new. */
  queue?: string[];
}

export async function deliverWebhooks(input: DeliverWebhooksInput): Promise<{ delivered: number; deadLettered: number }> {
  const o = input.options;
  const { deliverWebhook } = proxyActivities<WebhookActivities>(o.deliverWebhook);
  const { recordWebhookDeadLetter } = proxyActivities<WebhookActivities>(o.recordWebhookDelivery);
  const queue: string[] = [...(input.queue ?? [])];
  // A retried emit may enqueue a delivery twice; the activity also skips anything no longer pending.
  const queued = new Set(queue);
  setHandler(enqueueDeliverySignal, (deliveryId) => {
    if (queued.has(deliveryId)) return;
    queued.add(deliveryId);
    queue.push(deliveryId);
  });

  let delivered = 0;
  let deadLettered = 0;
  for (let handled = 0; ; handled++) {
    if (handled >= o.maxDeliveriesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof deliverWebhooks>({ ...input, queue });
    }
    if (!(await condition(() => queue.length > 0, o.idleTimeout as '10m'))) return { delivered, deadLettered };
    const deliveryId = queue.shift()!;
    queued.delete(deliveryId);
    try {
      const outcome = await deliverWebhook(deliveryId);
      if (outcome === 'delivered') delivered += 1;
    } catch (err) {
      if (isCancellation(err)) throw err;
      await recordWebhookDeadLetter(deliveryId, describeDeliveryFailure(err));
      deadLettered += 1;
    }
  }
}

function describeDeliveryFailure(err: unknown): string {
  let cause: unknown = err;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  return cause instanceof Error ? cause.message : String(cause);
}
