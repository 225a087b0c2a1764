/**
 * Worker killed: SIGKILL the worker three times at random points of a 100-facility portfolio run, restarting it
 * each time. The run completes; each facility has exactly one assessment for the run; totals match the documents.
 */
import { storedEquipment } from '../support/stored-equipment.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { equipmentCountOf, facilityId, facilityIndex } from '../../condoit/simulator/generator.js';
import { recordTrial } from '../support/reliability-log.js';
import { startFaultSystem, type FaultSystem } from './support/fault-system.js';
import { completedChildren, startPortfolioRun, waitForPortfolioRun } from './support/portfolio-run.js';

const FACILITIES = 100;
let sys: FaultSystem;

beforeAll(async () => {
  // A little Condoit latency stretches the run so the kills land in the middle of it.
  sys = await startFaultSystem({ shape: { facilityCount: FACILITIES, equipmentMin: 5, equipmentMax: 15 }, knobs: { latencyMs: 15 } });
  await Promise.all([sys.start('worker'), sys.start('api')]);
});
afterAll(async () => {
  await sys?.close();
});

it('should complete a 100-facility portfolio run through three worker SIGKILLs, nothing lost, nothing duplicated', async () => {
  const run = await startPortfolioRun(sys);
  // Three kill points, drawn at random from the first, middle and last thirds of the run — each at least 15
  // facilities before the end of its third: at 16 facilities in flight, a kill drawn in the last few could land
  // after the run has finished (seen once at a threshold of ~94).
  const killAt = [0, 1, 2].map((third) => Math.floor(FACILITIES * (third / 3) + 5 + Math.random() * (FACILITIES / 3 - 20)));
  const kills: { at: number; exit: string }[] = [];
  for (const threshold of killAt) {
    while ((await completedChildren(sys, run.assessment_id)) < threshold) await new Promise((r) => setTimeout(r, 100));
    const worker = sys.procs.worker!;
    const exit = await worker.kill('SIGKILL');
    kills.push({ at: await completedChildren(sys, run.assessment_id), exit: exit.signal ?? String(exit.code) });
    await sys.start('worker');
  }
  const done = await waitForPortfolioRun(sys, run.assessment_id, 300_000);

  expect(kills.map((k) => k.exit)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
  // Every kill landed while facilities were still left to assess.
  expect(kills.every((k) => k.at < FACILITIES)).toBe(true);
  expect(done.status).toBe('completed');
  expect(done.counts).toEqual({ assessed: FACILITIES, failed: 0, skipped: 0, listed: FACILITIES });

  const docs = await sys.db.assessments.find({ start_token: run.assessment_id }).toArray();
  const byFacility = new Map<string, number>();
  for (const d of docs) byFacility.set(d.facility_id, (byFacility.get(d.facility_id) ?? 0) + 1);
  const expected = Array.from({ length: FACILITIES }, (_, i) => facilityId(i));
  const gaps = expected.filter((id) => !byFacility.has(id));
  const duplicates = [...byFacility.entries()].filter(([, n]) => n > 1);
  expect(gaps).toEqual([]);
  expect(duplicates).toEqual([]);
  expect(docs.every((d) => d.status === 'completed')).toBe(true);

  // Each facility's stored results are whole: one equipment result per Condoit equipment, for that assessment.
  let equipmentTotal = 0;
  for (const d of docs) {
    const want = equipmentCountOf(facilityIndex(d.facility_id, sys.shape)!, sys.shape);
    equipmentTotal += want;
    expect(d.result?.equipment_count).toBe(want);
    expect(await storedEquipment(sys.db, d.facility_id, d._id)).toEqual({ items: want, distinct: want });
  }
  const summary = await sys.db.portfolioSummaries.findOne({ _id: run.assessment_id });
  expect(summary?.summary.total_facilities).toBe(FACILITIES);
  expect(summary?.summary.total_equipment).toBe(equipmentTotal);

  recordTrial({
    kind: 'fault',
    name: `worker SIGKILL during ${FACILITIES}-facility portfolio run`,
    tries: kills.length,
    survived: 3,
    lost: gaps.length + duplicates.length,
    note: `killed after ${kills.map((k) => k.at).join(', ')} facilities; run completed`,
  });
});
