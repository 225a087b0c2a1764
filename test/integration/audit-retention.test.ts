/**
 * Audit retention removes whole hours of buckets (store/audit-store.ts), from the hours its directory names. A
 * writer that learns of an hour once and keeps writing to it after retention removed it from the directory must
 * not leave buckets no retention run will ever find (they would stay forever, and be read back as live entries).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditStore } from '../../store/audit-store.js';
import { collections, ensureIndexes, type Collections } from '../../store/collections.js';
import { connectMongo, type Mongo } from '../../store/mongo.js';
import { uniqueSuffix } from '../support/test-names.js';
import { auditEntry } from '../support/audit-entries.js';

let mongo: Mongo;
let c: Collections;
beforeAll(async () => {
  mongo = await connectMongo(inject('stack').mongodb, `mbtest_audit_ret_${uniqueSuffix()}`);
  c = collections(mongo.db);
  await ensureIndexes(c);
});
afterAll(async () => {
  await mongo.db.dropDatabase();
  await mongo.close();
});

const entry = (at: Date, n: number) => auditEntry(n, 'req', { at, subject: 'threatmap' });

describe('audit retention', () => {
  it('should remove exactly the hours older than the cutoff, and a late bucket of an already purged hour on the next run', async () => {
    const writer = new AuditStore(c);
    const retention = new AuditStore(c); // another process: the API replica that runs the hourly job
    const t = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 1, h, m));
    await writer.write({ _id: '2026-11-01T01|w|1', hour: '2026-11-01T01', entries: [entry(t(1, 5), 1), entry(t(1, 50), 2)] });
    await writer.write({ _id: '2026-11-01T02|w|2', hour: '2026-11-01T02', entries: [entry(t(2, 10), 3)] });

    expect((await retention.purgeBefore(t(2, 30))).buckets).toBe(1); // hour 01 is wholly older; hour 02 is not
    expect((await writer.entries(t(0), t(3))).map((e) => e.request_id)).toEqual(['req-3']);

    // The writer still holds a late entry of hour 01 (a slow flush, a replayed spill file) and writes it now.
    await writer.write({ _id: '2026-11-01T01|w|3', hour: '2026-11-01T01', entries: [entry(t(1, 59), 4)] });
    expect((await retention.purgeBefore(t(2, 30))).buckets).toBe(1);
    expect((await writer.entries(t(0), t(3))).map((e) => e.request_id)).toEqual(['req-3']);
    expect(await c.auditBuckets.findOne({ _id: '2026-11-01T01|w|3' })).toBeNull();
  });
});
