/**
 * What a first assessment's reconstructed trend costs (activities/reconstruct-trend.ts): the same snapshot scored
 * at 11 earlier month ends with the records as they stood (domain/records-as-of.ts), against the one scoring
 * every assessment does. In one process, scoring only (the snapshot's chunks are in memory here; the activity
 * reads them again by _id from MongoDB for each month: 11 × ceil(N / 500) reads).
 *
 *   npm run bench:trend-reconstruction                  # 1,000 equipment, 5 runs
 *   npm run bench:trend-reconstruction -- --size 10000 --runs 3
 *   npm run bench:trend-reconstruction -- --smoke
 * Exit code 0 whatever the figures; non-zero only on an exception.
 */
import { performance } from 'node:perf_hooks';
import type { Equipment } from '../condoit/schema.js';
import { defaultShape, generateEquipment, generateFacility } from '../condoit/simulator/generator.js';
import { modelFacility } from '../store/model-inputs.js';
import { reconstructTrend } from '../activities/reconstruct-trend.js';
import { scoreSnapshot } from '../results/score-snapshot.js';
import type { SnapshotDoc } from '../store/documents.js';
import { SNAPSHOT_CHUNK_SIZE, type SnapshotRepository } from '../store/snapshot-repository.js';
import { parseBenchArgs } from './support/bench-args.js';
import { printTable } from './support/print-table.js';

const args = parseBenchArgs(process.argv.slice(2), ['size', 'runs']);
const size = args.smoke ? 200 : args.int('size', 1_000);
const runs = args.smoke ? 1 : args.int('runs', 5);
const AS_OF = Date.parse('2026-11-27T00:00:00.000Z');

const shape = { ...defaultShape, facilityCount: 1, equipmentMin: size, equipmentMax: size };
const facility = generateFacility(0, shape);
const equipment: Equipment[] = Array.from({ length: size }, (_, j) => generateEquipment(0, j, shape));
const chunks: Equipment[][] = [];
for (let i = 0; i < size; i += SNAPSHOT_CHUNK_SIZE) chunks.push(equipment.slice(i, i + SNAPSHOT_CHUNK_SIZE));
// The snapshot as the activity sees it, with its chunks in memory (the JSON text parsed per read, as from MongoDB).
const texts = chunks.map((c) => JSON.stringify(c));
async function* fromText(): AsyncGenerator<Equipment[]> {
  for (const t of texts) yield JSON.parse(t) as Equipment[];
}
const snapshots = { equipmentChunks: fromText } as unknown as SnapshotRepository;
const header = { _id: `${facility.id}:bench`, chunk_count: chunks.length, facility } as SnapshotDoc;
const model = modelFacility(facility);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
async function time(fn: () => Promise<unknown>): Promise<{ median: number; min: number }> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { median: median(ms), min: Math.min(...ms) };
}

const once = await time(() => scoreSnapshot(model, fromText(), AS_OF));
const months = await time(() => reconstructTrend(snapshots, header, model, AS_OF));
const points = (await reconstructTrend(snapshots, header, model, AS_OF)).length;
console.log(`[bench] ${size} equipment, ${runs} runs, as of ${new Date(AS_OF).toISOString().slice(0, 10)}`);
printTable([
  { step: 'one scoring (every assessment)', 'median ms': once.median.toFixed(1), 'min ms': once.min.toFixed(1) },
  { step: `reconstructed trend (${points} points)`, 'median ms': months.median.toFixed(1), 'min ms': months.min.toFixed(1) },
]);
