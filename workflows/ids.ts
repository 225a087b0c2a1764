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
