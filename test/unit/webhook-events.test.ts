import { describe, expect, it } from 'vitest';
import { buildEvents, eventTypesOf } from '../../webhooks/build-events.js';
import { webhookDeliveryId, webhookEventId } from '../../webhooks/ids.js';

const completed = {
  kind: 'assessment.completed' as const,
  assessmentId: 'asm_2',
  facilityId: 'fac-00001',
  occurredAt: Date.UTC(2026, 10, 27),
  riskScore: 71,
  riskLevel: 'High',
  equipmentCount: 40,
  modelVersion: 'm1',
};

describe('webhook events', () => {
  it('should give an assessment the same event id however often it is emitted, and each subscription its own delivery', () => {
    const [a] = buildEvents(completed, null);
    const [b] = buildEvents({ ...completed, occurredAt: completed.occurredAt + 5_000 }, null);
    expect(a!.id).toBe(b!.id);
    expect(a!.id).toBe(webhookEventId('assessment.completed', 'asm_2'));
    expect(webhookEventId('assessment.failed', 'asm_2')).not.toBe(a!.id);
    expect(webhookDeliveryId(a!.id, 'whs_1')).not.toBe(webhookDeliveryId(a!.id, 'whs_2'));
  });

  it('should add a risk level change only when the previous result had another level', () => {
    expect(buildEvents(completed, null).map((e) => e.type)).toEqual(['assessment.completed']);
    expect(buildEvents(completed, { assessmentId: 'asm_1', riskLevel: 'High', riskScore: 70 }).map((e) => e.type)).toEqual([
      'assessment.completed',
    ]);
    const [, change] = buildEvents(completed, { assessmentId: 'asm_1', riskLevel: 'Medium', riskScore: 48 });
    expect(change).toMatchObject({
      type: 'facility.risk_level_changed',
      data: {
        facility_id: 'fac-00001',
        risk_level: 'High',
        previous_risk_level: 'Medium',
        previous_assessment_id: 'asm_1',
        previous_risk_score: 48,
      },
    });
  });

  it('should keep payloads small: ids, levels, scores and links, with an id and occurred_at', () => {
    const [e] = buildEvents(
      {
        kind: 'portfolio_run.completed',
        portfolioRunId: 'prt_1',
        occurredAt: completed.occurredAt,
        counts: { assessed: 999, failed: 1, skipped: 0, listed: 1000 },
      },
      null,
    );
    expect(e).toEqual({
      id: webhookEventId('portfolio_run.completed', 'prt_1'),
      type: 'portfolio_run.completed',
      occurred_at: '2026-11-27T00:00:00.000Z',
      api_version: 'v1',
      data: {
        portfolio_run_id: 'prt_1',
        status: 'completed',
        counts: { assessed: 999, failed: 1, skipped: 0, listed: 1000 },
        links: { run: '/v1/assessments/prt_1', summary: '/v1/portfolio/summary' },
      },
    });
    expect(JSON.stringify(buildEvents(completed, { assessmentId: 'asm_1', riskLevel: 'Low', riskScore: 10 })).length).toBeLessThan(1500);
    expect(eventTypesOf(completed)).toEqual(['assessment.completed', 'facility.risk_level_changed']);
  });
});
