/**
 * Webhook lists read by `_id` only, so their cost does not grow with the deliveries and subscriptions stored
 * (FerretDB's SQLite backend decodes the whole collection for any filter without `_id`).
 *
 * Subscriptions: a directory (`webhook_directory`): one document listing every subscription (`subscriptions`) and
 * one per event type (`event:<type>`) listing those that asked for it, each entry `subs.<id>` with what listing and
 * matching need (created at, by whom, facility scope — none of which changes after creation). Kept with `$set` /
 * `$unset` of the one entry on create and delete. A directory document grows with the subscriptions (about 100
 * bytes each): subscriptions are an administrator's set, not data that accumulates (a thousand is 100 KB).
 *
 * Deliveries: feeds (store/feed.ts) per subscription — `whd:<sub>` of every delivery, newest first by creation,
 * and `whd:<sub>:<status>` of the deliveries that entered that status, newest first by when they entered it. A
 * delivery records its positions (`list_position`, `status_position`); leaving a status makes its row there stale
 * (counted `gone` on that feed's head) and a page skips stale rows by reading the deliveries it lists, which it
 * returns anyway. `delivered` and `cancelled` are final, so their feeds never go stale; only `pending` (every
 * delivery passes through it, in queue order) and `dead_lettered` (left by a redelivery) do, and a page of those
 * reads past the stale rows above it, at most MAX_SCAN positions.
 *
 * Without transactions two writes are not one: a process dying between a delivery's status update and its feed
 * bookkeeping leaves a row missing (written again by the next attempt that finds the delivery, `ensureRows`) or a
 * total one too high (a position counted that no row fills); pages stay correct.
 */
import type { Collections } from './collections.js';
import { Feeds } from './feed.js';
import type { WebhookDeliveryDoc, WebhookDeliveryStatus, WebhookDirectoryEntry, WebhookSubscriptionDoc } from './webhook-documents.js';
import type { WebhookEventType } from '../webhooks/event-types.js';

export const ALL_SUBSCRIPTIONS = 'subscriptions';
const eventKey = (type: WebhookEventType) => `event:${type}`;
export const deliveriesFeed = (subscriptionId: string) => `whd:${subscriptionId}`;
export const statusFeed = (subscriptionId: string, status: WebhookDeliveryStatus) => `whd:${subscriptionId}:${status}`;

/** Positions a status page reads at most (past this it answers what it found). */
export const MAX_SCAN = 10_000;
const SCAN_CHUNK = 500;
const IN_BATCH = 1000;

export interface DirectoryEntry extends WebhookDirectoryEntry {
  id: string;
}

