/**
 * Activities of a facility assessment: thin shells that move data Condoit → snapshot store → domain model →
 * read models → cache. Each is idempotent, so Temporal may retry any of them at any point. Dependencies come in
 * through this factory and are wired once by the worker.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CondoitClient, DataQualityIssue } from '../condoit/client.js';
import type { Equipment } from '../condoit/schema.js';
import type { FacilityRisksCache } from '../cache/facility-risks-cache.js';
import { scoreEquipmentWithFactors } from '../domain/equipment-risk.js';
import { FacilityRiskAccumulator } from '../domain/facility-risks.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import type { AssessmentRepository } from '../store/assessment-repository.js';
import type { EquipmentRiskDoc } from '../store/documents.js';
import type { FacilityRiskRepository } from '../store/facility-risk-repository.js';
import type { SnapshotRepository } from '../store/snapshot-repository.js';
import { toActivityFailure } from './condoit-failure.js';
import type { AssessmentOutcome, AssessmentRef, SnapshotSummary, StatusUpdate } from './types.js';

export interface ActivityDeps {
  condoit: CondoitClient;
  assessments: AssessmentRepository;
  snapshots: SnapshotRepository;
  risks: FacilityRiskRepository;
  cache: FacilityRisksCache;
}

export function createActivities(deps: ActivityDeps) {
  return {
    /** Records the run's status and progress in MongoDB, creating the record if the API never could. */
    async recordAssessmentStatus(ref: AssessmentRef, update: StatusUpdate): Promise<boolean> {
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
      return deps.assessments.transition(ref.assessmentId, update.status, {
        progress: { phase: update.phase, percent: update.percent },
        ...(update.status === 'running' && update.phase === 'fetching' ? { started_at: now } : {}),
        ...(terminal ? { completed_at: now } : {}),
        ...(update.error ? { error: update.error } : {}),
      });
    },

    /** Pages the facility's data out of Condoit and stores it as a content-addressed snapshot. */
    async fetchFacilitySnapshot(ref: AssessmentRef): Promise<SnapshotSummary> {
      const ctx = Context.current();
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
        return { snapshotId: saved.snapshotId, hash: saved.hash, equipmentCount: saved.equipmentCount, dataQualityIssueCount: saved.dataQualityIssueCount };
      } catch (err) {
        throw toActivityFailure(err);
      }
    },

    /**
     * Scores a stored snapshot with the risk model and publishes the result. `asOf` comes from the workflow, so a
     * retry computes exactly the same documents.
     */
    async scoreFacilitySnapshot(ref: AssessmentRef, snapshot: SnapshotSummary, asOf: number): Promise<AssessmentOutcome> {
      const header = await deps.snapshots.header(snapshot.snapshotId);
      if (!header) {
        throw ApplicationFailure.create({ type: 'SnapshotMissing', message: `snapshot ${snapshot.snapshotId} is not in MongoDB`, nonRetryable: true });
      }
      await deps.assessments.transition(ref.assessmentId, 'running', { progress: { phase: 'scoring', percent: 50 }, snapshot_id: header._id, snapshot_hash: header.hash });
      const at = new Date(asOf);
      const facility = header.facility;
      const acc = new FacilityRiskAccumulator(facility);
      for await (const chunk of deps.snapshots.equipmentChunks(header._id)) {
        const docs: EquipmentRiskDoc[] = [];
        for (const e of chunk) {
          const { risk, factors } = scoreEquipmentWithFactors(e, facility, at);
          acc.add(e, risk, factors);
          docs.push({ ...risk, _id: `${ref.assessmentId}:${e.id}`, facility_id: facility.id, assessment_id: ref.assessmentId });
        }
        await deps.risks.writeEquipmentRisks(docs);
        Context.current().heartbeat({ scored: acc.equipmentCount });
      }
      const body = acc.finish(at.toISOString());
      await deps.risks.publish(
        { ...body, _id: facility.id, assessment_id: ref.assessmentId, model_version: MODEL_VERSION, snapshot_hash: header.hash, completed_at: at },
        { equipmentCount: acc.equipmentCount, meanAge: acc.meanEquipmentAge },
      );
      const outcome: AssessmentOutcome = {
        assessmentId: ref.assessmentId,
        facilityId: facility.id,
        riskScore: body.risk_summary.risk_score,
        riskLevel: body.risk_summary.risk_level,
        equipmentCount: acc.equipmentCount,
        dataQualityIssueCount: header.data_quality_issues.length,
        modelVersion: MODEL_VERSION,
        snapshotHash: header.hash,
      };
      await deps.assessments.transition(ref.assessmentId, 'running', {
        progress: { phase: 'caching', percent: 90 },
        model_version: MODEL_VERSION,
        result: { risk_score: outcome.riskScore, risk_level: outcome.riskLevel, equipment_count: outcome.equipmentCount, data_quality_issue_count: outcome.dataQualityIssueCount },
      });
      return outcome;
    },

    /** Puts the facility's fresh /risks result into Redis so ThreatMap's next read is a cache hit. */
    async refreshFacilityCache(facilityId: string): Promise<{ cached: boolean }> {
      const body = await deps.risks.read(facilityId);
      if (!body) return { cached: false };
      return { cached: await deps.cache.set(facilityId, body) };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
