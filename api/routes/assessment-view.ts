import { z } from '@hono/zod-openapi';
import { zAssessmentPhase, zAssessmentStatus, zTrigger, type AssessmentRecord } from '../../store/assessment-record.js';

export const zAssessmentView = z
  .object({
    kind: z.literal('facility'),
    assessment_id: z.string(),
    facility_id: z.string(),
    status: zAssessmentStatus,
    progress: z.object({ phase: zAssessmentPhase, percent: z.number() }),
    trigger: zTrigger,
    requested_by: z.string(),
    requested_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
    model_version: z.string().nullable(),
    snapshot_hash: z.string().nullable(),
    result: z
      .object({ risk_score: z.number(), risk_level: z.string(), equipment_count: z.number(), data_quality_issue_count: z.number() })
      .nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    links: z.object({ self: z.string(), risks: z.string().nullable() }),
    temporal: z.object({ workflow_id: z.string(), run_id: z.string() }).openapi({
      description: 'Find this run in the Temporal UI by its workflow id.',
    }),
  })
  .openapi('Assessment');
export type AssessmentView = z.infer<typeof zAssessmentView>;

export function assessmentView(r: AssessmentRecord): AssessmentView {
  return {
    kind: 'facility',
    assessment_id: r._id,
    facility_id: r.facility_id,
    status: r.status,
    progress: r.progress,
    trigger: r.trigger,
    requested_by: r.requested_by,
    requested_at: r.requested_at.toISOString(),
    started_at: r.started_at?.toISOString() ?? null,
    completed_at: r.completed_at?.toISOString() ?? null,
    duration_ms: r.completed_at ? r.completed_at.getTime() - r.requested_at.getTime() : null,
    model_version: r.model_version,
    snapshot_hash: r.snapshot_hash,
    result: r.result,
    error: r.error,
    links: {
      self: `/v1/assessments/${r._id}`,
      risks: r.status === 'completed' ? `/v1/facilities/${encodeURIComponent(r.facility_id)}/risks` : null,
    },
    temporal: { workflow_id: r.workflow_id, run_id: r.run_id },
  };
}
