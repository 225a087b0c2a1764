/**
 * The signal that queues a delivery on a subscription's deliverWebhooks workflow. Its own module, importing
 * nothing of ours, so the code that sends it (webhooks/enqueue-delivery.ts, run by activities and the API) does
 * not import the workflow — and through it the activities that send it.
 */
import { defineSignal } from '@temporalio/workflow';

export const enqueueDeliverySignal = defineSignal<[string]>('enqueueDelivery');
