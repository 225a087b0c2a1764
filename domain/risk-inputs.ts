/**
 * The model's inputs for one equipment, derived once from Condoit data, and the scoring function over them:
 *   risk = min(100, failure risk + arc-flash points)
 *   failure risk = 100 · likelihood(class PoF at H) · (base + (1 − base) · consequence)
 * Keeping inputs separate from scoring lets the model explain itself cheaply: a factor's contribution is the
 * score minus the score with that factor neutral, and an action's risk reduction is the score with the factors
 * it fixes neutral — all without re-reading the equipment.
 */
import { arcFlashTotal, type ArcFlashPoints } from './arc-flash-risk.js';
import {
  classConstants,
  currentHealth,
  expectedLife,
  healthScoreFactor,
  initialHealth,
  likelihoodOf,
  mmiInPlace,
  probabilityOfFailure,
} from './health-index.js';
import { MODEL, type AssetClass } from './model-table.js';

export const riskFactorNames = [
  'age',
  'maintenance',
  'heat',
  'corrosion',
  'moisture',
  'loose_parts',
  'physical_damage',
  'failed_test',
  'aluminum_conductors',
  'loading',
  'humidity',
  'environment',
  'arc_flash',
  'arc_flash_label',
  'arc_flash_study',
  'criticality',
  'medium_voltage',
  'equipment_size',
] as const;
export type RiskFactorName = (typeof riskFactorNames)[number];

/** CNAIM observed condition inputs (combined with the class's observed limit). */
export const observedFactorNames = ['corrosion', 'moisture', 'physical_damage', 'heat'] as const;
/** CNAIM measured condition inputs (combined with the class's measured limit). */
export const measuredFactorNames = ['heat', 'loose_parts', 'failed_test'] as const;
/** MasterBus reliability factors (multiplying the health score as CNAIM's reliability factor). */
export const reliabilityFactorNames = ['maintenance', 'aluminum_conductors', 'loading', 'environment'] as const;

export interface ConditionFactor {
  value: number;
  collar: number;
}

export interface RiskInputs {
  assetClass: AssetClass;
  ageYears: number;
  /** CNAIM duty factor (transformers; 1 for switchgear). */
  dutyFactor: number;
  /** CNAIM location factor of the site, and with humidity (coast, corrosion) neutral. */
  location: { factor: number; neutral: number };
  /** In the order of observedFactorNames, measuredFactorNames, reliabilityFactorNames (arrays: scoring reads them by index). */
  observed: readonly ConditionFactor[];
  measured: readonly ConditionFactor[];
  reliability: readonly number[];
  consequence: { criticality: number; voltage: number; size: number };
  arcFlash: ArcFlashPoints;
}

