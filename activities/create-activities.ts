/**
 * Activities of a facility assessment: thin shells that move data Condoit → snapshot store → domain model →
 * read models → cache. Each is idempotent, so Temporal may retry any of them at any point. Dependencies come in
 * through this factory and are wired once by the worker.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CondoitClient, DataQualityIssue } from '../condoit/client.js';
import { CondoitError } from '../condoit/errors.js';
import type { Equipment } from '../condoit/schema.js';
import type { FacilityCacheWarmer } from '../results/facility-cache-warmer.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import type { AssessmentRepository } from '../store/assessment-repository.js';
import type { Collections } from '../store/collections.js';
import type { EquipmentDetailItem, EquipmentListEntry } from '../store/documents.js';
import { DataQuality, equipmentResult, facilityResult, type ProjectionContext } from '../results/projection.js';
import { historyPoint, trendValues } from '../results/history-point.js';
import type { FacilityResults } from '../results/facility-results.js';
import type { SnapshotRepository } from '../store/snapshot-repository.js';
import { toActivityFailure } from './condoit-failure.js';
import { modelFacility } from '../store/model-inputs.js';
import { reconstructTrend } from './reconstruct-trend.js';
import { scoreSnapshot } from '../results/score-snapshot.js';
import type { WorkerMetrics } from '../observability/worker-metrics.js';
import type { AssessmentOutcome, AssessmentRef, SnapshotSummary, StatusUpdate } from './types.js';

export interface ActivityDeps {
  condoit: CondoitClient;
  collections: Collections;
  assessments: AssessmentRepository;
  snapshots: SnapshotRepository;
  results: FacilityResults;
  cache: FacilityCacheWarmer;
  /** Assessments by outcome (absent in tests that do not look at metrics). */
  metrics?: Pick<WorkerMetrics, 'assessments'>;
}

