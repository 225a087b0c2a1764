/** A facility's stored trend: served only on one model version; re-scored under a new one idempotently. */
import { describe, expect, it } from 'vitest';
import { facilityBody } from '../../results/bodies.js';
import { historyPoint, type TrendValues } from '../../results/history-point.js';
import { rescoredHistory, stalePoints } from '../../results/history-rescore.js';
import { PortfolioAccumulator } from '../../domain/portfolio-summary.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import type { FacilityResultDoc, HistoryPoint } from '../../store/documents.js';

const point = (month: string, model_version: string, risk_score: number, reconstructed = false): HistoryPoint =>
  historyPoint(
    { risk_score, equipment_count: 10, equipment_age: 5, model_version },
    { asOf: new Date(`${month}-28T23:00:00Z`), snapshotId: `fac-1:${month}`, reconstructed },
  );

const history = [point('2026-08', 'old', 40, true), point('2026-09', 'old', 41), point('2026-10', MODEL_VERSION, 30)];

function resultDoc(h: HistoryPoint[]): FacilityResultDoc {
  return {
    model_version: MODEL_VERSION,
    history: h,
    risks_json: JSON.stringify({ risk_summary: {} }),
    detail_json: JSON.stringify({ id: 'fac-1' }),
  } as FacilityResultDoc;
}

describe('served trend', () => {
  it('should hide points of another model version than the result’s', () => {
    const risks = facilityBody(resultDoc(history), 'risks');
    expect(risks.historical_trend).toEqual([
      { month: 'Oct 2026', risk_score: 30, equipment_count: 10, equipment_age: 5, model_version: MODEL_VERSION, reconstructed: false },
    ]);
    expect(facilityBody(resultDoc(history), 'detail').historical_risk.map((p) => p.model_version)).toEqual([MODEL_VERSION]);
  });

  it('should roll only current-version points into the portfolio trend', () => {
    const acc = new PortfolioAccumulator();
    const listItem = { equipment_count: 10, risk_score: 30, critical_equipment_count: 0, high_risk_equipment_count: 0 };
    const compliance = { nfpa_70b: { equipment_counts: { compliant: 0 } }, nfpa_70e: { equipment_counts: { compliant: 0 } } };
    acc.add({ listItem, compliance, history } as unknown as Parameters<PortfolioAccumulator['add']>[0]);
    expect(acc.finish('2026-10-28T00:00:00Z').risk_trends.map((p) => [p.month, p.risk_score, p.model_version])).toEqual([
      ['Oct 2026', 30, MODEL_VERSION],
    ]);
  });
});

describe('trend re-score', () => {
  const values = (risk_score: number): TrendValues => ({ risk_score, equipment_count: 11, equipment_age: 6, model_version: MODEL_VERSION });
  const rescores = new Map<string, TrendValues | null>([
    ['2026-08', values(44)],
    ['2026-09', values(45)],
  ]);

  it('should re-score only the points of another version, keeping month, provenance and whether reconstructed', () => {
    expect(stalePoints(history, MODEL_VERSION).map((p) => p.month_key)).toEqual(['2026-08', '2026-09']);
    const after = rescoredHistory(history, MODEL_VERSION, rescores);
    expect(after.map((p) => [p.month_key, p.risk_score, p.model_version, p.reconstructed, p.snapshot_id])).toEqual([
      ['2026-08', 44, MODEL_VERSION, true, 'fac-1:2026-08'],
      ['2026-09', 45, MODEL_VERSION, false, 'fac-1:2026-09'],
      ['2026-10', 30, MODEL_VERSION, false, 'fac-1:2026-10'],
    ]);
    expect(stalePoints(after, MODEL_VERSION)).toEqual([]);
  });

  it('should be idempotent: a retried update writes the same trend', () => {
    const once = rescoredHistory(history, MODEL_VERSION, rescores);
    expect(rescoredHistory(once, MODEL_VERSION, rescores)).toEqual(once);
    // Re-scored with different values after the fact (a later attempt): points already on the version stay.
    expect(rescoredHistory(once, MODEL_VERSION, new Map([['2026-08', values(99)]]))).toEqual(once);
  });

  it('should drop a point whose snapshot is gone rather than keep a mixed trend', () => {
    const after = rescoredHistory(history, MODEL_VERSION, new Map([...rescores, ['2026-08', null]]));
    expect(after.map((p) => p.month_key)).toEqual(['2026-09', '2026-10']);
  });
});
