import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, TimeoutFailure } from '@temporalio/workflow';

/** Machine codes an assessment can fail with, as ThreatMap and operators see them. */
const codeByFailureType: Record<string, string> = {
  CondoitNotFound: 'CONDOIT_FACILITY_NOT_FOUND',
  CondoitUnauthorized: 'CONDOIT_UNAUTHORIZED',
  CondoitBadRequest: 'CONDOIT_REJECTED_REQUEST',
  CondoitContractViolation: 'CONDOIT_CONTRACT_VIOLATION',
  SnapshotMissing: 'SNAPSHOT_MISSING',
};

/** A clear {code, message} for the failure that ended an assessment (the innermost cause says what happened). */
export function describeAssessmentFailure(err: unknown): { code: string; message: string } {
  let cause: unknown = err;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) {
    // A child assessment fails with its code already as the type (e.g. CONDOIT_FACILITY_NOT_FOUND).
    const type = cause.type ?? '';
    return { code: codeByFailureType[type] ?? (/^[A-Z][A-Z0-9_]+$/.test(type) ? type : 'ASSESSMENT_FAILED'), message: cause.message };
  }
  if (cause instanceof TimeoutFailure) {
    return { code: 'ASSESSMENT_TIMED_OUT', message: `an activity timed out (${cause.timeoutType}) after its retries` };
  }
  return { code: 'ASSESSMENT_FAILED', message: err instanceof Error ? err.message : String(err) };
}
