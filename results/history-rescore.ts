/**
 * Re-scoring a facility's trend under the current model version (workflow rescoreHistory): which points need it,
 * and the trend once they are re-scored. Pure; applying the same re-scores twice gives the same trend, so a
 * retried activity rewrites the same values.
 */
import type { HistoryPoint } from '../store/documents.js';
import type { TrendValues } from './history-point.js';

/** The points scored by another model version than `modelVersion`. */
export function stalePoints(history: readonly HistoryPoint[], modelVersion: string): HistoryPoint[] {
  return history.filter((p) => p.model_version !== modelVersion);
}

/**
 * The trend with its stale points re-scored (`rescored`, by month key): a point gets its new values, or is dropped
 * when its entry is null (its snapshot is gone: a trend keeps no point of another version). Points already on
 * `modelVersion`, and stale points without an entry, are kept as they are.
 */
export function rescoredHistory(
  history: readonly HistoryPoint[],
  modelVersion: string,
  rescored: ReadonlyMap<string, TrendValues | null>,
): HistoryPoint[] {
  return history.flatMap((p) => {
    if (p.model_version === modelVersion || !rescored.has(p.month_key)) return [p];
    const values = rescored.get(p.month_key);
    return values ? [{ ...p, ...values }] : [];
  });
}
