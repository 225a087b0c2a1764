/**
 * Scoring benchmark: how much does scoring a facility cost compared with merely parsing its Condoit payload?
 *
 * Generates one facility of N equipment with the simulator, serializes it as the Condoit payload (a JSON array of
 * equipment records), then, in this one process, times:
 *   (a) JSON.parse of the payload text                                   — the baseline
 *   (b) JSON.parse + zod validation of every record (what the Condoit client does)
 *   (c) scoring: assessEquipment for every record + FacilityAccumulator.add + finish()
 *   (d) scoring + the stored read models (equipmentListItem + equipmentDetail per record)
 *   (e) the explanations alone: the exact attribution (score-attribution.ts) of every record, its model inputs
 *       computed beforehand — part of (c); reported beside the rest of scoring as a ratio
 * Each step runs once to warm up, then `--runs` times (default 5); the median and the minimum are reported.
 *
 *   npm run bench:scoring                      # 100,000 equipment
 *   npm run bench:scoring -- --smoke           # 2,000 equipment (seconds)
 *   npm run bench:scoring -- --size 20000 --runs 3
 *   BENCH_SIZE=50000 npm run bench:scoring
 *   npm run bench:scoring -- --only c          # run only some steps (e.g. under --cpu-prof)
 *
 * Single-threaded: equipment/s is per core. Exit code 0 whatever the figures; non-zero only on an exception.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { zEquipment, type Equipment, type Facility } from '../condoit/schema.js';
import { defaultShape, generateEquipment, generateFacility, type PortfolioShape } from '../condoit/simulator/generator.js';
import { assessEquipment } from '../domain/equipment-assessment.js';
import { equipmentDetail, equipmentListItem } from '../domain/equipment-read-model.js';
import { FacilityAccumulator } from '../domain/facility-assessment.js';
import type { RiskInputs } from '../domain/risk-inputs.js';
import { attributeScore } from '../domain/score-attribution.js';
import { formatTable as table } from './support/print-table.js';

const DEFAULT_SIZE = 100_000;
const SMOKE_SIZE = 2_000;
const DEFAULT_RUNS = 5;
/** Fixed "now" for the assessment, so every run scores exactly the same thing (data is laid out before 2026-11-01). */
const AS_OF_ISO = '2026-11-27T00:00:00.000Z';

type StepKey = 'a' | 'b' | 'c' | 'd' | 'e';
const stepNames: Record<StepKey, string> = {
  a: '(a) JSON.parse',
  b: '(b) JSON.parse + zod',
  c: '(c) scoring',
  d: '(d) scoring + read models',
  e: '(e) explanations alone',
};

interface Options {
  size: number;
  runs: number;
  only: Set<StepKey>;
}

function positiveInt(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  let size = env.BENCH_SIZE ? positiveInt(env.BENCH_SIZE, 'BENCH_SIZE') : DEFAULT_SIZE;
  let runs = DEFAULT_RUNS;
  let only = new Set<StepKey>(['a', 'b', 'c', 'd', 'e']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--smoke') size = SMOKE_SIZE;
    else if (flag === '--size') size = positiveInt(value(), '--size');
    else if (flag === '--runs') runs = positiveInt(value(), '--runs');
    else if (flag === '--only') {
      const keys = (value() ?? '').split(',').map((k) => k.trim());
      if (!keys.length || keys.some((k) => !(k in stepNames))) throw new Error(`--only takes a comma-separated list of a, b, c, d, e`);
      only = new Set(keys as StepKey[]);
    } else throw new Error(`unknown argument ${arg} (use --size N, --smoke, --runs N, --only a,b,c,d,e)`);
  }
  return { size, runs, only };
}

/** A real gc() between runs keeps one run's garbage out of the next run's timing (best effort). */
function exposeGc(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // not available: runs simply share the collector's work
  }
  return () => {};
}

interface Timing {
  median: number;
  min: number;
  samples: number[];
}

/** Values the steps return are summed here so that no work can be optimized away. */
let sink = 0;

function measure(fn: () => number, runs: number, gc: () => void): Timing {
  gc();
  sink += fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    sink += fn();
    samples.push(performance.now() - t0);
  }
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, samples };
}

function payloadText(size: number, shape: PortfolioShape): string {
  const parts: string[] = new Array<string>(size);
  for (let j = 0; j < size; j++) parts[j] = JSON.stringify(generateEquipment(0, j, shape));
  return `[${parts.join(',')}]`;
}

function parseAndValidate(text: string): { valid: Equipment[]; invalid: number } {
  const raw = JSON.parse(text) as unknown[];
  const valid: Equipment[] = [];
  let invalid = 0;
  for (const r of raw) {
    // safeParse, as condoit/client.ts does: invalid records become data-quality issues, not exceptions.
    const parsed = zEquipment.safeParse(r);
    if (parsed.success) valid.push(parsed.data);
    else invalid += 1;
  }
  return { valid, invalid };
}

function score(records: readonly Equipment[], facility: Facility, asOf: number, at: string): number {
  const acc = new FacilityAccumulator(facility, asOf, at);
  for (const e of records) acc.add(assessEquipment(e, facility, asOf));
  const out = acc.finish();
  return out.listItem.risk_score + out.risks.risk_recommendation.priority_actions.length;
}

