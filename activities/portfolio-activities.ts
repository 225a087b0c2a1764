/**
 * Activities of a portfolio reassessment: plan a page of facilities (which changed since their last assessment),
 * record the run's status, and publish the portfolio summary. Pages carry facility ids only — never the data.
 */
import { Context } from '@temporalio/activity';
import type { CondoitClient } from '../condoit/client.js';
import { PortfolioAccumulator } from '../domain/portfolio-summary.js';
import { MODEL_VERSION } from '../domain/model-table.js';
import type { AssessmentStatus, Trigger } from '../contract/assessment-states.js';
import type { Collections } from '../store/collections.js';
import type { FacilityResults } from '../results/facility-results.js';
import type { PortfolioRunRecord } from '../store/portfolio-run-record.js';
import { isDuplicateKey } from '../store/mongo.js';
import { toActivityFailure } from './condoit-failure.js';
import { CondoitError } from '../condoit/errors.js';

/** Facility results looked up concurrently while planning a page. */
const LOOKUPS_AT_ONCE = 16;

export interface PortfolioDeps {
  condoit: CondoitClient;
  collections: Collections;
  results: FacilityResults;
}

export interface PortfolioPagePlan {
  toAssess: string[];
  skipped: number;
  listed: number;
  nextCursor: string | null;
}

export interface PortfolioRunRef {
  portfolioRunId: string;
  workflowId: string;
  runId: string;
  trigger: Trigger;
  requestedBy: string;
  force: boolean;
  requestedAt: number;
}

export interface PortfolioRunUpdate {
  status: AssessmentStatus;
  counts: PortfolioRunRecord['counts'];
  failures: PortfolioRunRecord['failures'];
  error?: { code: string; message: string };
}

export function createPortfolioActivities(deps: PortfolioDeps) {
  const c = deps.collections;
  return {
    /**
     * One page of Condoit's facilities: those never assessed, changed since (Condoit's updated_at differs from the
     * one their current result was computed from), or assessed by another model version — or all with `force`.
     */
    async planPortfolioPage(cursor: string | null, pageSize: number, force: boolean): Promise<PortfolioPagePlan> {
      try {
        const page = await deps.condoit.facilityPage({ cursor, limit: pageSize, signal: Context.current().cancellationSignal });
        const ids = page.facilities.map((f) => f.id);
        // One read by _id per facility, a few at a time: an `$in` would be a scan of every result on FerretDB.
        const current = new Map<string, { source_updated_at: string; model_version: string }>();
        for (let i = 0; i < ids.length; i += LOOKUPS_AT_ONCE) {
          const docs = await Promise.all(
            ids
              .slice(i, i + LOOKUPS_AT_ONCE)
              .map((_id) => c.facilityResults.findOne({ _id }, { projection: { source_updated_at: 1, model_version: 1 } })),
          );
          for (const d of docs) if (d) current.set(d._id, d);
        }
        const toAssess = page.facilities
          .filter((f) => {
            const r = current.get(f.id);
            return force || !r || r.source_updated_at !== f.updated_at || r.model_version !== MODEL_VERSION;
          })
          .map((f) => f.id);
        return { toAssess, skipped: ids.length - toAssess.length, listed: ids.length, nextCursor: page.nextCursor };
      } catch (err) {
        const ctx = Context.current();
        ctx.log.warn('Condoit facility page failed', {
          cursor,
          attempt: ctx.info.attempt,
          errorType: err instanceof CondoitError ? err.type : 'unexpected',
          error: err,
        });
        throw toActivityFailure(err);
      }
    },

    async recordPortfolioRun(ref: PortfolioRunRef, update: PortfolioRunUpdate): Promise<void> {
      const terminal = update.status === 'completed' || update.status === 'failed' || update.status === 'cancelled';
      try {
        await c.portfolioRuns.insertOne({
          _id: ref.portfolioRunId,
          workflow_id: ref.workflowId,
          run_id: ref.runId,
          status: 'queued',
          trigger: ref.trigger,
          requested_by: ref.requestedBy,
          force: ref.force,
          requested_at: new Date(ref.requestedAt),
          completed_at: null,
          updated_at: new Date(),
          counts: { assessed: 0, failed: 0, skipped: 0, listed: 0 },
          failures: [],
          error: null,
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      await c.portfolioRuns.updateOne(
        { _id: ref.portfolioRunId, status: { $in: ['queued', 'running'] } },
        {
          $set: {
            status: update.status,
            counts: update.counts,
            failures: update.failures,
            updated_at: new Date(),
            ...(terminal ? { completed_at: new Date() } : {}),
            ...(update.error ? { error: update.error } : {}),
          },
        },
      );
    },

    /** Rolls every facility's current result into the portfolio summary and stores it for the run. */
    async publishPortfolioSummary(portfolioRunId: string): Promise<{ facilities: number; equipment: number }> {
      const acc = new PortfolioAccumulator();
      let latest = '';
      for await (const doc of c.facilityResults
        .find({}, { projection: { list_item: 1, compliance: 1, history: 1 } })
        .sort({ _id: 1 })
        .batchSize(500)) {
        acc.add({ listItem: doc.list_item, compliance: doc.compliance, history: doc.history });
        if (doc.list_item.last_updated > latest) latest = doc.list_item.last_updated;
        Context.current().heartbeat();
      }
      const summary = acc.finish(latest || new Date().toISOString());
      await c.portfolioSummaries.replaceOne({ _id: portfolioRunId }, { completed_at: new Date(), summary }, { upsert: true });
      return { facilities: summary.total_facilities, equipment: summary.total_equipment };
    },
  };
}

export type PortfolioActivities = ReturnType<typeof createPortfolioActivities>;
