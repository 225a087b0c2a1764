/**
 * Webhook activities: emit (store an event once, queue one delivery per interested subscription and wake the
 * subscription's delivery workflow), deliver (one signed POST per attempt), and dead-letter. All idempotent: a
 * retried emit finds its event and deliveries by their derived ids, and a delivery that is no longer pending is
 * never sent again by a late or repeated attempt.
 */
import { AssessmentRepository } from '../store/assessment-repository.js';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Collections } from '../store/collections.js';
import { isDuplicateKey } from '../store/mongo.js';
import { WebhookLists } from '../store/webhook-lists.js';
import { buildEvents, eventTypesOf, type PreviousResult } from '../webhooks/build-events.js';
import type { WebhookTrigger } from '../webhooks/event-types.js';
import { webhookDeliveryId } from '../webhooks/ids.js';
import { postWebhook } from '../webhooks/post-webhook.js';
import type { SecretBox } from '../webhooks/secret-box.js';
import {
  deliveryIdHeader,
  eventIdHeader,
  eventTypeHeader,
  signatureHeader,
  signatureHeaderValue,
  timestampHeader,
} from '../webhooks/signature.js';
import { enqueueDelivery } from '../webhooks/enqueue-delivery.js';
import type { WebhookTargetPolicy } from '../webhooks/target-policy.js';
import type { WebhookDeliveryOptions } from '../workflows/webhook-options.js';

export interface WebhookDeps {
  collections: Collections;
  secrets: SecretBox;
  policy: WebhookTargetPolicy;
  /** Bound on one attempt's whole HTTP exchange. */
  requestTimeoutMs: number;
}

export type DeliveryOutcome = 'delivered' | 'skipped';

