/**
 * The audit log: every data access and every assessment start/cancel, in MongoDB (`audit_log`). Entries are
 * buffered and written in batches off the request's hot path. Nothing is dropped silently: a failed write keeps
 * its entries for the next attempt, and only when the bounded buffer overflows are entries dropped — each time
 * with a loud error naming how many.
 */
import type { Collection } from 'mongodb';
import type { AuditEntry } from '../../store/audit-entry.js';

export type { AuditEntry };

export interface AuditLogOptions {
  maxBuffer?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  log?: (message: string) => void;
}

export class AuditLog {
  private buffer: AuditEntry[] = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly maxBuffer: number;
  private readonly batchSize: number;
  private readonly log: (message: string) => void;
  dropped = 0;
  written = 0;

  constructor(private readonly collection: Collection<AuditEntry>, o: AuditLogOptions = {}) {
    this.maxBuffer = o.maxBuffer ?? 50_000;
    this.batchSize = o.batchSize ?? 500;
    this.log = o.log ?? ((m) => console.error(m));
    this.timer = setInterval(() => void this.flush(), o.flushIntervalMs ?? 1_000);
    this.timer.unref();
  }

  record(entry: AuditEntry): void {
    if (this.buffer.length >= this.maxBuffer) {
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 1000 === 0) {
        this.log(`AUDIT LOG OVERFLOW: ${this.dropped} audit entries dropped so far (buffer of ${this.maxBuffer} full; is MongoDB down?)`);
      }
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  get pending(): number {
    return this.buffer.length;
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
        await this.collection.insertMany(batch, { ordered: false });
        this.buffer.splice(0, batch.length);
        this.written += batch.length;
      } catch (err) {
        this.log(`AUDIT LOG WRITE FAILED (${this.buffer.length} entries kept for retry): ${(err as Error).message}`);
        return;
      }
    }
  }

  /** Retention (FerretDB has no TTL indexes): removes entries older than `days`. */
  async purgeOlderThan(days: number, now = Date.now()): Promise<number> {
    const res = await this.collection.deleteMany({ at: { $lt: new Date(now - days * 86_400_000) } });
    return res.deletedCount;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
