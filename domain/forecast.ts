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
import { beta1, likelihoodOf, mmiInPlace } from './health-index.js';
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

/** Scratch for the reliability factor with the maintenance factor lapsed (scoring is synchronous). */
const lapsed: number[] = [];
function reliabilityWithMaintenance(reliability: readonly number[], maintenance: number): number {
  let n = 0;
  for (let i = 0; i < reliability.length; i++) {
    const v = i === MAINTENANCE ? Math.max(reliability[i]!, maintenance) : reliability[i]!;
    if (v !== 1) lapsed[n++] = v;
  }
  return mmiInPlace(lapsed, n, Infinity);
}

/** What a forecast starts from: the item's scoring, its schedule and its arc-flash study. */
export interface ForecastBasis {
  inputs: RiskInputs;
  parts: ScoreParts;
  tasks: readonly TaskStatus[];
  nfpa70e: Equipment70E;
  riskScore: number;
}

/** An item's risk score `t` ms after the assessment, if nothing is done: a non-decreasing function of t. */
export class RiskPath {
  private readonly rate: number;
  private readonly overdueAt: number;
  private readonly missedTwoAt: number;
  private readonly relOverdue: number;
  private readonly relMissedTwo: number;
  private readonly expiresAt: number;
  private readonly expiredArc: number;
  private readonly weight: number;
  private readonly raw: number;
  private readonly floor: number;

  constructor(
    private readonly a: ForecastBasis,
    asOf: number,
  ) {
    const { inputs, parts } = a;
    const b1 = beta1(parts.expectedLife);
    const b2 = inputs.ageYears > 0 && parts.health > 0.5 ? Math.log(parts.health / 0.5) / inputs.ageYears : b1;
    this.rate = Math.min(F.maxAgeingRate.value * b1, Math.max(b1, b2)) / ageingReduction(parts.initialHealth);

    // Maintenance lapsing: the reliability factor once a task is overdue, and once one has missed two cycles.
    const mf = MODEL.health.maintenanceReliability.value;
    let overdueAt = Infinity;
    let missedTwoAt = Infinity;
    for (const task of a.tasks) {
      if (task.next_due === null) continue;
      if (task.status !== 'overdue') overdueAt = Math.min(overdueAt, parseDay(task.next_due) + DAY_MS - asOf);
      if (task.missed_cycles < MODEL.maintenance.missedCyclesForC3.value)
        missedTwoAt = Math.min(missedTwoAt, parseDay(addMonths(task.next_due, task.interval_months)) + DAY_MS - asOf);
    }
    this.overdueAt = overdueAt;
    this.missedTwoAt = missedTwoAt;
    const relNow = parts.reliabilityFactor;
    this.relOverdue = overdueAt < Infinity ? reliabilityWithMaintenance(inputs.reliability, mf.overdue) / relNow : 1;
    this.relMissedTwo = missedTwoAt < Infinity ? reliabilityWithMaintenance(inputs.reliability, mf.missedTwoCycles) / relNow : 1;

    // The study's expiry: its points from then on.
    const af = inputs.arcFlash;
    const study = a.nfpa70e;
    this.expiresAt =
      study.study === 'current' && study.next_assessment_due !== null ? parseDay(study.next_assessment_due) + DAY_MS - asOf : Infinity;
    this.expiredArc = arcFlashTotal(af.energy, af.label, Math.max(af.study, MODEL.arcFlashRisk.studyOutdated.value));
    this.weight = consequenceWeight(parts.consequence);
    this.raw = parts.initialHealth * parts.conditionFactor * parts.reliabilityFactor;
    this.floor = Math.max(H_MIN, parts.observedCollar, parts.measuredCollar);
  }

  scoreAt(t: number): number {
    const a = this.a;
    if (t <= 0) return a.riskScore;
    const lapse = t >= this.missedTwoAt ? this.relMissedTwo : t >= this.overdueAt ? this.relOverdue : 1;
    // The lapse raises the health before its collar, as a reliability factor does (a collar already above it hides it).
    const h = Math.min(F.healthLimit.value, Math.max(this.floor, Math.min(H_MAX, this.raw * lapse)) * Math.exp((this.rate * t) / YEAR_MS));
    const arc = t >= this.expiresAt ? this.expiredArc : a.parts.arcFlash;
    return Math.max(a.riskScore, round1(Math.min(100, 100 * likelihoodOf(a.inputs.assetClass, h) * this.weight + arc)));
  }
}

export const riskPath = (a: ForecastBasis, asOf: number): RiskPath => new RiskPath(a, asOf);

const HORIZON_DAYS = Math.round((F.horizonYears.value * YEAR_MS) / DAY_MS);

/** The first day after `fromDay` (a day below `threshold`) the path reaches `threshold` within the horizon, or -1. */
function dayReaching(path: RiskPath, threshold: number, fromDay: number): number {
  if (path.scoreAt(HORIZON_DAYS * DAY_MS) < threshold) return -1;
  let lo = fromDay; // below the threshold on day lo
  let hi = HORIZON_DAYS; // at or above on day hi
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (path.scoreAt(mid * DAY_MS) >= threshold) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface EquipmentForecast {
  high_on: string | null;
  critical_on: string | null;
}

const dayAfter = (asOf: number, days: number): string | null => (days < 0 ? null : isoDay(asOf + days * DAY_MS));

export function forecastOf(path: RiskPath, asOf: number): EquipmentForecast {
  const now = path.scoreAt(0);
  if (now >= CRITICAL_FROM) return { high_on: dayAfter(asOf, 0), critical_on: dayAfter(asOf, 0) };
  const high = now >= HIGH_FROM ? 0 : dayReaching(path, HIGH_FROM, 0);
  // Critical comes no earlier than High: its search starts there (the path never falls).
  const critical = high < 0 ? -1 : dayReaching(path, CRITICAL_FROM, Math.max(0, high - 1));
  return { high_on: dayAfter(asOf, high), critical_on: dayAfter(asOf, critical) };
}

/** The facility forecast's horizons, in months ahead, and the item's scores then. */
export const FORECAST_MONTHS = F.facilityMonths.value;
export const scoresAhead = (path: RiskPath): number[] => FORECAST_MONTHS.map((m) => path.scoreAt((m * YEAR_MS) / 12));
