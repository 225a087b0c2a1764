/**
 * API killed during a burst of assessment starts: every 202 corresponds to a real run; requests cut off by the
 * crash are retried with their Idempotency-Key against the restarted API and never start a second run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { facilityId } from '../../condoit/simulator/generator.js';
import { recordTrial } from '../support/reliability-log.js';
import { startFaultSystem, type FaultSystem } from './support/fault-system.js';

const REQUESTS = 40;
const CONCURRENCY = 8;
let sys: FaultSystem;

beforeAll(async () => {
  sys = await startFaultSystem({ shape: { facilityCount: REQUESTS, equipmentMin: 5, equipmentMax: 15 } });
  await Promise.all([sys.start('worker'), sys.start('api')]);
});
afterAll(async () => {
  await sys?.close();
});

interface Attempt {
  facility: string;
  key: string;
  status: number | null;
  assessmentId: string | null;
  error: string | null;
}

function post(a: Attempt): Promise<Response> {
  return sys.api(`/v1/facilities/${a.facility}/assessments`, { method: 'POST', headers: { 'idempotency-key': a.key } });
}

it('should honour every 202 given before an API SIGKILL, and start each cut-off request exactly once on retry', async () => {
  const attempts: Attempt[] = Array.from({ length: REQUESTS }, (_, i) => ({
    facility: facilityId(i),
    key: `burst-${i}-${Date.now()}`,
    status: null,
    assessmentId: null,
    error: null,
  }));
  const killAfter = 10 + Math.floor(Math.random() * 10);
  let answered = 0;
  let killed: Promise<unknown> | null = null;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < attempts.length && !killed) {
        const a = attempts[next++]!;
        try {
          const res = await post(a);
          a.status = res.status;
          if (res.status === 202) a.assessmentId = ((await res.json()) as { assessment_id: string }).assessment_id;
        } catch (err) {
          a.error = (err as Error).message;
        }
        answered += 1;
        if (answered >= killAfter && !killed) killed = sys.procs.api!.kill('SIGKILL');
      }
    }),
  );
  await killed;
  const accepted = attempts.filter((a) => a.status === 202);
  const cut = attempts.filter((a) => a.status === null);
  expect(attempts.every((a) => a.status === null || a.status === 202)).toBe(true);
  expect(accepted.length).toBeGreaterThanOrEqual(killAfter - CONCURRENCY);
  expect(cut.length).toBeGreaterThan(0);

  await sys.start('api');
  // Every 202 given before the crash is a real run: stored, known to Temporal, and it completes.
  let lost = 0;
  for (const a of accepted) {
    const res = await sys.api(`/v1/assessments/${a.assessmentId}`);
    if (res.status !== 200) lost += 1;
    const body = (await res.json()) as { temporal: { workflow_id: string; run_id: string } };
    const described = await sys.temporal.workflow.getHandle(body.temporal.workflow_id, body.temporal.run_id).describe();
    expect(described.runId).toBe(body.temporal.run_id);
  }
  expect(lost).toBe(0);
  // Clients retry what got no answer, with the same key.
  for (const a of cut) {
    const res = await post(a);
    expect(res.status).toBe(202);
    a.assessmentId = ((await res.json()) as { assessment_id: string }).assessment_id;
  }
  const finished = await Promise.all(attempts.map((a) => sys.waitForAssessment(a.assessmentId!)));
  expect(finished.map((f) => f.status)).toEqual(attempts.map(() => 'completed'));
  // A retry after the first run finished must still not start a second: retry everything once more.
  for (const a of attempts) expect(((await (await post(a)).json()) as { assessment_id: string }).assessment_id).toBe(a.assessmentId);

  // Nothing duplicated: one run per facility, whatever the crash and the retries did.
  const runs = await sys.db.assessments.find({ trigger: 'api' }).toArray();
  const perFacility = new Map<string, number>();
  for (const r of runs) perFacility.set(r.facility_id, (perFacility.get(r.facility_id) ?? 0) + 1);
  const duplicated = [...perFacility.values()].filter((n) => n > 1).length;
  expect(perFacility.size).toBe(REQUESTS);
  expect(duplicated).toBe(0);
  // The restarted API serves every result.
  for (const a of attempts) expect((await sys.api(`/v1/facilities/${a.facility}/risks`)).status).toBe(200);

  recordTrial({
    kind: 'fault',
    name: 'API SIGKILL during a burst of assessment starts',
    tries: REQUESTS,
    survived: REQUESTS - lost - duplicated,
    lost: lost + duplicated,
    note: `${accepted.length} accepted before the kill, ${cut.length} cut off and retried with their key`,
  });
});
