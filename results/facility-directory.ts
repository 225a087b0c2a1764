/**
 * The facility directory: every published facility's listing row, held in each API process's memory and kept
 * current from a change feed, so listing, searching and sorting facilities, resolving an organisation's
 * facilities and summing a caller's portfolio cost memory reads instead of a query over every facility (which
 * FerretDB's SQLite backend answers by decoding the whole collection).
 *
 * Every publish (and every trend re-score) appends the facility's id to the feed `facility-changes`
 * (store/feed.ts) after its `facility_results` write. A directory remembers the feed position it has applied;
 * at most every `pollMs` (and at once after an invalidation message) a read checks the feed's head — one read by
 * `_id` — and re-reads just the facilities that changed since, by `_id`. It reloads everything at its first read,
 * when it fell behind the feed's retention or more than `maxIncremental` changes arrived at once, and every
 * `fullReloadMs` in any case (a publish whose process died between its write and its feed row is picked up then).
 * Organisation membership comes from MongoDB here, never from the shared cache.
 */
import type { Collections } from '../store/collections.js';
import type { FacilityResultDoc } from '../store/documents.js';
import { Feeds, rowId } from '../store/feed.js';

export const facilityChangesFeed = 'facility-changes';

/** What the directory keeps of a facility (projected from its result document). */
export type DirectoryRow = Pick<
  FacilityResultDoc,
  '_id' | 'organization_id' | 'name' | 'risk_score' | 'search_text' | 'completed_at' | 'list_item' | 'history'
> & {
  compliance: {
    nfpa_70b: { equipment_counts: { compliant: number } };
    nfpa_70e: { equipment_counts: { compliant: number } };
  };
};

const projection = {
  organization_id: 1,
  name: 1,
  risk_score: 1,
  search_text: 1,
  completed_at: 1,
  list_item: 1,
  history: 1,
  'compliance.nfpa_70b.equipment_counts.compliant': 1,
  'compliance.nfpa_70e.equipment_counts.compliant': 1,
} as const;

/** Records that a facility's published result changed (after the write): directories re-read it. */
export function recordFacilityChange(c: Collections, facilityId: string, at = new Date()): Promise<void> {
  return new Feeds(c.feedHeads, c.feedRows).append([facilityChangesFeed], { ref: facilityId, at });
}

/**
 * Retention of the change feed: rows older than `keepMs` (a day by default) are dropped, a bounded batch at a
 * time. A directory that was asleep longer than that finds its position trimmed and reloads everything.
 */
export async function trimFacilityChanges(c: Collections, now = Date.now(), keepMs = 86_400_000): Promise<number> {
  const feeds = new Feeds(c.feedHeads, c.feedRows);
  let dropped = 0;
  for (let n = -1; n !== 0; dropped += n) n = await feeds.trimOlderThan(facilityChangesFeed, new Date(now - keepMs), 1_000);
  return dropped;
}

export interface DirectoryOptions {
  pollMs?: number;
  fullReloadMs?: number;
  maxIncremental?: number;
  now?: () => number;
}

export class FacilityDirectory {
  private rows = new Map<string, DirectoryRow>();
  private applied = -1;
  private checkedAt = 0;
  private loadedAt = 0;
  private syncing: Promise<void> | null = null;
  /** Bumped on every change: memoized orders are keyed by it. */
  version = 0;
  private readonly feeds: Feeds;
  private readonly pollMs: number;
  private readonly fullReloadMs: number;
  private readonly maxIncremental: number;
  private readonly now: () => number;

  constructor(
    private readonly c: Collections,
    o: DirectoryOptions = {},
  ) {
    this.feeds = new Feeds(c.feedHeads, c.feedRows);
    this.pollMs = o.pollMs ?? 1_000;
    this.fullReloadMs = o.fullReloadMs ?? 600_000;
    this.maxIncremental = o.maxIncremental ?? 1_000;
    this.now = o.now ?? Date.now;
  }

  /** A facility changed (an invalidation message): the next read checks the feed without waiting for `pollMs`. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  /** Every facility's row, current to within `pollMs`. */
  async current(): Promise<ReadonlyMap<string, DirectoryRow>> {
    const now = this.now();
    if (this.applied < 0 || now - this.checkedAt >= this.pollMs || now - this.loadedAt >= this.fullReloadMs) {
      this.syncing ??= this.sync().finally(() => (this.syncing = null));
      await this.syncing;
    }
    return this.rows;
  }

  private async sync(): Promise<void> {
    const startedAt = this.now();
    const head = await this.feeds.head(facilityChangesFeed);
    const behind = head.next - this.applied;
    if (this.applied < 0 || this.applied < head.start || behind > this.maxIncremental || startedAt - this.loadedAt >= this.fullReloadMs) {
      const rows = new Map<string, DirectoryRow>();
      for await (const r of this.c.facilityResults.find({}, { projection }).batchSize(1_000)) rows.set(r._id, r as DirectoryRow);
      this.rows = rows;
      this.loadedAt = startedAt;
      this.version += 1;
    } else if (behind > 0) {
      const ids = Array.from({ length: behind }, (_, i) => rowId(facilityChangesFeed, this.applied + i));
      const changed = [...new Set((await this.c.feedRows.find({ _id: { $in: ids } }).toArray()).map((r) => r.ref))];
      const fresh = await this.c.facilityResults.find({ _id: { $in: changed } }, { projection }).toArray();
      const rows = new Map(this.rows);
      for (const id of changed) rows.delete(id);
      for (const r of fresh) rows.set(r._id, r as DirectoryRow);
      this.rows = rows;
      this.version += 1;
    }
    this.applied = head.next;
    this.checkedAt = startedAt;
  }
}
