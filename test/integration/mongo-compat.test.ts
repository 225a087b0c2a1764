/**
 * Every MongoDB operation MasterBus relies on, run through the real repositories against the server the tests
 * use (FerretDB 1.24 by default, real MongoDB when MONGODB_URL is set). README "MongoDB features" lists them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Equipment, Facility } from '../../condoit/schema.js';
import { defaultShape, equipmentCountOf, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';
import { AssessmentRepository } from '../../store/assessment-repository.js';
import { collections, ensureIndexes, type Collections } from '../../store/collections.js';
import { FacilityRiskRepository } from '../../store/facility-risk-repository.js';
import { connectMongo, isDuplicateKey, type Mongo } from '../../store/mongo.js';
import { SNAPSHOT_CHUNK_SIZE, SnapshotRepository } from '../../store/snapshot-repository.js';
import { uniqueSuffix } from '../support/test-names.js';
import type { FacilityRisksDoc } from '../../store/documents.js';

let mongo: Mongo;
let c: Collections;
beforeAll(async () => {
  mongo = await connectMongo(inject('stack').mongodb, `mbtest_compat_${uniqueSuffix()}`);
  c = collections(mongo.db);
  await ensureIndexes(c);
});
afterAll(async () => {
  await mongo.db.dropDatabase();
  await mongo.close();
});

const newAssessment = (id: string, token = 't1') => ({
  _id: id, facility_id: 'fac-1', workflow_id: 'facility-assessment/fac-1', run_id: 'r1', trigger: 'api' as const,
  requested_by: 'u', requested_at: new Date('2026-11-01T00:00:00Z'), start_token: token,
});

describe('MongoDB operations (on the server under test)', () => {
  it('should create every index idempotently', async () => {
    await ensureIndexes(c); // second time: no error
    const names = async (coll: { listIndexes(): { toArray(): Promise<{ name?: string }[]> } }) => (await coll.listIndexes().toArray()).map((i) => i.name);
    expect(await names(c.assessments)).toContain('by_facility_recent');
    expect(await names(c.snapshotChunks)).toContain('by_snapshot_order');
    expect(await names(c.equipmentRisks)).toContain('by_facility_assessment');
    expect(await names(c.facilityHistory)).toContain('by_facility_month');
  });

  it('should insert an assessment once, keep its nulls, and report the duplicate-key race as "exists"', async () => {
    const repo = new AssessmentRepository(c);
    expect(await repo.ensureReportingInsert(newAssessment('a1'))).toBe(true);
    expect(await repo.ensureReportingInsert(newAssessment('a1', 'other'))).toBe(false);
    const rec = await repo.get('a1');
    expect(rec?.start_token).toBe('t1');
    expect(rec).toMatchObject({ result: null, error: null, model_version: null, completed_at: null });
    const err = await c.assessments.insertOne({ ...rec! }).catch((e: unknown) => e);
    expect(isDuplicateKey(err)).toBe(true);
  });

  it('should move status forward only ($in guard), never out of a terminal state', async () => {
    const repo = new AssessmentRepository(c);
    await repo.ensure(newAssessment('a2'));
    expect(await repo.transition('a2', 'running', { progress: { phase: 'fetching', percent: 10 } })).toBe(true);
    expect(await repo.transition('a2', 'completed', { progress: { phase: 'done', percent: 100 } })).toBe(true);
    expect(await repo.transition('a2', 'running', { progress: { phase: 'scoring', percent: 50 } })).toBe(false);
    expect(await repo.transition('a2', 'failed')).toBe(false);
    expect((await repo.get('a2'))?.status).toBe('completed');
  });

  it('should store a multi-chunk snapshot content-addressed and read it back in order', async () => {
    const shape = { ...defaultShape, equipmentMin: SNAPSHOT_CHUNK_SIZE * 2 + 17, equipmentMax: SNAPSHOT_CHUNK_SIZE * 2 + 17 };
    const facility: Facility = generateFacility(0, shape);
    const equipment: Equipment[] = Array.from({ length: equipmentCountOf(0, shape) }, (_, j) => generateEquipment(0, j, shape));
    const repo = new SnapshotRepository(c);
    const first = await repo.save(facility, equipment, []);
    expect(first.reused).toBe(false);
    const again = await repo.save(facility, equipment, []);
    expect(again).toMatchObject({ snapshotId: first.snapshotId, reused: true });
    const header = await repo.header(first.snapshotId);
    expect(header?.chunk_count).toBe(3);
    const back: Equipment[] = [];
    for await (const chunk of repo.equipmentChunks(first.snapshotId)) back.push(...chunk);
    expect(back.map((e) => e.id)).toEqual(equipment.map((e) => e.id));
    expect(back[SNAPSHOT_CHUNK_SIZE + 3]).toEqual(equipment[SNAPSHOT_CHUNK_SIZE + 3]);
  });

  it('should publish a result (bulk upserts, replace, $ne delete, sorted and limited history)', async () => {
    const repo = new FacilityRiskRepository(c);
    const risk = (assessmentId: string, id: string) => ({
      _id: `${assessmentId}:${id}`, facility_id: 'fac-9', assessment_id: assessmentId, equipment_id: id, equipment_name: id, equipment_type: 'panelboard',
      location: 'A', risk_score: 10, risk_rating: 'Low' as const, condition: 'Excellent' as const, risk_factors: [], primary_risk_factor: null, age_years: 1,
    });
    const doc = (assessmentId: string, completedAt: string, score: number): FacilityRisksDoc => ({
      _id: 'fac-9', facility_id: 'fac-9', facility_name: 'F9', assessment_id: assessmentId, model_version: 'x', snapshot_hash: 'h', completed_at: new Date(completedAt),
      risk_summary: { risk_score: score, risk_level: 'Low', critical_risk_equipment_count: 0, high_risk_equipment_count: 0, medium_risk_equipment_count: 0, low_risk_equipment_count: 2 },
      risk_categories: [], high_risk_items: [], risk_recommendation: { priority_actions: [] }, last_updated: completedAt,
    });
    await repo.writeEquipmentRisks([risk('asm-1', 'e1'), risk('asm-1', 'e2')]);
    await repo.writeEquipmentRisks([risk('asm-1', 'e1'), risk('asm-1', 'e2')]); // idempotent
    await repo.publish(doc('asm-1', '2026-09-15T00:00:00Z', 20), { equipmentCount: 2, meanAge: 3 });
    await repo.writeEquipmentRisks([risk('asm-2', 'e1')]);
    await repo.publish(doc('asm-2', '2026-10-15T00:00:00Z', 30), { equipmentCount: 1, meanAge: 4 });

    expect(await c.equipmentRisks.countDocuments({ facility_id: 'fac-9' })).toBe(1);
    expect(await c.equipmentRisks.countDocuments({ facility_id: 'fac-9', assessment_id: 'asm-2' })).toBe(1);
    const read = await repo.read('fac-9');
    expect(read?.risk_summary.risk_score).toBe(30);
    expect(read?.historical_trend).toEqual([
      { month: 'Sep 2026', risk_score: 20, equipment_count: 2, equipment_age: 3 },
      { month: 'Oct 2026', risk_score: 30, equipment_count: 1, equipment_age: 4 },
    ]);
    expect(read).not.toHaveProperty('_id');
    expect(read).not.toHaveProperty('assessment_id');
  });
});
