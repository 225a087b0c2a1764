import type { AssessmentView } from '../../contract/assessment-view.js';
import type { AssessmentRecord } from '../../store/assessment-record.js';

export function assessmentView(r: AssessmentRecord): AssessmentView {
  return {
    kind: 'facility',
    assessment_id: r._id,
    facility_id: r.facility_id,
    status: r.status,
    progress: r.progress,
    trigger: r.trigger,
    requested_by: r.requested_by,
    requested_at: r.requested_at.toISOString(),
    started_at: r.started_at?.toISOString() ?? null,
    completed_at: r.completed_at?.toISOString() ?? null,
    duration_ms: r.completed_at ? r.completed_at.getTime() - r.requested_at.getTime() : null,
    model_version: r.model_version,
    snapshot_hash: r.snapshot_hash,
    result: r.result,
    error: r.error,
    links: {
      self: `/v1/assessments/${r._id}`,
      risks: r.status === 'completed' ? `/v1/facilities/${encodeURIComponent(r.facility_id)}/risks` : null,
    },
    temporal: { workflow_id: r.workflow_id, run_id: r.run_id },
  };
}