const newestFirst = (a: DirectoryEntry, b: DirectoryEntry) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class WebhookLists {
  private readonly feeds: Feeds;

  constructor(private readonly c: Collections) {
    this.feeds = new Feeds(c.feedHeads, c.feedRows);
  }

  // ---- subscriptions ----

  /** Lists a stored subscription (after its insert: a subscription not yet listed is not matched or shown). */
  async addSubscription(s: WebhookSubscriptionDoc): Promise<void> {
    const entry: WebhookDirectoryEntry = { at: s.created_at, by: s.created_by, scope: s.facility_scope };
    await Promise.all(
      [ALL_SUBSCRIPTIONS, ...s.events.map(eventKey)].map((key) =>
        this.c.webhookDirectory.updateOne({ _id: key }, { $set: { [`subs.${s._id}`]: entry } }, { upsert: true }),
      ),
    );
  }

  /** Unlists a subscription (before it is deleted: from then on no event matches it). */
  async removeSubscription(s: Pick<WebhookSubscriptionDoc, '_id' | 'events'>): Promise<void> {
    await Promise.all(
      [ALL_SUBSCRIPTIONS, ...s.events.map(eventKey)].map((key) =>
        this.c.webhookDirectory.updateOne({ _id: key }, { $unset: { [`subs.${s._id}`]: '' } }),
      ),
    );
  }

  /** Every listed subscription, newest first. */
  async subscriptions(): Promise<DirectoryEntry[]> {
    return this.entries([ALL_SUBSCRIPTIONS]);
  }

  /** The subscriptions asking for any of these event types, each with the types it asked for (of these). */
  async subscribersOf(types: readonly WebhookEventType[]): Promise<(DirectoryEntry & { events: WebhookEventType[] })[]> {
    const docs = await this.c.webhookDirectory.find({ _id: { $in: types.map(eventKey) } }).toArray();
    const byId = new Map<string, DirectoryEntry & { events: WebhookEventType[] }>();
    for (const type of types) {
      const doc = docs.find((d) => d._id === eventKey(type));
      for (const [id, e] of Object.entries(doc?.subs ?? {})) {
        const found = byId.get(id) ?? { id, ...e, events: [] };
        found.events.push(type);
        byId.set(id, found);
      }
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The subscriptions with these ids, in that order (those gone since are left out). */
  async subscriptionsById(ids: readonly string[]): Promise<WebhookSubscriptionDoc[]> {
    if (!ids.length) return [];
    const found = new Map((await this.c.webhookSubscriptions.find({ _id: { $in: [...ids] } }).toArray()).map((d) => [d._id, d]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  private async entries(keys: string[]): Promise<DirectoryEntry[]> {
    const docs = await this.c.webhookDirectory.find(keys.length === 1 ? { _id: keys[0]! } : { _id: { $in: keys } }).toArray();
    const out = new Map<string, DirectoryEntry>();
    for (const d of docs) for (const [id, e] of Object.entries(d.subs ?? {})) out.set(id, { id, ...e });
    return [...out.values()].sort(newestFirst);
  }

  // ---- deliveries ----

  /**
   * Stores a new (pending) delivery and lists it; a delivery already stored (a retried emit) is listed again where
   * it was (rows are written by position, so at most once each).
   */
  async insertDelivery(d: Omit<WebhookDeliveryDoc, 'list_position' | 'status_position'>): Promise<void> {
    const [listPosition, statusPosition] = await Promise.all([
      this.feeds.claim(deliveriesFeed(d.subscription_id)),
      this.feeds.claim(statusFeed(d.subscription_id, d.status)),
    ]);
    try {
      await this.c.webhookDeliveries.insertOne({ ...d, list_position: listPosition, status_position: statusPosition });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
      // Stored already: the positions just claimed stay unused (the list of all deliveries counts its hole, as a
      // feed does for a writer that died; a status feed, which is read past its stale rows anyway, does not).
      await this.feeds.release(statusFeed(d.subscription_id, d.status));
      const stored = await this.c.webhookDeliveries.findOne({ _id: d._id });
      if (stored) await this.ensureRows(stored);
      return;
    }
    await this.ensureRows({ ...d, list_position: listPosition, status_position: statusPosition });
  }

  /** Writes the feed rows a delivery records (idempotent), e.g. when an earlier attempt stopped before writing them. */
  async ensureRows(d: WebhookDeliveryDoc): Promise<void> {
    const row = { ref: d._id, at: d.created_at };
    await Promise.all([
      d.list_position === undefined ? null : this.feeds.put(deliveriesFeed(d.subscription_id), d.list_position, row),
      d.status_position === undefined
        ? null
        : this.feeds.put(statusFeed(d.subscription_id, d.status), d.status_position, { ref: d._id, at: d.updated_at }),
    ]);
  }

  /**
   * Moves a delivery from one status to another if it is still in `from` (by `_id`), with `set` (and `inc`) applied
   * in the same update; false when it was not (nothing changed). Lists it in its new status's feed.
   */
  async move(
    d: Pick<WebhookDeliveryDoc, '_id' | 'subscription_id'>,
    from: WebhookDeliveryStatus,
    to: WebhookDeliveryStatus,
    set: Partial<WebhookDeliveryDoc> & { updated_at: Date },
    inc?: Partial<Record<'attempts' | 'redeliveries', number>>,
  ): Promise<WebhookDeliveryDoc | null> {
    const target = statusFeed(d.subscription_id, to);
    const position = await this.feeds.claim(target);
    const moved = await this.c.webhookDeliveries.findOneAndUpdate(
      { _id: d._id, status: from },
      { $set: { ...set, status: to, status_position: position }, ...(inc ? { $inc: inc } : {}) },
      { returnDocument: 'after' },
    );
    if (!moved) {
      await this.feeds.release(target);
      return null;
    }
    await this.feeds.put(target, position, { ref: d._id, at: set.updated_at });
    await this.feeds.release(statusFeed(d.subscription_id, from));
    return moved;
  }

  /** Undoes `move` of a delivery still where it was moved to, back to its earlier status and position there. */
  async moveBack(moved: WebhookDeliveryDoc, previous: WebhookDeliveryDoc, set: Partial<WebhookDeliveryDoc>): Promise<void> {
    const res = await this.c.webhookDeliveries.updateOne(
      { _id: moved._id, status: moved.status, status_position: moved.status_position! },
      { $set: { ...set, status: previous.status, status_position: previous.status_position! } },
    );
    if (res.matchedCount === 0) return;
    await Promise.all([
      this.feeds.release(statusFeed(moved.subscription_id, moved.status)),
      this.feeds.release(statusFeed(moved.subscription_id, previous.status), -1),
    ]);
  }

  /** A page of a subscription's deliveries (all of them, or those now in `status`), newest first. */
  async deliveries(
    subscriptionId: string,
    q: { status?: WebhookDeliveryStatus | undefined; offset: number; limit: number },
  ): Promise<{ total: number; items: WebhookDeliveryDoc[] }> {
    const feed = q.status ? statusFeed(subscriptionId, q.status) : deliveriesFeed(subscriptionId);
    const head = await this.feeds.head(feed);
    const total = Math.max(0, head.next - head.start - (q.status ? (head.gone ?? 0) : 0));
    if (q.offset >= total) return { total, items: [] };
    const live = (d: WebhookDeliveryDoc | undefined, position: number): d is WebhookDeliveryDoc =>
      !!d && (q.status === undefined ? d.list_position === position : d.status === q.status && d.status_position === position);
    if (!q.status || !head.gone) {
      // Nothing stale (every delivery stays in the list of all): the page is the positions it names.
      const top = head.next - q.offset;
      const rows = await this.feeds.rowsBetween(feed, Math.max(head.start, top - q.limit), top);
      const docs = await this.deliveriesById(rows.map((r) => r.ref));
      return { total, items: rows.flatMap((r) => (live(docs.get(r.ref), r.position) ? [docs.get(r.ref)!] : [])) };
    }
    const items: WebhookDeliveryDoc[] = [];
    let seen = 0;
    for (let top = head.next; top > head.start && head.next - top < MAX_SCAN && items.length < q.limit && seen < total;) {
      const bottom = Math.max(head.start, top - SCAN_CHUNK);
      const rows = await this.feeds.rowsBetween(feed, bottom, top);
      const docs = await this.deliveriesById(rows.map((r) => r.ref));
      for (const r of rows) {
        const d = docs.get(r.ref);
        if (!live(d, r.position)) continue;
        if (seen >= q.offset && items.length < q.limit) items.push(d);
        seen += 1;
      }
      top = bottom;
    }
    return { total, items };
  }

  private async deliveriesById(ids: readonly string[]): Promise<Map<string, WebhookDeliveryDoc>> {
    const out = new Map<string, WebhookDeliveryDoc>();
    for (let i = 0; i < ids.length; i += IN_BATCH) {
      for (const d of await this.c.webhookDeliveries.find({ _id: { $in: ids.slice(i, i + IN_BATCH) } }).toArray()) out.set(d._id, d);
    }
    return out;
  }
}
