/** From a workflow's trigger to the event bodies consumers receive (pure: the previous level is looked up by the caller). */
import type { WebhookEventBody, WebhookEventType, WebhookTrigger } from './event-types.js';
import { webhookEventId } from './ids.js';

export interface PreviousResult {
  assessmentId: string;
  riskLevel: string;
  riskScore: number;
}

const assessmentLinks = (assessmentId: string, facilityId: string) => ({
  assessment: `/v1/assessments/${assessmentId}`,
  facility: `/v1/facilities/${facilityId}`,
  risks: `/v1/facilities/${facilityId}/risks`,
});

function body(type: WebhookEventType, subjectId: string, occurredAt: number, data: Record<string, unknown>): WebhookEventBody {
  return { id: webhookEventId(type, subjectId), type, occurred_at: new Date(occurredAt).toISOString(), api_version: 'v1', data };
}

/** The event types a trigger may produce, so the caller can skip all work when no subscription wants any. */
export function eventTypesOf(trigger: WebhookTrigger): WebhookEventType[] {
  return trigger.kind === 'assessment.completed' ? ['assessment.completed', 'facility.risk_level_changed'] : [trigger.kind];
}

/**
 * The events, in the order they are delivered: a completed assessment first, then the level change it caused
 * (none when the facility had no earlier completed assessment, or its level is the same).
 */
export function buildEvents(trigger: WebhookTrigger, previous: PreviousResult | null): WebhookEventBody[] {
  switch (trigger.kind) {
    case 'assessment.completed': {
      const links = assessmentLinks(trigger.assessmentId, trigger.facilityId);
      const events = [
        body('assessment.completed', trigger.assessmentId, trigger.occurredAt, {
          assessment_id: trigger.assessmentId,
          facility_id: trigger.facilityId,
          status: 'completed',
          risk_score: trigger.riskScore,
          risk_level: trigger.riskLevel,
          equipment_count: trigger.equipmentCount,
          model_version: trigger.modelVersion,
          links,
        }),
      ];
      if (previous && previous.riskLevel !== trigger.riskLevel) {
        events.push(
          body('facility.risk_level_changed', trigger.assessmentId, trigger.occurredAt, {
            facility_id: trigger.facilityId,
            assessment_id: trigger.assessmentId,
            risk_level: trigger.riskLevel,
            risk_score: trigger.riskScore,
            previous_assessment_id: previous.assessmentId,
            previous_risk_level: previous.riskLevel,
            previous_risk_score: previous.riskScore,
            links,
          }),
        );
      }
      return events;
    }
    case 'assessment.failed':
      return [
        body('assessment.failed', trigger.assessmentId, trigger.occurredAt, {
          assessment_id: trigger.assessmentId,
          facility_id: trigger.facilityId,
          status: 'failed',
          error: trigger.error,
          links: assessmentLinks(trigger.assessmentId, trigger.facilityId),
        }),
      ];
    case 'portfolio_run.completed':
      return [
        body('portfolio_run.completed', trigger.portfolioRunId, trigger.occurredAt, {
          portfolio_run_id: trigger.portfolioRunId,
          status: 'completed',
          counts: trigger.counts,
          links: { run: `/v1/assessments/${trigger.portfolioRunId}`, summary: '/v1/portfolio/summary' },
        }),
      ];
  }
}
