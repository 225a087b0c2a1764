/**
 * Exact explanations: how many points of an item's risk score each factor adds, summing to the score.
 *
 * The score is a game over the factors present on the item: v(S) = the score with every factor outside S neutral,
 * so v(∅) is the asset class's own risk (new, clean, low criticality, no hazard) and v(all) the score. Each
 * factor's contribution is its Owen value — the Shapley value with the model's three factor groups as a coalition
 * structure: the failure likelihood (health: age, location, loading, condition, reliability), the consequence
 * (criticality, medium voltage, equipment size) and the arc-flash hazard (energy, label, study). The groups share
 * the score as in a three-player Shapley game, and each group's share is split among its factors by Shapley
 * values given the other groups. Owen values are efficient, so baseline + Σ contributions = v(all) exactly.
 *
 *   v(S) = min(100, 100 · L(S_health) · (base + (1 − base) · c(S_consequence)) + A(S_arc))
 *
 * L is read off three small tables (initial health over the life factors, health score factor and collar over
 * the condition factors, reliability over the reliability factors): 2^|health| likelihoods of plain arithmetic,
 * never a full re-scoring per subset.
 */
import { likelihoodOf, currentHealth } from './health-index.js';
import {
  arcFlashFor,
  conditionCollar,
  conditionWith,
  consequenceFor,
  consequenceWeight,
  initialHealthWith,
  measuredFactorNames,
  neutralMask,
  observedFactorNames,
  reliabilityFactorNames,
  reliabilityWith,
  REDUCE_ENERGY,
  riskFactorNames,
  type NeutralMask,
  type RiskFactorName,
  type RiskInputs,
} from './risk-inputs.js';
import { MODEL } from './model-table.js';

const [H_MIN] = MODEL.health.healthBounds.value;
const LOW_CRITICALITY = MODEL.consequence.criticality.value.low;
const bitOf = (name: RiskFactorName): number => neutralMask([name]);
const BIT = Object.fromEntries(riskFactorNames.map((n) => [n, bitOf(n)])) as Record<RiskFactorName, number>;

/** Contributions in points (unrounded) by factor, and the asset class's own risk. */
export interface Attribution {
  /** v(∅): the score of this asset class new, clean, of low criticality and without hazard. */
  baseline: number;
  /** v(all), unrounded: the score the contributions add up to with the baseline. */
  total: number;
  factors: RiskFactorName[];
  contributions: number[];
}

/** Which factors are present (non-neutral) on the item, by the part of the model they act on. */
function presentFactors(inputs: RiskInputs, applied: NeutralMask) {
  const on = (name: RiskFactorName, present: boolean): RiskFactorName[] => (present && !(applied & BIT[name]) ? [name] : []);
  const conditionPresent = (f: { value: number; collar: number }) => f.value !== 1 || f.collar > H_MIN;
  const observed = (name: (typeof observedFactorNames)[number]) => conditionPresent(inputs.observed[observedFactorNames.indexOf(name)]!);
  const measured = (name: (typeof measuredFactorNames)[number]) => conditionPresent(inputs.measured[measuredFactorNames.indexOf(name)]!);
  const reliability = (name: (typeof reliabilityFactorNames)[number]) => inputs.reliability[reliabilityFactorNames.indexOf(name)] !== 1;
  const af = inputs.arcFlash;
  return {
    life: [
      ...on('age', inputs.ageYears > 0),
      ...on('humidity', inputs.location.factor !== inputs.location.neutral),
      ...on('loading', inputs.dutyFactor !== 1),
    ],
    condition: [
      ...on('corrosion', observed('corrosion')),
      ...on('moisture', observed('moisture')),
      ...on('physical_damage', observed('physical_damage')),
      ...on('heat', observed('heat') || measured('heat')),
      ...on('loose_parts', measured('loose_parts')),
      ...on('failed_test', measured('failed_test')),
    ],
    reliability: [
      ...on('maintenance', reliability('maintenance')),
      ...on('aluminum_conductors', reliability('aluminum_conductors')),
      ...on('loading', reliability('loading')),
      ...on('environment', reliability('environment')),
    ],
    consequence: [
      ...on('criticality', inputs.consequence.criticality !== LOW_CRITICALITY),
      ...on('medium_voltage', inputs.consequence.voltage > 0),
      ...on('equipment_size', inputs.consequence.size > 0),
    ],
    arc: [
      ...on('arc_flash', (applied & REDUCE_ENERGY ? af.energyReduced : af.energy) > 0),
      ...on('arc_flash_label', af.label > 0),
      ...on('arc_flash_study', af.study > 0),
    ],
  };
}

