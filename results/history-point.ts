/**
 * A facility's monthly trend point as stored (store/documents.ts, HistoryPoint): what a scored facility contributes
 * to its trend, and where it came from, so a later model version can re-score it (results/history-rescore.ts).
 */
import type { FacilityOutcome } from '../domain/facility-assessment.js';
import { monthLabel } from '../domain/dates.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import type { HistoryPoint } from '../store/documents.js';

export const HISTORY_MONTHS = 12;

/** The values a point takes from a scored facility (the ones a re-score rewrites). */
export type TrendValues = Pick<HistoryPoint, 'risk_score' | 'equipment_count' | 'equipment_age' | 'model_version'>;

export function trendValues(out: FacilityOutcome): TrendValues {
  return {
    risk_score: out.listItem.risk_score,
    equipment_count: out.listItem.equipment_count,
    equipment_age: out.meanEquipmentAge,
    model_version: MODEL_VERSION,
  };
}

/** The point of the month of `asOf`, scored from `snapshotId` at `asOf`. */
export function historyPoint(values: TrendValues, o: { asOf: Date; snapshotId: string; reconstructed: boolean }): HistoryPoint {
  return {
    month: monthLabel(o.asOf),
    ...values,
    reconstructed: o.reconstructed,
    month_key: o.asOf.toISOString().slice(0, 7),
    snapshot_id: o.snapshotId,
    as_of: o.asOf,
  };
}

/** Points merged by month (a later one replaces an earlier one of its month), oldest first, the last 12 months. */
export function mergeHistory(earlier: readonly HistoryPoint[], later: readonly HistoryPoint[]): HistoryPoint[] {
  const months = new Set(later.map((p) => p.month_key));
  return [...earlier.filter((p) => !months.has(p.month_key)), ...later]
    .sort((a, b) => (a.month_key < b.month_key ? -1 : a.month_key > b.month_key ? 1 : 0))
    .slice(-HISTORY_MONTHS);
}
