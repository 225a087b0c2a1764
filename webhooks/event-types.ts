/** The events a webhook subscription may ask for, and the small JSON documents they deliver. */
import { z } from 'zod';

export const webhookEventTypes = [
  'assessment.completed',
  'assessment.failed',
  'portfolio_run.completed',
  'facility.risk_level_changed',
] as const;
export const zWebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof zWebhookEventType>;

/**
 * What a workflow reports when it reaches a point consumers hear about (small: it goes through history). The emit
 * activity turns one trigger into one or more events (a completed assessment may also change the facility's level).
 */
export type WebhookTrigger =
  | {
      kind: 'assessment.completed';
      assessmentId: string;
      facilityId: string;
      occurredAt: number;
      riskScore: number;
      riskLevel: string;
      equipmentCount: number;
      modelVersion: string;
    }
  | { kind: 'assessment.failed'; assessmentId: string; facilityId: string; occurredAt: number; error: { code: string; message: string } }
  | {
      kind: 'portfolio_run.completed';
      portfolioRunId: string;
      occurredAt: number;
      counts: { assessed: number; failed: number; skipped: number; listed: number };
    };

/** The JSON body every delivery POSTs: ids, levels, scores and links to the full resources — never the data itself. */
export interface WebhookEventBody {
  id: string;
  type: WebhookEventType;
  occurred_at: string;
  api_version: 'v1';
  data: Record<string, unknown>;
}
