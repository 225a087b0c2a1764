/**
 * The baseline the orchestrated runs are compared with: the same fetch → snapshot → score → store → cache work,
 * by the same activity code and the same MongoDB/Redis/Condoit, in one plain sequential loop in this process —
 * no Temporal (activities run in @temporalio/testing's MockActivityEnvironment, which only supplies their context).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities.js';
import type { AssessmentOutcome, AssessmentRef, SnapshotSummary } from '../../activities/types.js';
import { parseEnv } from '../../config/env.js';
import { openActivityDeps, type OpenedDeps } from '../../workers/activity-deps.js';

export interface PlainPipeline {
  assess(facilityId: string): Promise<number>;
  /** Every facility Condoit lists, one after the other; returns the equipment scored. */
  assessAll(): Promise<{ facilities: number; equipment: number }>;
  /** Milliseconds spent in each activity so far (status = both status writes). */
  steps: Record<string, number>;
  close(): Promise<void>;
}

export async function openPlainPipeline(
  urls: { mongodb: string; redis: string; condoit: string; temporal: string },
  db: string,
): Promise<PlainPipeline> {
  const env = parseEnv({
    MASTERBUS_PROFILE: 'test',
    MONGODB_URL: urls.mongodb,
    MONGODB_DB: db,
    REDIS_URL: urls.redis,
    REDIS_KEY_PREFIX: `${db}:`,
    CONDOIT_URL: urls.condoit,
    TEMPORAL_ADDRESS: urls.temporal,
  });
  const opened: OpenedDeps = await openActivityDeps(env, {
    mongodb: urls.mongodb,
    redis: urls.redis,
    condoit: urls.condoit,
    temporal: urls.temporal,
  });
  const acts = createActivities(opened.deps);
  const mock = new MockActivityEnvironment(undefined, { logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } });
  let seq = 0;
  const steps: Record<string, number> = {};
  async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      steps[step] = (steps[step] ?? 0) + performance.now() - t0;
    }
  }

  async function assess(facilityId: string): Promise<number> {
    seq += 1;
    const ref: AssessmentRef = {
      assessmentId: `plain-${process.pid}-${seq}`,
      facilityId,
      workflowId: `plain-${seq}`,
      runId: `plain-${seq}`,
      trigger: 'manual',
      requestedBy: 'bench',
      startToken: 'bench',
      requestedAt: Date.now(),
    };
    // The workflow's two activities: the fetch records the run running, the scoring publishes, warms the cache
    // and records it completed.
    const snapshot: SnapshotSummary = await timed('fetch', () => mock.run(acts.fetchFacilitySnapshot, ref));
    const outcome: AssessmentOutcome = await timed('score', () => mock.run(acts.scoreFacilitySnapshot, ref, snapshot, Date.now()));
    return outcome.equipmentCount;
  }

  return {
    steps,
    assess: (facilityId) => assess(facilityId),
    async assessAll() {
      let cursor: string | null = null;
      let facilities = 0;
      let equipment = 0;
      do {
        const page = await opened.deps.condoit.facilityPage({ cursor, limit: 100 });
        for (const f of page.facilities) {
          equipment += await assess(f.id);
          facilities += 1;
        }
        cursor = page.nextCursor;
      } while (cursor);
      return { facilities, equipment };
    },
    close: () => opened.close(),
  };
}
