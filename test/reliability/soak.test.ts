/**
 * Bounded soak: mixed reads and assessment starts at a steady rate against the real API and worker processes.
 * Zero errors other than the intended 429s of one greedy client; API and worker memory flat.
 * CI runs SOAK_SECONDS=60 (the default); run longer locally, e.g. SOAK_SECONDS=600.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { facilityId } from '../../condoit/simulator/generator.js';
import { recordTrial } from '../support/reliability-log.js';
import { startFaultSystem, type FaultSystem } from './support/fault-system.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const FACILITIES = 20;
const READS_PER_SECOND = Number(process.env.SOAK_READS_PER_SECOND ?? 10);
const STARTS_EVERY_MS = 3_000;
const GREEDY_LIMIT = 30; // per minute: the greedy viewer exceeds it on purpose
let sys: FaultSystem;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sys = await startFaultSystem({
    shape: { facilityCount: FACILITIES, equipmentMin: 10, equipmentMax: 40 },
    env: { RATE_LIMIT_VIEWER: String(GREEDY_LIMIT), RATE_LIMIT_ASSESSOR: '100000', RATE_LIMIT_ADMIN: '100000' },
  });
  await Promise.all([sys.start('worker'), sys.start('api')]);
  // Every facility assessed once, so reads hit real results from the start.
  const ids = await Promise.all(
    Array.from({ length: FACILITIES }, async (_, i) => {
      const res = await sys.api(`/v1/facilities/${facilityId(i)}/assessments`, { method: 'POST' });
      return ((await res.json()) as { assessment_id: string }).assessment_id;
    }),
  );
  for (const id of ids) expect((await sys.waitForAssessment(id)).status).toBe('completed');
});
afterAll(async () => {
  await sys?.close();
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

it(`should serve ${READS_PER_SECOND} reads/s and a start every ${STARTS_EVERY_MS / 1000} s for ${SECONDS} s with no unintended errors and flat memory`, async () => {
  const assessor = await sys.token('assessor');
  const greedy = await sys.token('viewer');
  // ThreatMap's mix: mostly a facility's risks, compliance and detail (cached), some lists; the scan-heavy
  // equipment list and portfolio summary now and then (on FerretDB they cost ~100× a cached read: bench/README.md).
  const paths = (i: number) => {
    const f = facilityId(i % FACILITIES);
    if (i % 50 === 25) return `/v1/facilities/${f}/equipment?limit=20`;
    if (i % 50 === 49) return '/v1/portfolio/summary';
    return [
      `/v1/facilities/${f}/risks`,
      `/v1/facilities/${f}/compliance`,
      `/v1/facilities/${f}`,
      `/v1/facilities/${f}/risks`,
      `/v1/facilities/${f}/compliance`,
      `/v1/facilities/${f}`,
      `/v1/facilities/${f}/risks`,
      `/v1/facilities/${f}/compliance`,
      '/v1/facilities?limit=10',
      '/v1/assessments?limit=10',
    ][i % 10]!;
  };
  const statuses = new Map<string, number>();
  const note = (who: string, status: number | string) => statuses.set(`${who} ${status}`, (statuses.get(`${who} ${status}`) ?? 0) + 1);
  const started: string[] = [];
  const latencies: number[] = [];
  const slow: string[] = [];
  const rss: { at: number; api: number; worker: number }[] = [];
  const t0 = Date.now();
  const end = t0 + SECONDS * 1_000;
  const inFlight = new Set<Promise<void>>();
  const fire = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  let i = 0;
  let nextStart = t0;
  let nextSample = t0;
  let nextGreedy = t0;
  while (Date.now() < end) {
    const now = Date.now();
    const path = paths(i);
    fire(
      (async () => {
        const t = performance.now();
        const res = await sys.api(path, { token: assessor }).catch(() => null);
        await res?.arrayBuffer();
        const ms = performance.now() - t;
        latencies.push(ms);
        if (ms > 2_000 || res?.status !== 200)
          slow.push(`${path} ${res?.status ?? 'network-error'} ${Math.round(ms)} ms at +${Math.round((Date.now() - t0) / 1000)} s`);
        note('reader', res?.status ?? 'network-error');
      })(),
    );
    i += 1;
    if (now >= nextGreedy) {
      nextGreedy += 250; // 4/s against a limit of 30/min
      fire(
        (async () => {
          const res = await sys.api(`/v1/facilities/${facilityId(0)}/risks`, { token: greedy }).catch(() => null);
          note('greedy', res?.status ?? 'network-error');
          await res?.arrayBuffer();
        })(),
      );
    }
    if (now >= nextStart) {
      nextStart += STARTS_EVERY_MS;
      fire(
        (async () => {
          const res = await sys
            .api(`/v1/facilities/${facilityId(Math.floor(Math.random() * FACILITIES))}/assessments`, { method: 'POST', token: assessor })
            .catch(() => null);
          note('starter', res?.status ?? 'network-error');
          if (res?.status === 202) started.push(((await res.json()) as { assessment_id: string }).assessment_id);
        })(),
      );
    }
    if (now >= nextSample) {
      nextSample += 2_000;
      rss.push({ at: now - t0, api: sys.procs.api!.rssKib() ?? 0, worker: sys.procs.worker!.rssKib() ?? 0 });
    }
    await sleep(1_000 / READS_PER_SECOND);
  }
  await Promise.all(inFlight);
  const finished = await Promise.all([...new Set(started)].map((id) => sys.waitForAssessment(id)));

  // Memory: after a warm-up fifth, the last quarter's median RSS against the first quarter's.
  const warm = rss.filter((s) => s.at >= SECONDS * 200);
  const q = Math.max(1, Math.floor(warm.length / 4));
  const first = { api: median(warm.slice(0, q).map((s) => s.api)), worker: median(warm.slice(0, q).map((s) => s.worker)) };
  const last = { api: median(warm.slice(-q).map((s) => s.api)), worker: median(warm.slice(-q).map((s) => s.worker)) };
  const mib = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
  const summary = Object.fromEntries(statuses);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  console.log(
    `[soak] ${SECONDS} s: ${JSON.stringify(summary)}; read latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; RSS api ${mib(first.api)} → ${mib(last.api)}, worker ${mib(first.worker)} → ${mib(last.worker)}`,
  );

  if (slow.length) console.log(`[soak] slow or failed reads:\n  ${slow.slice(0, 30).join('\n  ')}`);
  const unintended = [...statuses.entries()].filter(([k]) => !/^reader 200$|^starter 202$|^greedy (200|429)$/.test(k));
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  recordTrial({
    kind: 'load',
    name: `soak ${SECONDS} s: ${READS_PER_SECOND} reads/s + a start every ${STARTS_EVERY_MS / 1000} s`,
    tries: total,
    survived: total - unintended.reduce((a, [, n]) => a + n, 0),
    lost: 0,
    note: `${statuses.get('greedy 429') ?? 0} intended 429s; p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; RSS api ${mib(first.api)}→${mib(last.api)}, worker ${mib(first.worker)}→${mib(last.worker)}`,
  });
  expect(unintended).toEqual([]);
  expect(statuses.get('greedy 429') ?? 0).toBeGreaterThan(0);
  expect(finished.every((f) => f.status === 'completed')).toBe(true);
  // Flat: growth of at most a quarter plus 32 MiB of allocator slack (a leak grows with every request).
  expect(last.api).toBeLessThanOrEqual(first.api * 1.25 + 32 * 1024);
  expect(last.worker).toBeLessThanOrEqual(first.worker * 1.25 + 32 * 1024);
});
