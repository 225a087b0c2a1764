/**
 * The facility risk score, built so that one bad item is never averaged away:
 *   F = 100 · (1 − (1 − r₁) · Π_{i ≥ 2, sᵢ ≥ breadthFromScore} (1 − w · rᵢ)),   rᵢ = sᵢ / 100, r₁ the worst item,
 * then at least the floor of the worst item's rating (a Critical item: never below High). F is never below the
 * worst item's score, adding an item or making one worse never lowers it, and Low items add nothing — so a
 * large clean facility is not risky for its size.
 *
 * Equipment scores are rounded to 0.1 in [0, 100], so they are counted in a 1001-bucket histogram of integer
 * tenths; the facility score and every "what if" variant (some scores replaced by an action's) are read off it in
 * one walk, without sorting. Any score that is not such a tenth (never produced by the model) switches to the
 * direct formula over the scores.
 */
import { MODEL } from './model-table.js';
import type { RiskLevel } from './read-models.js';

const BUCKETS = 1001;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The bucket of a score, or -1 when the score is not a tenth in [0, 100] whose bucket gives it back exactly. */
function bucketOf(score: number): number {
  const t = Math.round(score * 10);
  return t >= 0 && t < BUCKETS && t / 10 === score ? t : -1;
}

const [MEDIUM, HIGH, CRITICAL] = MODEL.scoring.ratingBands.value;
const bandStart: Record<RiskLevel, number> = { Low: 0, Medium: MEDIUM, High: HIGH, Critical: CRITICAL };

/** The floor the worst item's rating sets (MODEL.facility.floors). */
export function floorFor(worst: number): number {
  const floors: Partial<Record<RiskLevel, RiskLevel>> = MODEL.facility.floors.value;
  const level: RiskLevel = worst >= CRITICAL ? 'Critical' : worst >= HIGH ? 'High' : worst >= MEDIUM ? 'Medium' : 'Low';
  const floor = floors[level];
  return floor ? bandStart[floor] : 0;
}

/** The formula over plain scores (the reference the histogram walk reproduces). */
export function facilityScoreOf(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const w = MODEL.facility.breadthWeight.value;
  const from = MODEL.facility.breadthFromScore.value;
  let worstIndex = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[worstIndex]!) worstIndex = i;
  const worst = scores[worstIndex]!;
  let logRest = 0;
  for (let i = 0; i < scores.length; i++) if (i !== worstIndex && scores[i]! >= from) logRest += Math.log1p((-w * scores[i]!) / 100);
  return finish(worst, logRest);
}

function finish(worst: number, logRest: number): number {
  const f = 100 * (1 - (1 - worst / 100) * Math.exp(logRest));
  return round1(Math.min(100, Math.max(f, worst, floorFor(worst))));
}

/** log(1 − w·t/1000) per bucket, computed once. */
const LOG_TERM = Float64Array.from({ length: BUCKETS }, (_, t) => Math.log1p((-MODEL.facility.breadthWeight.value * t) / 1000));
const FROM_BUCKET = Math.round(MODEL.facility.breadthFromScore.value * 10);

export class ScoreTally {
  /** Every score in arrival order (replacements refer to these indices). */
  readonly scores: number[] = [];
  private readonly counts = new Int32Array(BUCKETS);
  private exact = true;

  add(score: number): number {
    const t = bucketOf(score);
    if (t < 0) this.exact = false;
    else this.counts[t]! += 1;
    return this.scores.push(score) - 1;
  }

  /** Facility score, with the scores at `indices[j]` replaced by `replacements[j]` when given. */
  scoreOf(indices: readonly number[] = [], replacements: readonly number[] = []): number {
    if (this.scores.length === 0) return 0;
    const counts = this.exact ? this.replacedCounts(indices, replacements) : null;
    if (counts) return fromCounts(counts);
    const values = [...this.scores];
    for (let j = 0; j < indices.length; j++) values[indices[j]!] = replacements[j]!;
    return facilityScoreOf(values);
  }

  private replacedCounts(indices: readonly number[], replacements: readonly number[]): Int32Array | null {
    if (indices.length === 0) return this.counts;
    const counts = this.counts.slice();
    for (let j = 0; j < indices.length; j++) {
      const to = bucketOf(replacements[j]!);
      if (to < 0) return null;
      counts[bucketOf(this.scores[indices[j]!]!)]! -= 1;
      counts[to]! += 1;
    }
    return counts;
  }
}

/** The formula read off the histogram: the top bucket is the worst item; every other item from the breadth bucket up adds. */
function fromCounts(counts: Int32Array): number {
  let top = BUCKETS - 1;
  while (top > 0 && counts[top] === 0) top--;
  let logRest = 0;
  for (let t = top; t >= FROM_BUCKET; t--) {
    const c = t === top ? counts[t]! - 1 : counts[t]!;
    if (c > 0) logRest += c * LOG_TERM[t]!;
  }
  return finish(top / 10, logRest);
}
