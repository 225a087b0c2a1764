import type { ActivityOptions } from '@temporalio/common';
import type { AssessFacilityActivityOptions } from './assess-facility-input.js';
import type { ReassessPortfolioOptions } from './reassess-portfolio-input.js';
import type { RescoreHistoryOptions } from './rescore-history-input.js';
import type { ActivityConfig, TemporalConfig } from '../config/temporal-config.js';
import type { WebhookDeliveryOptions, WebhookOptions } from './webhook-options.js';

function toActivityOptions(a: ActivityConfig, summary: string): ActivityOptions {
  return {
    startToCloseTimeout: a.startToCloseTimeout as ActivityOptions['startToCloseTimeout'],
    ...(a.heartbeatTimeout ? { heartbeatTimeout: a.heartbeatTimeout as ActivityOptions['heartbeatTimeout'] } : {}),
    summary,
    retry: {
      initialInterval: a.retry.initialInterval as NonNullable<ActivityOptions['retry']>['initialInterval'],
      backoffCoefficient: a.retry.backoffCoefficient,
      maximumInterval: a.retry.maximumInterval as NonNullable<ActivityOptions['retry']>['maximumInterval'],
      // 0 in the YAML means "unlimited", which Temporal expresses by leaving the field unset.
      ...(a.retry.maximumAttempts > 0 ? { maximumAttempts: a.retry.maximumAttempts } : {}),
      nonRetryableErrorTypes: a.retry.nonRetryableErrorTypes,
    },
  };
}

/** The per-activity options a facility assessment runs with, from temporal.config.yaml. */
export function assessFacilityActivityOptions(cfg: TemporalConfig): AssessFacilityActivityOptions {
  const a = cfg.activities;
  return {
    fetchFacilitySnapshot: toActivityOptions(a.fetchFacilitySnapshot, 'Fetch Condoit data and store the snapshot'),
    scoreFacilitySnapshot: toActivityOptions(a.scoreFacilitySnapshot, 'Score the snapshot and publish read models'),
    recordAssessmentStatus: toActivityOptions(a.recordAssessmentStatus, 'Record assessment status'),
    webhooks: webhookOptions(cfg),
  };
}

/** How a subscription's webhook deliveries run (its workflow's input), from temporal.config.yaml. */
export function webhookDeliveryOptions(cfg: TemporalConfig): WebhookDeliveryOptions {
  return {
    deliverWebhook: toActivityOptions(cfg.activities.deliverWebhook, 'POST a signed webhook'),
    recordWebhookDelivery: toActivityOptions(cfg.activities.recordWebhookDelivery, 'Record a dead-lettered webhook delivery'),
    idleTimeout: cfg.webhooks.idleTimeout,
    maxDeliveriesPerRun: cfg.webhooks.maxDeliveriesPerRun,
  };
}

export function webhookOptions(cfg: TemporalConfig): WebhookOptions {
  return {
    emitWebhookEvents: toActivityOptions(cfg.activities.emitWebhookEvents, 'Emit webhook events'),
    delivery: webhookDeliveryOptions(cfg),
  };
}

/** What a portfolio run needs from temporal.config.yaml: its own activities, tuning, and its children's options. */
export function reassessPortfolioOptions(cfg: TemporalConfig): ReassessPortfolioOptions {
  const a = cfg.activities;
  const w = cfg.workflows.reassessPortfolio;
  return {
    concurrency: w.concurrency,
    pageSize: w.pageSize,
    continueAsNewAfterEvents: w.continueAsNewAfterEvents,
    maxRecordedFailures: w.maxRecordedFailures,
    childExecutionTimeout: cfg.workflows.assessFacility.executionTimeout,
    activities: {
      planPortfolioPage: toActivityOptions(a.planPortfolioPage, 'Plan a page of facilities'),
      recordPortfolioRun: toActivityOptions(a.recordPortfolioRun, 'Record portfolio run status'),
      publishPortfolioSummary: toActivityOptions(a.publishPortfolioSummary, 'Publish the portfolio summary'),
    },
    facility: assessFacilityActivityOptions(cfg),
  };
}

/** How a trend re-score runs (workflow rescoreHistory), from temporal.config.yaml. */
export function rescoreHistoryOptions(cfg: TemporalConfig): RescoreHistoryOptions {
  const a = cfg.activities;
  const w = cfg.workflows.rescoreHistory;
  return {
    concurrency: w.concurrency,
    pageSize: w.pageSize,
    continueAsNewAfterEvents: w.continueAsNewAfterEvents,
    maxRecordedFailures: w.maxRecordedFailures,
    activities: {
      planHistoryRescorePage: toActivityOptions(a.planHistoryRescorePage, 'Read a page of facility results'),
      rescoreFacilityHistory: toActivityOptions(a.rescoreFacilityHistory, "Re-score a facility's trend points"),
    },
  };
}
