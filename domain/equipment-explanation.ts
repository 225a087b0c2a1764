/**
 * One equipment's explanation: the factors listed on it, each with the points of its risk score it accounts for
 * (its Owen value, score-attribution.ts) — the asset class's baseline and the contributions add up to the score —
 * the rule that fired, its citation and the inputs it read; factors that move the score without being findings
 * (context), and the order the API shows them in.
 */
import type { ResolvedInputs } from './assumptions.js';
import { roundToTotal } from './exact-rounding.js';
import { RULES, type FactorInputs, type FactorRule } from './factor-rules.js';
import { classConstants } from './health-index.js';
import type { Equipment, Facility } from './inputs.js';
import { MODEL, type AssetClass } from './model-table.js';
import type { ExplainedRiskFactor } from './read-models.js';
import type { NeutralMask, RiskFactorName, RiskInputs } from './risk-inputs.js';
import { attributeScore } from './score-attribution.js';

/** A factor of the explanation: a model factor, or the asset class's own risk (the baseline the factors add to). */
export type ExplainedFactor = RiskFactorName | 'asset_class';

export interface ScoredRiskFactor extends ExplainedRiskFactor {
  factor: ExplainedFactor;
}

/** What explains a score but is not a condition to act on: primary only when nothing else is. */
const NOT_ACTIONABLE: ReadonlySet<ExplainedFactor> = new Set(['criticality', 'asset_class', 'medium_voltage', 'equipment_size']);
export function primaryFactor(sorted: readonly ScoredRiskFactor[]): ExplainedFactor | null {
  for (const f of sorted) if (f.contribution > 0 && !NOT_ACTIONABLE.has(f.factor)) return f.factor;
  return sorted[0]?.factor ?? null;
}

/** Factor order: largest contribution, then severity, then name (lowercase ASCII: code-unit order is alphabetical). */
function byContribution(a: ScoredRiskFactor, b: ScoredRiskFactor): number {
  return b.contribution - a.contribution || b.score - a.score || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0);
}
/** A stable insertion sort in place: the lists are short, and unlike Array#sort it allocates nothing. */
function sortFactors(factors: ScoredRiskFactor[]): void {
  for (let i = 1; i < factors.length; i++) {
    const f = factors[i]!;
    let j = i;
    for (; j > 0 && byContribution(factors[j - 1]!, f) > 0; j--) factors[j] = factors[j - 1]!;
    factors[j] = f;
  }
}

export const siteInputs = (env: Facility['environment'], site: { factor: number }): FactorInputs => ({
  humidity: env.humidity,
  coastal: env.coastal,
  corrosive_atmosphere: env.corrosive_atmosphere,
  location_factor: Math.round(site.factor * 1000) / 1000,
});

export const ageDescription = (e: Equipment, resolved: ResolvedInputs, life: number): string =>
  resolved.knownAgeYears === null
    ? `Age unknown (assumed ${resolved.ageYears} years); expected life ${life} years`
    : `Installed ${e.install_date!.slice(0, 4)} (${Math.floor(resolved.ageYears)} years); expected life ${life} years at this duty and location (CNAIM)`;
export const ageInputs = (e: Equipment, resolved: ResolvedInputs, life: number): FactorInputs => ({
  install_date: e.install_date?.slice(0, 10) ?? null,
  age_years: resolved.ageYears,
  age_assumed: resolved.knownAgeYears === null,
  expected_life_years: life,
});

/** The asset class's own risk (new, clean, low criticality, no hazard): the explanation's baseline. */
function assetClassFactor(assetClass: AssetClass, contribution: number): ScoredRiskFactor {
  const k = classConstants(assetClass);
  return {
    factor: 'asset_class',
    score: 0,
    description: `${k.cnaimCategory}: the risk of this class of equipment new, clean and of low criticality (CNAIM PoF curve K ${k.kPercent} %)`,
    contribution,
    rule: RULES.assetClass.rule,
    citation: RULES.assetClass.citation,
    inputs: { asset_class: assetClass, k_percent: k.kPercent, normal_life_years: k.normalLifeYears },
  };
}

/**
 * A factor that moves the score without being a finding of its own — medium criticality, medium voltage, a large
 * equipment type, a lightly loaded transformer, a dry site, a very young item — listed so the explanation adds up.
 */
const make = (factor: RiskFactorName, severity: number, description: string, rule: FactorRule, values: FactorInputs): ScoredRiskFactor => ({
  factor,
  score: Math.min(100, Math.max(0, severity)),
  description,
  contribution: 0,
  rule: rule.rule,
  citation: rule.citation,
  inputs: values,
});

function contextFactor(
  name: RiskFactorName,
  e: Equipment,
  resolved: ResolvedInputs,
  inputs: RiskInputs,
  env: Facility['environment'],
  life: number,
): ScoredRiskFactor {
  const cq = MODEL.consequence;
  switch (name) {
    case 'criticality': {
      const weight = cq.criticality.value[e.criticality];
      return make(name, Math.round(weight * 100), `${e.criticality} criticality: consequence weight ${weight}`, RULES.criticality, {
        criticality: e.criticality,
        weight,
      });
    }
    case 'medium_voltage':
      return make(
        name,
        Math.round(inputs.consequence.voltage * 100),
        `Above 1000 V (${resolved.voltageVolts} V): consequence +${cq.mediumVoltage.value}`,
        RULES.mediumVoltage,
        { voltage_volts: resolved.voltageVolts, added: inputs.consequence.voltage },
      );
    case 'equipment_size':
      return make(
        name,
        Math.round(inputs.consequence.size * 100),
        `Large equipment (${e.type}): consequence +${inputs.consequence.size}`,
        RULES.largeEquipment,
        { type: e.type, added: inputs.consequence.size },
      );
    case 'loading':
      return make(
        name,
        0,
        `Loaded at ${resolved.loadingPercent}% of rating: duty factor ${inputs.dutyFactor} (CNAIM)`,
        RULES.transformerDuty,
        {
          loading_percent: resolved.loadingPercent,
          loading_known: resolved.loadingKnown,
          factor: inputs.dutyFactor,
        },
      );
    case 'humidity':
      return make(
        name,
        0,
        `Facility humidity ${env.humidity}: location factor ${Math.round(inputs.location.factor * 1000) / 1000} (CNAIM, indoor)`,
        RULES.location,
        siteInputs(env, inputs.location),
      );
    default:
      return make(name, 0, ageDescription(e, resolved, life), RULES.age, ageInputs(e, resolved, life));
  }
}

/**
 * Each factor's contribution: its Owen value (score-attribution.ts), rounded so that the asset class's baseline
 * and the contributions add up to the score exactly; then the factors in explanation order.
 */
export function explainFactors(
  factors: ScoredRiskFactor[],
  context: { e: Equipment; resolved: ResolvedInputs; env: Facility['environment']; life: number },
  inputs: RiskInputs,
  riskScore: number,
  applied: NeutralMask,
): void {
  const att = attributeScore(inputs, applied);
  const rounded = roundToTotal([att.baseline, ...att.contributions], riskScore);
  if (rounded[0] !== 0) factors.push(assetClassFactor(inputs.assetClass, rounded[0]!));
  for (let k = 0; k < att.factors.length; k++) {
    const name = att.factors[k]!;
    const contribution = rounded[k + 1]!;
    let f: ScoredRiskFactor | undefined;
    for (const x of factors) if (x.factor === name) f = x;
    if (!f) {
      if (contribution === 0) continue;
      f = contextFactor(name, context.e, context.resolved, inputs, context.env, context.life);
      factors.push(f);
    }
    f.contribution = contribution;
  }
  sortFactors(factors);
}
