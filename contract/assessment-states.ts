/** An assessment's status, phase and trigger: in the API's answers and in the stored records alike. */
import { z } from 'zod';

export const assessmentStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const zAssessmentStatus = z.enum(assessmentStatuses);
export type AssessmentStatus = z.infer<typeof zAssessmentStatus>;
export const terminalStatuses: readonly AssessmentStatus[] = ['completed', 'failed', 'cancelled'];

export const zAssessmentPhase = z.enum(['queued', 'fetching', 'scoring', 'caching', 'done']);
export type AssessmentPhase = z.infer<typeof zAssessmentPhase>;

export const zTrigger = z.enum(['api', 'manual', 'schedule']);
export type Trigger = z.infer<typeof zTrigger>;
