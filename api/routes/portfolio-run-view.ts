import { z } from '@hono/zod-openapi';
import { zAssessmentStatus, zTrigger } from '../../store/assessment-record.js';
import type { PortfolioRunView } from '../services/portfolio-service.js';

export const zPortfolioRunView = z
  .object({
    kind: z.literal('portfolio'),
    assessment_id: z.string(),
    status: zAssessmentStatus,
    trigger: zTrigger,
    requested_by: z.string(),
    requested_at: z.string(),
    completed_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
    force: z.boolean(),
    scope: z.enum(['portfolio', 'caller']).openapi({
      description: "'portfolio': the whole run (global admins). 'caller': only the caller's facilities (a facility-scoped admin): counts, failures and progress of other facilities are left out.",
    }),
    counts: z
      .object({ assessed: z.number().int(), failed: z.number().int(), skipped: z.number().int().nullable(), listed: z.number().int().nullable() })
      .openapi({ description: "With scope 'caller', skipped and listed are null: which of the caller's facilities were listed or left unchanged is not recorded per facility." }),
    progress: z
      .object({
        phase: z.enum(['planning', 'assessing', 'summarizing', 'done']),
        assessed: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int(),
        in_flight: z.number().int(),
        remaining: z.number().int(),
        listing_complete: z.boolean(),
        eta_seconds: z.number().nullable(),
        continued_as_new: z.number().int(),
      })
      .nullable()
      .openapi({ description: 'Live progress while the run is in flight (null once it has finished).' }),
    failures: z.array(z.object({ facility_id: z.string(), code: z.string(), message: z.string() })),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    links: z.object({ self: z.string(), summary: z.string().nullable() }),
    temporal: z.object({ workflow_id: z.string(), run_id: z.string() }),
  })
  .openapi('PortfolioRun');

/** What a facility-scoped admin may know of a run: its own facilities' outcomes. */
export interface CallerScope {
  facilityIds: ReadonlySet<string>;
  /** Its facilities the run assessed (their facility assessments carry the run id). */
  assessed: number;
}

export function portfolioRunView(v: PortfolioRunView, scope?: CallerScope): z.infer<typeof zPortfolioRunView> {
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
    progress: v.progress ? { phase: v.progress.phase, assessed: v.progress.assessed, failed: v.progress.failed, skipped: v.progress.skipped, in_flight: v.progress.in_flight, remaining: v.progress.remaining, listing_complete: v.progress.listing_complete, eta_seconds: v.progress.eta_seconds, continued_as_new: v.progress.continued_as_new } : null,
    failures: r.failures,
    error: r.error,
    links: { self: `/v1/assessments/${r._id}`, summary: r.status === 'completed' ? '/v1/portfolio/summary' : null },
    temporal: { workflow_id: r.workflow_id, run_id: r.run_id },
  };
}