export function createWebhookActivities(deps: WebhookDeps, client: () => Client = () => Context.current().client) {
  const c = deps.collections;

  const assessments = new AssessmentRepository(c);
  const lists = new WebhookLists(c);

  /** The facility's result before this assessment: its latest completed assessment requested before this one. */
  async function previousResult(assessmentId: string, facilityId: string): Promise<PreviousResult | null> {
    const current = await c.assessments.findOne({ _id: assessmentId }, { projection: { requested_at: 1 } });
    if (!current) return null;
    const r = await assessments.previousCompleted(facilityId, assessmentId, current.requested_at);
    return r?.result ? { assessmentId: r._id, riskLevel: r.result.risk_level, riskScore: r.result.risk_score } : null;
  }

  return {
    async emitWebhookEvents(trigger: WebhookTrigger, delivery: WebhookDeliveryOptions): Promise<{ events: number; deliveries: number }> {
      const ctx = Context.current();
      // A facility-scoped subscription hears only its facilities' events (never portfolio runs, which span tenants).
      const eventFacility = trigger.kind === 'portfolio_run.completed' ? null : trigger.facilityId;
      // Matched from the per-event-type directory documents (by `_id`), not by scanning the subscriptions.
      const subscriptions = (await lists.subscribersOf(eventTypesOf(trigger)))
        .map((s) => ({ _id: s.id, events: s.events, facility_scope: s.scope }))
        .filter((s) => !s.facility_scope || (eventFacility !== null && s.facility_scope.includes(eventFacility)));
      if (subscriptions.length === 0) return { events: 0, deliveries: 0 };
      const previous =
        trigger.kind === 'assessment.completed' && subscriptions.some((s) => s.events.includes('facility.risk_level_changed'))
          ? await previousResult(trigger.assessmentId, trigger.facilityId)
          : null;
      let deliveries = 0;
      const events = buildEvents(trigger, previous);
      // In order: every delivery of the first event is enqueued before any of the second (per-subscription order).
      for (const event of events) {
        const now = new Date();
        try {
          await c.webhookEvents.insertOne({
            _id: event.id,
            type: event.type,
            occurred_at: new Date(event.occurred_at),
            body: JSON.stringify(event),
            created_at: now,
          });
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
        for (const sub of subscriptions.filter((s) => s.events.includes(event.type))) {
          const deliveryId = webhookDeliveryId(event.id, sub._id);
          // Stored and listed in the subscription's feeds; a retried emit finds it and lists it where it was.
          await lists.insertDelivery({
            _id: deliveryId,
            subscription_id: sub._id,
            event_id: event.id,
            event_type: event.type,
            status: 'pending',
            attempts: 0,
            redeliveries: 0,
            last_attempt_at: null,
            last_response_status: null,
            last_error: null,
            created_at: now,
            updated_at: now,
            delivered_at: null,
            dead_lettered_at: null,
          });
          await enqueueDelivery(client(), { subscriptionId: sub._id, deliveryId, taskQueue: ctx.info.taskQueue, options: delivery });
          deliveries += 1;
          ctx.heartbeat();
        }
      }
      ctx.log.info('webhook events emitted', { kind: trigger.kind, events: events.map((e) => e.type), deliveries });
      return { events: events.length, deliveries };
    },

    /** One signed POST. Anything but a 2xx answer throws, so Temporal retries it with the configured backoff. */
    async deliverWebhook(deliveryId: string): Promise<DeliveryOutcome> {
      const ctx = Context.current();
      const d = await c.webhookDeliveries.findOne({ _id: deliveryId });
      if (!d) return 'skipped';
      if (d.status !== 'pending') {
        // An earlier attempt may have moved it and stopped before listing it there.
        await lists.ensureRows(d);
        return 'skipped';
      }
      const [sub, event] = await Promise.all([
        c.webhookSubscriptions.findOne({ _id: d.subscription_id }),
        c.webhookEvents.findOne({ _id: d.event_id }),
      ]);
      if (!sub || !event) {
        await lists.move(d, 'pending', 'cancelled', {
          updated_at: new Date(),
          last_error: sub ? 'the event is gone' : 'the subscription was deleted',
        });
        return 'skipped';
      }
      const secrets = [await deps.secrets.open(sub.secret_sealed)];
      if (sub.previous_secret_sealed && sub.previous_secret_expires_at && sub.previous_secret_expires_at > new Date())
        secrets.push(await deps.secrets.open(sub.previous_secret_sealed));
      const timestamp = Math.floor(Date.now() / 1000);
      const result = await postWebhook({
        url: sub.url,
        body: event.body,
        policy: deps.policy,
        timeoutMs: deps.requestTimeoutMs,
        signal: ctx.cancellationSignal,
        headers: {
          [timestampHeader]: String(timestamp),
          [signatureHeader]: signatureHeaderValue(secrets, timestamp, event.body),
          [eventIdHeader]: event._id,
          [eventTypeHeader]: event.type,
          [deliveryIdHeader]: deliveryId,
        },
      });
      const ok = result.kind === 'answered' && result.status >= 200 && result.status < 300;
      // Only the status: a receiver's answer body can carry its internals (SSRF read-back), so it is never stored.
      const error =
        result.kind === 'answered'
          ? ok
            ? null
            : `HTTP ${result.status}${result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : ''}`
          : result.reason;
      const now = new Date();
      const attempt = {
        last_attempt_at: now,
        updated_at: now,
        last_response_status: result.kind === 'answered' ? result.status : null,
        last_error: error,
      };
      if (ok) await lists.move(d, 'pending', 'delivered', { ...attempt, delivered_at: now }, { attempts: 1 });
      else await c.webhookDeliveries.updateOne({ _id: deliveryId, status: 'pending' }, { $inc: { attempts: 1 }, $set: attempt });
      if (ok) return 'delivered';
      ctx.log.warn('webhook delivery attempt failed', {
        deliveryId,
        subscriptionId: sub._id,
        eventType: event.type,
        attempt: ctx.info.attempt,
        error,
      });
      // A target the policy refuses will not become acceptable by retrying.
      if (result.kind === 'refused') throw ApplicationFailure.create({ type: 'WebhookTargetRefused', message: error!, nonRetryable: true });
      throw ApplicationFailure.create({ type: 'WebhookDeliveryFailed', message: error! });
    },

    async recordWebhookDeadLetter(deliveryId: string, reason: string): Promise<void> {
      const now = new Date();
      const d = await c.webhookDeliveries.findOne({ _id: deliveryId });
      if (d?.status === 'pending')
        await lists.move(d, 'pending', 'dead_lettered', { dead_lettered_at: now, updated_at: now, last_error: reason });
      else if (d) await lists.ensureRows(d);
      Context.current().log.warn('webhook delivery dead-lettered', { deliveryId, reason });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
