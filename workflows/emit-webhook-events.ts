/**
 * The one call assessFacility and reassessPortfolio make to tell webhook consumers what happened. Emitting is
 * best effort for the run: whatever goes wrong (after the emit activity's own retries), the assessment's outcome
 * stands — the failure is logged, never thrown. Cancellation still propagates.
 */
import { isCancellation, log, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhook-activities.js';
import type { WebhookTrigger } from '../webhooks/event-types.js';
import type { WebhookOptions } from './webhook-options.js';

export async function emitWebhookEvents(options: WebhookOptions, trigger: WebhookTrigger): Promise<void> {
  const { emitWebhookEvents: emit } = proxyActivities<WebhookActivities>(options.emitWebhookEvents);
  try {
    await emit(trigger, options.delivery);
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('webhook events could not be emitted; the run is unaffected', { kind: trigger.kind, error: String(err) });
  }
}
