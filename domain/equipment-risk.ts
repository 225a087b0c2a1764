/**
 * Equipment risk, model 0.1.0: explainable factors (0–100 each, following the field heuristics ThreatMap was
 * designed around, see ../shared DOMAIN.md) combined by a weighted noisy-OR — so worsening any one factor never
 * lowers the score — then scaled by the consequence of failure from the equipment's criticality.
 */
import type { Equipment, EquipmentType, Facility } from '../condoit/schema.js';
import { clampScore, conditionFor, riskLevelFor } from './risk-bands.js';
import type { EquipmentRisk, RiskFactor } from './read-models.js';

export type FactorName = 'age' | 'maintenance' | 'heat' | 'aluminum_conductors' | 'loading' | 'corrosion' | 'humidity' | 'loose_parts';

/** How strongly each factor alone drives failure likelihood (weight × factor score). */
export const factorWeights: Record<FactorName, number> = {
  age: 0.5,
  maintenance: 0.5,
  heat: 0.8,
  aluminum_conductors: 0.4,
  loading: 0.5,
  corrosion: 0.5,
  humidity: 0.3,
  loose_parts: 0.6,
};

/** Expected service life in years by type (IEEE 493 / CNAIM-style normal lives, rounded). */
export const expectedLifeYears: Record<EquipmentType, number> = {
  panelboard: 40, switchboard: 40, switchgear: 40, transformer: 35, breaker: 30, mcc: 30,
  disconnect: 40, ats: 25, generator: 30, ups: 15, busway: 40, other: 35,
};

/** Consequence multiplier by criticality: failure of life-safety equipment counts in full. */
export const consequenceByCriticality: Record<Equipment['criticality'], number> = {
  life_safety: 1.0, high: 0.9, medium: 0.8, low: 0.7,
};

/** Infrared thermography interval (months) in model 0.1.0: NFPA 70B's 12 months for C1/C2 equipment. */
export const INFRARED_INTERVAL_MONTHS = 12;

const severityScore = { none: 0, minimal: 20, moderate: 55, severe: 85 } as const;
const MONTH_MS = 30.4375 * 86_400_000;
const YEAR_MS = 365.25 * 86_400_000;

export interface ScoredFactor extends RiskFactor {
  factor: FactorName;
}

function yearsBetween(from: string, asOf: Date): number {
  return Math.max(0, (asOf.getTime() - Date.parse(from)) / YEAR_MS);
}

function latest<T extends { date: string }>(items: T[]): T | undefined {
  let best: T | undefined;
  for (const it of items) if (!best || it.date > best.date) best = it;
  return best;
}

