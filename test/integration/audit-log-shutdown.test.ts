/**
 * Audit entries are buffered off the request path and written in batches; a graceful stop (close) must write every
 * buffered entry, whole batches and the partial one, before it returns — and when MongoDB cannot take them, save
 * them to the spill folder, say how many and where, and the next process must replay them, each exactly once.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { AuditLog, type AuditEntry } from '../../api/audit/audit-log.js';
import { AuditStore } from '../../store/audit-store.js';
import { auditHour, type AuditBucketDoc } from '../../store/audit-entry.js';
import { AuditSpill } from '../../api/audit/audit-spill.js';
import { collections, type Collections } from '../../store/collections.js';
import { connectMongo } from '../../store/mongo.js';
import { auditEntry, countAudit, findAudit } from '../support/audit-entries.js';
import { startCuttableProxy } from '../support/cuttable-proxy.js';
import { startHarness, testJwt } from '../support/harness.js';
import { freePort, spawnApp, type AppProcess } from '../../devstack/app-process.js';
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

const entry = (i: number, prefix = 'shutdown'): AuditEntry => auditEntry(i, prefix);

describe('audit log on graceful shutdown', () => {
  it('should have written every recorded entry once close() returns', async () => {
    // A long flush interval: only the batch-size trigger and close() write.
    const log = new AuditLog(new AuditStore(c), { batchSize: 500, flushIntervalMs: 600_000 });
    const n = 2_345;
    for (let i = 0; i < n; i++) log.record(entry(i));
    await log.close();
    expect(log.pending).toBe(0);
    expect(log.dropped).toBe(0);
    expect(await countAudit(c, { subject: 'reader' })).toBe(n);
    // One document per batch (of up to 500, never across an hour), not one per entry.
    const buckets = await c.auditBuckets.countDocuments({});
    expect(buckets).toBeGreaterThanOrEqual(Math.ceil(n / 500));
    expect(buckets).toBeLessThanOrEqual(Math.ceil(n / 500) + 1);
    expect(await findAudit(c, { request_id: `shutdown-${n - 1}` })).toMatchObject({
      status: 200,
      route: '/v1/facilities/:facility_id/risks',
    });
  });
});

describe('audit log on shutdown with MongoDB down', () => {
  /** A store on a port nothing listens on: every write fails, as when MongoDB is down at SIGTERM. */
  const unreachable = () => {
    const client = new MongoClient('mongodb://127.0.0.1:1/', { serverSelectionTimeoutMS: 300, connectTimeoutMS: 300 });
    return { client, collection: new AuditStore(collections(client.db('down'))) };
  };

  it('should save every unwritten entry to the spill folder, say how many and where, and replay them at the next start exactly once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'masterbus-spill-'));
    try {
      const down = unreachable();
      const messages: string[] = [];
      const stopping = new AuditLog(down.collection, {
        spill: new AuditSpill(dir),
        flushIntervalMs: 600_000,
        log: (m) => messages.push(m),
      });
      const n = 1_234;
      for (let i = 0; i < n; i++) stopping.record(entry(i, 'spilled'));
      const report = await stopping.close();
      await down.client.close();
      expect(report.lost).toBe(0);
      expect(report.spilled?.entries).toBe(n);
      expect(report.spilled?.file.startsWith(dir)).toBe(true);
      expect(messages.at(-1)).toContain(`${n} entries could not be written to MongoDB at shutdown; saved to ${report.spilled!.file}`);

      // The next process writes them, each once.
      const next = new AuditLog(new AuditStore(c), { spill: new AuditSpill(dir), flushIntervalMs: 600_000, log: () => {} });
      const replayed = await next.replaySpilled();
      expect(replayed).toEqual({ files: 1, entries: n });
      expect(await countAudit(c, { request_id: /^spilled-/ })).toBe(n);
      expect(await findAudit(c, { request_id: 'spilled-7' })).toMatchObject({
        subject: 'reader',
        status: 200,
        facility_id: 'fac-00001',
      });
      expect((await findAudit(c, { request_id: 'spilled-7' }))!.at).toBeInstanceOf(Date);
      expect(await readdir(dir)).toEqual([]);
      expect(await next.replaySpilled()).toEqual({ files: 0, entries: 0 });
      await next.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should write a replayed file whose entries MongoDB partly holds already without duplicating them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'masterbus-spill-'));
    try {
      const entries = Array.from({ length: 300 }, (_, i) => entry(i, 'partial'));
      const hour = auditHour(entries[0]!.at);
      const buckets: AuditBucketDoc[] = [0, 1, 2, 3, 4].map((b) => ({
        _id: `${hour}|partialtest|${b}`,
        hour,
        entries: entries.slice(b * 60, b * 60 + 60),
      }));
      const spill = new AuditSpill(dir);
      const file = await spill.save(buckets);
      expect(file.startsWith(dir)).toBe(true);
      // The first two buckets (120 entries) were written by a replay that stopped before deleting the file.
      const store = new AuditStore(c);
      const first = new AuditLog(store, { spill, flushIntervalMs: 600_000, log: () => {} });
      await spill
        .replay(async (batch) => {
          for (const b of batch.slice(0, 2)) await store.write(b);
          throw new Error('stopped half-way');
        })
        .catch(() => undefined);
      expect(await countAudit(c, { request_id: /^partial-/ })).toBe(120);
      expect(await first.replaySpilled()).toEqual({ files: 1, entries: 300 });
      expect(await countAudit(c, { request_id: /^partial-/ })).toBe(300);
      await first.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should say how many entries were lost when there is nowhere to save them', async () => {
    const down = unreachable();
    const messages: string[] = [];
    const log = new AuditLog(down.collection, { flushIntervalMs: 600_000, log: (m) => messages.push(m) });
    for (let i = 0; i < 17; i++) log.record(entry(i, 'lost'));
    expect(await log.close()).toEqual({ written: 0, spilled: null, lost: 17 });
    await down.client.close();
    expect(messages.at(-1)).toMatch(/17 entries LOST at shutdown/);
  });
});