function scoreWithReadModels(records: readonly Equipment[], facility: Facility, asOf: number, at: string): number {
  const acc = new FacilityAccumulator(facility, asOf, at);
  let check = 0;
  for (const e of records) {
    const a = assessEquipment(e, facility, asOf);
    acc.add(a);
    // As activities/create-activities.ts does; the documents are written per chunk there, so not kept here.
    const item = equipmentListItem(a, at);
    const detail = equipmentDetail(a, facility, at, at);
    check += item.risk_factors.length + detail.service_history.length;
  }
  const out = acc.finish();
  return out.listItem.risk_score + check;
}

/** Step (e): every record's exact attribution from its model inputs (what step (c) spends on explanations). */
function explainAll(all: readonly RiskInputs[]): number {
  let check = 0;
  for (const i of all) check += attributeScore(i).baseline;
  return check;
}

const fmtMs = (ms: number) => ms.toFixed(1);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const gc = exposeGc();
  const shape: PortfolioShape = { ...defaultShape, facilityCount: 1, equipmentMin: opts.size, equipmentMax: opts.size };
  const asOf = Date.parse(AS_OF_ISO);
  const at = new Date(asOf).toISOString();
  const cpu = cpus();

  console.log(`MasterBus scoring benchmark`);
  console.log(
    `node ${process.version} (${process.platform}/${process.arch}), ${cpu.length} cores: ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
  );
  console.log(
    `size: ${fmtInt(opts.size)} equipment in one facility; ${opts.runs} run${opts.runs === 1 ? '' : 's'} after 1 warm-up per step; as of ${AS_OF_ISO}`,
  );

  const g0 = performance.now();
  const facility = generateFacility(0, shape);
  const text = payloadText(opts.size, shape);
  const g1 = performance.now();
  console.log(
    `payload: ${(Buffer.byteLength(text) / 1_048_576).toFixed(1)} MiB of JSON (${fmtInt(Buffer.byteLength(text) / opts.size)} bytes/equipment), generated in ${fmtMs(g1 - g0)} ms (not timed below)`,
  );

  console.log('');

  // (a) and (b) run before the validated records exist, so their garbage collections do not also have to mark
  // a whole facility of live records; (c) and (d) then score those records, parsed and validated once, untimed.
  let records: Equipment[] = [];
  let inputs: RiskInputs[] = [];
  const results = new Map<StepKey, Timing>();
  const steps: Record<StepKey, () => number> = {
    a: () => (JSON.parse(text) as unknown[]).length,
    b: () => parseAndValidate(text).valid.length,
    c: () => score(records, facility, asOf, at),
    d: () => scoreWithReadModels(records, facility, asOf, at),
    e: () => explainAll(inputs),
  };
  for (const key of ['a', 'b', 'c', 'd', 'e'] as const) {
    if (!opts.only.has(key)) continue;
    if (key === 'e') inputs = records.map((r) => assessEquipment(r, facility, asOf).inputs);
    if ((key === 'c' || key === 'd' || key === 'e') && !records.length) {
      const { valid, invalid } = parseAndValidate(text);
      if (invalid) throw new Error(`${invalid} generated records fail the Condoit contract`);
      records = valid;
    }
    process.stdout.write(`  timing ${stepNames[key]} ...`);
    const t = measure(steps[key], opts.runs, gc);
    results.set(key, t);
    process.stdout.write(` runs: ${t.samples.map(fmtMs).join(', ')} ms\n`);
  }

  const base = results.get('a');
  const rows = [['step', 'median ms', 'min ms', 'equipment/s (1 core)', 'x JSON.parse']];
  for (const [key, t] of results) {
    rows.push([
      stepNames[key],
      fmtMs(t.median),
      fmtMs(t.min),
      fmtInt(opts.size / (t.median / 1000)),
      base ? (t.median / base.median).toFixed(2) : 'n/a',
    ]);
  }
  console.log('');
  console.log(table(rows));
  console.log('');

  const scoring = results.get('c');
  if (base && scoring) {
    const ratio = scoring.median / base.median;
    console.log(`(scoring/JSON.parse by min ms: ${(scoring.min / base.min).toFixed(2)} — less sensitive to other load on the machine)`);
    console.log(`scoring/JSON.parse ratio: ${ratio.toFixed(2)} (goal < 1.0: scoring costs less than parsing its input)`);
    if (opts.size < 100_000)
      console.log(`(size ${opts.size}: too small for a verdict — JIT warm-up dominates; the goal is judged at 100,000)`);
    else
      console.log(
        ratio < 1
          ? `verdict: goal met — scoring is ${(1 / ratio).toFixed(2)}x faster than JSON.parse of its input`
          : `verdict: goal NOT met — scoring is ${ratio.toFixed(2)}x the cost of JSON.parse of its input`,
      );
  } else {
    console.log('scoring/JSON.parse ratio: n/a (needs steps a and c)');
  }
  const explanations = results.get('e');
  if (scoring && explanations) {
    const per = (t: Timing) => (t.median * 1000) / opts.size;
    console.log(
      `explanations: ${per(explanations).toFixed(2)} µs/equipment beside ${(per(scoring) - per(explanations)).toFixed(2)} µs/equipment for the rest of scoring: ratio ${(explanations.median / (scoring.median - explanations.median)).toFixed(2)} (${((explanations.median / scoring.median) * 100).toFixed(0)} % of scoring)`,
    );
  }
  if (sink === Number.MIN_VALUE) console.log(''); // keeps `sink` observable
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
}