/** The factors for one piece of equipment; only factors that contribute (score > 0) are returned. */
export function riskFactorsOf(e: Equipment, facility: Facility, asOf: Date): ScoredFactor[] {
  const out: ScoredFactor[] = [];
  const add = (factor: FactorName, score: number, description: string) => {
    if (score > 0) out.push({ factor, score: clampScore(score), description });
  };

  if (e.install_date) {
    const age = yearsBetween(e.install_date, asOf);
    const life = expectedLifeYears[e.type];
    const ratio = age / life;
    const score = ratio <= 1 ? 60 * ratio : 60 + 80 * (ratio - 1);
    add('age', score, `Installed ${e.install_date.slice(0, 4)} (${Math.floor(age)} years); expected life for ${e.type} is ${life} years`);
  }

  const scans = e.maintenance_records.filter((r) => r.task === 'infrared_thermography');
  const lastScan = latest(scans);
  if (!lastScan) {
    add('maintenance', 80, `No infrared thermography on record; NFPA 70B requires it every ${INFRARED_INTERVAL_MONTHS} months`);
  } else {
    const months = (asOf.getTime() - Date.parse(lastScan.date)) / MONTH_MS;
    const overdue = months - INFRARED_INTERVAL_MONTHS;
    if (overdue > 0) {
      add('maintenance', 40 + overdue * 3.5, `Last infrared scan ${Math.floor(months)} months ago; interval is ${INFRARED_INTERVAL_MONTHS} months (NFPA 70B)`);
    }
  }

  // NETA MTS ΔT bands between similar components: 1–3 °C possible, 4–15 °C probable, >15 °C major deficiency.
  const lastIr = lastScan?.infrared;
  if (lastIr && lastIr.delta_t_c > 0) {
    const d = lastIr.delta_t_c;
    const score = d > 15 ? 90 : d >= 4 ? 60 : 25;
    add('heat', score, `Infrared scan ${lastScan.date} found ΔT ${d} °C at ${lastIr.load_percent}% load (${d > 15 ? 'major deficiency' : d >= 4 ? 'probable deficiency' : 'possible deficiency'}, NETA ΔT bands)`);
  }
  if (e.observations.some((o) => o.kind === 'heat_discoloration' && o.severity !== 'none')) {
    add('heat', 60, 'Heat discoloration observed');
  }

  if (e.al_cu_transitions) add('aluminum_conductors', 80, 'Aluminium conductors with aluminium–copper transitions (galvanic corrosion, loosening)');
  else if (e.conductor_material === 'aluminum') add('aluminum_conductors', 60, 'Aluminium conductors (thermal creep loosens terminations)');
  else if (e.conductor_material === 'mixed') add('aluminum_conductors', 45, 'Mixed copper and aluminium conductors');

  if (e.loading_percent !== null) {
    const l = e.loading_percent;
    const score = l > 90 ? 85 : l >= 75 ? 55 : l * 0.4;
    if (l >= 75) add('loading', score, `Loaded at ${l}% of rating (${l > 90 ? 'above 90%: high' : '75–90%: elevated'})`);
    else add('loading', score, `Loaded at ${l}% of rating`);
  }

  const corrosionObs = e.observations.filter((o) => o.kind === 'rust' || o.kind === 'corrosion');
  const worst = corrosionObs.reduce((m, o) => Math.max(m, severityScore[o.severity]), 0);
  if (worst > 0) {
    const o = corrosionObs.find((x) => severityScore[x.severity] === worst)!;
    add('corrosion', worst, `${o.kind === 'rust' ? 'Rust' : 'Corrosion'} observed (${o.severity}) on ${o.observed_at}`);
  }

  const env = facility.environment;
  const humidity = { low: 0, medium: 25, high: 50 }[env.humidity] + (env.coastal ? 15 : 0) + (env.corrosive_atmosphere ? 20 : 0);
  if (humidity > 0) {
    add('humidity', humidity, `Facility humidity ${env.humidity}${env.coastal ? ', coastal' : ''}${env.corrosive_atmosphere ? ', corrosive atmosphere' : ''}`);
  }

  if (e.observations.some((o) => o.kind === 'loose_parts' && o.severity !== 'none')) {
    add('loose_parts', 70, 'Loose parts or connections observed');
  }

  return mergeSameFactor(out);
}

/** A factor found twice (ΔT and discoloration both say "heat") keeps its strongest evidence. */
function mergeSameFactor(factors: ScoredFactor[]): ScoredFactor[] {
  const best = new Map<FactorName, ScoredFactor>();
  for (const f of factors) {
    const prev = best.get(f.factor);
    if (!prev || f.score > prev.score) best.set(f.factor, f);
  }
  return [...best.values()].sort((a, b) => factorWeights[b.factor] * b.score - factorWeights[a.factor] * a.score);
}

/** Weighted noisy-OR of the factors × consequence: 0–100, monotone in every factor. */
export function combineFactors(factors: readonly ScoredFactor[], criticality: Equipment['criticality'], without?: FactorName): number {
  let survive = 1;
  for (const f of factors) {
    if (f.factor === without) continue;
    survive *= 1 - (factorWeights[f.factor] * f.score) / 100;
  }
  return clampScore(100 * (1 - survive) * consequenceByCriticality[criticality]);
}

export function formatLocation(e: Equipment): string {
  return [e.location.building, e.location.floor ? `Floor ${e.location.floor}` : null, e.location.room].filter(Boolean).join(', ');
}

/** Scores one piece of equipment; also returns its factors, which facility aggregation re-scores per category. */
export function scoreEquipmentWithFactors(e: Equipment, facility: Facility, asOf: Date): { risk: EquipmentRisk; factors: ScoredFactor[] } {
  const factors = riskFactorsOf(e, facility, asOf);
  const score = combineFactors(factors, e.criticality);
  const risk: EquipmentRisk = {
    equipment_id: e.id,
    equipment_name: e.name,
    equipment_type: e.type,
    location: formatLocation(e),
    risk_score: score,
    risk_rating: riskLevelFor(score),
    condition: conditionFor(score),
    risk_factors: factors.map(({ factor, score: s, description }) => ({ factor, score: s, description })),
    primary_risk_factor: factors[0]?.factor ?? null,
    age_years: e.install_date ? Math.round(yearsBetween(e.install_date, asOf) * 10) / 10 : null,
  };
  return { risk, factors };
}

export function scoreEquipment(e: Equipment, facility: Facility, asOf: Date): EquipmentRisk {
  return scoreEquipmentWithFactors(e, facility, asOf).risk;
}
