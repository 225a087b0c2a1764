import type { ActivityOptions } from '@temporalio/common';
import type { Trigger } from '../contract/assessment-states.js';
import type { WebhookOptions } from './webhook-options.js';

/** Timeouts and retry policies per activity, resolved from temporal.config.yaml by the starter. */
export interface AssessFacilityActivityOptions {
  fetchFacilitySnapshot: ActivityOptions;
  scoreFacilitySnapshot: ActivityOptions;
  recordAssessmentStatus: ActivityOptions;
  webhooks: WebhookOptions;
}

export interface AssessFacilityInput {
  facilityId: string;
  trigger: Trigger;
  requestedBy: string;
  /** A nonce chosen by the starter: finding it on the run's record tells the starter the run is its own. */
  startToken: string;
  /**
   * Carried in the start event (a few hundred bytes) so each run keeps the policies it started with, whatever
   * the configuration says later — a replay never sees different options.
   */
  activityOptions: AssessFacilityActivityOptions;
}
