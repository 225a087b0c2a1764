/** Webhook subscriptions and their deliveries, for the admin API. Secrets leave this class only when just made. */
import { lookup } from 'node:dns/promises';
import type { Client } from '@temporalio/client';
import type { Filter } from 'mongodb';
import { webhookDeliveryOptions } from '../../workflows/activity-options.js';
import type { TemporalConfig } from '../../config/temporal-config.js';
import type { Collections } from '../../store/collections.js';
import type { WebhookDeliveryDoc, WebhookDeliveryStatus, WebhookSubscriptionDoc } from '../../store/webhook-documents.js';
import { enqueueDelivery } from '../../webhooks/enqueue-delivery.js';
import type { WebhookEventType } from '../../webhooks/event-types.js';
import { newSubscriptionId } from '../../webhooks/ids.js';
import { newSigningSecret, type SecretBox } from '../../webhooks/secret-box.js';
import { checkWebhookUrl, refusedAddress, type WebhookTargetPolicy } from '../../webhooks/target-policy.js';
import { ApiError } from '../errors.js';
import { orUnavailable } from './unavailable.js';
import { temporalCall } from './temporal-call.js';

/** How long a rotated-out secret keeps signing beside the new one, so receivers can switch without losing events. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

export interface NewSubscription {
  url: string;
  events: WebhookEventType[];
  description?: string | undefined;
}

/** Who manages webhooks: a global admin (every facility) or a facility-scoped one (its own subscriptions only). */
export interface WebhookOwner {
  subject: string;
  facilities: 'all' | ReadonlySet<string>;
}

/** A global admin manages every subscription; a scoped one those it created within its own facilities (never a global one). */
function mayManage(owner: WebhookOwner, doc: WebhookSubscriptionDoc): boolean {
  if (owner.facilities === 'all') return true;
  const mine = owner.facilities;
  return doc.created_by === owner.subject && doc.facility_scope !== null && doc.facility_scope.every((f) => mine.has(f));
}

export class WebhookService {
  constructor(
    private readonly c: Collections,
    private readonly client: Client,
    private readonly config: TemporalConfig,
    private readonly secrets: SecretBox,
    private readonly policy: WebhookTargetPolicy,
  ) {}

  /** Refuses URLs the policy does not allow, including names that resolve to refused addresses (production). */
  private async checkUrl(raw: string): Promise<string> {
    const checked = checkWebhookUrl(raw, this.policy);
    if (!checked.ok) throw new ApiError('VALIDATION_ERROR', 'The webhook URL is not allowed', `url: ${checked.reason}`);
    if (!this.policy.allowLocal) {
      const host = checked.url.hostname.replace(/^\[|\]$/g, '');
      const addresses = await lookup(host, { all: true }).catch(() => null);
      if (!addresses?.length) throw new ApiError('VALIDATION_ERROR', 'The webhook URL is not allowed', `url: ${host} does not resolve`);
      const refused = addresses.map((a) => refusedAddress(a.address, this.policy)).find(Boolean);
      // Which address it resolved to stays out of the answer: DNS answers of internal names are not for callers.
      if (refused)
        throw new ApiError(
          'VALIDATION_ERROR',
          'The webhook URL is not allowed',
          `url: ${host} resolves to an address webhooks may not reach (loopback, link-local, metadata, or private outside WEBHOOK_PRIVATE_CIDRS)`,
        );
    }
    return checked.url.toString();
  }

  async create(owner: WebhookOwner, s: NewSubscription): Promise<{ subscription: WebhookSubscriptionDoc; secret: string }> {
    const url = await this.checkUrl(s.url);
    const secret = newSigningSecret();
    const subscription: WebhookSubscriptionDoc = {
      _id: newSubscriptionId(),
      url,
      events: [...new Set(s.events)],
      description: s.description ?? null,
      secret_sealed: await this.secrets.seal(secret),
      previous_secret_sealed: null,
      previous_secret_expires_at: null,
      created_by: owner.subject,
      facility_scope: owner.facilities === 'all' ? null : [...owner.facilities].sort(),
      created_at: new Date(),
      secret_rotated_at: null,
    };
    await orUnavailable('MongoDB', () => this.c.webhookSubscriptions.insertOne(subscription));
    return { subscription, secret };
  }

  /** A global admin sees every subscription; a facility-scoped admin only those it created. */
  async list(owner: WebhookOwner, page: number, limit: number): Promise<{ total: number; items: WebhookSubscriptionDoc[] }> {
    return orUnavailable('MongoDB', async () => {
      if (owner.facilities !== 'all') {
        const mine = (
          await this.c.webhookSubscriptions.find({ created_by: owner.subject }).sort({ created_at: -1, _id: -1 }).toArray()
        ).filter((d) => mayManage(owner, d));
        return { total: mine.length, items: mine.slice((page - 1) * limit, page * limit) };
      }
      const [total, items] = await Promise.all([
        this.c.webhookSubscriptions.countDocuments({}, { hint: 'by_recent_id' }),
        this.c.webhookSubscriptions
          .find({})
          .sort({ created_at: -1, _id: -1 })
          .skip((page - 1) * limit)
          .limit(limit)
          .toArray(),
      ]);
      return { total, items };
    });
  }

