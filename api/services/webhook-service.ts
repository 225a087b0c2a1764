/** Webhook subscriptions and their deliveries, for the admin API. Secrets leave this class only when just made. */
import { lookup } from 'node:dns/promises';
import type { Client } from '@temporalio/client';
import { webhookDeliveryOptions } from '../../workflows/activity-options.js';
import type { TemporalConfig } from '../../config/temporal-config.js';
import type { Collections } from '../../store/collections.js';
import type { WebhookDeliveryDoc, WebhookDeliveryStatus, WebhookSubscriptionDoc } from '../../store/webhook-documents.js';
import { WebhookLists } from '../../store/webhook-lists.js';
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
  private readonly lists: WebhookLists;

  constructor(
    private readonly c: Collections,
    private readonly client: Client,
    private readonly config: TemporalConfig,
    private readonly secrets: SecretBox,
    private readonly policy: WebhookTargetPolicy,
  ) {
    this.lists = new WebhookLists(c);
  }

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
    // Listed once stored; if listing fails it is removed again (not listed, it would never be matched or shown).
    await orUnavailable('MongoDB', async () => {
      try {
        await this.lists.addSubscription(subscription);
      } catch (err) {
        await this.lists.removeSubscription(subscription).catch(() => undefined);
        await this.c.webhookSubscriptions.deleteOne({ _id: subscription._id }).catch(() => undefined);
        throw err;
      }
    });
    return { subscription, secret };
  }

  /**
   * A global admin sees every subscription; a facility-scoped admin only those it created. Read from the directory
   * (one document, store/webhook-lists.ts), then the page's subscriptions by `_id`.
   */
  async list(owner: WebhookOwner, page: number, limit: number): Promise<{ total: number; items: WebhookSubscriptionDoc[] }> {
    return orUnavailable('MongoDB', async () => {
      const all = await this.lists.subscriptions();
      const visible =
        owner.facilities === 'all'
          ? all
          : all.filter((e) => mayManage(owner, { created_by: e.by, facility_scope: e.scope } as WebhookSubscriptionDoc));
      const ids = visible.slice((page - 1) * limit, page * limit).map((e) => e.id);
      return { total: visible.length, items: await this.lists.subscriptionsById(ids) };
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
    const doc = await this.get(owner, id);
    // Unlisted first: from then on no event matches it, and what is queued is cancelled when its turn comes.
    await orUnavailable('MongoDB', () => this.lists.removeSubscription(doc));
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

  /** A page of the subscription's deliveries (all, or those in one status), read from its feeds by `_id`. */
  async deliveries(
    owner: WebhookOwner,
    subscriptionId: string,
    q: { status?: WebhookDeliveryStatus | undefined; page: number; limit: number },
  ): Promise<{ total: number; items: WebhookDeliveryDoc[] }> {
    await this.get(owner, subscriptionId);
    return orUnavailable('MongoDB', () =>
      this.lists.deliveries(subscriptionId, { status: q.status, offset: (q.page - 1) * q.limit, limit: q.limit }),
    );
  }

  /** Puts a dead-lettered delivery back in its subscription's queue (at the end: after what is already queued). */
  async redeliver(owner: WebhookOwner, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryDoc> {
    await this.get(owner, subscriptionId);
    // By `_id` alone: an unknown id is one index lookup, whatever the number of deliveries.
    const existing = await orUnavailable('MongoDB', () => this.c.webhookDeliveries.findOne({ _id: deliveryId }));
    if (!existing || existing.subscription_id !== subscriptionId)
      throw new ApiError('RESOURCE_NOT_FOUND', `Delivery ${deliveryId} of subscription ${subscriptionId} not found`);
    const conflict = (status: string) =>
      new ApiError('CONFLICT', `Delivery ${deliveryId} is ${status}; only dead-lettered deliveries can be redelivered`);
    if (existing.status !== 'dead_lettered') throw conflict(existing.status);
    const now = new Date();
    const moved = await orUnavailable('MongoDB', () =>
      this.lists.move(existing, 'dead_lettered', 'pending', { updated_at: now, dead_lettered_at: null }, { redeliveries: 1 }),
    );
    if (!moved) throw conflict('no longer dead-lettered');
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
      // Not queued: it stays a dead letter (where it was in the list), so the caller can simply try again.
      await this.lists.moveBack(moved, existing, { dead_lettered_at: existing.dead_lettered_at }).catch(() => undefined);
      throw err;
    }
    return moved;
  }
}
