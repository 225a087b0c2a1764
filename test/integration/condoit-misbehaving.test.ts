/**
 * Condoit misbehaving (simulator knobs): steady 5xx and 429s, answers slower than the client's timeout,
 * connection resets before and in the middle of a page, malformed records, and a facility that is gone. Every
 * retryable case completes with whole results; malformed data becomes data-quality issues; a gone facility fails
 * cleanly with a clear status.
 */
import { storedEquipment } from '../support/stored-equipment.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKnobs, FaultPlan } from '../../condoit/simulator/faults.js';
import { equipmentCountOf, facilityId, facilityIndex } from '../../condoit/simulator/generator.js';
import { startHarness, type AssessmentJson, type Harness } from '../support/harness.js';
import { recordTrial } from '../support/reliability-log.js';

let h: Harness;
let next = 0;

beforeAll(async () => {
  // Several equipment pages per facility (page size 7), so faults land between and inside pages.
  h = await startHarness({ shape: { facilityCount: 40, equipmentMin: 15, equipmentMax: 25 }, pageSize: 7 });
});
afterAll(async () => {
  await h?.close();
});

async function assessSome(count: number): Promise<{ facility: string; done: AssessmentJson }[]> {
  const facilities = Array.from({ length: count }, () => facilityId(next++));
  const started = await Promise.all(
    facilities.map(async (facility) => {
      const res = await h.api(`/v1/facilities/${facility}/assessments`, { method: 'POST' });
      expect(res.status).toBe(202);
      return { facility, id: ((await res.json()) as { assessment_id: string }).assessment_id };
    }),
  );
  return Promise.all(started.map(async (s) => ({ facility: s.facility, done: await h.waitForAssessment(s.id, { timeoutMs: 120_000 }) })));
}

/** Completed, with one stored equipment result per Condoit equipment (nothing lost, nothing doubled). */
async function whole(facility: string, done: AssessmentJson): Promise<boolean> {
  const want = equipmentCountOf(facilityIndex(facility, h.shape)!, h.shape);
  const stored = await storedEquipment(h.db, facility, done.assessment_id);
  return done.status === 'completed' && stored.items === want && stored.distinct === want;
}

const retryable: { name: string; knobs?: Partial<FaultKnobs>; plan?: Partial<FaultPlan> & { failNext: number }; injected: string }[] = [
  { name: '30% of Condoit requests answer 503', knobs: { errorRate: 0.3 }, injected: 'status-503' },
  { name: '30% of Condoit requests answer 429 + Retry-After', knobs: { rateLimitRate: 0.3, retryAfterSeconds: 1 }, injected: 'status-429' },
  {
    name: 'Condoit slower than the client timeout',
    plan: { failNext: 3, delayMs: 4_000, pathPrefix: '/v1/facilities/' },
    injected: 'delay',
  },
  {
    name: 'connection reset before the answer',
    plan: { failNext: 3, resetConnection: true, pathPrefix: '/v1/facilities/' },
    injected: 'reset',
  },
  {
    name: 'connection reset mid-page (truncated body)',
    plan: { failNext: 3, truncateBody: true, pathPrefix: '/v1/facilities/' },
    injected: 'truncate',
  },
];

describe('Condoit misbehaving', () => {
  for (const c of retryable) {
    it(`should complete every assessment, whole, when ${c.name}`, async () => {
      const before = h.sim.stats.injected[c.injected] ?? 0;
      if (c.knobs) h.sim.faults.setKnobs(c.knobs);
      if (c.plan) h.sim.faults.add({ status: 503, pathPrefix: '/v1/', resetConnection: false, truncateBody: false, ...c.plan });
      try {
        const results = await assessSome(3);
        const injected = (h.sim.stats.injected[c.injected] ?? 0) - before;
        expect(injected).toBeGreaterThan(0);
        const ok = (await Promise.all(results.map((r) => whole(r.facility, r.done)))).filter(Boolean).length;
        expect(results.map((r) => r.done.status)).toEqual(['completed', 'completed', 'completed']);
        expect(ok).toBe(3);
        recordTrial({
          kind: 'fault',
          name: `Condoit: ${c.name}`,
          tries: results.length,
          survived: ok,
          lost: results.length - ok,
          note: `${injected} faults injected`,
        });
      } finally {
        h.sim.faults.setKnobs({ errorRate: 0, rateLimitRate: 0 });
        h.sim.faults.clear();
      }
    });
  }

  it('should report malformed records as data-quality issues and score the rest', async () => {
    h.sim.faults.setKnobs({ malformedRate: 0.2 });
    try {
      const results = await assessSome(3);
      expect(results.map((r) => r.done.status)).toEqual(['completed', 'completed', 'completed']);
      let reported = 0;
      for (const r of results) {
        const doc = await h.db.facilityResults.findOne({ _id: r.facility });
        const total = equipmentCountOf(facilityIndex(r.facility, h.shape)!, h.shape);
        const malformed = doc!.data_quality.issues.filter((i) => !i.problems.some((p) => p.includes('assumed'))).length;
        // Every record is either scored or reported: none silently dropped.
        expect(doc!.list_item.equipment_count + malformed).toBe(total);
        reported += malformed;
      }
      expect(reported).toBeGreaterThan(0);
      recordTrial({
        kind: 'fault',
        name: 'Condoit: 20% malformed records',
        tries: results.length,
        survived: results.length,
        lost: 0,
        note: `${reported} records reported as data-quality issues, the rest scored`,
      });
    } finally {
      h.sim.faults.setKnobs({ malformedRate: 0 });
    }
  });

  it('should fail cleanly, with a clear status and code, for a facility Condoit no longer has (404)', async () => {
    const gone = facilityId(next);
    h.sim.faults.add({ failNext: 1_000, status: 404, pathPrefix: `/v1/facilities/${gone}`, resetConnection: false, truncateBody: false });
    try {
      const [r] = await assessSome(1);
      expect(r!.done.status).toBe('failed');
      expect(r!.done.error).toMatchObject({ code: 'CONDOIT_FACILITY_NOT_FOUND', message: expect.stringContaining(gone) });
      const risks = await h.api(`/v1/facilities/${gone}/risks`);
      expect(risks.status).toBe(404);
      recordTrial({
        kind: 'fault',
        name: 'Condoit: facility gone (404)',
        tries: 1,
        survived: 1,
        lost: 0,
        note: 'assessment failed with CONDOIT_FACILITY_NOT_FOUND, no retries',
      });
    } finally {
      h.sim.faults.clear();
    }
  });
});
