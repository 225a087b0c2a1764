/**
 * Full and incremental portfolio benchmarks (issue #7, benchmarks 3 and 4).
 *
 * On a fresh stack (Temporal dev server, FerretDB, Redis; worker and API as their own processes), with the Condoit
 * simulator serving F facilities × E equipment:
 *   (baseline) the same fetch → snapshot → score → store → cache for every facility, in one plain sequential loop
 *              in this process, without Temporal, into its own database;
 *   (full)     POST /v1/portfolio/assessments through the API and Temporal until the run is completed;
 *   (incr.)    1 % of the facilities changed in Condoit, then the same POST (only changed ones are assessed).
 * Prints facilities/s, equipment/s, Temporal workflows/activities/events and the ratios against the goals:
 * full ≤ 2× baseline and ≤ 60 s; incremental ≤ 10 % of full.
 *
 *   npm run bench:portfolio                                    # 1,000 × 100
 *   npm run bench:portfolio -- --facilities 200 --equipment 50
 *   npm run bench:portfolio -- --concurrency 16                 # facilities in flight (config: 8)
 *   npm run bench:portfolio -- --smoke                          # 10 × 10: checks that it runs
 * Exit code 0 whatever the figures; non-zero only when something breaks (a run that fails, a wrong count).
 */
import { benchShape, startBenchSystem, type BenchSystem } from './support/bench-system.js';
import { parseBenchArgs } from './support/bench-args.js';
import { openPlainPipeline } from './support/plain-pipeline.js';
import { printTable, seconds } from './support/print-table.js';
import { temporalCounts, type TemporalCounts } from './support/temporal-counts.js';

const args = parseBenchArgs(process.argv.slice(2), ['facilities', 'equipment', 'changed-percent', 'skip-baseline', 'concurrency']);
const facilities = args.smoke ? 10 : args.int('facilities', 1000);
const equipment = args.smoke ? 10 : args.int('equipment', 100);
const changedPercent = args.int('changed-percent', 1);
const skipBaseline = args.get('skip-baseline') === 'true';
const log = (l: string) => console.log(`[bench] ${l}`);

interface PortfolioRunBody {
  status: string;
  counts: { assessed: number; failed: number; skipped: number; listed: number };
}

async function runPortfolio(sys: BenchSystem, force: boolean): Promise<{ ms: number; body: PortfolioRunBody; runId: string }> {
  const t0 = performance.now();
  const res = await sys.api('/v1/portfolio/assessments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ force }),
  });
  if (res.status !== 202) throw new Error(`portfolio start: ${res.status} ${await res.text()}`);
  const started = (await res.json()) as { assessment_id: string };
  const body = (await sys.waitFor(res.headers.get('location')!)) as unknown as PortfolioRunBody;
  const ms = performance.now() - t0;
  if (body.status !== 'completed')
    throw new Error(`portfolio run ${started.assessment_id} ended ${String(body.status)}: ${JSON.stringify(body)}`);
  return { ms, body, runId: started.assessment_id };
}

const concurrency = args.get('concurrency');
const sys = await startBenchSystem({
  shape: benchShape({ facilityCount: facilities, equipmentMin: equipment, equipmentMax: equipment, seed: 7 }),
  log,
  // --concurrency N: facilities in flight (temporal.config.yaml's workflows.reassessPortfolio.concurrency otherwise).
  ...(concurrency
    ? {
        temporalConfig: (c) => {
          c.workflows.reassessPortfolio!.concurrency = Number(concurrency);
        },
      }
    : {}),
});
try {
  log(`stack ready: ${facilities} facilities × ${equipment} equipment`);
  const rows: Record<string, string | number>[] = [];
  const total = facilities * equipment;
  let baselineMs = NaN;
  if (!skipBaseline) {
    const plain = await openPlainPipeline({ ...sys.stack.urls, condoit: sys.sim.url }, 'masterbus_bench_plain');
    const t0 = performance.now();
    const done = await plain.assessAll();
    baselineMs = performance.now() - t0;
    await plain.close();
    if (done.facilities !== facilities || done.equipment !== total)
      throw new Error(`baseline assessed ${done.facilities}/${done.equipment}, expected ${facilities}/${total}`);
    rows.push({
      run: 'baseline: plain loop, no Temporal',
      facilities,
      'wall s': seconds(baselineMs),
      'facilities/s': facilities / (baselineMs / 1000),
      'equipment/s': total / (baselineMs / 1000),
      workflows: '-',
      activities: '-',
      events: '-',
    });
    log(
      `baseline done in ${seconds(baselineMs)} s; time per activity: ${Object.entries(plain.steps)
        .map(([k, v]) => `${k} ${seconds(v)} s`)
        .join(', ')}`,
    );
  }

  const full = await runPortfolio(sys, false);
  const assessed = full.body.counts.assessed;
  if (assessed !== facilities) throw new Error(`full run assessed ${assessed}, expected ${facilities}: ${JSON.stringify(full.body)}`);
  log(`full run done in ${seconds(full.ms)} s; counting Temporal's work…`);
  const fullCounts: TemporalCounts = await temporalCounts(sys.temporal, `PortfolioRunId = "${full.runId}"`);
  rows.push({
    run: 'full: API → Temporal → workers',
    facilities,
    'wall s': seconds(full.ms),
    'facilities/s': facilities / (full.ms / 1000),
    'equipment/s': total / (full.ms / 1000),
    workflows: fullCounts.workflows,
    activities: fullCounts.activities,
    events: fullCounts.events,
  });

  const changed = Math.max(1, Math.round((facilities * changedPercent) / 100));
  for (let i = 0; i < changed; i++) {
    const id = `fac-${String(1 + Math.floor((i * facilities) / changed)).padStart(5, '0')}`;
    const r = await fetch(`${sys.sim.url}/__sim/facilities/${id}/touch`, { method: 'POST' });
    if (!r.ok) throw new Error(`touch ${id}: ${r.status}`);
  }
  const incr = await runPortfolio(sys, false);
  const incrAssessed = incr.body.counts.assessed;
  if (incrAssessed !== changed)
    throw new Error(`incremental run assessed ${incrAssessed}, expected ${changed}: ${JSON.stringify(incr.body)}`);
  const incrCounts = await temporalCounts(sys.temporal, `PortfolioRunId = "${incr.runId}"`);
  rows.push({
    run: `incremental: ${changed} changed (${changedPercent} %)`,
    facilities: changed,
    'wall s': seconds(incr.ms),
    'facilities/s': changed / (incr.ms / 1000),
    'equipment/s': (changed * equipment) / (incr.ms / 1000),
    workflows: incrCounts.workflows,
    activities: incrCounts.activities,
    events: incrCounts.events,
  });

  console.log(
    `\nPortfolio benchmark: ${facilities} facilities × ${equipment} equipment (${total.toLocaleString('en-US')} equipment), ${new Date().toISOString()}\n`,
  );
  printTable(rows);
  const ratio = full.ms / baselineMs;
  console.log('');
  if (!skipBaseline) console.log(`full / baseline: ${ratio.toFixed(2)}x (goal ≤ 2.0) — ${ratio <= 2 ? 'met' : 'NOT met'}`);
  console.log(`full wall time: ${seconds(full.ms)} s (goal ≤ 60 s at 1,000 × 100) — ${full.ms <= 60_000 ? 'met' : 'NOT met'}`);
  const incrRatio = incr.ms / full.ms;
  console.log(`incremental / full: ${(incrRatio * 100).toFixed(1)} % (goal ≤ 10 %) — ${incrRatio <= 0.1 ? 'met' : 'NOT met'}`);
} finally {
  await sys.close();
}
