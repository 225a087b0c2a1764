/** A facility assessment as the API answers it (GET /v1/assessments/{id}, lists, starts): server and clients share it. */
import { z } from '@hono/zod-openapi';
import { zAssessmentPhase, zAssessmentStatus, zTrigger } from './assessment-states.js';

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
