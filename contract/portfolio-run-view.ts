/** A portfolio run as the API answers it (GET /v1/assessments/prt_…, starts, cancels): server and clients share it. */
import { z } from '@hono/zod-openapi';
import { zAssessmentStatus, zTrigger } from './assessment-states.js';

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
      description:
        "'portfolio': the whole run (global admins). 'caller': only the caller's facilities (a facility-scoped admin): counts, failures and progress of other facilities are left out.",
    }),
    counts: z
      .object({
        assessed: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int().nullable(),
        listed: z.number().int().nullable(),
      })
      .openapi({
        description:
          "With scope 'caller', skipped and listed are null: which of the caller's facilities were listed or left unchanged is not recorded per facility.",
      }),
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

export type PortfolioRunJson = z.infer<typeof zPortfolioRunView>;