describe('the API process stopped (SIGTERM) while MongoDB is unreachable', () => {
  it('should save the audit entries it could not write, say how many and where, and the next process should write them', async () => {
    const h = await startHarness({ shape: { facilityCount: 2, equipmentMin: 5, equipmentMax: 8 } });
    const upstream = new URL(stack.mongodb);
    const proxy = await startCuttableProxy({ host: upstream.hostname, port: Number(upstream.port) });
    const spillDir = await mkdtemp(join(tmpdir(), 'masterbus-sigterm-spill-'));
    const processes: AppProcess[] = [];
    try {
      const started = (await (await h.api('/v1/facilities/fac-00001/assessments', { method: 'POST' })).json()) as { assessment_id: string };
      expect((await h.waitForAssessment(started.assessment_id)).status).toBe('completed');
      const env = {
        ...h.envVars,
        JWT_SECRET: testJwt.secret,
        JWT_ISSUER: testJwt.issuer,
        JWT_AUDIENCE: testJwt.audience,
        AUDIT_SPILL_DIR: spillDir,
        API_METRICS_PORT: '0',
        LOG_LEVEL: 'info',
      };
      const proxied = new URL(stack.mongodb);
      proxied.port = String(proxy.port);
      const apiPort = await freePort();
      const first = await spawnApp('api', { ...env, MONGODB_URL: proxied.toString(), API_PORT: String(apiPort) });
      processes.push(first);
      const token = await h.token('viewer', ['fac-00001']);
      const read = (port: number, id: string) =>
        fetch(`http://127.0.0.1:${port}/v1/facilities/fac-00001/risks`, {
          headers: { authorization: `Bearer ${token}`, 'x-request-id': id },
        });
      expect((await read(apiPort, 'sigterm-warm')).status).toBe(200);
      // The warm read's entry is written while MongoDB is reachable (entries are flushed every second).
      await expect.poll(() => countAudit(h.db, { client_request_id: 'sigterm-warm' }), { timeout: 5_000 }).toBe(1);

      proxy.cut();
      const n = 5;
      for (let i = 0; i < n; i++) expect((await read(apiPort, `sigterm-${i}`)).status, 'served from the cache without MongoDB').toBe(200);
      await first.stop();
      const said = first.stdout.find((l) => l.includes('could not be written to MongoDB at shutdown'));
      expect(said, first.stdout.slice(-10).join('\n')).toBeDefined();
      const m = /(\d+) entries could not be written to MongoDB at shutdown; saved to (\S+)/.exec(said!);
      expect(Number(m![1])).toBe(n);
      expect(m![2]!.startsWith(spillDir)).toBe(true);
      expect(await readdir(spillDir)).toHaveLength(1);
      expect(await countAudit(h.db, { client_request_id: /^sigterm-\d$/ })).toBe(0);

      // The next process, with MongoDB reachable, writes them before it serves.
      const nextPort = await freePort();
      const next = await spawnApp('api', { ...env, MONGODB_URL: stack.mongodb, API_PORT: String(nextPort) });
      processes.push(next);
      expect(await countAudit(h.db, { client_request_id: /^sigterm-\d$/ })).toBe(n);
      expect(await findAudit(h.db, { client_request_id: 'sigterm-3' })).toMatchObject({
        subject: 'test-viewer',
        facility_id: 'fac-00001',
        status: 200,
      });
      expect(await readdir(spillDir)).toEqual([]);
    } finally {
      for (const p of processes) await p.stop();
      await proxy.close();
      await rm(spillDir, { recursive: true, force: true });
      await h.close();
    }
  }, 120_000);
});

