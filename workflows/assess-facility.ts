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
  log,
  patched,
} from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import type { AssessmentOutcome, AssessmentRef, StatusUpdate } from '../activities/types.js';
import type { AssessFacilityInput } from './assess-facility-input.js';
import { describeAssessmentFailure } from './describe-failure.js';
import { emitWebhookEvents } from './emit-webhook-events.js';
import { assessmentIdForRun } from './ids.js';
import { AssessmentIdKey, ModelVersionKey, RiskLevelKey } from './search-attributes.js';

/** Patch id of the 2-activity happy path (never change it: recorded in histories). */
export const FEWER_ACTIVITIES_PATCH = 'assess-facility-fewer-activities';

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
  const { refreshFacilityCache } = proxyActivities<Activities>(opts.refreshFacilityCache);
  const record = (update: StatusUpdate) => recordAssessmentStatus(ref, update);

  upsertSearchAttributes([{ key: AssessmentIdKey, value: ref.assessmentId }]);

  // Runs started since this patch record "running" in the fetch activity and warm the cache and record
  // "completed" in the scoring activity: 2 activities instead of 5 (bench/README.md). Older runs replay as before.
  const fewerActivities = patched(FEWER_ACTIVITIES_PATCH);
  try {
    if (!fewerActivities) await record({ status: 'running', phase: 'fetching', percent: 10 });
    const snapshot = fewerActivities ? await fetchFacilitySnapshot(ref, { recordStart: true }) : await fetchFacilitySnapshot(ref);
    const outcome = fewerActivities ? await scoreFacilitySnapshot(ref, snapshot, Date.now(), { finish: true }) : await scoreFacilitySnapshot(ref, snapshot, Date.now());
    upsertSearchAttributes([
      { key: RiskLevelKey, value: outcome.riskLevel },
      { key: ModelVersionKey, value: outcome.modelVersion },
    ]);
    if (!fewerActivities) {
      try {
        await refreshFacilityCache(ref.facilityId);
      } catch (err) {
        // The result is stored; a cold cache only costs the next reader one MongoDB lookup.
        log.warn('cache refresh failed; the result is stored and will be cached on first read', { error: String(err) });
      }
      await record({ status: 'completed', phase: 'done', percent: 100 });
    }
    await emitWebhookEvents(opts.webhooks, { kind: 'assessment.completed', occurredAt: Date.now(), ...outcome });
    return outcome;
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => record({ status: 'cancelled', phase: 'done', percent: 100 }));
      throw err;
    }
    const failure = describeAssessmentFailure(err);
    await record({ status: 'failed', phase: 'done', percent: 100, error: failure });
    await emitWebhookEvents(opts.webhooks, { kind: 'assessment.failed', occurredAt: Date.now(), assessmentId: ref.assessmentId, facilityId: ref.facilityId, error: failure });
    throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: true, cause: err as Error });
  }
}
