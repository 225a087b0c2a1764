/**
 * assessFacility: one facility's Condoit data → snapshot (MongoDB) → risk model → read models → cache.
 * Deterministic orchestration only: all I/O is in activities, and only references and small summaries pass
 * through history (the snapshot itself never does).
 */
import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import type { AssessmentOutcome, AssessmentRef, StatusUpdate } from '../activities/types.js';
import type { AssessFacilityInput } from './assess-facility-input.js';
import { describeAssessmentFailure } from './describe-failure.js';
import { emitWebhookEvents } from './emit-webhook-events.js';
import { assessmentIdForRun } from './ids.js';
import { AssessmentIdKey, ModelVersionKey, RiskLevelKey } from './search-attributes.js';

export async function assessFacility(input: AssessFacilityInput): Promise<AssessmentOutcome> {
  const info = workflowInfo();
  const ref: AssessmentRef = {
    assessmentId: assessmentIdForRun(info.firstExecutionRunId),
    facilityId: input.facilityId,
    workflowId: info.workflowId,
    runId: info.runId,
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    startToken: input.startToken,
    requestedAt: info.startTime.getTime(),
  };
  const opts = input.activityOptions;
  const { recordAssessmentStatus } = proxyActivities<Activities>(opts.recordAssessmentStatus);
  const { fetchFacilitySnapshot } = proxyActivities<Activities>(opts.fetchFacilitySnapshot);
  const { scoreFacilitySnapshot } = proxyActivities<Activities>(opts.scoreFacilitySnapshot);
  const record = (update: StatusUpdate) => recordAssessmentStatus(ref, update);

  upsertSearchAttributes([{ key: AssessmentIdKey, value: ref.assessmentId }]);

  try {
    // Two activities on the happy path (bench/README.md): the fetch records the run "running", the scoring
    // publishes the results, warms the cache and records the run "completed".
    const snapshot = await fetchFacilitySnapshot(ref);
    const outcome = await scoreFacilitySnapshot(ref, snapshot, Date.now());
    upsertSearchAttributes([
      { key: RiskLevelKey, value: outcome.riskLevel },
      { key: ModelVersionKey, value: outcome.modelVersion },
    ]);
    await emitWebhookEvents(opts.webhooks, { kind: 'assessment.completed', occurredAt: Date.now(), ...outcome });
    return outcome;
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => record({ status: 'cancelled', phase: 'done', percent: 100 }));
      throw err;
    }
    const failure = describeAssessmentFailure(err);
    await record({ status: 'failed', phase: 'done', percent: 100, error: failure });
    await emitWebhookEvents(opts.webhooks, {
      kind: 'assessment.failed',
      occurredAt: Date.now(),
      assessmentId: ref.assessmentId,
      facilityId: ref.facilityId,
      error: failure,
    });
    throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: true, cause: err as Error });
  }
}
