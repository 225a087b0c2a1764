/**
 * Graceful shutdown: SIGTERM lets in-flight HTTP requests (API) and activities (worker) finish within the grace
 * time (SHUTDOWN_GRACE_MS), then the process exits cleanly.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { facilityId } from '../../condoit/simulator/generator.js';
import { recordTrial } from '../support/reliability-log.js';
import { startFaultSystem, type FaultSystem } from './support/fault-system.js';

let sys: FaultSystem;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sys = await startFaultSystem({ shape: { facilityCount: 5, equipmentMin: 10, equipmentMax: 15 } });
  await Promise.all([sys.start('worker'), sys.start('api')]);
});
afterAll(async () => {
  await sys?.close();
});

it('should let an in-flight HTTP request finish after SIGTERM, refuse new connections, and exit 0', async () => {
  const api = sys.procs.api!;
  const token = await sys.token('admin');
  const url = new URL('/codec/encode', sys.apiUrl);
  const body = JSON.stringify({
    payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') }],
  });
  // A client that sends its body slowly: the request is in flight when SIGTERM arrives.
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      void api.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(10)), 1_500);
    }, 300);
  });
  const sigtermAt = Date.now();
  const res = await answered;
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ payloads: [expect.objectContaining({ data: expect.any(String) })] });
  // While draining, new connections are refused.
  await expect(fetch(`${sys.apiUrl}/healthz`)).rejects.toThrow();
  const exit = await api.exited;
  const exitMs = Date.now() - sigtermAt;
  expect(exit.code).toBe(0);
  expect(exitMs).toBeLessThan(10_000 + 5_000);
  await sys.start('api');
  recordTrial({
    kind: 'fault',
    name: 'API SIGTERM with a request in flight',
    tries: 1,
    survived: 1,
    lost: 0,
    note: `request answered 200 after SIGTERM; exited 0 in ${exitMs} ms`,
  });
});

it('should let a running activity finish after SIGTERM (no retry, no timeout), then a new worker completes the run', async () => {
  const worker = sys.procs.worker!;
  // Slow Condoit pages: the fetch activity takes a few seconds, well inside the 10 s grace time.
  sys.setSimKnobs({ latencyMs: 1_200 });
  const requestsBefore = sys.sim.stats.requests;
  const res = await sys.api(`/v1/facilities/${facilityId(2)}/assessments`, { method: 'POST' });
  expect(res.status).toBe(202);
  const started = (await res.json()) as { assessment_id: string; temporal: { workflow_id: string; run_id: string } };
  const deadline = Date.now() + 30_000;
  // The fetch activity is running once Condoit has seen its first request (each answer then takes 1.2 s).
  while (sys.sim.stats.requests === requestsBefore) {
    if (Date.now() > deadline) throw new Error('the assessment never started fetching');
    await sleep(50);
  }
  await sleep(300);
  const sigtermAt = Date.now();
  const exit = await worker.kill('SIGTERM');
  const exitMs = Date.now() - sigtermAt;
  sys.setSimKnobs({ latencyMs: 0 });
  expect(exit.code).toBe(0);
  expect(exitMs).toBeLessThan(10_000 + 5_000);

  await sys.start('worker');
  expect((await sys.waitForAssessment(started.assessment_id)).status).toBe('completed');
  const history = await sys.temporal.workflow.getHandle(started.temporal.workflow_id, started.temporal.run_id).fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<string, string>();
  for (const e of events) {
    const a = e.activityTaskScheduledEventAttributes;
    if (a) scheduled.set(String(e.eventId), a.activityType?.name ?? '');
  }
  const fetchScheduled = [...scheduled.entries()].filter(([, name]) => name === 'fetchFacilitySnapshot').map(([id]) => id);
  const fetchStarted = events.filter(
    (e) => e.activityTaskStartedEventAttributes && fetchScheduled.includes(String(e.activityTaskStartedEventAttributes.scheduledEventId)),
  );
  const failedOrTimedOut = events.filter((e) => e.activityTaskTimedOutEventAttributes || e.activityTaskFailedEventAttributes);
  expect(fetchScheduled).toHaveLength(1);
  expect(fetchStarted.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
  expect(failedOrTimedOut).toEqual([]);
  recordTrial({
    kind: 'fault',
    name: 'worker SIGTERM with an activity in flight',
    tries: 1,
    survived: 1,
    lost: 0,
    note: `activity finished on attempt 1; worker exited 0 in ${exitMs} ms`,
  });
});
