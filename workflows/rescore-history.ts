/**
 * rescoreHistory: when the model version changes, re-scores every facility's stored trend points of another
 * version under the current one, so a served trend (only points of the result's version) is whole again. Pages
 * through facility results by _id, re-scores the facilities that need it a few at a time (one activity per
 * facility, idempotent: a retried or repeated one skips points already on the version), survives a facility's
 * failure, and continues as new before its history grows large. Only ids and counts pass through history.
 */
import {
  continueAsNew,
  defineQuery,
  isCancellation,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { HistoryActivities } from '../activities/history-activities.js';
import type { RescoreHistoryInput, RescoreHistoryProgress, RescoreHistoryState } from './rescore-history-input.js';

export const rescoreHistoryProgressQuery = defineQuery<RescoreHistoryProgress>('progress');

export async function rescoreHistory(input: RescoreHistoryInput): Promise<RescoreHistoryState> {
  const o = input.options;
  const state: RescoreHistoryState = input.state ?? {
    cursor: null,
    scanned: 0,
    facilities: 0,
    rescored: 0,
    dropped: 0,
    failed: 0,
    failures: [],
    continuedAsNew: 0,
  };
  const { planHistoryRescorePage } = proxyActivities<HistoryActivities>(o.activities.planHistoryRescorePage);
  const { rescoreFacilityHistory } = proxyActivities<HistoryActivities>(o.activities.rescoreFacilityHistory);
  let inFlight = 0;
  let done = false;
  setHandler(rescoreHistoryProgressQuery, () => ({
    model_version: input.modelVersion,
    scanned: state.scanned,
    facilities: state.facilities,
    rescored: state.rescored,
    dropped: state.dropped,
    failed: state.failed,
    in_flight: inFlight,
    continued_as_new: state.continuedAsNew,
    done,
  }));
  const details = (what: string) =>
    setCurrentDetails(
      `${what} (model ${input.modelVersion}): ${state.facilities} facilities, ${state.rescored} points re-scored, ` +
        `${state.dropped} dropped (snapshot gone), ${state.failed} failed, ${state.scanned} results read`,
    );

  for (;;) {
    details('Reading facility results');
    const page = await planHistoryRescorePage(state.cursor, o.pageSize, input.modelVersion);
    state.scanned += page.scanned;
    await rescoreAll(page.facilityIds);
    state.cursor = page.nextCursor;
    if (page.nextCursor === null) break;
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > o.continueAsNewAfterEvents) {
      await continueAsNew<typeof rescoreHistory>({ ...input, state: { ...state, continuedAsNew: state.continuedAsNew + 1 } });
    }
  }
  done = true;
  details('Done');
  return state;

  /** Re-scores the page's facilities, at most `concurrency` at a time; a facility's failure is counted, not thrown. */
  async function rescoreAll(facilityIds: readonly string[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < facilityIds.length) {
        const facilityId = facilityIds[next++]!;
        inFlight += 1;
        details('Re-scoring trends');
        try {
          const r = await rescoreFacilityHistory(facilityId, input.modelVersion);
          state.facilities += 1;
          state.rescored += r.rescored;
          state.dropped += r.dropped;
        } catch (err) {
          if (isCancellation(err)) throw err;
          state.failed += 1;
          if (state.failures.length < o.maxRecordedFailures)
            state.failures.push({ facility_id: facilityId, message: err instanceof Error ? err.message : String(err) });
        } finally {
          inFlight -= 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, facilityIds.length) }, lane));
  }
}