export interface ScoreDetail {
  expectedLifeYears: number;
  initialHealth: number;
  conditionFactor: number;
  reliabilityFactor: number;
  healthIndex: number;
  probabilityOfFailure: number;
  likelihood: number;
  consequence: number;
  failureRisk: number;
  arcFlashPoints: number;
  riskScore: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A set of neutral factors as a bit mask (bit i = riskFactorNames[i]); one more bit asks for the incident energy
 * reduced to the planning target. Masks are built once at module level: each re-scoring is a few bit tests.
 */
export type NeutralMask = number;
const bit = (name: RiskFactorName): number => 1 << riskFactorNames.indexOf(name);
export const REDUCE_ENERGY: NeutralMask = 1 << riskFactorNames.length;
export function neutralMask(names: Iterable<RiskFactorName>): NeutralMask {
  let mask = 0;
  for (const name of names) mask |= bit(name);
  return mask;
}
/** Each factor's bit in a neutral mask (the one table of them). */
export const FACTOR_BITS: Readonly<Record<RiskFactorName, NeutralMask>> = Object.fromEntries(
  riskFactorNames.map((n) => [n, bit(n)]),
) as Record<RiskFactorName, number>;
const B = FACTOR_BITS;
const OBSERVED_BITS = observedFactorNames.map((n) => B[n]);
const MEASURED_BITS = measuredFactorNames.map((n) => B[n]);
const RELIABILITY_BITS = reliabilityFactorNames.map((n) => B[n]);
/** Factors that change the health score (so the likelihood). */
const HEALTH_BITS = B.age | B.humidity | B.loading | [...OBSERVED_BITS, ...MEASURED_BITS, ...RELIABILITY_BITS].reduce((m, b) => m | b, 0);

/** Reused scratch for the ≤ 4 factors of each combination (scoring is synchronous, so never shared). */
const scratch: number[] = [];

/**
 * Out-parameters of `combined` and `healthWith`, overwritten by each call: scoring is synchronous, so they are
 * never shared. They are fields of one object rather than module-level `let`s because storing a fractional
 * number into a module variable boxes a new heap number each time, while an object's number field is updated in
 * place — re-scoring allocates nothing.
 */
const last = {
  combinedCollar: 0,
  expectedLife: 0,
  initialHealth: 0,
  observed: 1,
  observedCollar: 0,
  measured: 1,
  measuredCollar: 0,
  conditionFactor: 1,
  reliabilityFactor: 1,
};

/** CNAIM's mmi over the factors the mask leaves; the largest collar among them is left in `last.combinedCollar`. */
function combined(bits: readonly number[], factors: readonly ConditionFactor[], mask: NeutralMask, limit: number): number {
  let n = 0;
  let collar = 0;
  for (let i = 0; i < factors.length; i++) {
    if (mask & bits[i]!) continue;
    const f = factors[i]!;
    if (f.value !== 1) scratch[n++] = f.value;
    if (f.collar > collar) collar = f.collar;
  }
  last.combinedCollar = collar;
  return mmiInPlace(scratch, n, limit);
}

export interface ScoreParts {
  expectedLife: number;
  initialHealth: number;
  /** The observed and measured combinations and their collars, kept so a re-scoring recomputes only what its mask touches. */
  observed: number;
  observedCollar: number;
  measured: number;
  measuredCollar: number;
  conditionFactor: number;
  reliabilityFactor: number;
  health: number;
  likelihood: number;
  consequence: number;
  arcFlash: number;
}

/** Factors that change the expected life or the age (so the initial health). */
const LIFE_BITS = B.age | B.humidity | B.loading;
const OBSERVED_MASK = OBSERVED_BITS.reduce((m, b) => m | b, 0);
const MEASURED_MASK = MEASURED_BITS.reduce((m, b) => m | b, 0);
const RELIABILITY_MASK = RELIABILITY_BITS.reduce((m, b) => m | b, 0);

/** The expected life and initial health with the masked factors neutral (left in `last`); returns the initial health. */
export function initialHealthWith(inputs: RiskInputs, mask: NeutralMask): number {
  last.expectedLife = expectedLife(
    inputs.assetClass,
    mask & B.loading ? 1 : inputs.dutyFactor,
    mask & B.humidity ? inputs.location.neutral : inputs.location.factor,
  );
  last.initialHealth = initialHealth(mask & B.age ? 0 : inputs.ageYears, last.expectedLife);
  return last.initialHealth;
}

function observedWith(inputs: RiskInputs, mask: NeutralMask): void {
  last.observed = combined(OBSERVED_BITS, inputs.observed, mask, classConstants(inputs.assetClass).combine.observed);
  last.observedCollar = last.combinedCollar;
}

function measuredWith(inputs: RiskInputs, mask: NeutralMask): void {
  last.measured = combined(MEASURED_BITS, inputs.measured, mask, classConstants(inputs.assetClass).combine.measured);
  last.measuredCollar = last.combinedCollar;
}

/** The health score factor with the masked factors neutral; its collar is then `conditionCollar()`. */
export function conditionWith(inputs: RiskInputs, mask: NeutralMask): number {
  observedWith(inputs, mask);
  measuredWith(inputs, mask);
  last.conditionFactor = healthScoreFactor(last.observed, last.measured);
  return last.conditionFactor;
}

/** The collar of the last condition computed (the larger of the observed and measured collars). */
export const conditionCollar = (): number => Math.max(last.observedCollar, last.measuredCollar);

/** The reliability factor with the masked factors neutral. */
export function reliabilityWith(inputs: RiskInputs, mask: NeutralMask): number {
  let n = 0;
  for (let i = 0; i < inputs.reliability.length; i++) {
    const v = inputs.reliability[i]!;
    if (!(mask & RELIABILITY_BITS[i]!) && v !== 1) scratch[n++] = v;
  }
  last.reliabilityFactor = mmiInPlace(scratch, n, Infinity);
  return last.reliabilityFactor;
}

/** The health score with the masked factors neutral, reusing every stage of the unmasked scoring its mask leaves alone. */
function healthWith(inputs: RiskInputs, mask: NeutralMask, unmasked?: ScoreParts): number {
  if (unmasked && !(mask & LIFE_BITS)) {
    last.expectedLife = unmasked.expectedLife;
    last.initialHealth = unmasked.initialHealth;
  } else initialHealthWith(inputs, mask);
  if (unmasked && !(mask & OBSERVED_MASK)) {
    last.observed = unmasked.observed;
    last.observedCollar = unmasked.observedCollar;
  } else observedWith(inputs, mask);
  if (unmasked && !(mask & MEASURED_MASK)) {
    last.measured = unmasked.measured;
    last.measuredCollar = unmasked.measuredCollar;
  } else measuredWith(inputs, mask);
  last.conditionFactor = healthScoreFactor(last.observed, last.measured);
  if (unmasked && !(mask & RELIABILITY_MASK)) last.reliabilityFactor = unmasked.reliabilityFactor;
  else reliabilityWith(inputs, mask);
  return currentHealth(last.initialHealth, last.conditionFactor, conditionCollar(), last.reliabilityFactor);
}

export function scoreParts(inputs: RiskInputs, mask: NeutralMask = 0, unmasked?: ScoreParts): ScoreParts {
  const health = healthWith(inputs, mask, unmasked);
  return {
    expectedLife: last.expectedLife,
    initialHealth: last.initialHealth,
    observed: last.observed,
    observedCollar: last.observedCollar,
    measured: last.measured,
    measuredCollar: last.measuredCollar,
    conditionFactor: last.conditionFactor,
    reliabilityFactor: last.reliabilityFactor,
    health,
    likelihood: likelihoodOf(inputs.assetClass, health),
    consequence: consequenceFor(inputs, mask),
    arcFlash: arcFlashFor(inputs, mask),
  };
}

export function consequenceFor(inputs: RiskInputs, mask: NeutralMask): number {
  const c = inputs.consequence;
  return Math.min(
    1,
    (mask & B.criticality ? MODEL.consequence.criticality.value.low : c.criticality) +
      (mask & B.medium_voltage ? 0 : c.voltage) +
      (mask & B.equipment_size ? 0 : c.size),
  );
}

export function arcFlashFor(inputs: RiskInputs, mask: NeutralMask): number {
  const af = inputs.arcFlash;
  const energy = mask & B.arc_flash ? 0 : mask & REDUCE_ENERGY ? af.energyReduced : af.energy;
  return arcFlashTotal(energy, mask & B.arc_flash_label ? 0 : af.label, mask & B.arc_flash_study ? 0 : af.study);
}

/** The consequence's weight on the likelihood: base + (1 − base) · consequence. */
export const consequenceWeight = (consequence: number): number => {
  const base = MODEL.scoring.consequenceBase.value;
  return base + (1 - base) * consequence;
};
const failureRiskOf = (likelihood: number, consequence: number): number => 100 * likelihood * consequenceWeight(consequence);
const riskFrom = (likelihood: number, consequence: number, arcFlash: number): number =>
  round1(Math.min(100, failureRiskOf(likelihood, consequence) + arcFlash));
const riskOf = (p: ScoreParts): number => riskFrom(p.likelihood, p.consequence, p.arcFlash);

/** Only the 0–100 risk score with the masked factors neutral (what explanations and actions need; allocates nothing). */
export function riskScoreWith(inputs: RiskInputs, mask: NeutralMask, unmasked: ScoreParts): number {
  const likelihood = mask & HEALTH_BITS ? likelihoodOf(inputs.assetClass, healthWith(inputs, mask, unmasked)) : unmasked.likelihood;
  return riskFrom(likelihood, consequenceFor(inputs, mask), arcFlashFor(inputs, mask));
}

/** The contract's score detail from a scoring's parts. */
export function scoreDetailOf(inputs: RiskInputs, p: ScoreParts): ScoreDetail {
  return {
    expectedLifeYears: round1(p.expectedLife),
    initialHealth: Math.round(p.initialHealth * 100) / 100,
    conditionFactor: Math.round(p.conditionFactor * 1000) / 1000,
    reliabilityFactor: Math.round(p.reliabilityFactor * 1000) / 1000,
    healthIndex: Math.round(p.health * 100) / 100,
    probabilityOfFailure: probabilityOfFailure(inputs.assetClass, p.health),
    likelihood: Math.round(p.likelihood * 1000) / 1000,
    consequence: Math.round(p.consequence * 1000) / 1000,
    failureRisk: round1(failureRiskOf(p.likelihood, p.consequence)),
    arcFlashPoints: p.arcFlash,
    riskScore: riskOf(p),
  };
}

/** Scores inputs, optionally with some factors neutral (the "what if this were fixed" of explanations). */
export function scoreInputs(inputs: RiskInputs, neutral: Iterable<RiskFactorName> = []): ScoreDetail {
  return scoreDetailOf(inputs, scoreParts(inputs, neutralMask(neutral)));
}
