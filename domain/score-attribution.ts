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
  FACTOR_BITS,
  observedFactorNames,
  reliabilityFactorNames,
  reliabilityWith,
  REDUCE_ENERGY,
  type NeutralMask,
  type RiskFactorName,
  type RiskInputs,
} from './risk-inputs.js';
import { MODEL } from './model-table.js';

const [H_MIN] = MODEL.health.healthBounds.value;
const LOW_CRITICALITY = MODEL.consequence.criticality.value.low;
const BIT = FACTOR_BITS;

/** Contributions in points (unrounded) by factor, and the asset class's own risk. */
export interface Attribution {
  /** v(∅): the score of this asset class new, clean, of low criticality and without hazard. */
  baseline: number;
  /** v(all), unrounded: the score the contributions add up to with the baseline. */
  total: number;
  factors: RiskFactorName[];
  contributions: number[];
}

const OBS = (name: (typeof observedFactorNames)[number]) => observedFactorNames.indexOf(name);
const MEAS = (name: (typeof measuredFactorNames)[number]) => measuredFactorNames.indexOf(name);
const REL = (name: (typeof reliabilityFactorNames)[number]) => reliabilityFactorNames.indexOf(name);
const [O_CORROSION, O_MOISTURE, O_DAMAGE, O_HEAT] = [OBS('corrosion'), OBS('moisture'), OBS('physical_damage'), OBS('heat')];
const [M_HEAT, M_LOOSE, M_FAILED] = [MEAS('heat'), MEAS('loose_parts'), MEAS('failed_test')];
const [R_MAINTENANCE, R_ALUMINUM, R_LOADING, R_ENVIRONMENT] = [
  REL('maintenance'),
  REL('aluminum_conductors'),
  REL('loading'),
  REL('environment'),
];

interface Present {
  life: RiskFactorName[];
  condition: RiskFactorName[];
  reliability: RiskFactorName[];
  consequence: RiskFactorName[];
  arc: RiskFactorName[];
}

// Module-level helpers, not closures: a closure per call costs an allocation (and a name) per item.
function on(list: RiskFactorName[], name: RiskFactorName, present: boolean, applied: NeutralMask): void {
  if (present && !(applied & BIT[name])) list.push(name);
}
const condition = (f: { value: number; collar: number }): boolean => f.value !== 1 || f.collar > H_MIN;

/** Which factors are present (non-neutral) on the item, by the part of the model they act on. */
function presentFactors(inputs: RiskInputs, applied: NeutralMask): Present {
  const p: Present = { life: [], condition: [], reliability: [], consequence: [], arc: [] };
  const o = inputs.observed;
  const m = inputs.measured;
  const r = inputs.reliability;
  on(p.life, 'age', inputs.ageYears > 0, applied);
  on(p.life, 'humidity', inputs.location.factor !== inputs.location.neutral, applied);
  on(p.life, 'loading', inputs.dutyFactor !== 1, applied);
  on(p.condition, 'corrosion', condition(o[O_CORROSION]!), applied);
  on(p.condition, 'moisture', condition(o[O_MOISTURE]!), applied);
  on(p.condition, 'physical_damage', condition(o[O_DAMAGE]!), applied);
  on(p.condition, 'heat', condition(o[O_HEAT]!) || condition(m[M_HEAT]!), applied);
  on(p.condition, 'loose_parts', condition(m[M_LOOSE]!), applied);
  on(p.condition, 'failed_test', condition(m[M_FAILED]!), applied);
  on(p.reliability, 'maintenance', r[R_MAINTENANCE] !== 1, applied);
  on(p.reliability, 'aluminum_conductors', r[R_ALUMINUM] !== 1, applied);
  on(p.reliability, 'loading', r[R_LOADING] !== 1, applied);
  on(p.reliability, 'environment', r[R_ENVIRONMENT] !== 1, applied);
  on(p.consequence, 'criticality', inputs.consequence.criticality !== LOW_CRITICALITY, applied);
  on(p.consequence, 'medium_voltage', inputs.consequence.voltage > 0, applied);
  on(p.consequence, 'equipment_size', inputs.consequence.size > 0, applied);
  const af = inputs.arcFlash;
  on(p.arc, 'arc_flash', (applied & REDUCE_ENERGY ? af.energyReduced : af.energy) > 0, applied);
  on(p.arc, 'arc_flash_label', af.label > 0, applied);
  on(p.arc, 'arc_flash_study', af.study > 0, applied);
  return p;
}

/** The mask that leaves exactly the players in `subset` (bit k = players[k]) active, on top of `applied`. */
function maskFor(players: readonly RiskFactorName[], subset: number, applied: NeutralMask): NeutralMask {
  let mask = applied;
  for (let k = 0; k < players.length; k++) if (!(subset & (1 << k))) mask |= BIT[players[k]!];
  return mask;
}