/** The mask that leaves exactly the players in `subset` (bit k = players[k]) active, on top of `applied`. */
function maskFor(players: readonly RiskFactorName[], subset: number, applied: NeutralMask): NeutralMask {
  let mask = applied;
  for (let k = 0; k < players.length; k++) if (!(subset & (1 << k))) mask |= BIT[players[k]!];
  return mask;
}

/** f(mask) for every subset of `players`. */
function table(players: readonly RiskFactorName[], applied: NeutralMask, f: (mask: NeutralMask) => number): Float64Array {
  const out = new Float64Array(1 << players.length);
  for (let s = 0; s < out.length; s++) out[s] = f(maskFor(players, s, applied));
  return out;
}

const FACTORIAL = [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800, 87178291200];
/** Shapley weight of a coalition of `size` among `n` players (the player itself excluded). */
const weight = (size: number, n: number): number => (FACTORIAL[size]! * FACTORIAL[n - size - 1]!) / FACTORIAL[n]!;
const popcount = (x: number): number => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

export function attributeScore(inputs: RiskInputs, applied: NeutralMask = 0): Attribution {
  const p = presentFactors(inputs, applied);
  const health = [...p.life, ...p.condition, ...p.reliability];
  const nLife = p.life.length;
  const nCondition = p.condition.length;
  const life = table(p.life, applied, (m) => initialHealthWith(inputs, m));
  const condition = table(p.condition, applied, (m) => conditionWith(inputs, m));
  const collar = table(p.condition, applied, (m) => (conditionWith(inputs, m), conditionCollar()));
  const reliability = table(p.reliability, applied, (m) => reliabilityWith(inputs, m));
  const likelihood = new Float64Array(1 << health.length);
  for (let s = 0; s < likelihood.length; s++) {
    const l = s & ((1 << nLife) - 1);
    const c = (s >> nLife) & ((1 << nCondition) - 1);
    const r = s >> (nLife + nCondition);
    likelihood[s] = likelihoodOf(inputs.assetClass, currentHealth(life[l]!, condition[c]!, collar[c]!, reliability[r]!));
  }
  const consequence = table(p.consequence, applied, (m) => consequenceWeight(consequenceFor(inputs, m)));
  const arc = table(p.arc, applied, (m) => arcFlashFor(inputs, m));
  const v = (h: number, c: number, a: number): number => Math.min(100, 100 * likelihood[h]! * consequence[c]! + arc[a]!);

  const groups = [health, p.consequence, p.arc];
  const full = groups.map((g) => (1 << g.length) - 1);
  const present = [0, 1, 2].filter((g) => groups[g]!.length > 0);
  const m = present.length;
  const factors: RiskFactorName[] = [];
  const contributions: number[] = [];
  for (const g of present) {
    const players = groups[g]!;
    const n = players.length;
    const others = present.filter((o) => o !== g);
    const phi = new Float64Array(n);
    // T: which of the other groups are in, whole; S: which of this group's players are in.
    for (let t = 0; t < 1 << others.length; t++) {
      const wT = weight(popcount(t), m);
      const at = [0, 0, 0];
      for (let k = 0; k < others.length; k++) if (t & (1 << k)) at[others[k]!] = full[others[k]!]!;
      for (let s = 0; s < 1 << n; s++) {
        at[g] = s;
        const without = v(at[0]!, at[1]!, at[2]!);
        const wS = wT * weight(popcount(s), n);
        for (let i = 0; i < n; i++) {
          if (s & (1 << i)) continue;
          at[g] = s | (1 << i);
          phi[i]! += wS * (v(at[0]!, at[1]!, at[2]!) - without);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      factors.push(players[i]!);
      contributions.push(phi[i]!);
    }
  }
  return { baseline: v(0, 0, 0), total: v(full[0]!, full[1]!, full[2]!), factors, contributions };
}
