/**
 * reassessPortfolio: the full-portfolio compliance reassessment (scheduled or on demand). Pages through Condoit's
 * facilities, assesses the changed ones (or all, with `force`) as child workflows with bounded concurrency,
 * survives any single facility's failure, continues as new before history grows large, and finishes with the
 * portfolio summary.
 *
 * Granularity: one child workflow per facility, so operators find every facility's run in the UI by its
 * FacilityId / PortfolioRunId search attributes, and a facility's retries never bloat the parent's history. The
 * parent pays a handful of events per facility (docs/architecture.md has the measured cost).
 */
import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  continueAsNew,
  defineQuery,
  executeChild,
  isCancellation,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PortfolioActivities } from '../activities/portfolio-activities.js';
import { assessFacility } from './assess-facility.js';
import { describeAssessmentFailure } from './describe-failure.js';
import { emitWebhookEvents } from './emit-webhook-events.js';
import { portfolioIdForRun, portfolioChildWorkflowId } from './ids.js';
import type { PortfolioProgress, PortfolioProgressState, ReassessPortfolioInput } from './reassess-portfolio-input.js';
import { FacilityIdKey, PortfolioRunIdKey, TriggerKey } from './search-attributes.js';

export const portfolioProgressQuery = defineQuery<PortfolioProgress>('progress');

export async function reassessPortfolio(input: ReassessPortfolioInput): Promise<PortfolioProgressState> {
  const info = workflowInfo();
  const o = input.options;
  const portfolioRunId = portfolioIdForRun(info.firstExecutionRunId);
  const state: PortfolioProgressState = input.state ?? {
    cursor: null,
    assessed: 0,
    failed: 0,
    skipped: 0,
    listed: 0,
    failures: [],
    startedAt: Date.now(),
    continuedAsNew: 0,
  };
  const { planPortfolioPage } = proxyActivities<PortfolioActivities>(o.activities.planPortfolioPage);
  const { recordPortfolioRun } = proxyActivities<PortfolioActivities>(o.activities.recordPortfolioRun);
  const { publishPortfolioSummary } = proxyActivities<PortfolioActivities>(o.activities.publishPortfolioSummary);
  const ref = {
    portfolioRunId,
    workflowId: info.workflowId,
    runId: info.firstExecutionRunId,
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    force: input.force,
    requestedAt: state.startedAt,
  };
  let phase: PortfolioProgress['phase'] = 'planning';
  let inFlight = 0;
  let pending = 0;
  let listingComplete = false;

  setHandler(portfolioProgressQuery, () => {
    const processed = state.assessed + state.failed;
    const elapsed = (Date.now() - state.startedAt) / 1000;
    const remaining = pending + inFlight;
    return {
      portfolio_run_id: portfolioRunId,
      phase,
      assessed: state.assessed,
      failed: state.failed,
      skipped: state.skipped,
      in_flight: inFlight,
      remaining,
      listing_complete: listingComplete,
      eta_seconds: listingComplete && processed > 0 ? Math.round((elapsed / processed) * remaining) : null,
      continued_as_new: state.continuedAsNew,
    };
  });
  const counts = () => ({ assessed: state.assessed, failed: state.failed, skipped: state.skipped, listed: state.listed });
  const record = (status: 'running' | 'completed' | 'failed' | 'cancelled', error?: { code: string; message: string }) =>
    recordPortfolioRun(ref, { status, counts: counts(), failures: state.failures, ...(error ? { error } : {}) });

  upsertSearchAttributes([{ key: PortfolioRunIdKey, value: portfolioRunId }]);
  try {
    if (!input.state) await record('running');
    for (;;) {
      phase = 'planning';
      setCurrentDetails(
        `Planning the next page of facilities (${state.assessed} assessed, ${state.failed} failed, ${state.skipped} unchanged so far)`,
      );
      const page = await planPortfolioPage(state.cursor, o.pageSize, input.force);
      state.listed += page.listed;
      state.skipped += page.skipped;
      listingComplete = page.nextCursor === null;
      phase = 'assessing';
      await assessAll(page.toAssess);
      state.cursor = page.nextCursor;
      await record('running');
      if (page.nextCursor === null) break;
      if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > o.continueAsNewAfterEvents) {
        await continueAsNew<typeof reassessPortfolio>({ ...input, state: { ...state, continuedAsNew: state.continuedAsNew + 1 } });
      }
    }
    phase = 'summarizing';
    setCurrentDetails(`Publishing the portfolio summary (${state.assessed} assessed, ${state.failed} failed, ${state.skipped} unchanged)`);
    await publishPortfolioSummary(portfolioRunId);
    phase = 'done';
    setCurrentDetails(`Done: ${state.assessed} assessed, ${state.failed} failed, ${state.skipped} unchanged`);
    await record('completed');
    await emitWebhookEvents(o.facility.webhooks, {
      kind: 'portfolio_run.completed',
      portfolioRunId,
      occurredAt: Date.now(),
      counts: counts(),
    });
    return state;
  } catch (err) {
    // Continuing as new is how this run hands over to its next execution, not a failure.
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => record('cancelled'));
      throw err;
    }
    const failure = describeAssessmentFailure(err);
    await record('failed', failure);
    throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: true, cause: err as Error });
  }

  /** Runs the page's facilities as child workflows, at most `concurrency` at a time; failures are recorded. */
  async function assessAll(facilityIds: string[]): Promise<void> {
    pending = facilityIds.length;
    let next = 0;
    const worker = async () => {
      while (next < facilityIds.length) {
        const facilityId = facilityIds[next++]!;
        pending -= 1;
        inFlight += 1;
        setCurrentDetails(`Assessing facilities: ${state.assessed} done, ${state.failed} failed, ${inFlight} in flight`);
        try {
          await executeChild(assessFacility, {
            workflowId: portfolioChildWorkflowId(facilityId, portfolioRunId),
            args: [
              {
                facilityId,
                trigger: input.trigger,
                requestedBy: input.requestedBy,
                startToken: portfolioRunId,
                activityOptions: o.facility,
              },
            ],
            workflowExecutionTimeout: o.childExecutionTimeout as '1h',
            typedSearchAttributes: [
              { key: FacilityIdKey, value: facilityId },
              { key: PortfolioRunIdKey, value: portfolioRunId },
              { key: TriggerKey, value: input.trigger },
            ],
            staticSummary: `Assess facility ${facilityId} (portfolio run ${portfolioRunId})`,
          });
          state.assessed += 1;
        } catch (err) {
          if (isCancellation(err)) throw err;
          state.failed += 1;
          if (state.failures.length < o.maxRecordedFailures)
            state.failures.push({ facility_id: facilityId, ...describeAssessmentFailure(err) });
        } finally {
          inFlight -= 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, facilityIds.length) }, worker));
  }
}
