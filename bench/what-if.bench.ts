/**
 * What-if benchmark: how long does POST …/what-if take to re-score a facility with actions applied, beside
 * scoring it in the first place (the baseline, in the same run)?
 *
 * One simulator facility of N equipment (default 10,000), laid out as the snapshot's chunks store it (JSON text of
 * 500 records each), then, in this process, timed after one warm-up:
 *   (a) reading the chunks: JSON.parse of every chunk text            — what the store hands over
 *   (b) scoring: assessEquipment + FacilityAccumulator (the assessment itself, plan included)
 *   (c) what-if, no action                                            — must equal (b)'s result, bit for bit
 *   (d) what-if, the two priority actions that lower the score most
 *   (e) what-if, every priority action
 * Goal (issue #16): what-if "seconds at most" for 10,000 equipment. The MongoDB round trips of the chunk reads
 * (20 reads by _id for 10,000 equipment) are not in these figures: bench/single-facility.bench.ts measures the store.
 *
 *   npm run bench:what-if                   # 10,000 equipment, 3 runs
 *   npm run bench:what-if -- --size 2000 --runs 5
 *   npm run bench:what-if -- --smoke        # 500 equipment, 1 run
 */
import { performance } from 'node:perf_hooks';
import type { Equipment } from '../condoit/schema.js';
import { defaultShape, generateEquipment, generateFacility, type PortfolioShape } from '../condoit/simulator/generator.js';
import type { ActionName } from '../domain/equipment-actions.js';
import { assessEquipment } from '../domain/equipment-assessment.js';
import { FacilityAccumulator, type FacilityOutcome } from '../domain/facility-assessment.js';
import { WhatIf, type WhatIfAction } from '../domain/what-if.js';
import { SNAPSHOT_CHUNK_SIZE } from '../store/snapshot-repository.js';
import { parseBenchArgs } from './support/bench-args.js';
import { formatTable } from './support/print-table.js';

const AS_OF = Date.parse('2026-11-27T00:00:00.000Z');
const AT = new Date(AS_OF).toISOString();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time<T>(fn: () => T, runs: number): { ms: number; value: T } {
  let value = fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), value };
}

function main(): void {
  const args = parseBenchArgs(process.argv.slice(2), ['size', 'runs']);
  const size = args.smoke ? 500 : args.int('size', 10_000);
  const runs = args.smoke ? 1 : args.int('runs', 3);
  const shape: PortfolioShape = { ...defaultShape, facilityCount: 1, equipmentMin: size, equipmentMax: size };
  const facility = generateFacility(0, shape);
  const chunks: string[] = [];
  for (let k = 0; k * SNAPSHOT_CHUNK_SIZE < size; k++) {
    const part: Equipment[] = [];
    for (let j = k * SNAPSHOT_CHUNK_SIZE; j < Math.min(size, (k + 1) * SNAPSHOT_CHUNK_SIZE); j++) part.push(generateEquipment(0, j, shape));
    chunks.push(JSON.stringify(part));
  }
  console.log(
    `MasterBus what-if benchmark: ${size.toLocaleString('en-US')} equipment in ${chunks.length} snapshot chunks; ${runs} run(s) after a warm-up`,
  );

  const read = (): Equipment[] => chunks.flatMap((c) => JSON.parse(c) as Equipment[]);
  const records = read();
  const score = (): FacilityOutcome => {
    const acc = new FacilityAccumulator(facility, AS_OF, AT);
    for (const e of records) acc.add(assessEquipment(e, facility, AS_OF));
    return acc.finish();
  };
  const whatIf = (actions: WhatIfAction[]) => (): FacilityOutcome => {
    const w = new WhatIf(actions);
    const acc = new FacilityAccumulator(facility, AS_OF, AT);
    for (const e of records) acc.add(w.assess(e, facility, AS_OF));
    return acc.finish();
  };

  const a = time(read, runs);
  const b = time(score, runs);
  const priority = b.value.risks.risk_recommendation.priority_actions;
  const lowering = [...priority].sort((x, y) => y.risk_reduction - x.risk_reduction).map((p) => ({ id: p.id as ActionName }));
  const c = time(whatIf([]), runs);
  if (JSON.stringify(c.value) !== JSON.stringify(b.value)) throw new Error('what-if with no action differs from the assessment');
  const d = time(whatIf(lowering.slice(0, 2)), runs);
  const e = time(whatIf(lowering), runs);

  const row = (name: string, t: { ms: number; value?: unknown }, score?: number) => [
    name,
    t.ms.toFixed(0),
    (t.ms / b.ms).toFixed(2),
    score === undefined ? '' : String(score),
  ];
  console.log('');
  console.log(
    formatTable([
      ['step', 'median ms', 'x scoring', 'facility score'],
      row('(a) read the chunks (JSON.parse)', a),
      row('(b) scoring (the baseline)', b, b.value.risks.risk_summary.risk_score),
      row('(c) what-if, no action', c, c.value.risks.risk_summary.risk_score),
      row(`(d) what-if, ${Math.min(2, lowering.length)} priority actions`, d, d.value.risks.risk_summary.risk_score),
      row(`(e) what-if, all ${lowering.length} priority actions`, e, e.value.risks.risk_summary.risk_score),
    ]),
  );
  console.log('');
  const worst = Math.max(c.ms, d.ms, e.ms) + a.ms;
  console.log(
    `what-if at ${size.toLocaleString('en-US')} equipment: at most ${(worst / 1000).toFixed(2)} s of CPU with the chunk parse (goal: seconds at most for 10,000)`,
  );
  console.log('(c) equals (b) bit for bit: checked');
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
}
