/**
 * The lists that stay flat as history grows, against the server the tests use (FerretDB with our build patches,
 * or real MongoDB when MONGODB_URL is set): feeds (store/feed.ts), the assessment lists built on them, and the
 * facility directory (results/facility-directory.ts) that follows the change feed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AssessmentRepository } from '../../store/assessment-repository.js';
import { assessmentStartId } from '../../store/assessment-record.js';
import { collections, ensureIndexes, type Collections } from '../../store/collections.js';
import { Feeds } from '../../store/feed.js';
import { connectMongo, type Mongo } from '../../store/mongo.js';
import { FacilityDirectory, recordFacilityChange, trimFacilityChanges } from '../../results/facility-directory.js';
import { listFacilities } from '../../results/queries.js';
import type { FacilityResultDoc } from '../../store/documents.js';
import { uniqueSuffix } from '../support/test-names.js';

let mongo: Mongo;
let c: Collections;
let feeds: Feeds;
beforeAll(async () => {
  mongo = await connectMongo(inject('stack').mongodb, `mbtest_lists_${uniqueSuffix()}`);
  c = collections(mongo.db);
  await ensureIndexes(c);
  feeds = new Feeds(c.feedHeads, c.feedRows);
});
afterAll(async () => {
  await mongo.db.dropDatabase();
  await mongo.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 0, minute));

describe('feeds', () => {
  it('should give every one of many concurrent appends its own position (none lost, none doubled)', async () => {
    await Promise.all(Array.from({ length: 150 }, (_, i) => feeds.append(['f-concurrent'], { ref: `r${i}`, at: at(i) })));
    const { total, rows } = await feeds.page('f-concurrent', 0, 1000);
    expect(total).toBe(150);
    expect(new Set(rows.map((r) => r.ref)).size).toBe(150);
  });

  it('should page newest first, the last page short, past the end empty', async () => {
    for (let i = 0; i < 25; i++) await feeds.append(['f-pages'], { ref: `r${i}`, at: at(i) });
    const first = await feeds.page('f-pages', 0, 10);
    expect(first.total).toBe(25);
    expect(first.rows.map((r) => r.ref)).toEqual(['r24', 'r23', 'r22', 'r21', 'r20', 'r19', 'r18', 'r17', 'r16', 'r15']);
    expect((await feeds.page('f-pages', 20, 10)).rows.map((r) => r.ref)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect((await feeds.page('f-pages', 30, 10)).rows).toEqual([]);
    expect(await feeds.page('f-never-written', 0, 10)).toEqual({ total: 0, rows: [] });
  });

  it('should merge several feeds by time and count them all', async () => {
    for (let i = 0; i < 6; i++) await feeds.append([i % 2 ? 'f-odd' : 'f-even'], { ref: `m${i}`, at: at(100 + i) });
    const merged = await feeds.pageOfUnion(['f-odd', 'f-even', 'f-none'], 1, 3);
    expect(merged.total).toBe(6);
    expect(merged.rows.map((r) => r.ref)).toEqual(['m4', 'm3', 'm2']);
  });

  it('should drop only rows older than the cut-off, at most `max` per call, and keep counting right', async () => {
    for (let i = 0; i < 12; i++) await feeds.append(['f-trim'], { ref: `t${i}`, at: at(200 + i) });
    expect(await feeds.trimOlderThan('f-trim', at(209), 5)).toBe(5);
    expect(await feeds.trimOlderThan('f-trim', at(209), 5)).toBe(4);
    expect(await feeds.trimOlderThan('f-trim', at(209), 5)).toBe(0);
    const left = await feeds.page('f-trim', 0, 100);
    expect(left.total).toBe(3);
    expect(left.rows.map((r) => r.ref)).toEqual(['t11', 't10', 't9']);
    expect(await c.feedRows.countDocuments({ _id: { $in: Array.from({ length: 12 }, (_, i) => `f-trim#${i}`) } })).toBe(3);
  });
});

describe('assessment lists', () => {
  const repo = () => new AssessmentRepository(c);
  const ensure = (id: string, facility: string, minute: number) =>
    repo().ensure({
      _id: id,
      facility_id: facility,
      workflow_id: `facility-assessment/${facility}`,
      run_id: id,
      trigger: 'schedule',
      requested_by: 'schedule',
      requested_at: at(minute),
      start_token: `tok-${minute}`,
    });

  it('should list by facility, by final status and by status in flight, with totals, newest first, within the caller’s facilities', async () => {
    // fac-a: 3 completed and 1 failed; fac-b: 2 completed, 1 running, 1 queued.
    let minute = 0;
    for (const [id, facility, end] of [
      ['a1', 'fac-a', 'completed'],
      ['b1', 'fac-b', 'completed'],
      ['a2', 'fac-a', 'failed'],
      ['a3', 'fac-a', 'completed'],
      ['b2', 'fac-b', 'completed'],
      ['a4', 'fac-a', 'completed'],
      ['b3', 'fac-b', 'running'],
      ['b4', 'fac-b', 'queued'],
    ] as const) {
      await ensure(id, facility, minute++);
      if (end !== 'queued') await repo().transition(id, 'running');
      if (end === 'completed' || end === 'failed') await repo().transition(id, end);
    }
    const ids = async (q: Parameters<AssessmentRepository['list']>[0]) => {
      const r = await repo().list(q);
      return { total: r.total, ids: r.items.map((x) => x._id) };
    };
    const base = { page: 1, limit: 10 } as const;
    expect(await ids({ ...base, facilityIds: 'all' })).toEqual({ total: 8, ids: ['b4', 'b3', 'a4', 'b2', 'a3', 'a2', 'b1', 'a1'] });
    expect(await ids({ ...base, facilityIds: 'all', facilityId: 'fac-a' })).toEqual({ total: 4, ids: ['a4', 'a3', 'a2', 'a1'] });
    expect(await ids({ ...base, facilityIds: 'all', status: 'completed' })).toEqual({ total: 5, ids: ['a4', 'b2', 'a3', 'b1', 'a1'] });
    expect(await ids({ ...base, facilityIds: ['fac-a'], status: 'failed' })).toEqual({ total: 1, ids: ['a2'] });
    expect(await ids({ ...base, facilityIds: ['fac-b'], status: 'failed' })).toEqual({ total: 0, ids: [] });
    expect(await ids({ ...base, facilityIds: 'all', status: 'running' })).toEqual({ total: 1, ids: ['b3'] });
    expect(await ids({ ...base, facilityIds: ['fac-a'], status: 'queued' })).toEqual({ total: 0, ids: [] });
    expect(await ids({ ...base, facilityIds: ['fac-b'], status: 'queued' })).toEqual({ total: 1, ids: ['b4'] });
    // A caller scoped to fac-b asking for fac-a sees nothing; two facilities merge by time.
    expect(await ids({ ...base, facilityIds: ['fac-b'], facilityId: 'fac-a' })).toEqual({ total: 0, ids: [] });
    expect(await ids({ page: 2, limit: 3, facilityIds: ['fac-a', 'fac-b'] })).toEqual({ total: 8, ids: ['b2', 'a3', 'a2'] });
    // The run that finishes leaves the in-flight list and joins its final status's.
    await repo().transition('b3', 'completed');
    expect(await ids({ ...base, facilityIds: 'all', status: 'running' })).toEqual({ total: 0, ids: [] });
    expect((await ids({ ...base, facilityIds: ['fac-b'], status: 'completed' })).ids[0]).toBe('b3');
    // The start token finds its run; the portfolio's completed count counts only completed runs it started.
    expect((await repo().findByStartToken('fac-a', 'tok-3'))?._id).toBe('a3');
    expect(await repo().countCompletedStartedBy('tok-3', ['fac-a', 'fac-b'])).toBe(1);
    expect(await repo().countCompletedStartedBy('tok-2', ['fac-a'])).toBe(0);
  });

  it('should move a run into a final status once when two writers race (one listing, not two)', async () => {
    await ensure('race1', 'fac-race', 500);
    const moved = await Promise.all([repo().transition('race1', 'completed'), repo().transition('race1', 'failed')]);
    expect(moved.filter(Boolean)).toHaveLength(1);
    const completed = await repo().list({ facilityIds: ['fac-race'], status: 'completed', page: 1, limit: 10 });
    const failed = await repo().list({ facilityIds: ['fac-race'], status: 'failed', page: 1, limit: 10 });
    expect(completed.total + failed.total).toBe(1);
  });

  it('should find a run by its start token although the writer that created its record stopped right after the insert', async () => {
    // The API inserted the record and was killed before anything else (the start token's entry included); the
    // worker's ensure() then finds the record there. A retried request must still find the run by its token, or it
    // would start a second run once this one finished.
    const record = {
      _id: 'cut-1',
      facility_id: 'fac-cut',
      workflow_id: 'facility-assessment/fac-cut',
      run_id: 'cut-1',
      trigger: 'api' as const,
      requested_by: 'threatmap',
      requested_at: at(900),
      start_token: 'tok-cut',
    };
    // The record as its creator left it, without the start token's entry (what the crash left behind).
    expect(await repo().ensureReportingInsert(record)).toBe(true);
    await c.assessmentStarts.deleteOne({ _id: assessmentStartId('tok-cut', 'fac-cut') });
    expect(await repo().findByStartToken('fac-cut', 'tok-cut')).toBeNull();
    expect(await repo().ensureReportingInsert(record)).toBe(false); // the worker's first status write
    expect((await repo().findByStartToken('fac-cut', 'tok-cut'))?._id).toBe('cut-1');
  });

  it('should find the facility’s previous completed run (what a risk-level change is measured against)', async () => {
    const prev = await repo().previousCompleted('fac-a', 'a4', at(5));
    expect(prev?._id).toBe('a3');
    expect(await repo().previousCompleted('fac-a', 'a1', at(0))).toBeNull();
  });
});

describe('facility directory', () => {
  const result = (id: string, org: string, name: string, score: number): FacilityResultDoc =>
    ({
      _id: id,
      organization_id: org,
      name,
      risk_score: score,
      search_text: `${name} ${id}`.toLowerCase(),
      completed_at: at(score),
      list_item: { id, name, risk_score: score, last_updated: at(score).toISOString() },
      compliance: { nfpa_70b: { equipment_counts: { compliant: 1 } }, nfpa_70e: { equipment_counts: { compliant: 2 } } },
      history: [],
    }) as unknown as FacilityResultDoc;

  it('should list, search and scope from memory, and see a publish within its poll interval', async () => {
    await c.facilityResults.insertMany([result('d1', 'org-x', 'Alpha Plant', 30), result('d2', 'org-y', 'Beta Mill', 70)]);
    let now = 1_000_000;
    const dir = new FacilityDirectory(c, { pollMs: 1_000, now: () => now });
    const names = async (scope: Parameters<typeof listFacilities>[1], search?: string) =>
      listFacilities(await dir.current(), scope, { page: 1, limit: 10, sort: 'risk_score', order: 'desc', search }).items.map((i) => i.id);
    expect(await names({ all: true })).toEqual(['d2', 'd1']);
    expect(await names({ all: true }, 'ALPHA')).toEqual(['d1']);
    expect(await names({ all: false, facilityIds: [], organizationIds: ['org-y'] })).toEqual(['d2']);

    // A new facility is published and recorded on the change feed: not seen before the poll interval, seen after.
    await c.facilityResults.insertOne(result('d3', 'org-y', 'Gamma Works', 90));
    await recordFacilityChange(c, 'd3');
    expect(await names({ all: true })).toEqual(['d2', 'd1']);
    now += 1_000;
    expect(await names({ all: true })).toEqual(['d3', 'd2', 'd1']);
    // An invalidation message makes the next read check at once; a facility moved to another organisation follows.
    await c.facilityResults.updateOne({ _id: 'd1' }, { $set: { organization_id: 'org-y' } });
    await recordFacilityChange(c, 'd1');
    dir.invalidate();
    expect(await names({ all: false, facilityIds: [], organizationIds: ['org-y'] })).toEqual(['d3', 'd2', 'd1']);
  });

  it('should trim its change feed in bounded batches and reload whole when it slept past the trimmed part', async () => {
    let now = 5_000_000;
    const dir = new FacilityDirectory(c, { pollMs: 1_000, now: () => now });
    const before = (await dir.current()).size;
    await c.facilityResults.insertOne(result('d4', 'org-z', 'Delta Yard', 10));
    await recordFacilityChange(c, 'd4');
    // Two days on: every change is past the day kept, and goes (the earlier tests' changes too).
    expect(await trimFacilityChanges(c, Date.now() + 2 * 86_400_000)).toBeGreaterThanOrEqual(3);
    const head = await new Feeds(c.feedHeads, c.feedRows).head('facility-changes');
    expect(head.start).toBe(head.next);
    now += 1_000;
    const rows = await dir.current();
    expect(rows.size).toBe(before + 1);
    expect(rows.get('d4')?.organization_id).toBe('org-z');
  });
});