  /** The subscription, when the caller may manage it; to anyone else it does not exist. */
  async get(owner: WebhookOwner, id: string): Promise<WebhookSubscriptionDoc> {
    const doc = await orUnavailable('MongoDB', () => this.c.webhookSubscriptions.findOne({ _id: id }));
    if (!doc || !mayManage(owner, doc)) throw new ApiError('RESOURCE_NOT_FOUND', `Webhook subscription ${id} not found`);
    return doc;
  }

  /** Deletes the subscription; deliveries still queued for it are cancelled when their turn comes, and nothing more is sent. */
  async delete(owner: WebhookOwner, id: string): Promise<void> {
    await this.get(owner, id);
    const res = await orUnavailable('MongoDB', () => this.c.webhookSubscriptions.deleteOne({ _id: id }));
    if (res.deletedCount === 0) throw new ApiError('RESOURCE_NOT_FOUND', `Webhook subscription ${id} not found`);
  }

  /** A new secret, returned once; the old one keeps signing beside it for PREVIOUS_SECRET_GRACE_MS. */
  async rotateSecret(owner: WebhookOwner, id: string): Promise<{ subscription: WebhookSubscriptionDoc; secret: string }> {
    const current = await this.get(owner, id);
    const secret = newSigningSecret();
    const now = new Date();
    const patch = {
      secret_sealed: await this.secrets.seal(secret),
      previous_secret_sealed: current.secret_sealed,
      previous_secret_expires_at: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
      secret_rotated_at: now,
    };
    // Guarded by the secret it replaces: of two concurrent rotations one wins, the other is told to retry.
    const res = await orUnavailable('MongoDB', () =>
      this.c.webhookSubscriptions.updateOne({ _id: id, secret_sealed: current.secret_sealed }, { $set: patch }),
    );
    if (res.matchedCount === 0) throw new ApiError('CONFLICT', 'The secret was rotated or the subscription deleted concurrently; retry');
    return { subscription: { ...current, ...patch }, secret };
  }

  async deliveries(
    owner: WebhookOwner,
    subscriptionId: string,
    q: { status?: WebhookDeliveryStatus | undefined; page: number; limit: number },
  ): Promise<{ total: number; items: WebhookDeliveryDoc[] }> {
    await this.get(owner, subscriptionId);
    const filter: Filter<WebhookDeliveryDoc> = { subscription_id: subscriptionId, ...(q.status ? { status: q.status } : {}) };
    return orUnavailable('MongoDB', async () => {
      const [total, items] = await Promise.all([
        this.c.webhookDeliveries.countDocuments(filter, { hint: 'by_subscription_recent' }),
        this.c.webhookDeliveries
          .find(filter)
          .sort({ created_at: -1, _id: -1 })
          .skip((q.page - 1) * q.limit)
          .limit(q.limit)
          .toArray(),
      ]);
      return { total, items };
    });
  }

  /** Puts a dead-lettered delivery back in its subscription's queue (at the end: after what is already queued). */
  async redeliver(owner: WebhookOwner, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryDoc> {
    await this.get(owner, subscriptionId);
    const now = new Date();
    const moved = await orUnavailable('MongoDB', () =>
      this.c.webhookDeliveries.findOneAndUpdate(
        { _id: deliveryId, subscription_id: subscriptionId, status: 'dead_lettered' },
        { $set: { status: 'pending', updated_at: now, dead_lettered_at: null }, $inc: { redeliveries: 1 } },
        { returnDocument: 'after' },
      ),
    );
    if (!moved) {
      const existing = await orUnavailable('MongoDB', () =>
        this.c.webhookDeliveries.findOne({ _id: deliveryId, subscription_id: subscriptionId }),
      );
      if (!existing) throw new ApiError('RESOURCE_NOT_FOUND', `Delivery ${deliveryId} of subscription ${subscriptionId} not found`);
      throw new ApiError('CONFLICT', `Delivery ${deliveryId} is ${existing.status}; only dead-lettered deliveries can be redelivered`);
    }
    try {
      await temporalCall(this.client, () =>
        enqueueDelivery(this.client, {
          subscriptionId,
          deliveryId,
          taskQueue: this.config.taskQueues.assessments,
          options: webhookDeliveryOptions(this.config),
        }),
      );
    } catch (err) {
      // Not queued: it stays a dead letter, so the caller can simply try again.
      await this.c.webhookDeliveries
        .updateOne({ _id: deliveryId, status: 'pending' }, { $set: { status: 'dead_lettered', dead_lettered_at: now } })
        .catch(() => undefined);
      throw err;
    }
    return moved;
  }
}
