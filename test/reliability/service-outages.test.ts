/**
 * Backing services taken away under load: Redis, MongoDB (FerretDB) and Temporal are really stopped and started
 * again on their data, while the real API and worker processes keep running.
 */
import { storedEquipment } from '../support/stored-equipment.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equipmentCountOf, facilityId, facilityIndex } from '../../condoit/simulator/generator.js';
import { recordTrial } from '../support/reliability-log.js';
import { expectContractError } from './support/contract-error.js';
import { startFaultSystem, type FaultSystem } from './support/fault-system.js';

let sys: FaultSystem;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function assess(facility: string): Promise<{ assessment_id: string; status: string }> {
  const res = await sys.api(`/v1/facilities/${facility}/assessments`, { method: 'POST' });
  expect(res.status).toBe(202);
  const { assessment_id } = (await res.json()) as { assessment_id: string };
  return { assessment_id, status: (await sys.waitForAssessment(assessment_id)).status };
}

/** Reads /risks of the given facilities in a loop until stopped, noting every answer. */
function readLoop(facilities: string[]) {
  const seen: { at: number; status: number | 'error'; cache: string | null }[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const res = await sys.api(`/v1/facilities/${facilities[i % facilities.length]}/risks`).catch(() => null);
      seen.push({ at: Date.now(), status: res?.status ?? 'error', cache: res?.headers.get('x-cache') ?? null });
      await res?.arrayBuffer();
      await sleep(20);
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

beforeAll(async () => {
  // No in-process cache: every read goes to Redis, or MongoDB when Redis misses, so the levels are observable.
  sys = await startFaultSystem({ shape: { facilityCount: 10, equipmentMin: 8, equipmentMax: 15 }, env: { CACHE_L1_ENTRIES: '0' } });
  await Promise.all([sys.start('worker'), sys.start('api')]);
  for (const i of [0, 1, 2, 3]) expect((await assess(facilityId(i))).status).toBe('completed');
});
afterAll(async () => {
  await sys?.close();
});

describe('Redis stopped mid-load', () => {
  it('should keep serving reads from MongoDB, report the degradation, and resume caching without a restart', async () => {
    const load = readLoop([0, 1, 2, 3].map(facilityId));
    await sleep(1_000);
    await sys.stack.stop('redis');
    const stoppedAt = Date.now();
    let restartAt = Number.POSITIVE_INFINITY;
    try {
      await sleep(3_000);
      const ready = await sys.api('/readyz', { token: null });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: ['redis'] });
    } finally {
      // Redis answers before start() returns: reads from here on may hit it again.
      restartAt = Date.now();
      await sys.stack.start('redis');
    }
    const backAt = Date.now();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !load.seen.some((s) => s.at > backAt && s.cache === 'hit-l2')) await sleep(200);
    await load.stop();

    const during = load.seen.filter((s) => s.at > stoppedAt + 500 && s.at < restartAt);
    expect(during.length).toBeGreaterThan(20);
    // Listed rather than counted, so a failure names the reads that went wrong.
    expect(during.filter((s) => !(s.status === 200 && s.cache === 'miss')).map((s) => ({ ...s, at: s.at - stoppedAt }))).toEqual([]);
    expect(load.seen.filter((s) => s.status !== 200).map((s) => ({ ...s, at: s.at - stoppedAt }))).toEqual([]);
    expect(load.seen.some((s) => s.at < stoppedAt && s.cache === 'hit-l2')).toBe(true);
    expect(load.seen.some((s) => s.at > backAt && s.cache === 'hit-l2')).toBe(true);
    // Readiness is cached for a second: it shows the recovery within that.
    await expect.poll(async () => (await sys.api('/readyz', { token: null })).status, { timeout: 5_000, interval: 200 }).toBe(200);
    expect(sys.procs.api!.alive() && sys.procs.worker!.alive()).toBe(true);
    recordTrial({
      kind: 'fault',
      name: 'Redis stopped mid-load',
      tries: load.seen.length,
      survived: load.seen.filter((s) => s.status === 200).length,
      lost: 0,
      note: `${during.length} reads served from MongoDB while Redis was down; caching resumed`,
    });
  });
});

