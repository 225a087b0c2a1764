/**
 * Audit entries in buckets: one document per flushed batch (`audit_buckets`, its entries deflated into one binary
 * field, see AuditBucketStoredDoc), listed per UTC hour in `audit_hours`
 * (`$addToSet` of the bucket's id, atomic), the hours themselves in its `directory` document. Every read and delete
 * is by `_id`, so writing costs one insert per batch instead of per entry, and retention deletes the buckets of old
 * hours without looking at the entries (FerretDB's SQLite backend would decode the whole collection for a filter on
 * `at`).
 *
 * A bucket's id is registered in its hour before the bucket is inserted: a writer dying in between leaves an id
 * without a bucket (harmless), never a bucket retention cannot find.
 */
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import { Binary, type Collection } from 'mongodb';
import { auditHour, type AuditBucketDoc, type AuditBucketStoredDoc, type AuditEntry, type AuditHourDoc } from './audit-entry.js';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** A bucket's entries as stored (off the event loop: zlib's thread pool). */
async function encode(entries: readonly AuditEntry[]): Promise<Binary> {
  return new Binary(await deflate(JSON.stringify(entries), { level: 1 }));
}

async function decode(z: Binary): Promise<AuditEntry[]> {
  const raw = JSON.parse((await inflate(z.buffer)).toString('utf8')) as (Omit<AuditEntry, 'at'> & { at: string })[];
  return raw.map((e) => ({ ...e, at: new Date(e.at) }));
}

const DIRECTORY = 'directory';
const IN_BATCH = 1000;
/** Buckets read per query when reading entries back (a bucket holds up to a batch of entries). */
const READ_BATCH = 50;
const HOUR_MS = 3_600_000;

export interface AuditCollections {
  auditBuckets: Collection<AuditBucketStoredDoc>;
  auditHours: Collection<AuditHourDoc>;
}

export interface AuditPurgeReport {
  hours: number;
  buckets: number;
  /** True when the call stopped at its bound with more to delete: call again. */
  more: boolean;
}

const isDuplicateKey = (err: unknown) => (err as { code?: unknown }).code === 11000;

export class AuditStore {
  constructor(private readonly c: AuditCollections) {}

  /** Writes a bucket; a bucket already stored (a retry after a lost answer, a replay) counts as written. */
  async write(bucket: AuditBucketDoc): Promise<void> {
    // Named in the directory with every bucket, not once per hour per process: retention may have removed the hour
    // from the directory since (a late writer, a replayed spill), and a bucket of an unlisted hour is never purged.
    await this.c.auditHours.updateOne({ _id: DIRECTORY }, { $set: { [`hours.${bucket.hour}`]: 1 } }, { upsert: true });
    await this.c.auditHours.updateOne({ _id: bucket.hour }, { $addToSet: { buckets: bucket._id } }, { upsert: true });
    try {
      await this.c.auditBuckets.insertOne({
        _id: bucket._id,
        hour: bucket.hour,
        n: bucket.entries.length,
        z: await encode(bucket.entries),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** The entries recorded in [from, to), oldest hour first (within a bucket, in the order they were recorded). */
  async entries(from: Date, to = new Date(Date.now() + HOUR_MS)): Promise<AuditEntry[]> {
    const hours: string[] = [];
    for (let t = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS; t < to.getTime(); t += HOUR_MS) hours.push(auditHour(new Date(t)));
    const ids: string[] = [];
    for (let i = 0; i < hours.length; i += IN_BATCH) {
      const docs = await this.c.auditHours.find({ _id: { $in: hours.slice(i, i + IN_BATCH) } }).toArray();
      for (const d of docs.sort((a, b) => (a._id < b._id ? -1 : 1))) ids.push(...(d.buckets ?? []));
    }
    const out: AuditEntry[] = [];
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const buckets = await this.c.auditBuckets.find({ _id: { $in: ids.slice(i, i + READ_BATCH) } }).toArray();
      for (const b of buckets) for (const e of await decode(b.z)) if (e.at >= from && e.at < to) out.push(e);
    }
    return out;
  }

  /**
   * Retention: deletes the buckets of every hour wholly before `cutoff`, oldest first, at most `maxBuckets` per call
   * (bounded time and memory: call again while it answers `more`). The cutoff's own hour is kept whole.
   */
  async purgeBefore(cutoff: Date, maxBuckets = 5_000): Promise<AuditPurgeReport> {
    const report: AuditPurgeReport = { hours: 0, buckets: 0, more: false };
    const directory = await this.c.auditHours.findOne({ _id: DIRECTORY });
    const limit = auditHour(cutoff);
    const old = Object.keys(directory?.hours ?? {})
      .filter((h) => h < limit)
      .sort();
    for (const hour of old) {
      const room = maxBuckets - report.buckets;
      if (room <= 0) {
        report.more = true;
        break;
      }
      const ids = ((await this.c.auditHours.findOne({ _id: hour }))?.buckets ?? []).slice(0, room);
      for (let i = 0; i < ids.length; i += IN_BATCH) await this.c.auditBuckets.deleteMany({ _id: { $in: ids.slice(i, i + IN_BATCH) } });
      if (ids.length) await this.c.auditHours.updateOne({ _id: hour }, { $pullAll: { buckets: ids } });
      report.buckets += ids.length;
      // The hour is done when nothing is left in it (a late writer's bucket keeps it for the next call).
      const gone = await this.c.auditHours.deleteOne({ _id: hour, $or: [{ buckets: { $size: 0 } }, { buckets: { $exists: false } }] });
      const left = gone.deletedCount === 0 && (await this.c.auditHours.findOne({ _id: hour })) !== null;
      if (left) {
        report.more = true;
        continue;
      }
      await this.c.auditHours.updateOne({ _id: DIRECTORY }, { $unset: { [`hours.${hour}`]: '' } });
      report.hours += 1;
    }
    return report;
  }
}
