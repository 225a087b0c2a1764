/**
 * The facility risk score, ½ · mean(equipment scores) + ½ · mean(worst share), over many equipment scores and
 * over "what if" variants where an action replaces some of them — without sorting them each time.
 *
 * Equipment scores are rounded to 0.1 in [0, 100], so they are counted in a 1001-bucket histogram of integer
 * tenths. Walking the buckets from the top visits the scores in exactly the order a descending sort would
 * (equal scores are indistinguishable), so adding them up in that walk gives bit-for-bit the sums the sort-based
 * formula gave: floating-point sums depend on the order of their terms, and this order is unchanged. A what-if
 * variant copies the histogram and moves the replaced scores between buckets. Any score that is not such a
 * tenth (never produced by the model, but add() accepts any assessment) switches to the sort-based formula.
 */
const BUCKETS = 1001;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The bucket of a score, or -1 when the score is not a tenth in [0, 100] whose bucket gives it back exactly. */
function bucketOf(score: number): number {
  const t = Math.round(score * 10);
  return t >= 0 && t < BUCKETS && t / 10 === score ? t : -1;
}

export class ScoreTally {
  /** Every score in arrival order (replacements refer to these indices). */
  readonly scores: number[] = [];
  private readonly counts = new Int32Array(BUCKETS);
  private exact = true;

  constructor(private readonly worstShare: number) {}

  add(score: number): number {
    const t = bucketOf(score);
    if (t < 0) this.exact = false;
    else this.counts[t]! += 1;
    return this.scores.push(score) - 1;
  }

  /** Facility score, with the scores at `indices[j]` replaced by `replacements[j]` when given. */
  scoreOf(indices: readonly number[] = [], replacements: readonly number[] = []): number {
    const n = this.scores.length;
    if (n === 0) return 0;
    const k = Math.max(1, Math.ceil(n * this.worstShare));
    const counts = this.exact ? this.replacedCounts(indices, replacements) : null;
    return counts ? fromCounts(counts, n, k) : this.bySorting(indices, replacements, n, k);
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

  /** The reference formula: sort descending, then sum all and the worst k in that order. */
  private bySorting(indices: readonly number[], replacements: readonly number[], n: number, k: number): number {
    const values = [...this.scores];
    for (let j = 0; j < indices.length; j++) values[indices[j]!] = replacements[j]!;
    values.sort((x, y) => y - x);
    let sum = 0;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      sum += values[i]!;
      if (i < k) worst += values[i]!;
    }
    return round1(0.5 * (sum / n) + 0.5 * (worst / k));
  }
}

/** The reference formula's sums, term by term in descending order, read off the histogram. */
function fromCounts(counts: Int32Array, n: number, k: number): number {
  let sum = 0;
  let worst = 0;
  let i = 0;
  for (let t = BUCKETS - 1; t >= 0; t--) {
    const v = t / 10;
    for (let c = counts[t]!; c > 0; c--, i++) {
      sum += v;
      if (i < k) worst += v;
    }
  }
  return round1(0.5 * (sum / n) + 0.5 * (worst / k));
}