describe('MongoDB (FerretDB) stopped', () => {
  it('should answer 503 in the contract shape, hold the running assessment, and finish it whole once MongoDB is back', async () => {
    const facility = facilityId(5);
    // Slow Condoit pages keep the assessment in flight across the outage.
    sys.setSimKnobs({ latencyMs: 1_500 });
    const res = await sys.api(`/v1/facilities/${facility}/assessments`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { assessment_id } = (await res.json()) as { assessment_id: string };
    await sleep(500);
    expect((await sys.db.assessments.findOne({ _id: assessment_id }))?.status).toMatch(/queued|running/);
    await sys.stack.stop('ferretdb');
    const outageStarted = new Date();
    let answered503 = 0;
    // Reads that need MongoDB (lists, assessments, a facility never cached); cached results may still be served.
    const probes = ['/v1/facilities', `/v1/assessments/${assessment_id}`, `/v1/facilities/${facilityId(8)}`, '/v1/assessments?limit=5'];
    try {
      sys.setSimKnobs({ latencyMs: 0 });
      for (const path of probes) {
        await expectContractError(await sys.api(path), 503, 'SERVICE_UNAVAILABLE');
        answered503 += 1;
      }
      const start = await sys.api(`/v1/facilities/${facilityId(6)}/assessments`, { method: 'POST' });
      await expectContractError(start, 503, 'SERVICE_UNAVAILABLE');
      const ready = await sys.api('/readyz', { token: null });
      expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: ['mongodb'] });
      // Down long enough for the workflow's activities to fail and retry against it.
      await sleep(6_000);
    } finally {
      await sys.stack.start('ferretdb');
    }

    const finished = await sys.waitForAssessment(assessment_id, 120_000);
    expect(finished.status).toBe('completed');
    expect((await sys.db.assessments.findOne({ _id: assessment_id }))!.completed_at!.getTime()).toBeGreaterThan(outageStarted.getTime());
    const want = equipmentCountOf(facilityIndex(facility, sys.shape)!, sys.shape);
    expect(await storedEquipment(sys.db, facility, assessment_id)).toEqual({ items: want, distinct: want });
    expect((await sys.db.facilityResults.findOne({ _id: facility }))?.assessment_id).toBe(assessment_id);
    // Nothing is left hanging — the start refused with 503 during the outage included: its workflow may have
    // started before the record write failed, and then finishes on its own once MongoDB is back.
    await expect
      .poll(() => sys.db.assessments.countDocuments({ status: { $in: ['queued', 'running'] } }), { timeout: 60_000, interval: 500 })
      .toBe(0);
    const risks = await sys.api(`/v1/facilities/${facility}/risks`);
    expect(risks.status).toBe(200);
    expect(sys.procs.api!.alive() && sys.procs.worker!.alive()).toBe(true);
    recordTrial({
      kind: 'fault',
      name: 'MongoDB (FerretDB) stopped during an assessment',
      tries: probes.length + 2,
      survived: answered503 + 2,
      lost: 0,
      note: 'reads and starts 503 in contract shape; the running assessment finished whole',
    });
  });
});

describe('Temporal stopped', () => {
  it('should answer 503 to starts, keep serving reads, and let the worker pick up work again when Temporal returns', async () => {
    const workerPid = sys.procs.worker!.pid;
    await sys.stack.stop('temporal');
    const reads = [
      '/v1/facilities',
      `/v1/facilities/${facilityId(0)}/risks`,
      `/v1/facilities/${facilityId(1)}/compliance`,
      '/v1/assessments?limit=5',
      '/v1/portfolio/summary',
    ];
    let startMs = 0;
    try {
      const t0 = Date.now();
      const start = await sys.api(`/v1/facilities/${facilityId(7)}/assessments`, { method: 'POST' });
      startMs = Date.now() - t0;
      await expectContractError(start, 503, 'SERVICE_UNAVAILABLE');
      // A prompt answer the caller can retry, not a hung request (the API bounds Temporal calls at 5 s).
      expect(startMs).toBeLessThan(8_000);
      for (const path of reads) expect((await sys.api(path)).status, path).toBe(200);
      const ready = await sys.api('/readyz', { token: null });
      expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: ['temporal'] });
      await sleep(3_000);
    } finally {
      await sys.stack.start('temporal');
    }

    // The same worker process reconnects and runs the next assessment.
    const deadline = Date.now() + 60_000;
    let accepted: Response | null = null;
    while (Date.now() < deadline) {
      accepted = await sys.api(`/v1/facilities/${facilityId(7)}/assessments`, { method: 'POST' });
      if (accepted.status === 202) break;
      await sleep(500);
    }
    expect(accepted?.status).toBe(202);
    const { assessment_id } = (await accepted!.json()) as { assessment_id: string };
    expect((await sys.waitForAssessment(assessment_id, 90_000)).status).toBe('completed');
    expect(sys.procs.worker!.pid).toBe(workerPid);
    expect(sys.procs.worker!.alive()).toBe(true);
    recordTrial({
      kind: 'fault',
      name: 'Temporal stopped',
      tries: reads.length + 2,
      survived: reads.length + 2,
      lost: 0,
      note: `start answered 503 in ${startMs} ms; reads served; same worker resumed`,
    });
  });
});
