/**
 * Activities of a trend re-score (workflow rescoreHistory): read a page of facility results by _id and name the
 * facilities with trend points of another model version; re-score one facility's such points from their stored
 * snapshots, at their own instants, with the assessment's scoring path (score-snapshot.ts), and write the trend
 * back by _id. Both are idempotent: a point already on the version is skipped, and a re-score of the same
 * snapshot at the same instant gives the same values.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { MODEL_VERSION } from '../domain/model-version.js';
import type { FacilityCacheWarmer } from '../results/facility-cache-warmer.js';
import type { FacilityResults } from '../results/facility-results.js';
import { trendValues, type TrendValues } from '../results/history-point.js';
import { rescoredHistory, stalePoints } from '../results/history-rescore.js';
import type { Collections } from '../store/collections.js';
import type { SnapshotRepository } from '../store/snapshot-repository.js';
import { modelFacility } from '../store/model-inputs.js';
import { scoreSnapshot } from '../results/score-snapshot.js';

/** A publish landing between a re-score's read and its write makes it read again; past this many, Temporal retries. */
const WRITE_ATTEMPTS = 5;

export interface HistoryDeps {
  collections: Collections;
  snapshots: SnapshotRepository;
  results: FacilityResults;
  cache: FacilityCacheWarmer;
}

export interface HistoryRescorePage {
  /** Facilities of the page with points of another model version. */
  facilityIds: string[];
  scanned: number;
  /** The last _id read, or null when the page was the last. */
  nextCursor: string | null;
}

export function createHistoryActivities(deps: HistoryDeps) {
  const c = deps.collections;
  return {
    /** Facility results after `cursor` in _id order, `pageSize` of them: the ones whose trend needs re-scoring. */
    async planHistoryRescorePage(cursor: string | null, pageSize: number, modelVersion: string): Promise<HistoryRescorePage> {
      const docs = await c.facilityResults
        .find(cursor === null ? {} : { _id: { $gt: cursor } }, { projection: { history: 1 } })
        .sort({ _id: 1 })
        .limit(pageSize)
        .toArray();
      return {
        facilityIds: docs.filter((d) => stalePoints(d.history, modelVersion).length > 0).map((d) => d._id),
        scanned: docs.length,
        nextCursor: docs.length < pageSize ? null : docs.at(-1)!._id,
      };
    },

    /** Re-scores the facility's points of another version under `modelVersion`; a point whose snapshot is gone is dropped. */
    async rescoreFacilityHistory(facilityId: string, modelVersion: string): Promise<{ rescored: number; dropped: number }> {
      const ctx = Context.current();
      // A worker of another model version (a deployment in progress) hands the task back for one that has it.
      if (modelVersion !== MODEL_VERSION)
        throw ApplicationFailure.retryable(
          `this worker scores with model ${MODEL_VERSION}, the run re-scores under ${modelVersion}`,
          'ModelVersionMismatch',
        );
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const current = await deps.results.history(facilityId);
        const stale = current ? stalePoints(current.history, modelVersion) : [];
        if (!current || stale.length === 0) return { rescored: 0, dropped: 0 };
        const values = new Map<string, TrendValues | null>();
        for (const p of stale) {
          const header = await deps.snapshots.header(p.snapshot_id);
          if (!header) {
            ctx.log.warn('trend point dropped: its snapshot is gone, so it cannot be re-scored', {
              facilityId,
              month: p.month_key,
              snapshotId: p.snapshot_id,
              modelVersion: p.model_version,
            });
            values.set(p.month_key, null);
            continue;
          }
          const { out } = await scoreSnapshot(modelFacility(header.facility), deps.snapshots.equipmentChunks(header), p.as_of.getTime(), {
            recordsAsOf: p.reconstructed,
          });
          values.set(p.month_key, trendValues(out));
          ctx.heartbeat({ facilityId, scored: values.size });
        }
        const history = rescoredHistory(current.history, modelVersion, values);
        if (!(await deps.results.replaceHistory(facilityId, current.assessment_id, history))) continue;
        const dropped = [...values.values()].filter((v) => v === null).length;
        ctx.log.info('trend re-scored', { facilityId, modelVersion, rescored: values.size - dropped, dropped });
        try {
          await deps.cache.refresh(facilityId);
        } catch (err) {
          ctx.log.warn('cache refresh failed; the trend is stored and will be cached on first read', { facilityId, error: String(err) });
        }
        return { rescored: values.size - dropped, dropped };
      }
      throw ApplicationFailure.retryable(
        `facility ${facilityId} was republished ${WRITE_ATTEMPTS} times while its trend was re-scored`,
        'TrendChanged',
      );
    },
  };
}

export type HistoryActivities = ReturnType<typeof createHistoryActivities>;
