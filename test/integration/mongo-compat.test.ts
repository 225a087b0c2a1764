/**
 * Every MongoDB operation MasterBus relies on, run through the real repositories against the server the tests
 * use (FerretDB 1.24 by default, real MongoDB when MONGODB_URL is set). docs/local-services.md, "MongoDB features", lists them.
 */
import { packJson, unpackJsonSync } from '../../store/packed-json.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Equipment, Facility } from '../../condoit/schema.js';
import { defaultShape, equipmentCountOf, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';
import { AssessmentRepository } from '../../store/assessment-repository.js';
import { collections, ensureIndexes, type Collections } from '../../store/collections.js';
import { FacilityResults } from '../../results/facility-results.js';
import { historyPoint } from '../../results/history-point.js';
import { assessEquipment } from '../../domain/equipment-assessment.js';
import { equipmentDetail, equipmentListItem } from '../../domain/equipment-read-model.js';
import { FacilityAccumulator } from '../../domain/facility-assessment.js';
import { connectMongo, isDuplicateKey, type Mongo } from '../../store/mongo.js';
import { SNAPSHOT_CHUNK_SIZE, SnapshotRepository } from '../../store/snapshot-repository.js';
import { uniqueSuffix } from '../support/test-names.js';
import type { EquipmentDetailItem, EquipmentListEntry, FacilityResultDoc } from '../../store/documents.js';
import { EquipmentDetailWriter, readEquipmentDetail } from '../../results/equipment-details.js';

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
  _id: id,
  facility_id: 'fac-1',
  workflow_id: 'facility-assessment/fac-1',
  run_id: 'r1',
  trigger: 'api' as const,
  requested_by: 'u',
  requested_at: new Date('2026-11-01T00:00:00Z'),
  start_token: token,
});

