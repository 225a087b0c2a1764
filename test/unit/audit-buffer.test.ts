/**
 * The audit log cannot be flooded or dodged (issue #14): its buffer is bounded in bytes; past the high-water mark
 * (MongoDB not taking entries) the API refuses new requests with 503 before reading anything, so no authenticated
 * read is ever served unaudited; requests without a valid token are never stored; equipment and photo reads record
 * the facility they touched and list routes the ids they returned.
 */
import { packJson } from '../../store/packed-json.js';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { AuditLog, entryBytes, type AuditBucketStore, type AuditEntry } from '../../api/audit/audit-log.js';
import { mintToken } from '../../contract/mint-token.js';
import type { ApiServices } from '../../api/services/api-services.js';
import { createApiMetrics } from '../../observability/api-metrics.js';
import { auditEntry } from '../support/audit-entries.js';

const hs = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };
const bearer = async () => ({
  authorization: `Bearer ${await mintToken(hs, { sub: 'reader', role: 'viewer', facilities: ['*'], ttlSeconds: 600 })}`,
});

/** A bucket store whose writes fail while `down` (MongoDB unreachable) and are kept otherwise. */
function flakyCollection() {
  const stored: AuditEntry[] = [];
  const state = { down: true };
  const collection: AuditBucketStore = {
    write: async (bucket) => {
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:27017');
      stored.push(...bucket.entries);
    },
  };
  return { collection, stored, state };
}

const entry = (i: number, extra: Partial<AuditEntry> = {}): AuditEntry => auditEntry(i, 'r', extra);

describe('the audit buffer', () => {
  it('should be bounded in bytes, not in entries: large entries fill it sooner', () => {
    const small = entryBytes(entry(0));
    const large = entryBytes(
      entry(0, { returned_ids: Array.from({ length: 200 }, (_, i) => `fac-${String(i).padStart(5, '0')}-eq-${'x'.repeat(100)}`) }),
    );
    expect(large).toBeGreaterThan(small * 50);
    const { collection } = flakyCollection();
    const log = new AuditLog(collection, {
      maxBufferBytes: 100 * large,
      highWaterFraction: 0.8,
      flushIntervalMs: 600_000,
      batchSize: 1_000_000,
      log: () => {},
    });
    let n = 0;
    while (log.accepting)
      log.record(
        entry(n++, { returned_ids: Array.from({ length: 200 }, (_, i) => `fac-${String(i).padStart(5, '0')}-eq-${'x'.repeat(100)}`) }),
      );
    expect(n).toBe(80);
    expect(log.pendingBytes).toBeLessThanOrEqual(100 * large);
  });

  it('should stop accepting past the high-water mark while MongoDB is down, and accept again once it has written', async () => {
    const { collection, stored, state } = flakyCollection();
    const log = new AuditLog(collection, { maxBufferBytes: 100_000, flushIntervalMs: 600_000, batchSize: 1_000_000, log: () => {} });
    let n = 0;
    while (log.accepting) log.record(entry(n++));
    expect(log.pendingBytes).toBeGreaterThanOrEqual(80_000);
    await log.flush();
    expect(log.accepting, 'a failed write frees nothing').toBe(false);
    state.down = false;
    await log.flush();
    expect(log.accepting).toBe(true);
    expect(stored).toHaveLength(n);
    expect(log.dropped).toBe(0);
  });

  it('should write one bucket per batch, retry a failed batch under the same bucket id, and never mix hours in a bucket', async () => {
    const ids: string[] = [];
    const hours: string[][] = [];
    let fail = 1;
    const store: AuditBucketStore = {
      write: async (b) => {
        ids.push(b._id);
        if (fail-- > 0) throw new Error('answer lost');
        hours.push([...new Set(b.entries.map((e) => e.at.toISOString().slice(0, 13)))]);
      },
    };
    const log = new AuditLog(store, { flushIntervalMs: 600_000, batchSize: 100, log: () => {} });
    const t = Date.parse('2030-01-01T10:59:59.000Z');
    for (let i = 0; i < 150; i++) log.record(entry(i, { at: new Date(t + (i < 60 ? 0 : 2_000)) }));
    await log.flush(); // the first attempt fails: kept
    await log.flush();
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toMatch(/^2030-01-01T10\|[0-9a-f]{12}\|0+1$/);
    // 60 entries of 10:59, then 90 of 11:00 in one batch of up to 100.
    expect(hours).toEqual([['2030-01-01T10'], ['2030-01-01T11']]);
    expect(new Set(ids).size).toBe(2);
    expect(log.written).toBe(150);
    await log.close();
  });

  it('should count, loudly, every entry it cannot hold, never silently', () => {
    const { collection } = flakyCollection();
    const messages: string[] = [];
    const log = new AuditLog(collection, {
      maxBufferBytes: 10_000,
      flushIntervalMs: 600_000,
      batchSize: 1_000_000,
      log: (m) => messages.push(m),
    });
    for (let i = 0; i < 100; i++) log.record(entry(i));
    expect(log.pending + log.dropped).toBe(100);
    expect(log.dropped).toBeGreaterThan(0);
    expect(messages[0]).toMatch(/AUDIT LOG OVERFLOW: 1 audit entries dropped/);
  });
});

