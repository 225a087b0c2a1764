/**
 * Audit entries are buffered off the request path and written in batches; a graceful stop (close) must write every
 * buffered entry, whole batches and the partial one, before it returns.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { AuditLog, type AuditEntry } from '../../api/audit/audit-log.js';
import { collections, type Collections } from '../../store/collections.js';
import { connectMongo } from '../../store/mongo.js';
import { uniqueSuffix } from '../support/test-names.js';

const stack = inject('stack');
const database = `mbtest_audit_${uniqueSuffix()}`;
let mongo: Awaited<ReturnType<typeof connectMongo>>;
let c: Collections;

beforeAll(async () => {
  mongo = await connectMongo(stack.mongodb, database);
  c = collections(mongo.db);
});

afterAll(async () => {
  await mongo.db.dropDatabase().catch(() => undefined);
  await mongo.close();
});

const entry = (i: number): AuditEntry => ({
  at: new Date(), request_id: `shutdown-${i}`, client_request_id: null, subject: 'reader', role: 'viewer', method: 'GET', route: '/v1/facilities/:facility_id/risks',
  path: '/v1/facilities/fac-00001/risks', facility_id: 'fac-00001', assessment_id: null, status: 200, duration_ms: 1,
});

describe('audit log on graceful shutdown', () => {
  it('should have written every recorded entry once close() returns', async () => {
    // A long flush interval: only the batch-size trigger and close() write.
    const log = new AuditLog(c.auditLog, { batchSize: 500, flushIntervalMs: 600_000 });
    const n = 2_345;
    for (let i = 0; i < n; i++) log.record(entry(i));
    await log.close();
    expect(log.pending).toBe(0);
    expect(log.dropped).toBe(0);
    expect(await c.auditLog.countDocuments({ subject: 'reader' })).toBe(n);
    expect(await c.auditLog.findOne({ request_id: `shutdown-${n - 1}` })).toMatchObject({ status: 200, route: '/v1/facilities/:facility_id/risks' });
  });
});