describe('audit retention (buckets by hour)', () => {
  it('should delete exactly the buckets of the hours wholly before the cutoff, in calls of bounded size', async () => {
    const db = await connectMongo(stack.mongodb, `${database}_ret`);
    try {
      const rc = collections(db.db);
      const store = new AuditStore(rc);
      const now = Date.parse('2030-06-01T12:30:00.000Z');
      const day = 86_400_000;
      // Three buckets in each of four hours: two before the 90-day cutoff, the cutoff's own hour, and a recent one.
      const ats = [now - 91 * day, now - 90 * day - 3_600_000, now - 90 * day, now - 3_600_000].map((t) => new Date(t));
      for (const [h, at] of ats.entries())
        for (let b = 0; b < 3; b++)
          await store.write({ _id: `${auditHour(at)}|ret|${b}`, hour: auditHour(at), entries: [auditEntry(h * 10 + b, 'ret', { at })] });
      const cutoff = new Date(now - 90 * day);
      // Bounded: at most 2 buckets per call.
      const first = await store.purgeBefore(cutoff, 2);
      expect(first).toEqual({ hours: 0, buckets: 2, more: true });
      const log = new AuditLog(store, { flushIntervalMs: 600_000, log: () => {} });
      expect(await log.purgeOlderThan(90, now)).toBe(4);
      await log.close();
      const left = (await store.entries(new Date(now - 100 * day), new Date(now))).map((e) => e.request_id).sort();
      expect(left).toEqual(['ret-20', 'ret-21', 'ret-22', 'ret-30', 'ret-31', 'ret-32']);
      expect(await rc.auditBuckets.countDocuments({})).toBe(6);
      const hours = (await rc.auditHours.find({}).toArray()).map((d) => d._id).sort();
      expect(hours).toEqual([auditHour(ats[2]!), auditHour(ats[3]!), 'directory']);
      expect(await store.purgeBefore(cutoff)).toEqual({ hours: 0, buckets: 0, more: false });
    } finally {
      await db.db.dropDatabase().catch(() => undefined);
      await db.close();
    }
  });
});
