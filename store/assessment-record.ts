import { z } from 'zod';

import { zAssessmentPhase, zAssessmentStatus, zTrigger } from '../contract/assessment-states.js';

/** One facility assessment run, as stored in `assessments` (_id = assessment id). */
export const zAssessmentRecord = z.object({
  _id: z.string(),
  facility_id: z.string(),
  workflow_id: z.string(),
  run_id: z.string(),
  status: zAssessmentStatus,
  trigger: zTrigger,
  requested_by: z.string(),
  /** Nonce of the request that started the run (see AssessFacilityInput.startToken). */
  start_token: z.string(),
  requested_at: z.date(),
  started_at: z.date().nullable(),
  completed_at: z.date().nullable(),
  updated_at: z.date(),
  progress: z.object({ phase: zAssessmentPhase, percent: z.number().min(0).max(100) }),
  snapshot_id: z.string().nullable(),
  snapshot_hash: z.string().nullable(),
  model_version: z.string().nullable(),
  result: z
    .object({
      risk_score: z.number(),
      risk_level: z.string(),
      equipment_count: z.number().int(),
      data_quality_issue_count: z.number().int(),
    })
    .nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type AssessmentRecord = z.infer<typeof zAssessmentRecord>;

/**
 * An assessment still queued or running (`active_assessments`, _id = assessment id): the only way to list runs by
 * a non-final status without walking the history. Inserted with the record, removed when it reaches a final
 * status, so the collection holds at most the runs in flight.
 */
export interface ActiveAssessmentDoc {
  _id: string;
  facility_id: string;
  status: 'queued' | 'running';
  requested_at: Date;
}

/** The run a start token started for a facility (`assessment_starts`, _id = `<token>|<facility id>`). */
export interface AssessmentStartDoc {
  _id: string;
  assessment_id: string;
}

export const assessmentStartId = (startToken: string, facilityId: string) => `${startToken}|${facilityId}`;
