/**
 * Feeds: newest-first lists whose every page is read by `_id`, so a page costs the same on a store of a thousand
 * rows and of a million (FerretDB's SQLite backend decodes the whole collection for any other filter, and a
 * `sort` + `skip` walks everything before the page even on MongoDB).
 *
 * A feed is a head document (`feed_heads`, `_id` = the feed's name) counting the positions ever claimed (`next`)
 * and the first one still kept (`start`, raised by retention), and one small row per position (`feed_rows`,
 * `_id` = `<feed>#<position>`) pointing at what it lists (`ref`, e.g. an assessment id) with the time it sorts by.
 * Appending claims a position with one atomic `$inc` (MongoDB's, and FerretDB's with our build patch) and inserts
 * the row there; rows never change. Page n of size k is positions next−1−(n−1)k down to next−nk, read with one
 * `_id: {$in}`. A position claimed by a writer that died before inserting its row stays empty: pages skip it,
 * and it is still counted in `total` until retention passes it (the window is two round trips of one writer).
 *
 * A union of feeds (a caller who may see several facilities) is merged by time; see `pageOfUnion`.
 */
import type { Collection } from 'mongodb';

export interface FeedHeadDoc {
  _id: string;
  next: number;
  start: number;
  /**
   * Rows (or claimed positions) no longer counted: for feeds whose rows can go stale (a list of deliveries in one
   * status, which they leave); see `release`. Absent on feeds that never release.
   */
  gone?: number;
}

export interface FeedRowDoc {
  /** `<feed>#<position>` */
  _id: string;
  ref: string;
  at: Date;
}

export interface FeedRow {
  ref: string;
  at: Date;
}

export interface FeedPage {
  total: number;
  rows: FeedRow[];
}

/** Ids per `$in` (FerretDB's pushed-down `$in` takes up to 1,000). */
const IN_BATCH = 1000;

export const rowId = (feed: string, position: number) => `${feed}#${position}`;

const newestFirst = (a: FeedRow, b: FeedRow) => b.at.getTime() - a.at.getTime() || (a.ref < b.ref ? 1 : a.ref > b.ref ? -1 : 0);

export class Feeds {
  constructor(
    private readonly heads: Collection<FeedHeadDoc>,
    private readonly rows: Collection<FeedRowDoc>,
  ) {}

  /** Adds a row at the head of each feed: a claim per feed (in parallel), then every row in one insert. */
  async append(feeds: readonly string[], row: FeedRow): Promise<void> {
    const positions = await Promise.all(feeds.map((feed) => this.claim(feed)));
    await this.rows.insertMany(
      feeds.map((feed, i) => ({ _id: rowId(feed, positions[i]!), ref: row.ref, at: row.at })),
      { ordered: false },
    );
  }

