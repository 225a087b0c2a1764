/**
 * Memory benchmark (issue #7, benchmark 5): worker and API peak resident memory during a full portfolio run of a
 * large portfolio, against the same for a small one (each on a fresh stack), while the driver reads as ThreatMap
 * would (run status, every page of /v1/facilities, the portfolio summary). Streaming and pagination mean the large
 * run should need about the same memory. Goal: large ≤ 1.2× small (issue: 10,000 vs 100 facilities × 100 equipment).
 *
 *   npm run bench:memory                                         # 100 and 10,000 facilities × 100 equipment
 *   npm run bench:memory -- --small 100 --large 2000 --equipment 20
 *   npm run bench:memory -- --smoke                              # 5 and 10 facilities × 5 equipment
 * Resident memory is read from /proc/<pid>/status (VmRSS, and VmHWM — the kernel's own peak — at the end).
 */
import { readFileSync } from 'node:fs';
import { benchShape, startBenchSystem, type BenchSystem } from './support/bench-system.js';
import { parseBenchArgs } from './support/bench-args.js';
import { printTable, seconds } from './support/print-table.js';

const args = parseBenchArgs(process.argv.slice(2), ['small', 'large', 'equipment']);
const small = args.smoke ? 5 : args.int('small', 100);
const large = args.smoke ? 10 : args.int('large', 10_000);
const equipment = args.smoke ? 5 : args.int('equipment', 100);
const log = (l: string) => console.log(`[bench] ${l}`);

function memKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Reads every page of the facility listing and the summary, as a dashboard paging through the portfolio would. */
async function readPortfolio(sys: BenchSystem): Promise<number> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const res = await sys.api(`/v1/facilities?limit=100&page=${page}`);
    if (!res.ok) throw new Error(`GET /v1/facilities: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { facilities: unknown[] };
    seen += body.facilities.length;
    if (body.facilities.length < 100) break;
  }
  const summary = await sys.api('/v1/portfolio/summary');
  if (!summary.ok) throw new Error(`GET /v1/portfolio/summary: ${summary.status}`);
  return seen;
}

async function measure(facilities: number): Promise<Record<string, string | number>> {
  const sys = await startBenchSystem({
    shape: benchShape({ facilityCount: facilities, equipmentMin: equipment, equipmentMax: equipment, seed: 5 }),
    log,
  });
  try {
    const pids = { worker: sys.procs.worker!.pid, api: sys.procs.api!.pid };
    const start = { worker: memKib(pids.worker, 'VmRSS'), api: memKib(pids.api, 'VmRSS') };
    const peak = { ...start };
    const sampler = setInterval(() => {
      peak.worker = Math.max(peak.worker, memKib(pids.worker, 'VmRSS'));
      peak.api = Math.max(peak.api, memKib(pids.api, 'VmRSS'));
    }, 250);
    const t0 = performance.now();
    const res = await sys.api('/v1/portfolio/assessments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ force: true }),
    });
    if (res.status !== 202) throw new Error(`portfolio start: ${res.status} ${await res.text()}`);
    const location = res.headers.get('location')!;
    let reads = 0;
    const reader = (async () => {
      // While the run goes on: the dashboard's listing reads, a round every few seconds.
      for (;;) {
        const status = (await (await sys.api(location)).json()) as { status: string };
        if (['completed', 'failed', 'cancelled'].includes(status.status)) return status;
        reads += await readPortfolio(sys);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
    const final = await reader;
    const ms = performance.now() - t0;
    if (final.status !== 'completed') throw new Error(`portfolio run ended ${final.status}`);
    const listed = await readPortfolio(sys);
    if (listed !== facilities) throw new Error(`listing shows ${listed} facilities, expected ${facilities}`);
    clearInterval(sampler);
    const hwm = { worker: memKib(pids.worker, 'VmHWM'), api: memKib(pids.api, 'VmHWM') };
    return {
      facilities,
      equipment: facilities * equipment,
      'run s': seconds(ms),
      'listing rows read': reads + listed,
      'worker start MiB': Math.round(start.worker / 1024),
      'worker peak MiB': Math.round(Math.max(peak.worker, hwm.worker) / 1024),
      'api start MiB': Math.round(start.api / 1024),
      'api peak MiB': Math.round(Math.max(peak.api, hwm.api) / 1024),
    };
  } finally {
    await sys.close();
  }
}

const rows = [await measure(small), await measure(large)];
console.log(`\nMemory benchmark: full portfolio runs, ${equipment} equipment per facility, ${new Date().toISOString()}\n`);
printTable(rows);
const [s, l] = rows as [Record<string, number>, Record<string, number>];
for (const proc of ['worker', 'api'] as const) {
  const ratio = l[`${proc} peak MiB`]! / s[`${proc} peak MiB`]!;
  console.log(`${proc} peak, ${large} vs ${small} facilities: ${ratio.toFixed(2)}x (goal ≤ 1.2) — ${ratio <= 1.2 ? 'met' : 'NOT met'}`);
}
