/**
 * The plan: the smallest set of the facility's priority actions that brings its risk score below High — cheapest
 * cost class first (a set costs its dearest action's class), then fewest actions — with the score after each step.
 *
 * A set's score is exact: every affected item is re-scored with the factors all of the set's actions fix made
 * neutral at once (not the single-action scores added up), and the facility score is read off the tally.
 * Only items at Medium or worse can keep a facility High (below the breadth score they add nothing), so only they
 * are kept for re-scoring. The search tries every set of each size in turn within a cost class; when the sets
 * would take more than `MODEL.plan.searchBudget` re-scorings it builds the set greedily instead (largest
 * reduction first) and says so.
 */
import { actionMask, type ActionName } from './equipment-actions.js';
import { riskLevelFor } from './equipment-assessment.js';
import type { ScoreTally } from './facility-score.js';
import { MODEL } from './model-table.js';
import type { RiskLevel } from './read-models.js';
import { riskScoreWith, type RiskInputs, type ScoreParts } from './risk-inputs.js';

export type CostClass = 'Low' | 'Medium' | 'High';
const COST_ORDER: readonly CostClass[] = ['Low', 'Medium', 'High'];
const [, HIGH_FROM] = MODEL.scoring.ratingBands.value;

/** An item that can keep the facility High, with the actions that apply to it. */
export interface PlanItem {
  index: number;
  inputs: RiskInputs;
  parts: ScoreParts;
  actions: readonly ActionName[];
}

export interface PlanStep {
  action_id: ActionName;
  action: string;
  estimated_cost: CostClass;
  risk_score_after: number;
  risk_level_after: RiskLevel;
}

export interface ActionPlan {
  target: 'below High';
  reachable: boolean;
  search: 'exhaustive' | 'greedy';
  steps: PlanStep[];
  risk_score_after: number;
  /** When the target cannot be reached: why. */
  reason: string | null;
}

interface Candidate {
  name: ActionName;
  cost: CostClass;
  text: string;
}

/**
 * Facility scores of action sets (bit k = candidates[k]), remembered: each item keeps its score per subset of its
 * own actions, and an evaluation visits only the items the set's actions apply to.
 */
class SetScorer {
  private readonly own: Int32Array;
  private readonly byCandidate: number[][];
  private readonly perItem: Map<number, number>[];
  private readonly seen: Int32Array;
  private round = 0;
  private readonly scores = new Map<number, number>();
  rescorings = 0;

  constructor(
    private readonly tally: ScoreTally,
    private readonly items: readonly PlanItem[],
    private readonly candidates: readonly Candidate[],
  ) {
    this.own = new Int32Array(items.length);
    this.byCandidate = candidates.map(() => []);
    this.perItem = items.map(() => new Map());
    this.seen = new Int32Array(items.length);
    items.forEach((item, pos) => {
      candidates.forEach((c, k) => {
        if (item.actions.includes(c.name)) {
          this.own[pos]! |= 1 << k;
          this.byCandidate[k]!.push(pos);
        }
      });
    });
  }

  /** How many items a set's actions apply to. */
  affected(set: number): number {
    this.round += 1;
    let n = 0;
    for (let k = 0; k < this.candidates.length; k++)
      if (set & (1 << k))
        for (const pos of this.byCandidate[k]!)
          if (this.seen[pos] !== this.round) {
            this.seen[pos] = this.round;
            n += 1;
          }
    return n;
  }

  score(set: number): number {
    const known = this.scores.get(set);
    if (known !== undefined) return known;
    this.round += 1;
    const indices: number[] = [];
    const after: number[] = [];
    for (let k = 0; k < this.candidates.length; k++) {
      if (!(set & (1 << k))) continue;
      for (const pos of this.byCandidate[k]!) {
        if (this.seen[pos] === this.round) continue;
        this.seen[pos] = this.round;
        const key = this.own[pos]! & set;
        let s = this.perItem[pos]!.get(key);
        if (s === undefined) {
          let mask = 0;
          for (let j = 0; j < this.candidates.length; j++) if (key & (1 << j)) mask |= actionMask[this.candidates[j]!.name];
          const item = this.items[pos]!;
          s = riskScoreWith(item.inputs, mask, item.parts);
          this.perItem[pos]!.set(key, s);
          this.rescorings += 1;
        }
        indices.push(this.items[pos]!.index);
        after.push(s);
      }
    }
    const score = indices.length ? this.tally.scoreOf(indices, after) : this.tally.scoreOf();
    this.scores.set(set, score);
    return score;
  }

  /** The item's score with every candidate action that applies to it (`now` when none does); after score(all). */
  allApplied(pos: number, now: number): number {
    return this.perItem[pos]!.get(this.own[pos]!) ?? now;
  }
}

