import type { PortfolioRunJson } from '../../contract/portfolio-run-view.js';
import type { PortfolioRunView } from '../services/portfolio-service.js';

/** What a facility-scoped admin may know of a run: its own facilities' outcomes. */
export interface CallerScope {
  facilityIds: ReadonlySet<string>;
  /** Its facilities the run assessed (their facility assessments carry the run id). */
  assessed: number;
}

export function portfolioRunView(v: PortfolioRunView, scope?: CallerScope): PortfolioRunJson {
  if (scope) {
    const failures = v.record.failures.filter((f) => scope.facilityIds.has(f.facility_id));
    const whole = portfolioRunView({ record: { ...v.record, failures }, progress: null });
    return { ...whole, scope: 'caller', counts: { assessed: scope.assessed, failed: failures.length, skipped: null, listed: null } };
  }
  const r = v.record;
  return {
    kind: 'portfolio',
    assessment_id: r._id,
    status: r.status,
    trigger: r.trigger,
    requested_by: r.requested_by,
    requested_at: r.requested_at.toISOString(),
    completed_at: r.completed_at?.toISOString() ?? null,
    duration_ms: r.completed_at ? r.completed_at.getTime() - r.requested_at.getTime() : null,
    force: r.force,
    scope: 'portfolio',
    counts: r.counts,
    progress: v.progress
      ? {
          phase: v.progress.phase,
          assessed: v.progress.assessed,
          failed: v.progress.failed,
          skipped: v.progress.skipped,
          in_flight: v.progress.in_flight,
          remaining: v.progress.remaining,
          listing_complete: v.progress.listing_complete,
          eta_seconds: v.progress.eta_seconds,
          continued_as_new: v.progress.continued_as_new,
        }
      : null,
    failures: r.failures,
    error: r.error,
    links: { self: `/v1/assessments/${r._id}`, summary: r.status === 'completed' ? '/v1/portfolio/summary' : null },
    temporal: { workflow_id: r.workflow_id, run_id: r.run_id },
  };
}
