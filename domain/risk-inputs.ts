/**
 * The model's inputs for one equipment, derived once from Condoit data, and the scoring function over them.
 * Keeping inputs separate from scoring lets the model explain itself cheaply: a factor's contribution is the
 * score minus the score with that factor neutral, and an action's risk reduction is the score with the
 * factors it fixes neutral — all without re-reading the equipment.
 */
import type { EquipmentType } from '../condoit/schema.js';
import { combineConditionFactors, currentHealth, expectedLife, initialHealth, probabilityOfFailure } from './health-index.js';
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
const LOG_POF_RANGE = Math.log(pofShape(H_MAX) / pofShape(H_MIN));

/**
 * Likelihood 0–1: where log PoF sits between the best (H 0.5) and worst (H 10) health. Log scale, as in risk
 * matrices: without it every healthy asset would share CNAIM's floored PoF and the score could not rank them.
 */
export function likelihoodOf(health: number): number {
  return Math.log(pofShape(health) / pofShape(H_MIN)) / LOG_POF_RANGE;
}

/** Scores inputs, optionally with some factors neutral (the "what if this were fixed" of explanations). */
export function scoreInputs(inputs: RiskInputs, neutral: ReadonlySet<RiskFactorName> = new Set()): ScoreDetail {
  const duty = neutral.has('loading') ? 1 : inputs.dutyFactor;
  const location = Math.min(
    MODEL.health.locationFactor.value.max,
    1 + (neutral.has('humidity') ? 0 : inputs.location.humidity) + (neutral.has('environment') ? 0 : inputs.location.environment),
  );
  const el = expectedLife(inputs.type, duty, location);
  const h0 = initialHealth(neutral.has('age') ? 0 : inputs.ageYears, el);
  const values: number[] = [];
  let collar = 0;
  for (const name of healthFactorNames) {
    if (neutral.has(name)) continue;
    values.push(inputs.health[name].value);
    collar = Math.max(collar, inputs.health[name].collar);
  }
  const cf = combineConditionFactors(values);
  const h = currentHealth(h0, cf, collar);
  const pof = probabilityOfFailure(inputs.type, h);
  const likelihood = likelihoodOf(h);
  const c = inputs.consequence;
  const consequence = Math.min(
    1,
    (neutral.has('criticality') ? MODEL.consequence.criticality.value.low : c.criticality) +
      (neutral.has('arc_flash') ? 0 : c.arcFlash) +
      c.voltage +
      c.size +
      (neutral.has('arc_flash_label') ? 0 : c.unlabeled),
  );
  const base = MODEL.scoring.consequenceBase.value;
  return {
    expectedLifeYears: round1(el),
    initialHealth: Math.round(h0 * 100) / 100,
    conditionFactor: Math.round(cf * 1000) / 1000,
    healthIndex: Math.round(h * 100) / 100,
    probabilityOfFailure: pof,
    consequence: Math.round(consequence * 1000) / 1000,
    riskScore: round1(Math.min(100, 100 * likelihood * (base + (1 - base) * consequence))),
  };
}
