/**
 * The audit log: every authenticated API request, in MongoDB. Entries are buffered and written in batches off the
 * request's hot path, each batch one document (a bucket, store/audit-store.ts): the store's cost per entry is a
 * small share of one insert.
 *
 * The buffer is bounded in bytes (`maxBufferBytes`, an estimate of each entry's size). Past its high-water mark
 * (`highWaterFraction` of it, e.g. while MongoDB is down) `accepting` turns false and the API answers new requests
 * 503 before it reads anything (api/audit/audit-middleware.ts): an authenticated read is never served unaudited.
 * Entries of requests already in flight still fit in the room above the mark; only if more than that room is in
 * flight at once is an entry dropped, with a loud error counting them (`dropped`).
 *
 * A batch's bucket `_id` (`<UTC hour>|<writer>|<seq>`) is fixed when the batch is cut, before its first write
 * attempt; a failed write keeps the batch, with that id, for the next attempt, so a batch MongoDB took though the
 * answer was lost is not written twice. At shutdown, whatever MongoDB would not take goes to the spill folder
 * (audit-spill.ts), as buckets with their ids, and is replayed at the next start; close() says how many entries
 * went where, and how many were lost if even that failed.
 */
import { randomBytes } from 'node:crypto';
import { auditHour, type AuditBucketDoc, type AuditEntry } from '../../store/audit-entry.js';
import type { AuditPurgeReport } from '../../store/audit-store.js';
import type { AuditSpill } from './audit-spill.js';

export type { AuditEntry };

/** Where buckets go (store/audit-store.ts's AuditStore). */
export interface AuditBucketStore {
  write(bucket: AuditBucketDoc): Promise<void>;
  purgeBefore?(cutoff: Date, maxBuckets?: number): Promise<AuditPurgeReport>;
}

/** A bucket's estimated size is kept well under MongoDB's 16 MiB document limit. */
const MAX_BUCKET_BYTES = 4 * 1024 * 1024;

export interface AuditLogOptions {
  /** The buffer's bound, in (estimated) bytes; default 32 MiB. */
  maxBufferBytes?: number;
  /** Past this fraction of maxBufferBytes new requests are refused (503); default 0.8. */
  highWaterFraction?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Where unwritten entries go at shutdown (none: they are counted as lost, loudly). */
  spill?: AuditSpill;
  log?: (message: string) => void;
}

/** What close() did with the entries still buffered. */
export interface AuditCloseReport {
  written: number;
  spilled: { entries: number; file: string } | null;
  lost: number;
}

/** Bytes an entry takes, roughly (its strings plus a fixed overhead for the other fields and the object). */
export function entryBytes(e: AuditEntry): number {
  let n = 256 + e.request_id.length + e.method.length + e.route.length + e.path.length;
  for (const s of [e.client_request_id, e.subject, e.role, e.facility_id, e.assessment_id]) n += s?.length ?? 0;
  for (const id of e.returned_ids ?? []) n += id.length + 8;
  return n;
}

