/**
 * The audit log: every authenticated API request, in MongoDB (`audit_log`). Entries are buffered and written in
 * batches off the request's hot path.
 *
 * The buffer is bounded in bytes (`maxBufferBytes`, an estimate of each entry's size). Past its high-water mark
 * (`highWaterFraction` of it, e.g. while MongoDB is down) `accepting` turns false and the API answers new requests
 * 503 before it reads anything (api/audit/audit-middleware.ts): an authenticated read is never served unaudited.
 * Entries of requests already in flight still fit in the room above the mark; only if more than that room is in
 * flight at once is an entry dropped, with a loud error counting them (`dropped`).
 *
 * A failed write keeps its entries for the next attempt (their `_id` is kept, so a batch MongoDB took in part is
 * not written twice). At shutdown, whatever MongoDB would not take goes to the spill folder (audit-spill.ts) and
 * is replayed at the next start; close() says how many went where, and how many were lost if even that failed.
 */
import type { Collection } from 'mongodb';
import { MongoBulkWriteError } from 'mongodb';
import type { AuditEntry } from '../../store/audit-entry.js';
import type { AuditSpill } from './audit-spill.js';

export type { AuditEntry };

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

const isDuplicateKeyOnly = (err: unknown) =>
  err instanceof MongoBulkWriteError &&
  Array.isArray(err.writeErrors) &&
  err.writeErrors.length > 0 &&
  err.writeErrors.every((w) => w.code === 11000);

export class AuditLog {
  private buffer: AuditEntry[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly maxBufferBytes: number;
  private readonly highWaterBytes: number;
  private readonly batchSize: number;
  private readonly log: (message: string) => void;
  private readonly spill: AuditSpill | undefined;
  dropped = 0;
  written = 0;

  constructor(
    private readonly collection: Collection<AuditEntry>,
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
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.insert(batch);
      } catch (err) {
        this.log(`AUDIT LOG WRITE FAILED (${this.buffer.length} entries kept for retry): ${(err as Error).message}`);
        return;
      }
      this.buffer.splice(0, batch.length);
      for (const size of this.sizes.splice(0, batch.length)) this.bytes -= size;
      this.written += batch.length;
    }
  }

  /** Inserts entries; those MongoDB already holds (a retry after a partial write, a replay) count as written. */
  async insert(entries: AuditEntry[]): Promise<void> {
    try {
      await this.collection.insertMany(entries, { ordered: false });
    } catch (err) {
      if (!isDuplicateKeyOnly(err)) throw err;
    }
  }

  /** Replays what an earlier process spilled at shutdown (call before serving). */
  async replaySpilled(): Promise<{ files: number; entries: number }> {
    if (!this.spill) return { files: 0, entries: 0 };
    const done = await this.spill.replay((entries) => this.insert(entries));
    if (done.entries) this.log(`audit log: replayed ${done.entries} entries from ${done.files} file(s) in ${this.spill.dir}`);
    return done;
  }

  /** Retention (FerretDB has no TTL indexes): removes entries older than `days`. */
  async purgeOlderThan(days: number, now = Date.now()): Promise<number> {
    const res = await this.collection.deleteMany({ at: { $lt: new Date(now - days * 86_400_000) } });
    return res.deletedCount;
  }

  /** Writes what is buffered; what MongoDB will not take goes to the spill folder. Never silent about either. */
  async close(): Promise<AuditCloseReport> {
    clearInterval(this.timer);
    const before = this.written;
    await this.flush();
    const report: AuditCloseReport = { written: this.written - before, spilled: null, lost: 0 };
    const left = this.buffer.splice(0);
    this.sizes = [];
    this.bytes = 0;
    if (!left.length) return report;
    if (this.spill) {
      try {
        const file = await this.spill.save(left);
        report.spilled = { entries: left.length, file };
        this.log(
          `AUDIT LOG: ${left.length} entries could not be written to MongoDB at shutdown; saved to ${file} (replayed at the next start)`,
        );
        return report;
      } catch (err) {
        this.log(`AUDIT LOG: could not save unwritten entries to ${this.spill.dir}: ${(err as Error).message}`);
      }
    }
    report.lost = left.length;
    this.log(
      `AUDIT LOG: ${left.length} entries LOST at shutdown (MongoDB would not take them${this.spill ? ' and the spill folder failed' : ', and no spill folder is configured'})`,
    );
    return report;
  }
}
