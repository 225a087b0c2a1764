/** Workflow and assessment ids: shared by the workflow, the API and tests, so every side derives the same ones. */

/** One facility assessment at a time per facility: starts use this id with the USE_EXISTING conflict policy. */
export function facilityAssessmentWorkflowId(facilityId: string): string {
  return `facility-assessment/${facilityId}`;
}

/** An assessment is one workflow run; its public id is derived from the run's first execution id. */
export function assessmentIdForRun(firstExecutionRunId: string): string {
  return `asm_${firstExecutionRunId}`;
}

export function runIdOfAssessment(assessmentId: string): string | null {
  const m = /^asm_([0-9a-f-]{36})$/.exec(assessmentId);
  return m ? m[1]! : null;
}

/** A portfolio reassessment is one workflow execution chain; its public id derives from the first run. */
export function portfolioIdForRun(firstExecutionRunId: string): string {
  return `prt_${firstExecutionRunId}`;
}

/** A facility's run inside a portfolio run: its own id, so it never collides with a manual run of the facility. */
export function portfolioChildWorkflowId(facilityId: string, portfolioRunId: string): string {
  return `facility-assessment/${facilityId}/${portfolioRunId}`;
}

/** Manual portfolio runs: `portfolio-reassessment/2026-11-27T02:00:00Z` (scheduled runs get the schedule's id). */
export function portfolioWorkflowId(startedAt: Date): string {
  return `portfolio-reassessment/${startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

/** The trend re-score of one model version: started once per version (temporal-admin/history-rescore.ts). */
export function historyRescoreWorkflowId(modelVersion: string): string {
  return `rescore-history-${modelVersion}`;
}
