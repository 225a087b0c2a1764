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

export function planActions(
  tally: ScoreTally,
  items: readonly PlanItem[],
  candidates: readonly Candidate[],
  ids: (index: number) => string,
): ActionPlan {
  const now = tally.scoreOf();
  const base = { target: 'below High' as const, search: 'exhaustive' as const, reason: null };
  if (now < HIGH_FROM) return { ...base, reachable: true, steps: [], risk_score_after: now };
  let rescorings = 0;
  const scoreWith = (set: readonly ActionName[]): number => {
    const indices: number[] = [];
    const after: number[] = [];
    for (const item of items) {
      let mask = 0;
      for (const a of item.actions) if (set.includes(a)) mask |= actionMask[a];
      if (mask === 0) continue;
      rescorings += 1;
      indices.push(item.index);
      after.push(riskScoreWith(item.inputs, mask, item.parts));
    }
    return tally.scoreOf(indices, after);
  };
  const affected = (set: readonly ActionName[]): number => items.filter((i) => i.actions.some((a) => set.includes(a))).length;
  const budget = MODEL.plan.searchBudget.value;

  for (let tier = 0; tier < COST_ORDER.length; tier++) {
    const allowed = candidates.filter((c) => COST_ORDER.indexOf(c.cost) <= tier).map((c) => c.name);
    if (allowed.length === 0 || scoreWith(allowed) >= HIGH_FROM) continue;
    const perSet = Math.max(1, affected(allowed));
    for (let size = 1; size <= allowed.length; size++) {
      if (combinations(allowed.length, size) * perSet > budget - rescorings) {
        const chosen = greedy(allowed, scoreWith, HIGH_FROM);
        return finish(chosen, scoreWith, candidates, 'greedy', null);
      }
      const found = firstSet(allowed, size, (set) => scoreWith(set) < HIGH_FROM);
      if (found) return finish(found, scoreWith, candidates, 'exhaustive', null);
    }
  }
  // Unreachable: every action, greedily ordered, and what still holds the facility up.
  const all = candidates.map((c) => c.name);
  const order = greedy(all, scoreWith, -Infinity);
  const after = all.length ? scoreWith(all) : now;
  let worst = -1;
  let worstScore = -1;
  const byIndex = new Map(items.map((i) => [i.index, i]));
  for (let k = 0; k < tally.scores.length; k++) {
    const item = byIndex.get(k);
    let mask = 0;
    if (item) for (const a of item.actions) mask |= actionMask[a];
    const s = item && mask ? riskScoreWith(item.inputs, mask, item.parts) : tally.scores[k]!;
    if (s > worstScore) [worst, worstScore] = [k, s];
  }
  const reason =
    `Even with ${all.length > 1 ? `all ${all.length} proposed actions` : all.length ? 'the one proposed action' : 'no action proposed'} the facility scores ${after} (${riskLevelFor(after)}): ` +
    `${ids(worst)} still scores ${worstScore}, from what no proposed action removes (its class, age or arc-flash energy)`;
  return finish(order, scoreWith, candidates, 'exhaustive', reason);
}

function finish(
  chosen: readonly ActionName[],
  scoreWith: (set: readonly ActionName[]) => number,
  candidates: readonly Candidate[],
  search: ActionPlan['search'],
  reason: string | null,
): ActionPlan {
  // Steps in the order that lowers the score fastest.
  const order = greedy(chosen, scoreWith, -Infinity);
  const steps: PlanStep[] = [];
  for (let k = 0; k < order.length; k++) {
    const c = candidates.find((x) => x.name === order[k])!;
    const score = scoreWith(order.slice(0, k + 1));
    steps.push({
      action_id: c.name,
      action: c.text,
      estimated_cost: c.cost,
      risk_score_after: score,
      risk_level_after: riskLevelFor(score),
    });
  }
  const last = steps.at(-1)?.risk_score_after ?? scoreWith([]);
  return { target: 'below High', reachable: reason === null, search, steps, risk_score_after: last, reason };
}

/** Adds the action that lowers the score most until the score is below `target` (or every action is in). */
function greedy(pool: readonly ActionName[], scoreWith: (set: readonly ActionName[]) => number, target: number): ActionName[] {
  const chosen: ActionName[] = [];
  const left = [...pool];
  while (left.length && (chosen.length === 0 || scoreWith(chosen) >= target)) {
    let best = 0;
    let bestScore = Infinity;
    for (let k = 0; k < left.length; k++) {
      const s = scoreWith([...chosen, left[k]!]);
      if (s < bestScore) [best, bestScore] = [k, s];
    }
    chosen.push(left.splice(best, 1)[0]!);
    if (bestScore < target) break;
  }
  return chosen;
}

function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** The first k-subset of `pool` (in lexicographic order of indices) that satisfies `ok`. */
function firstSet(pool: readonly ActionName[], k: number, ok: (set: ActionName[]) => boolean): ActionName[] | null {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    const set = idx.map((i) => pool[i]!);
    if (ok(set)) return set;
    let i = k - 1;
    while (i >= 0 && idx[i] === pool.length - k + i) i--;
    if (i < 0) return null;
    idx[i]! += 1;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}