  /**
   * Claims the next position of a feed without writing its row (the caller records the position where it belongs,
   * then writes the row with `put`, which a retry may repeat).
   */
  async claim(feed: string): Promise<number> {
    const head = await this.heads.findOneAndUpdate(
      { _id: feed },
      { $inc: { next: 1 }, $setOnInsert: { start: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    return head!.next - 1;
  }

  /** Writes the row at a claimed position; idempotent (the row of a position never changes). */
  async put(feed: string, position: number, row: FeedRow): Promise<void> {
    try {
      await this.rows.insertOne({ _id: rowId(feed, position), ref: row.ref, at: row.at });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
  }

  /** Counts `n` rows or claimed positions of the feed as gone (stale, or never written); negative to undo. */
  async release(feed: string, n = 1): Promise<void> {
    await this.heads.updateOne({ _id: feed }, { $inc: { gone: n } });
  }

  /** The rows at positions [from, to) of one feed, newest first (positions without a row are left out). */
  async rowsBetween(feed: string, from: number, to: number): Promise<(FeedRow & { position: number })[]> {
    const positions: { feed: string; position: number }[] = [];
    for (let p = to - 1; p >= from; p--) positions.push({ feed, position: p });
    return (await this.rowsAt(positions)).sort((a, b) => b.position - a.position);
  }

  async head(feed: string): Promise<FeedHeadDoc> {
    return (await this.heads.findOne({ _id: feed })) ?? { _id: feed, next: 0, start: 0 };
  }

  async headsOf(feeds: readonly string[]): Promise<FeedHeadDoc[]> {
    const found = new Map<string, FeedHeadDoc>();
    for (let i = 0; i < feeds.length; i += IN_BATCH) {
      for (const h of await this.heads.find({ _id: { $in: feeds.slice(i, i + IN_BATCH) } }).toArray()) found.set(h._id, h);
    }
    return feeds.map((f) => found.get(f) ?? { _id: f, next: 0, start: 0 });
  }

  /** Rows at [offset, offset+limit) of a feed, newest first. */
  async page(feed: string, offset: number, limit: number): Promise<FeedPage> {
    const head = await this.head(feed);
    return { total: head.next - head.start, rows: await this.newest(head, offset, limit) };
  }

  /**
   * Rows at [offset, offset+limit) of several feeds merged newest first (by time, then ref). Reads the newest
   * offset+limit rows of each feed: the cost grows with the number of feeds and the depth of the page, never with
   * the size of the feeds.
   */
  async pageOfUnion(feeds: readonly string[], offset: number, limit: number): Promise<FeedPage> {
    if (feeds.length === 1) return this.page(feeds[0]!, offset, limit);
    const heads = (await this.headsOf(feeds)).filter((h) => h.next > h.start);
    const total = heads.reduce((n, h) => n + h.next - h.start, 0);
    if (offset >= total) return { total, rows: [] };
    const rows = (await this.rowsAt(heads.flatMap((h) => positionsOf(h, 0, offset + limit)))).sort(newestFirst);
    return { total, rows: rows.slice(offset, offset + limit) };
  }

  /**
   * Retention: drops the rows older than `before` from the tail of a feed, at most `max` of them per call (so a
   * call is bounded in time and memory; call again while it returns `max`). Returns how many were dropped.
   */
  async trimOlderThan(feed: string, before: Date, max = 1000): Promise<number> {
    const head = await this.head(feed);
    let start = head.start;
    const end = Math.min(head.next, head.start + max);
    const rows = await this.rowsAt(range(head, head.start, end));
    const byPosition = new Map(rows.map((r) => [r.position, r]));
    // Rows were appended in time order (up to the writers' clock skew): stop at the first one to keep.
    while (start < end) {
      const r = byPosition.get(start);
      if (r && r.at >= before) break;
      start += 1;
    }
    if (start === head.start) return 0;
    await this.heads.updateOne({ _id: feed, start: { $lt: start } }, { $set: { start } });
    const ids = range(head, head.start, start).map((p) => rowId(p.feed, p.position));
    for (let i = 0; i < ids.length; i += IN_BATCH) await this.rows.deleteMany({ _id: { $in: ids.slice(i, i + IN_BATCH) } });
    return start - head.start;
  }

  private async newest(head: FeedHeadDoc, offset: number, limit: number): Promise<FeedRow[]> {
    return (await this.rowsAt(positionsOf(head, offset, limit))).sort((a, b) => b.position - a.position);
  }

  private async rowsAt(positions: readonly { feed: string; position: number }[]): Promise<(FeedRow & { position: number })[]> {
    const out: (FeedRow & { position: number })[] = [];
    for (let i = 0; i < positions.length; i += IN_BATCH) {
      const ids = positions.slice(i, i + IN_BATCH).map((p) => rowId(p.feed, p.position));
      for (const r of await this.rows.find({ _id: { $in: ids } }).toArray()) {
        out.push({ ref: r.ref, at: r.at, position: Number(r._id.slice(r._id.lastIndexOf('#') + 1)) });
      }
    }
    return out;
  }
}

/** Positions [offset, offset+limit) counted from the newest, still kept. */
function positionsOf(head: FeedHeadDoc, offset: number, limit: number): { feed: string; position: number }[] {
  const top = head.next - 1 - offset;
  const bottom = Math.max(head.start, top - limit + 1);
  const out: { feed: string; position: number }[] = [];
  for (let p = top; p >= bottom; p--) out.push({ feed: head._id, position: p });
  return out;
}

function range(head: FeedHeadDoc, from: number, to: number): { feed: string; position: number }[] {
  const out: { feed: string; position: number }[] = [];
  for (let p = from; p < to; p++) out.push({ feed: head._id, position: p });
  return out;
}
