/**
 * Single-facility assessment benchmark (issue #7, benchmark 2): POST /v1/facilities/{id}/assessments until the run
 * is completed, for facilities of 100 / 1,000 / 10,000 equipment, on a fresh stack (Temporal dev server, FerretDB,
 * Redis; worker and API as their own processes; the Condoit simulator in this process). Beside each size, the same
 * fetch → score → store → cache for the same data in a plain in-process loop without Temporal (the baseline), so
 * the orchestration's share is visible. Goal: 1,000 equipment in under 1 s end to end.
 *
 *   npm run bench:single-facility
 *   npm run bench:single-facility -- --sizes 100,1000 --runs 5
 *   npm run bench:single-facility -- --smoke          # 20 equipment, 1 run: checks that it runs
 * Each size has its own facilities (fac-00001…), each run assesses a different one; the first run of a size is a
 * warm-up and is not counted. Exit code 0 whatever the figures; non-zero only when something breaks.
 */
import { benchShape, startBenchSystem } from './support/bench-system.js';
import { parseBenchArgs } from './support/bench-args.js';
import { openPlainPipeline } from './support/plain-pipeline.js';
import { printTable, seconds } from './support/print-table.js';

const args = parseBenchArgs(process.argv.slice(2), ['sizes', 'runs']);
const sizes = args.smoke
  ? [20]
  : (args.get('sizes') ?? '100,1000,10000').split(',').map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes takes positive integers, got ${s}`);
      return n;
    });
const runs = args.smoke ? 1 : args.int('runs', 3);
const log = (l: string) => console.log(`[bench] ${l}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const facilityIds = Array.from({ length: runs * 2 + 2 }, (_, i) => `fac-${String(i + 1).padStart(5, '0')}`);
const sys = await startBenchSystem({
  shape: benchShape({ facilityCount: facilityIds.length, equipmentMin: sizes[0]!, equipmentMax: sizes[0]!, seed: 11 }),
  log,
});
try {
  const rows: Record<string, string | number>[] = [];
  for (const size of sizes) {
    // Every facility of this shape has exactly `size` equipment; ids restart at fac-00001 with new content.
    sys.sim.setShape(benchShape({ facilityCount: facilityIds.length, equipmentMin: size, equipmentMax: size, seed: 11 + size }));
    const plain = await openPlainPipeline({ ...sys.stack.urls, condoit: sys.sim.url }, `masterbus_bench_plain_${size}`);
    const orchestrated: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r <= runs; r++) {
      // Orchestrated: the API's POST to the status the API reports as completed (ThreatMap's view).
      const id = facilityIds[r]!;
      const t0 = performance.now();
      const res = await sys.api(`/v1/facilities/${id}/assessments`, { method: 'POST' });
      if (res.status !== 202) throw new Error(`start ${id}: ${res.status} ${await res.text()}`);
      const body = await sys.waitFor(res.headers.get('location')!);
      const ms = performance.now() - t0;
      if (body.status !== 'completed') throw new Error(`assessment of ${id} ended ${String(body.status)}: ${JSON.stringify(body)}`);
      const count = (body.result as { equipment_count: number } | null)?.equipment_count;
      if (count !== size) throw new Error(`assessment of ${id} scored ${count} equipment, expected ${size}`);
      // Baseline: the same work for another facility of the same size, in this process, no Temporal.
      const b0 = performance.now();
      const scored = await plain.assess(facilityIds[runs + 1 + r]!);
      const bms = performance.now() - b0;
      if (scored !== size) throw new Error(`baseline scored ${scored}, expected ${size}`);
      if (r > 0 || runs === 1) {
        orchestrated.push(ms);
        baseline.push(bms);
      }
      log(
        `${size} equipment, run ${r}${r === 0 && runs > 1 ? ' (warm-up)' : ''}: ${seconds(ms)} s orchestrated, ${seconds(bms)} s baseline`,
      );
    }
    await plain.close();
    const m = median(orchestrated);
    const b = median(baseline);
    rows.push({
      equipment: size,
      runs: orchestrated.length,
      'median s': seconds(m),
      'min s': seconds(Math.min(...orchestrated)),
      'equipment/s': size / (m / 1000),
      'baseline median s': seconds(b),
      'x baseline': m / b,
      'Temporal + API share s': seconds(m - b),
    });
  }
  console.log(`\nSingle-facility benchmark: POST to completed, ${new Date().toISOString()}\n`);
  printTable(rows);
  const thousand = rows.find((r) => r.equipment === 1000);
  if (thousand) {
    const s = Number(thousand['median s']);
    console.log(`\n1,000 equipment end to end: ${s} s (goal < 1 s) — ${s < 1 ? 'met' : 'NOT met'}`);
  }
} finally {
  await sys.close();
}
