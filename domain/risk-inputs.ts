/**
 * The model's inputs for one equipment, derived once from Condoit data, and the scoring function over them.
 * Keeping inputs separate from scoring lets the model explain itself cheaply: a factor's contribution is the
 * score minus the score with that factor neutral, and an action's risk reduction is the score with the
 * factors it fixes neutral — all without re-reading the equipment.
 */
import type { EquipmentType } from '../condoit/schema.js';
import { combineFactorsInPlace, currentHealth, expectedLife, initialHealth, probabilityOfFailure } from './health-index.js';
import { MODEL } from './model-table.js';

export const riskFactorNames = [
  'age', 'maintenance', 'heat', 'corrosion', 'loose_parts', 'aluminum_conductors', 'loading', 'humidity', 'environment',
  'arc_flash', 'arc_flash_label', 'criticality',
] as const;
export type RiskFactorName = (typeof riskFactorNames)[number];

/** Condition factors that multiply the health score (CNAIM health-score and reliability factors). */
export const healthFactorNames = ['maintenance', 'heat', 'corrosion', 'loose_parts', 'aluminum_conductors'] as const;
export type HealthFactorName = (typeof healthFactorNames)[number];

export interface RiskInputs {
  type: EquipmentType;
  ageYears: number;
  dutyFactor: number;
  /** Location factor split by cause, so humidity and environment can be explained separately. */
  location: { humidity: number; environment: number };
  health: Record<HealthFactorName, { value: number; collar: number }>;
  consequence: { criticality: number; arcFlash: number; voltage: number; size: number; unlabeled: number };
}

