/** Queues a delivery on its subscription's workflow, starting the workflow if it is not running (emit and redeliver). */
import type { Client } from '@temporalio/client';
import { enqueueDeliverySignal } from '../workflows/deliver-webhooks-signal.js';
import type { WebhookDeliveryOptions } from '../workflows/webhook-options.js';
import { webhookSubscriptionWorkflowId } from './ids.js';

export async function enqueueDelivery(
  client: Client,
  o: { subscriptionId: string; deliveryId: string; taskQueue: string; options: WebhookDeliveryOptions },
): Promise<void> {
  await client.workflow.signalWithStart('deliverWebhooks', {
    workflowId: webhookSubscriptionWorkflowId(o.subscriptionId),
    taskQueue: o.taskQueue,
    args: [{ subscriptionId: o.subscriptionId, options: o.options }],
    signal: enqueueDeliverySignal,
    signalArgs: [o.deliveryId],
    staticSummary: `Deliver webhooks of subscription ${o.subscriptionId}`,
  });
}