function apiWith(audit: ApiServices['audit'], reads: string[] = []) {
  const services = {
    results: {
      facilityResource: async (_p: unknown, facilityId: string) => {
        reads.push(facilityId);
        return { kind: 'found', json: '{}', etag: '"e"', source: 'store' };
      },
      listFacilities: async () => {
        reads.push('list');
        return { total: 2, page: 1, limit: 20, items: [{ id: 'fac-00001' }, { id: 'fac-00007' }] };
      },
      equipment: async () => ({ facility_id: 'fac-00042', assessment_id: 'asm-1', detail_z: packJson('{}') }),
    },
    rateLimiter: {
      check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' as const }),
    },
    audit,
  } as unknown as ApiServices;
  const metrics = createApiMetrics();
  return { app: newApp({ services, jwt: hs, metrics }), metrics };
}

describe('the audit middleware', () => {
  it('should refuse an authenticated read with 503 before reading anything while the audit log is past its high-water mark', async () => {
    const reads: string[] = [];
    const { app, metrics } = apiWith({ accepting: false, record: () => {} }, reads);
    const res = await app.request('/v1/facilities/fac-00001/risks', { headers: await bearer() });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { code: string; message: string; request_id: string } };
    expect(body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', request_id: res.headers.get('x-request-id') });
    expect(body.error.message).toMatch(/audit/);
    expect(reads, 'nothing was read').toEqual([]);
    expect((await metrics.auditRefusals.get()).values[0]!.value).toBe(1);
  });

  it('should store no entry for requests without a valid token, and count them by status instead', async () => {
    const audited: AuditEntry[] = [];
    const { app, metrics } = apiWith({ accepting: true, record: (e) => audited.push(e) });
    for (let i = 0; i < 25; i++)
      await app.request('/v1/facilities/fac-00001/risks', { headers: { authorization: `Bearer not.a.token${i}` } });
    await app.request('/v1/facilities/fac-00001/risks');
    await app.request('/v1/openapi.json');
    expect(audited).toEqual([]);
    const counted = Object.fromEntries((await metrics.unauthenticatedRequests.get()).values.map((v) => [v.labels.status, v.value]));
    expect(counted).toEqual({ 401: 26, 200: 1 });
    await app.request('/v1/facilities/fac-00001/risks', { headers: await bearer() });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ subject: 'reader', facility_id: 'fac-00001', returned_ids: null, status: 200 });
  });

  it('should record the facility an equipment read touched, though its path does not name it', async () => {
    const audited: AuditEntry[] = [];
    const { app } = apiWith({ accepting: true, record: (e) => audited.push(e) });
    expect((await app.request('/v1/equipment/fac-00042-eq-0003', { headers: await bearer() })).status).toBe(200);
    expect(audited[0]).toMatchObject({ route: '/v1/equipment/:equipment_id', facility_id: 'fac-00042' });
  });

  it('should record the ids a list route returned', async () => {
    const audited: AuditEntry[] = [];
    const { app } = apiWith({ accepting: true, record: (e) => audited.push(e) });
    expect((await app.request('/v1/facilities', { headers: await bearer() })).status).toBe(200);
    expect(audited[0]).toMatchObject({ route: '/v1/facilities', returned_ids: ['fac-00001', 'fac-00007'] });
  });
});