describe('MongoDB operations (on the server under test)', () => {
  it('should create every index idempotently', async () => {
    await ensureIndexes(c); // second time: no error
    const names = async (coll: { listIndexes(): { toArray(): Promise<{ name?: string }[]> } }) =>
      (await coll.listIndexes().toArray()).map((i) => i.name);
    expect(await names(c.idempotencyKeys)).toContain('by_age');
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

  it('should move status forward only, never out of a terminal state', async () => {
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
    for await (const chunk of repo.equipmentChunks(header!)) back.push(...chunk);
    expect(back.map((e) => e.id)).toEqual(equipment.map((e) => e.id));
    expect(back[SNAPSHOT_CHUNK_SIZE + 3]).toEqual(equipment[SNAPSHOT_CHUNK_SIZE + 3]);
  });

  it('should publish a result (inserts skipping duplicates, listing chunks, locators, superseded results removed by _id, trend on the document)', async () => {
    const repo = new FacilityResults(c);
    const asm = (assessmentId: string, completedAt: string, score: number) => {
      const shape = { ...defaultShape, equipmentMin: 3, equipmentMax: 3 };
      const facility = { ...generateFacility(8, shape), id: 'fac-9' };
      const acc = new FacilityAccumulator(facility, Date.parse(completedAt), completedAt);
      const docs: EquipmentDetailItem[] = [];
      const entries: EquipmentListEntry[] = [];
      for (let j = 0; j < (assessmentId === 'asm-1' ? 3 : 2); j++) {
        const a = assessEquipment({ ...generateEquipment(8, j, shape), facility_id: 'fac-9' }, facility, Date.parse(completedAt));
        acc.add(a);
        const item = equipmentListItem(a, completedAt);
        const photoIds = [`ph-${assessmentId}-${j}`];
        docs.push({
          equipment_id: item.id,
          photo_ids: photoIds,
          detail_z: packJson(JSON.stringify(equipmentDetail(a, facility, completedAt, completedAt))),
        });
        entries.push({
          equipment_id: item.id,
          name: item.name,
          type: item.type,
          risk_level: 'low',
          risk_score: item.risk_score,
          install_date: item.install_date,
          last_service: item.last_service,
          search_text: item.name.toLowerCase(),
          photo_ids: photoIds,
          item_json: JSON.stringify(item),
        });
      }
      const out = acc.finish();
      const doc: Omit<FacilityResultDoc, 'history' | 'superseded'> = {
        _id: 'fac-9',
        organization_id: 'org-1',
        assessment_id: assessmentId,
        model_version: 'x',
        snapshot_hash: 'h',
        completed_at: new Date(completedAt),
        name: facility.name,
        risk_score: score,
        search_text: facility.name.toLowerCase(),
        list_item: out.listItem,
        detail_json: JSON.stringify(out.detail),
        compliance: out.compliance,
        risks_json: JSON.stringify({ ...out.risks, risk_summary: { ...out.risks.risk_summary, risk_score: score } }),
        mean_equipment_age: out.meanEquipmentAge,
        source_updated_at: facility.updated_at,
        data_quality: { count: 0, issues: [] },
        equipment_list_chunks: 0,
        equipment_detail: { chunks: 0, parts: 0 },
      };
      const point = historyPoint(
        { risk_score: score, equipment_count: out.listItem.equipment_count, equipment_age: out.meanEquipmentAge, model_version: 'x' },
        { asOf: new Date(completedAt), snapshotId: 'fac-9:h', reconstructed: false },
      );
      return { docs, doc, entries, point };
    };
    const first = asm('asm-1', '2026-09-15T00:00:00.000Z', 20);
    // Details in chunks of ~100 by a hash of the id; a writer past its buffer bound writes a further part.
    const writeDetails = async (assessmentId: string, items: EquipmentDetailItem[], maxBufferedBytes?: number) => {
      const w = new EquipmentDetailWriter(c, assessmentId, 'fac-9', items.length, maxBufferedBytes);
      for (const item of items) await w.add([item]);
      return w.finish();
    };
    first.doc.equipment_detail = await writeDetails('asm-1', first.docs);
    expect(await writeDetails('asm-1', first.docs)).toEqual({ chunks: 1, parts: 1 }); // idempotent: a retried activity
    expect(await c.equipmentResults.countDocuments({ _id: { $in: ['asm-1:d0:0', 'asm-1:d0:1'] } })).toBe(1);
    first.doc.equipment_list_chunks = await repo.writeListing('asm-1', 'fac-9', first.entries);
    expect(await repo.writeListing('asm-1', 'fac-9', first.entries)).toBe(1);
    await repo.publish(first.doc, first.entries, [first.point]);
    expect(await c.equipmentLocators.findOne({ _id: `e:${first.docs[2]!.equipment_id}` })).toMatchObject({ facility_id: 'fac-9' });
    expect(await c.equipmentLocators.findOne({ _id: 'p:ph-asm-1-2' })).toMatchObject({
      facility_id: 'fac-9',
      equipment_id: first.docs[2]!.equipment_id,
    });
    const second = asm('asm-2', '2026-10-15T00:00:00.000Z', 30);
    // A tiny buffer bound: every item past the first is a further part, and each is still found.
    second.doc.equipment_detail = await writeDetails('asm-2', second.docs, 1);
    expect(second.doc.equipment_detail).toEqual({ chunks: 1, parts: 2 });
    second.doc.equipment_list_chunks = await repo.writeListing('asm-2', 'fac-9', second.entries);
    await repo.publish(second.doc, second.entries, [second.point]);
    await repo.publish(second.doc, second.entries, [second.point]); // a retried publish changes nothing
    expect(await c.equipmentLists.countDocuments({ facility_id: 'fac-9' })).toBe(1);
    expect((await repo.listEntries('asm-2', 1)).map((e) => e.equipment_id)).toEqual(second.docs.map((d) => d.equipment_id));
    expect((await c.facilityResults.findOne({ _id: 'fac-9' }))?.superseded).toBeNull();

    // The superseded assessment's details are gone; the current one's are all there.
    expect(await c.equipmentResults.countDocuments({ _id: { $in: ['asm-1:d0:0', 'asm-2:d0:0', 'asm-2:d0:1'] } })).toBe(2);
    const risks = await repo.body('fac-9', 'risks');
    expect(risks?.risk_summary.risk_score).toBe(30);
    expect(risks?.historical_trend.map((p) => [p.month, p.risk_score, p.equipment_count])).toEqual([
      ['Sep 2026', 20, 3],
      ['Oct 2026', 30, 2],
    ]);
    expect(risks).not.toHaveProperty('_id');
    expect((await repo.body('fac-9', 'detail'))?.historical_risk).toHaveLength(2);
    expect((await repo.body('fac-9', 'compliance'))?.nfpa_70b.equipment_counts.total).toBe(2);
    // The stored equipment detail round-trips byte for byte (it is served as stored).
    for (const d of second.docs) {
      const stored = await readEquipmentDetail(c, 'asm-2', second.doc.equipment_detail, d.equipment_id);
      expect(unpackJsonSync(stored!.detail_z)).toBe(unpackJsonSync(d.detail_z));
    }
    expect(await readEquipmentDetail(c, 'asm-2', second.doc.equipment_detail, 'no-such-equipment')).toBeNull();
  });
});