/*
 * Scratch tables, reused by every call (scoring is synchronous): at most 3 life, 6 condition, 4 reliability,
 * 3 consequence and 3 arc-flash factors, so at most 2^13 health subsets.
 */
const LIFE = new Float64Array(1 << 3);
const CONDITION = new Float64Array(1 << 6);
const COLLAR = new Float64Array(1 << 6);
const RELIABILITY = new Float64Array(1 << 4);
const LIKELIHOOD = new Float64Array(1 << 13);
const CONSEQUENCE = new Float64Array(1 << 3);
const ARC = new Float64Array(1 << 3);
const VALUES = new Float64Array(1 << 13);

const FACTORIAL = [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800, 87178291200];
/** Shapley weight of a coalition of `size` among `n` players (the player itself excluded). */
const weight = (size: number, n: number): number => (FACTORIAL[size]! * FACTORIAL[n - size - 1]!) / FACTORIAL[n]!;
const popcount = (x: number): number => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

/** The sub-tables the score is read off, for every subset of each part's factors. */
function fillTables(inputs: RiskInputs, p: Present, applied: NeutralMask): void {
  for (let s = 0; s < 1 << p.life.length; s++) LIFE[s] = initialHealthWith(inputs, maskFor(p.life, s, applied));
  for (let s = 0; s < 1 << p.condition.length; s++) {
    CONDITION[s] = conditionWith(inputs, maskFor(p.condition, s, applied));
    COLLAR[s] = conditionCollar();
  }
  for (let s = 0; s < 1 << p.reliability.length; s++) RELIABILITY[s] = reliabilityWith(inputs, maskFor(p.reliability, s, applied));
  const nLife = p.life.length;
  const nCondition = p.condition.length;
  const lifeMask = (1 << nLife) - 1;
  const conditionMask = (1 << nCondition) - 1;
  for (let s = 0; s < 1 << (nLife + nCondition + p.reliability.length); s++) {
    const c = (s >> nLife) & conditionMask;
    LIKELIHOOD[s] = likelihoodOf(
      inputs.assetClass,
      currentHealth(LIFE[s & lifeMask]!, CONDITION[c]!, COLLAR[c]!, RELIABILITY[s >> (nLife + nCondition)]!),
    );
  }
  for (let s = 0; s < 1 << p.consequence.length; s++)
    CONSEQUENCE[s] = consequenceWeight(consequenceFor(inputs, maskFor(p.consequence, s, applied)));
  for (let s = 0; s < 1 << p.arc.length; s++) ARC[s] = arcFlashFor(inputs, maskFor(p.arc, s, applied));
}

const value = (h: number, c: number, a: number): number => Math.min(100, 100 * LIKELIHOOD[h]! * CONSEQUENCE[c]! + ARC[a]!);

export function attributeScore(inputs: RiskInputs, applied: NeutralMask = 0): Attribution {
  const p = presentFactors(inputs, applied);
  fillTables(inputs, p, applied);
  const groups = [p.life.concat(p.condition, p.reliability), p.consequence, p.arc];
  const full = [(1 << groups[0]!.length) - 1, (1 << groups[1]!.length) - 1, (1 << groups[2]!.length) - 1];
  const present: number[] = [];
  for (let g = 0; g < 3; g++) if (groups[g]!.length > 0) present.push(g);
  const m = present.length;
  const factors: RiskFactorName[] = [];
  const contributions: number[] = [];
  const at = [0, 0, 0];
  for (const g of present) {
    const players = groups[g]!;
    const n = players.length;
    const phi = new Float64Array(n);
    // T: which of the other groups are in, whole (bit k: the k-th other present group); S: this group's players.
    let others = 0;
    const other = [0, 0];
    for (const o of present) if (o !== g) other[others++] = o;
    for (let t = 0; t < 1 << others; t++) {
      const wT = weight(popcount(t), m);
      at[0] = at[1] = at[2] = 0;
      for (let k = 0; k < others; k++) if (t & (1 << k)) at[other[k]!] = full[other[k]!]!;
      for (let s = 0; s < 1 << n; s++) {
        at[g] = s;
        VALUES[s] = value(at[0]!, at[1]!, at[2]!);
      }
      // φᵢ = Σ_{S ∌ i} w(|S|)·(v(S ∪ i) − v(S)): each v(S) once, added for its members, taken for the others.
      for (let s = 0; s < 1 << n; s++) {
        const size = popcount(s);
        const v = VALUES[s]!;
        const plus = size > 0 ? wT * weight(size - 1, n) * v : 0;
        const minus = size < n ? wT * weight(size, n) * v : 0;
        for (let i = 0; i < n; i++) phi[i]! += s & (1 << i) ? plus : -minus;
      }
    }
    for (let i = 0; i < n; i++) {
      factors.push(players[i]!);
      contributions.push(phi[i]!);
    }
  }
  return { baseline: value(0, 0, 0), total: value(full[0]!, full[1]!, full[2]!), factors, contributions };
}