export function createActivities(deps: ActivityDeps) {
  /** Records the run's status and progress in MongoDB, creating the record if the API never could. */
  async function recordAssessmentStatus(ref: AssessmentRef, update: StatusUpdate): Promise<boolean> {
    await deps.assessments.ensure({
      _id: ref.assessmentId,
      facility_id: ref.facilityId,
      workflow_id: ref.workflowId,
      run_id: ref.runId,
      trigger: ref.trigger,
      requested_by: ref.requestedBy,
      start_token: ref.startToken,
      requested_at: new Date(ref.requestedAt),
    });
    const now = new Date();
    const terminal = update.status === 'completed' || update.status === 'failed' || update.status === 'cancelled';
    const moved = await deps.assessments.transition(ref.assessmentId, update.status, {
      progress: { phase: update.phase, percent: update.percent },
      ...(update.status === 'running' && update.phase === 'fetching' ? { started_at: now } : {}),
      ...(terminal ? { completed_at: now } : {}),
      ...(update.error ? { error: update.error } : {}),
    });
    // Counted and logged once: a retried activity whose first attempt landed finds the record already final.
    if (terminal && moved) {
      deps.metrics?.assessments.inc({ outcome: update.status });
      const log = Context.current().log;
      const meta = {
        facilityId: ref.facilityId,
        assessmentId: ref.assessmentId,
        status: update.status,
        ...(update.error ? { errorCode: update.error.code, errorMessage: update.error.message } : {}),
      };
      if (update.status === 'failed') log.warn('assessment failed', meta);
      else log.info(`assessment ${update.status}`, meta);
    }
    return moved;
  }

  return {
    recordAssessmentStatus,

    /**
     * Records the run as running, then pages the facility's data out of Condoit and stores it as a
     * content-addressed snapshot.
     */
    async fetchFacilitySnapshot(ref: AssessmentRef): Promise<SnapshotSummary> {
      const ctx = Context.current();
      await recordAssessmentStatus(ref, { status: 'running', phase: 'fetching', percent: 10 });
      try {
        const facility = await deps.condoit.getFacility(ref.facilityId);
        const equipment: Equipment[] = [];
        const issues: DataQualityIssue[] = [];
        let pages = 0;
        for await (const page of deps.condoit.equipmentPages(ref.facilityId, ctx.cancellationSignal)) {
          equipment.push(...page.equipment);
          issues.push(...page.issues);
          pages += 1;
          ctx.heartbeat({ pages, equipment: equipment.length });
        }
        const saved = await deps.snapshots.save(facility, equipment, issues);
        ctx.log.info('snapshot stored', {
          facilityId: ref.facilityId,
          assessmentId: ref.assessmentId,
          snapshotId: saved.snapshotId,
          equipment: saved.equipmentCount,
          pages,
          reused: saved.reused,
        });
        return {
          snapshotId: saved.snapshotId,
          hash: saved.hash,
          equipmentCount: saved.equipmentCount,
          dataQualityIssueCount: saved.dataQualityIssueCount,
        };
      } catch (err) {
        // Every attempt's failure is reported with its kind; Temporal decides from the type whether to retry.
        ctx.log.warn('Condoit fetch failed', {
          facilityId: ref.facilityId,
          assessmentId: ref.assessmentId,
          attempt: ctx.info.attempt,
          errorType: err instanceof CondoitError ? err.type : 'unexpected',
          retryable: err instanceof CondoitError ? err.retryable : null,
          error: err,
        });
        throw toActivityFailure(err);
      }
    },

    /**
     * Scores a stored snapshot with the risk model, publishes every contract body for the facility, warms the
     * cache and records the run completed. `asOf` comes from the workflow, so a retry computes exactly the same
     * documents.
     */
    async scoreFacilitySnapshot(ref: AssessmentRef, snapshot: SnapshotSummary, asOf: number): Promise<AssessmentOutcome> {
      const header = await deps.snapshots.header(snapshot.snapshotId);
      if (!header) {
        throw ApplicationFailure.create({
          type: 'SnapshotMissing',
          message: `snapshot ${snapshot.snapshotId} is not in MongoDB`,
          nonRetryable: true,
        });
      }
      await deps.assessments.transition(ref.assessmentId, 'running', {
        progress: { phase: 'scoring', percent: 50 },
        snapshot_id: header._id,
        snapshot_hash: header.hash,
      });
      const facility = modelFacility(header.facility);
      const ctx: ProjectionContext = {
        assessmentId: ref.assessmentId,
        facility,
        at: new Date(asOf).toISOString(),
        requestedAt: new Date(ref.requestedAt).toISOString(),
      };
      const quality = new DataQuality(header.data_quality_issues);
      const listing: EquipmentListEntry[] = [];
      const details = deps.results.detailWriter(ref.assessmentId, facility.id, header.equipment_count);
      let scoredSoFar = 0;
      const { out, equipmentCount } = await scoreSnapshot(facility, deps.snapshots.equipmentChunks(header), asOf, {
        onChunk: async (scored) => {
          const items: EquipmentDetailItem[] = [];
          for (const { e, a } of scored) {
            quality.add(e, a);
            const { detail, entry } = equipmentResult(ctx, e, a);
            items.push(detail);
            listing.push(entry);
          }
          await details.add(items);
          scoredSoFar += scored.length;
          Context.current().heartbeat({ scored: scoredSoFar });
        },
      });
      const detail = await details.finish();
      const listChunks = await deps.results.writeListing(ref.assessmentId, facility.id, listing);
      // A facility's first result comes with its trend: the 11 months before, from the same snapshot.
      const earlier = (await deps.results.exists(facility.id))
        ? []
        : await reconstructTrend(deps.snapshots, header, facility, asOf, () => Context.current().heartbeat({ scored: scoredSoFar }));
      const point = historyPoint(trendValues(out), { asOf: new Date(asOf), snapshotId: header._id, reconstructed: false });
      await deps.results.publish(facilityResult(ctx, { out, asOf, snapshotHash: header.hash, quality, listChunks, detail }), listing, [
        ...earlier,
        point,
      ]);
      const qualityCount = quality.count;
      const outcome: AssessmentOutcome = {
        assessmentId: ref.assessmentId,
        facilityId: facility.id,
        riskScore: out.risks.risk_summary.risk_score,
        riskLevel: out.risks.risk_summary.risk_level,
        equipmentCount,
        dataQualityIssueCount: qualityCount,
        modelVersion: MODEL_VERSION,
        snapshotHash: header.hash,
      };
      Context.current().log.info('facility scored', {
        facilityId: ref.facilityId,
        assessmentId: ref.assessmentId,
        riskScore: outcome.riskScore,
        riskLevel: outcome.riskLevel,
        equipment: outcome.equipmentCount,
      });
      await deps.assessments.transition(ref.assessmentId, 'running', {
        progress: { phase: 'caching', percent: 90 },
        model_version: MODEL_VERSION,
        result: {
          risk_score: outcome.riskScore,
          risk_level: outcome.riskLevel,
          equipment_count: outcome.equipmentCount,
          data_quality_issue_count: outcome.dataQualityIssueCount,
        },
      });
      // Warm the cache (best effort: a cold cache costs the next reader one MongoDB read) and tell every API
      // replica to drop its copy.
      try {
        await deps.cache.refresh(ref.facilityId);
      } catch (err) {
        Context.current().log.warn('cache refresh failed; the result is stored and will be cached on first read', {
          facilityId: ref.facilityId,
          error: String(err),
        });
      }
      await recordAssessmentStatus(ref, { status: 'completed', phase: 'done', percent: 100 });
      return outcome;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