export class AuditLog {
  private buffer: AuditEntry[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private flushing: Promise<void> | null = null;
  /** The batch being written: the first `count` buffered entries, with the bucket id fixed for every attempt. */
  private current: { id: string; hour: string; count: number } | null = null;
  /** This writer's part of bucket ids (unique per process instance). */
  private readonly writer = randomBytes(6).toString('hex');
  private seq = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly maxBufferBytes: number;
  private readonly highWaterBytes: number;
  private readonly batchSize: number;
  private readonly log: (message: string) => void;
  private readonly spill: AuditSpill | undefined;
  dropped = 0;
  written = 0;

  constructor(
    private readonly store: AuditBucketStore,
    o: AuditLogOptions = {},
  ) {
    this.maxBufferBytes = o.maxBufferBytes ?? 32 * 1024 * 1024;
    this.highWaterBytes = Math.floor(this.maxBufferBytes * (o.highWaterFraction ?? 0.8));
    this.batchSize = o.batchSize ?? 500;
    this.spill = o.spill;
    this.log = o.log ?? ((m) => console.error(m));
    this.timer = setInterval(() => void this.flush(), o.flushIntervalMs ?? 1_000);
    this.timer.unref();
  }

  /** False past the high-water mark: the API refuses new requests rather than serve them unaudited. */
  get accepting(): boolean {
    return this.bytes < this.highWaterBytes;
  }

  get pending(): number {
    return this.buffer.length;
  }

  get pendingBytes(): number {
    return this.bytes;
  }

  record(entry: AuditEntry): void {
    const size = entryBytes(entry);
    if (this.bytes + size > this.maxBufferBytes) {
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 1000 === 0) {
        this.log(
          `AUDIT LOG OVERFLOW: ${this.dropped} audit entries dropped so far (buffer of ${this.maxBufferBytes} bytes full; is MongoDB down?)`,
        );
      }
      return;
    }
    this.buffer.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  /** Writes buffered entries; concurrent calls share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    while (this.buffer.length) {
      const batch = (this.current ??= this.cut());
      try {
        await this.store.write({ _id: batch.id, hour: batch.hour, entries: this.buffer.slice(0, batch.count) });
      } catch (err) {
        this.log(`AUDIT LOG WRITE FAILED (${this.buffer.length} entries kept for retry): ${(err as Error).message}`);
        return;
      }
      this.buffer.splice(0, batch.count);
      for (const size of this.sizes.splice(0, batch.count)) this.bytes -= size;
      this.written += batch.count;
      this.current = null;
    }
  }

  /** The next batch from the head of the buffer: up to batchSize entries of one UTC hour, a bounded size. */
  private cut(): { id: string; hour: string; count: number } {
    const hour = auditHour(this.buffer[0]!.at);
    let count = 0;
    let bytes = 0;
    while (
      count < this.buffer.length &&
      count < this.batchSize &&
      (count === 0 || (bytes + this.sizes[count]! <= MAX_BUCKET_BYTES && auditHour(this.buffer[count]!.at) === hour))
    ) {
      bytes += this.sizes[count]!;
      count += 1;
    }
    this.seq += 1;
    return { id: `${hour}|${this.writer}|${String(this.seq).padStart(9, '0')}`, hour, count };
  }

  /** Every buffered entry cut into batches with their bucket ids (the one being written keeps its id). */
  private drain(): AuditBucketDoc[] {
    const out: AuditBucketDoc[] = [];
    while (this.buffer.length) {
      const batch = (this.current ??= this.cut());
      out.push({ _id: batch.id, hour: batch.hour, entries: this.buffer.splice(0, batch.count) });
      this.sizes.splice(0, batch.count);
      this.current = null;
    }
    this.sizes = [];
    this.bytes = 0;
    return out;
  }

  /** Replays what an earlier process spilled at shutdown (call before serving). */
  async replaySpilled(): Promise<{ files: number; entries: number }> {
    if (!this.spill) return { files: 0, entries: 0 };
    const done = await this.spill.replay(async (buckets) => {
      for (const b of buckets) await this.store.write(b);
    });
    if (done.entries) this.log(`audit log: replayed ${done.entries} entries from ${done.files} file(s) in ${this.spill.dir}`);
    return done;
  }

  /**
   * Retention (FerretDB has no TTL indexes): removes the buckets of the hours wholly older than `days`, in calls
   * of bounded size until none is left. Returns how many buckets went.
   */
  async purgeOlderThan(days: number, now = Date.now()): Promise<number> {
    if (!this.store.purgeBefore) return 0;
    const cutoff = new Date(now - days * 86_400_000);
    let buckets = 0;
    for (;;) {
      const r = await this.store.purgeBefore(cutoff);
      buckets += r.buckets;
      if (!r.more || r.buckets === 0) return buckets;
    }
  }

  /** Writes what is buffered; what MongoDB will not take goes to the spill folder. Never silent about either. */
  async close(): Promise<AuditCloseReport> {
    clearInterval(this.timer);
    const before = this.written;
    await this.flush();
    const report: AuditCloseReport = { written: this.written - before, spilled: null, lost: 0 };
    const buckets = this.drain();
    const left = buckets.reduce((n, b) => n + b.entries.length, 0);
    if (!left) return report;
    if (this.spill) {
      try {
        const file = await this.spill.save(buckets);
        report.spilled = { entries: left, file };
        this.log(`AUDIT LOG: ${left} entries could not be written to MongoDB at shutdown; saved to ${file} (replayed at the next start)`);
        return report;
      } catch (err) {
        this.log(`AUDIT LOG: could not save unwritten entries to ${this.spill.dir}: ${(err as Error).message}`);
      }
    }
    report.lost = left;
    this.log(
      `AUDIT LOG: ${left} entries LOST at shutdown (MongoDB would not take them${this.spill ? ' and the spill folder failed' : ', and no spill folder is configured'})`,
    );
    return report;
  }
}
