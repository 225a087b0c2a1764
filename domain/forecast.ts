/**
 * If nothing is done: the item's risk score ahead in time, and the days it becomes High and Critical.
 *
 * Health ages as CNAIM forecasts it (v2.1 §6.1.8, Utiligize/CNAIM pof_future_*): H(t) = H · e^(β₂/ARF · t), with
 * the forecast ageing rate β₂ = ln(H / 0.5) / age, at least β₁ (the class's initial rate over its expected life at
 * this duty and location) and at most 2·β₁, and the ageing reduction factor ARF (1 below 2, 1 + (h − 2)/7 up to
 * 5.5, then 1.5), capped at 15. One deliberate difference: ARF is read at the age-only health H₀, not at the
 * current health — read at H, a worse finding would slow the ageing enough to make an item look better years out
 * than a healthier one; read at H₀, doing nothing and finding worse never makes a forecast better. On top of the
 * ageing, what lapses by itself: each required task falls overdue on its due day and has missed two cycles one
 * interval later (the maintenance reliability factor, health-index.ts), and a current arc-flash study expires
 * five years after it was made (NFPA 70E 130.5(G): its points). Consequence and the rest of the hazard stay.
 */
import { arcFlashTotal } from './arc-flash-risk.js';
import { addMonths, DAY_MS, isoDay, parseDay } from './dates.js';
import type { Equipment70E } from './compliance-70e.js';
import { beta1, likelihoodOf, mmi } from './health-index.js';
import { MODEL } from './model-table.js';
import type { TaskStatus } from './maintenance-schedule.js';
import { consequenceWeight, reliabilityFactorNames, type RiskInputs, type ScoreParts } from './risk-inputs.js';

const F = MODEL.forecast;
const [H_MIN, H_MAX] = MODEL.health.healthBounds.value;
const [, HIGH_FROM, CRITICAL_FROM] = MODEL.scoring.ratingBands.value;
const MAINTENANCE = reliabilityFactorNames.indexOf('maintenance');
const round1 = (x: number) => Math.round(x * 10) / 10;
const YEAR_MS = 365.25 * DAY_MS;

/** The ageing reduction factor at a health score (CNAIM). */
function ageingReduction(h: number): number {
  const r = F.ageingReduction.value;
  return h < r.from ? 1 : h <= r.to ? (h - r.from) / r.divisor + 1 : r.max;
}

/** An item's risk score `t` ms after the assessment, if nothing is done: a non-decreasing function of t. */
export interface RiskPath {
  scoreAt(t: number): number;
}

/** What a forecast starts from: the item's scoring, its schedule and its arc-flash study. */
export interface ForecastBasis {
  inputs: RiskInputs;
  parts: ScoreParts;
  tasks: readonly TaskStatus[];
  nfpa70e: Equipment70E;
  riskScore: number;
}

export function riskPath(a: ForecastBasis, asOf: number): RiskPath {
  const { inputs, parts } = a;
  const b1 = beta1(parts.expectedLife);
  const b2 = inputs.ageYears > 0 && parts.health > 0.5 ? Math.log(parts.health / 0.5) / inputs.ageYears : b1;
  const rate = Math.min(F.maxAgeingRate.value * b1, Math.max(b1, b2)) / ageingReduction(parts.initialHealth);

  // Maintenance lapsing: the reliability factor once a task is overdue, and once one has missed two cycles.
  const mf = MODEL.health.maintenanceReliability.value;
  let overdueAt = Infinity;
  let missedTwoAt = Infinity;
  for (const task of a.tasks) {
    if (task.next_due === null) continue;
    const due = parseDay(task.next_due) + DAY_MS;
    if (task.status !== 'overdue') overdueAt = Math.min(overdueAt, due - asOf);
    if (task.missed_cycles < MODEL.maintenance.missedCyclesForC3.value)
      missedTwoAt = Math.min(missedTwoAt, parseDay(addMonths(task.next_due, task.interval_months)) + DAY_MS - asOf);
  }
  const reliability = (maintenance: number): number => {
    const r = [...inputs.reliability];
    r[MAINTENANCE] = Math.max(r[MAINTENANCE]!, maintenance);
    return mmi(
      r.filter((x) => x !== 1),
      Infinity,
    );
  };
  const relNow = parts.reliabilityFactor;
  const relOverdue = reliability(mf.overdue) / relNow;
  const relMissedTwo = reliability(mf.missedTwoCycles) / relNow;

  // The study's expiry: its points from then on.
  const af = inputs.arcFlash;
  const study = a.nfpa70e;
  const expiresAt =
    study.study === 'current' && study.next_assessment_due !== null ? parseDay(study.next_assessment_due) + DAY_MS - asOf : Infinity;
  const expired = MODEL.arcFlashRisk.studyOutdated.value;
  const weight = consequenceWeight(parts.consequence);
  const raw = parts.initialHealth * parts.conditionFactor * parts.reliabilityFactor;
  const floor = Math.max(H_MIN, parts.observedCollar, parts.measuredCollar);

  return {
    scoreAt(t: number): number {
      if (t <= 0) return a.riskScore;
      const lapse = t >= missedTwoAt ? relMissedTwo : t >= overdueAt ? relOverdue : 1;
      // The lapse raises the health before its collar, as a reliability factor does (a collar already above it hides it).
      const h = Math.min(F.healthLimit.value, Math.max(floor, Math.min(H_MAX, raw * lapse)) * Math.exp((rate * t) / YEAR_MS));
      const arc = t >= expiresAt ? arcFlashTotal(af.energy, af.label, Math.max(af.study, expired)) : parts.arcFlash;
      return Math.max(a.riskScore, round1(Math.min(100, 100 * likelihoodOf(inputs.assetClass, h) * weight + arc)));
    },
  };
}

/** The first day (ISO) the path reaches `threshold`, within the horizon; today when it is already there. */
function dayReaching(path: RiskPath, threshold: number, asOf: number): string | null {
  if (path.scoreAt(0) >= threshold) return isoDay(asOf);
  const horizonDays = Math.round((F.horizonYears.value * YEAR_MS) / DAY_MS);
  if (path.scoreAt(horizonDays * DAY_MS) < threshold) return null;
  let lo = 0; // below the threshold on day lo
  let hi = horizonDays; // at or above on day hi
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (path.scoreAt(mid * DAY_MS) >= threshold) hi = mid;
    else lo = mid;
  }
  return isoDay(asOf + hi * DAY_MS);
}

export interface EquipmentForecast {
  high_on: string | null;
  critical_on: string | null;
}

export function forecastOf(path: RiskPath, asOf: number): EquipmentForecast {
  return { high_on: dayReaching(path, HIGH_FROM, asOf), critical_on: dayReaching(path, CRITICAL_FROM, asOf) };
}

/** The facility forecast's horizons, in months ahead, and the item's scores then. */
export const FORECAST_MONTHS = F.facilityMonths.value;
export const scoresAhead = (path: RiskPath): number[] => FORECAST_MONTHS.map((m) => path.scoreAt((m * YEAR_MS) / 12));