export interface ScoreDetail {
  expectedLifeYears: number;
  initialHealth: number;
  conditionFactor: number;
  healthIndex: number;
  probabilityOfFailure: number;
  consequence: number;
  riskScore: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

const [H_MIN, H_MAX] = MODEL.health.healthBounds.value;
/** The PoF polynomial without CNAIM's floor at H = 4 (used for ranking only; reported PoF keeps the floor). */
const pofShape = (health: number) => {
  const ch = MODEL.health.pofC.value * health;
  return 1 + ch + (ch * ch) / 2 + (ch * ch * ch) / 6;
};
const POF_SHAPE_MIN = pofShape(H_MIN);
const LOG_POF_RANGE = Math.log(pofShape(H_MAX) / POF_SHAPE_MIN);

/**
 * Likelihood 0–1: where log PoF sits between the best (H 0.5) and worst (H 10) health. Log scale, as in risk
 * matrices: without it every healthy asset would share CNAIM's floored PoF and the score could not rank them.
 */
export function likelihoodOf(health: number): number {
  return Math.log(pofShape(health) / POF_SHAPE_MIN) / LOG_POF_RANGE;
}

/**
 * A set of neutral factors as a bit mask (bit i = riskFactorNames[i]). Explaining one equipment scores it a dozen
 * times with different factors neutral; masks built once at module level make each of those a few bit tests.
 */
export type NeutralMask = number;
const bit = (name: RiskFactorName): number => 1 << riskFactorNames.indexOf(name);
export function neutralMask(names: Iterable<RiskFactorName>): NeutralMask {
  let mask = 0;
  for (const name of names) mask |= bit(name);
  return mask;
}
const B = Object.fromEntries(riskFactorNames.map((n) => [n, bit(n)])) as Record<RiskFactorName, number>;
const HEALTH_BITS = healthFactorNames.map((n) => B[n]);
const CONSEQUENCE_BITS = B.criticality | B.arc_flash | B.arc_flash_label;

const NONE: ReadonlySet<RiskFactorName> = new Set();
/** Reused for the ≤ 5 condition factors of each scoring (scoring is synchronous, so never shared). */
const factorScratch: number[] = [];

/** The pieces of a score, computed the same way for the full detail and for a bare risk score. */
function expectedLifeFor(inputs: RiskInputs, mask: NeutralMask): number {
  const duty = mask & B.loading ? 1 : inputs.dutyFactor;
  const location = Math.min(
    MODEL.health.locationFactor.value.max,
    1 + (mask & B.humidity ? 0 : inputs.location.humidity) + (mask & B.environment ? 0 : inputs.location.environment),
  );
  return expectedLife(inputs.type, duty, location);
}

function conditionFactorFor(inputs: RiskInputs, mask: NeutralMask): number {
  let n = 0;
  for (let i = 0; i < healthFactorNames.length; i++) if (!(mask & HEALTH_BITS[i]!)) factorScratch[n++] = inputs.health[healthFactorNames[i]!].value;
  return combineFactorsInPlace(factorScratch, n);
}

function collarFor(inputs: RiskInputs, mask: NeutralMask): number {
  let collar = 0;
  for (let i = 0; i < healthFactorNames.length; i++) if (!(mask & HEALTH_BITS[i]!)) collar = Math.max(collar, inputs.health[healthFactorNames[i]!].collar);
  return collar;
}

/** Keep in step with CONSEQUENCE_BITS: the factors read here. */
function consequenceFor(inputs: RiskInputs, mask: NeutralMask): number {
  const c = inputs.consequence;
  return Math.min(
    1,
    (mask & B.criticality ? MODEL.consequence.criticality.value.low : c.criticality) +
      (mask & B.arc_flash ? 0 : c.arcFlash) +
      c.voltage +
      c.size +
      (mask & B.arc_flash_label ? 0 : c.unlabeled),
  );
}

/**
 * The intermediate results of one scoring. A masked re-scoring reuses those of the unmasked one for every stage
 * its mask does not touch (most factors touch one stage only), and computes the rest exactly as `scoreInputs`.
 */
export interface ScoreParts {
  expectedLife: number;
  initialHealth: number;
  conditionFactor: number;
  collar: number;
  health: number;
  likelihood: number;
  consequence: number;
}

/** Factors that change the expected life or the age (so the initial health). */
const LIFE_BITS = B.age | B.loading | B.humidity | B.environment;
const HEALTH_FACTOR_BITS = HEALTH_BITS.reduce((m, b) => m | b, 0);

export function scoreParts(inputs: RiskInputs, mask: NeutralMask = 0): ScoreParts {
  const el = expectedLifeFor(inputs, mask);
  const h0 = initialHealth(mask & B.age ? 0 : inputs.ageYears, el);
  const cf = conditionFactorFor(inputs, mask);
  const collar = collarFor(inputs, mask);
  const h = currentHealth(h0, cf, collar);
  return { expectedLife: el, initialHealth: h0, conditionFactor: cf, collar, health: h, likelihood: likelihoodOf(h), consequence: consequenceFor(inputs, mask) };
}

const riskScoreFrom = (likelihood: number, consequence: number): number => {
  const base = MODEL.scoring.consequenceBase.value;
  return round1(Math.min(100, 100 * likelihood * (base + (1 - base) * consequence)));
};

/** Only the 0–100 risk score of the inputs with the masked factors neutral (what explanations need). */
export function riskScoreWith(inputs: RiskInputs, mask: NeutralMask, unmasked: ScoreParts): number {
  let likelihood = unmasked.likelihood;
  if (mask & (LIFE_BITS | HEALTH_FACTOR_BITS)) {
    const h0 = mask & LIFE_BITS ? initialHealth(mask & B.age ? 0 : inputs.ageYears, expectedLifeFor(inputs, mask)) : unmasked.initialHealth;
    const health = mask & HEALTH_FACTOR_BITS ? currentHealth(h0, conditionFactorFor(inputs, mask), collarFor(inputs, mask)) : currentHealth(h0, unmasked.conditionFactor, unmasked.collar);
    likelihood = likelihoodOf(health);
  }
  return riskScoreFrom(likelihood, mask & CONSEQUENCE_BITS ? consequenceFor(inputs, mask) : unmasked.consequence);
}

/** The contract's score detail from a scoring's parts. */
export function scoreDetailOf(inputs: RiskInputs, p: ScoreParts): ScoreDetail {
  return {
    expectedLifeYears: round1(p.expectedLife),
    initialHealth: Math.round(p.initialHealth * 100) / 100,
    conditionFactor: Math.round(p.conditionFactor * 1000) / 1000,
    healthIndex: Math.round(p.health * 100) / 100,
    probabilityOfFailure: probabilityOfFailure(inputs.type, p.health),
    consequence: Math.round(p.consequence * 1000) / 1000,
    riskScore: riskScoreFrom(p.likelihood, p.consequence),
  };
}

/** Scores inputs, optionally with some factors neutral (the "what if this were fixed" of explanations). */
export function scoreInputs(inputs: RiskInputs, neutral: ReadonlySet<RiskFactorName> = NONE): ScoreDetail {
  return scoreDetailOf(inputs, scoreParts(inputs, neutral.size ? neutralMask(neutral) : 0));
}