export function planActions(
  tally: ScoreTally,
  items: readonly PlanItem[],
  candidates: readonly Candidate[],
  ids: (index: number) => string,
): ActionPlan {
  const now = tally.scoreOf();
  if (now < HIGH_FROM)
    return { target: 'below High', search: 'exhaustive', reason: null, reachable: true, steps: [], risk_score_after: now };
  const scorer = new SetScorer(tally, items, candidates);
  const budget = MODEL.plan.searchBudget.value;
  const bitsOf = (cost: number) => candidates.reduce((m, c, k) => (COST_ORDER.indexOf(c.cost) <= cost ? m | (1 << k) : m), 0);

  for (let tier = 0; tier < COST_ORDER.length; tier++) {
    const allowed = bitsOf(tier);
    if (allowed === 0 || scorer.score(allowed) >= HIGH_FROM) continue;
    const pool = bitList(allowed);
    const perSet = Math.max(1, scorer.affected(allowed));
    for (let size = 1; size <= pool.length; size++) {
      if (combinations(pool.length, size) * perSet > budget - scorer.rescorings)
        return finish(greedy(pool, scorer, HIGH_FROM), scorer, candidates, 'greedy', null);
      const found = firstSet(pool, size, (set) => scorer.score(set) < HIGH_FROM);
      if (found !== null) return finish(greedy(bitList(found), scorer, HIGH_FROM), scorer, candidates, 'exhaustive', null);
    }
  }
  // Unreachable: every action, greedily ordered, and what still holds the facility up.
  const all = (1 << candidates.length) - 1;
  const order = greedy(bitList(all), scorer, -Infinity);
  const after = scorer.score(all);
  let worst = -1;
  let worstScore = -1;
  const byIndex = new Map(items.map((item, pos) => [item.index, pos]));
  for (let k = 0; k < tally.scores.length; k++) {
    const pos = byIndex.get(k);
    const s = pos === undefined ? tally.scores[k]! : scorer.allApplied(pos, tally.scores[k]!);
    if (s > worstScore) [worst, worstScore] = [k, s];
  }
  const n = candidates.length;
  const reason =
    `Even with ${n > 1 ? `all ${n} proposed actions` : n ? 'the one proposed action' : 'no action proposed'} the facility scores ${after} (${riskLevelFor(after)}): ` +
    `${ids(worst)} still scores ${worstScore}, from what no proposed action removes (its class, age or arc-flash energy)`;
  return finish(order, scorer, candidates, 'exhaustive', reason);
}

/** The steps, in the greedy order given: each with the score once it and the ones before are done. */
function finish(
  order: readonly number[],
  scorer: SetScorer,
  candidates: readonly Candidate[],
  search: ActionPlan['search'],
  reason: string | null,
): ActionPlan {
  const steps: PlanStep[] = [];
  let set = 0;
  for (const k of order) {
    set |= 1 << k;
    const c = candidates[k]!;
    const score = scorer.score(set);
    steps.push({
      action_id: c.name,
      action: c.text,
      estimated_cost: c.cost,
      risk_score_after: score,
      risk_level_after: riskLevelFor(score),
    });
  }
  return { target: 'below High', reachable: reason === null, search, steps, risk_score_after: scorer.score(set), reason };
}

/**
 * Adds the action that lowers the score most until it is below `target` (or all of `pool` is in): the step order.
 * When that would re-score more than the budget allows (k²/2 sets over a large facility), the actions go in the
 * order of their own effect instead (k sets).
 */
function greedy(pool: readonly number[], scorer: SetScorer, target: number): number[] {
  const k = pool.length;
  const poolSet = pool.reduce((m, b) => m | (1 << b), 0);
  if (((k * (k + 1)) / 2) * scorer.affected(poolSet) > MODEL.plan.searchBudget.value) {
    const byEffect = [...pool].sort((a, b) => scorer.score(1 << a) - scorer.score(1 << b) || a - b);
    const chosen: number[] = [];
    let set = 0;
    for (const b of byEffect) {
      chosen.push(b);
      set |= 1 << b;
      if (scorer.score(set) < target) break;
    }
    return chosen;
  }
  const chosen: number[] = [];
  const left = [...pool];
  let set = 0;
  while (left.length) {
    let best = 0;
    let bestScore = Infinity;
    for (let i = 0; i < left.length; i++) {
      const s = scorer.score(set | (1 << left[i]!));
      if (s < bestScore) [best, bestScore] = [i, s];
    }
    const k = left.splice(best, 1)[0]!;
    chosen.push(k);
    set |= 1 << k;
    if (bestScore < target) break;
  }
  return chosen;
}

const bitList = (set: number): number[] => {
  const out: number[] = [];
  for (let k = 0; 1 << k <= set; k++) if (set & (1 << k)) out.push(k);
  return out;
};

function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** The first k-subset of `pool` (in lexicographic order of positions) that satisfies `ok`, as a bit set. */
function firstSet(pool: readonly number[], k: number, ok: (set: number) => boolean): number | null {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    let set = 0;
    for (const i of idx) set |= 1 << pool[i]!;
    if (ok(set)) return set;
    let i = k - 1;
    while (i >= 0 && idx[i] === pool.length - k + i) i--;
    if (i < 0) return null;
    idx[i]! += 1;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}
