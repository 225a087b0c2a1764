/**
 * "A year of history" (issue #17): writes what a year of nightly portfolio runs, ThreatMap's polling and webhook
 * traffic leave in the store, straight through the project's own write paths — no Temporal workflow runs:
 *
 * - every facility's **current result** is a real assessment: the scoring workflow's two activities
 *   (`fetchFacilitySnapshot`, `scoreFacilitySnapshot`: Condoit simulator → snapshot → risk model →
 *   `FacilityResults.publish` → cache) run in this process in `MockActivityEnvironment`, for day 0's record;
 * - the **daily assessment records** of the days before: `AssessmentRepository.ensure` then `transition` to
 *   completed, with the day's `requested_at` and a result near the facility's current one;
 * - the **portfolio runs** those days belong to: `recordPortfolioRun` of the portfolio activities;
 * - the **audit log** of ThreatMap polling every facility's risks once a minute: `AuditLog.insert` (what its
 *   flush calls), batches of 500;
 * - **webhook subscriptions** through the API (`POST /v1/webhooks/subscriptions`: `WebhookService.create`), and
 *   their events and deliveries as the emit and deliver activities leave them (event bodies from `buildEvents`,
 *   ids from `webhookEventId`/`webhookDeliveryId`), inserted 500 at a time (`insertIgnoringDuplicates`).
 *
 * Sizes nest: `generate(from, to)` writes only what `to` has and `from` has not (facility f, day d, minute m,
 * subscription k, delivery i), so a small history can be measured, then grown into the large one. Memory stays
 * bounded: nothing but one batch per writer is ever held.
 */
import { AuditStore } from '../../store/audit-store.js';
import { createHash } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities.js';
import { createPortfolioActivities } from '../../activities/portfolio-activities.js';
import type { AssessmentOutcome, AssessmentRef, SnapshotSummary } from '../../activities/types.js';
import { AuditLog, type AuditEntry } from '../../api/audit/audit-log.js';
import { facilityId } from '../../condoit/simulator/generator.js';
import { parseEnv } from '../../config/env.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import { AssessmentRepository } from '../../store/assessment-repository.js';
import type { Collections } from '../../store/collections.js';
import { insertIgnoringDuplicates } from '../../store/insert-ignoring-duplicates.js';
import type { WebhookDeliveryDoc, WebhookEventDoc } from '../../store/webhook-documents.js';
import { buildEvents } from '../../webhooks/build-events.js';
import { webhookDeliveryId } from '../../webhooks/ids.js';
import { openActivityDeps } from '../../workers/activity-deps.js';
import { portfolioChildWorkflowId, portfolioIdForRun } from '../../workflows/ids.js';

/** One size of history. Every count is per the unit named; totals are in `historyTotals`. */
export interface HistorySize {
  facilities: number;
  equipment: number;
  /** Daily assessments per facility (day 0, today's, is the current result). */
  days: number;
  /** Minutes of ThreatMap polling (one GET of every facility's risks per minute). */
  auditMinutes: number;
  subscriptions: number;
  deliveriesPerSubscription: number;
}

export const FULL_SIZE: HistorySize = {
  facilities: 1000,
  equipment: 100,
  days: 365,
  auditMinutes: 30 * 1440,
  subscriptions: 1000,
  deliveriesPerSubscription: 1000,
};

/**
 * A fraction of the full size with every collection's document count scaled by it: facilities and subscriptions
 * first (at least one each), then days, minutes and deliveries per facility or subscription make up the rest.
 */
export function sizeFor(fraction: number, equipment = FULL_SIZE.equipment): HistorySize {
  const facilities = Math.max(1, Math.round(FULL_SIZE.facilities * fraction));
  const subscriptions = Math.max(1, Math.round(FULL_SIZE.subscriptions * fraction));
  const per = (total: number, over: number, max: number) => Math.min(max, Math.max(1, Math.round((total * fraction) / over)));
  return {
    facilities,
    equipment,
    days: per(FULL_SIZE.facilities * FULL_SIZE.days, facilities, FULL_SIZE.days),
    auditMinutes: per(FULL_SIZE.facilities * FULL_SIZE.auditMinutes, facilities, FULL_SIZE.auditMinutes),
    subscriptions,
    deliveriesPerSubscription: per(
      FULL_SIZE.subscriptions * FULL_SIZE.deliveriesPerSubscription,
      subscriptions,
      FULL_SIZE.deliveriesPerSubscription,
    ),
  };
}

export function historyTotals(s: HistorySize) {
  return {
    facilities: s.facilities,
    equipment: s.facilities * s.equipment,
    assessments: s.facilities * s.days,
    portfolioRuns: s.days,
    audit: s.facilities * s.auditMinutes,
    subscriptions: s.subscriptions,
    events: s.deliveriesPerSubscription,
    deliveries: s.subscriptions * s.deliveriesPerSubscription,
  };
}

export const EMPTY: HistorySize = { facilities: 0, equipment: 0, days: 0, auditMinutes: 0, subscriptions: 0, deliveriesPerSubscription: 0 };

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A UUID-shaped id derived from its parts (ids stay the same when a size is grown). */
function uuidOf(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A deterministic number in [0, 1) from its parts. */
function unit(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

export const portfolioRunIdOf = (day: number) => portfolioIdForRun(uuidOf('portfolio', day));
export const assessmentIdOf = (facility: number, day: number) => `asm_${uuidOf('assessment', facility, day)}`;

export interface GeneratorOptions {
  collections: Collections;
  urls: { mongodb: string; redis: string; condoit: string; temporal: string };
  database: string;
  /** POST to the API as an admin (subscriptions are created through it). */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Day 0 at 02:00 UTC (the schedule's time); every timestamp is relative to it. */
  today: number;
  log: (line: string) => void;
  /** Records written concurrently (the portfolio's facility concurrency is 16). */
  concurrency?: number;
}

/** Per collection: documents written and the wall time of the phase that wrote them. */
export type Throughput = Record<string, { docs: number; ms: number }>;

export interface HistoryGenerator {
  /** Writes what `to` has beyond `from` (EMPTY for a fresh store). */
  generate(from: HistorySize, to: HistorySize): Promise<Throughput>;
  /** The subscriptions' ids, by index (created through the API, whose ids are random). */
  subscriptionIds: readonly string[];
  /** After a retention run removed the oldest `minutes` of polling: the next generate() writes them again. */
  cutAuditMinutes(minutes: number): void;
  close(): Promise<void>;
}

/** Runs `task(i)` for i in [0, n) with at most `width` in flight. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

const levelOf = (score: number) => (score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low');

export async function openHistoryGenerator(o: GeneratorOptions): Promise<HistoryGenerator> {
  const env = parseEnv({
    MASTERBUS_PROFILE: 'test',
    MONGODB_URL: o.urls.mongodb,
    MONGODB_DB: o.database,
    REDIS_URL: o.urls.redis,
    CONDOIT_URL: o.urls.condoit,
    TEMPORAL_ADDRESS: o.urls.temporal,
  });
  const opened = await openActivityDeps(env, o.urls);
  const c = o.collections;
  const acts = createActivities(opened.deps);
  const portfolio = createPortfolioActivities({ condoit: opened.deps.condoit, collections: c, results: opened.deps.results });
  const repo = new AssessmentRepository(c);
  const audit = new AuditLog(new AuditStore(c), { flushIntervalMs: 3_600_000, log: o.log });
  const mock = new MockActivityEnvironment(undefined, { logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } });
  const width = o.concurrency ?? 8;
  const dayAt = (d: number) => o.today - d * DAY;
  const subscriptionIds: string[] = [];

  const ref = (f: number, d: number): AssessmentRef => {
    const runId = uuidOf('assessment', f, d);
    const prt = portfolioRunIdOf(d);
    return {
      assessmentId: assessmentIdOf(f, d),
      facilityId: facilityId(f),
      workflowId: portfolioChildWorkflowId(facilityId(f), prt),
      runId,
      trigger: 'schedule',
      requestedBy: 'schedule',
      startToken: prt,
      requestedAt: dayAt(d) + (f % 1000) * 100,
    };
  };

  /** Day 0 of each new facility: the real fetch → score → publish → cache. */
  async function currentResults(from: HistorySize, to: HistorySize): Promise<number> {
    let n = 0;
    for (let f = from.facilities; f < to.facilities; f++) {
      const r = ref(f, 0);
      const snapshot: SnapshotSummary = await mock.run(acts.fetchFacilitySnapshot, r);
      const outcome: AssessmentOutcome = await mock.run(acts.scoreFacilitySnapshot, r, snapshot, r.requestedAt + 60_000);
      if (outcome.equipmentCount !== to.equipment)
        throw new Error(`${r.facilityId}: scored ${outcome.equipmentCount} equipment, expected ${to.equipment}`);
      n += 1;
    }
    return n;
  }

  /** The day's portfolio run, completed (days 0…days-1). */
  async function portfolioRuns(from: HistorySize, to: HistorySize): Promise<number> {
    let n = 0;
    for (let d = from.days; d < to.days; d++) {
      const id = portfolioRunIdOf(d);
      await portfolio.recordPortfolioRun(
        {
          portfolioRunId: id,
          workflowId: `bench-portfolio-workflow-${new Date(dayAt(d)).toISOString()}`,
          runId: id.slice(4),
          trigger: 'schedule',
          requestedBy: 'schedule',
          force: false,
          requestedAt: dayAt(d),
        },
        {
          status: 'completed',
          counts: { assessed: to.facilities, failed: 0, skipped: 0, listed: to.facilities },
          failures: [],
        },
      );
      n += 1;
    }
    return n;
  }

  /** Daily records of days 1…days-1 of every facility, oldest day first, as the workflow leaves them. */
  async function assessmentRecords(from: HistorySize, to: HistorySize): Promise<number> {
    const tasks: [number, number][] = [];
    const current = new Map<number, { score: number; snapshotId: string | null; hash: string | null }>();
    for (let f = 0; f < to.facilities; f++) {
      const doc = await c.assessments.findOne({ _id: assessmentIdOf(f, 0) });
      current.set(f, { score: doc?.result?.risk_score ?? 40, snapshotId: doc?.snapshot_id ?? null, hash: doc?.snapshot_hash ?? null });
    }
    // Tasks as [facility, day] pairs, ordered by day, oldest first (at most facilities × 365 small tuples).
    for (let d = to.days - 1; d >= 1; d--) {
      for (let f = 0; f < to.facilities; f++) if (f >= from.facilities || d >= from.days) tasks.push([f, d]);
    }
    await pool(tasks.length, width, async (i) => {
      const [f, d] = tasks[i]!;
      const r = ref(f, d);
      const cur = current.get(f)!;
      const score = Math.max(0, Math.min(100, Math.round((cur.score + (unit('score', f, d) - 0.5) * 10) * 10) / 10));
      await repo.ensure({
        _id: r.assessmentId,
        facility_id: r.facilityId,
        workflow_id: r.workflowId,
        run_id: r.runId,
        trigger: r.trigger,
        requested_by: r.requestedBy,
        start_token: r.startToken,
        requested_at: new Date(r.requestedAt),
      });
      const moved = await repo.transition(r.assessmentId, 'completed', {
        progress: { phase: 'done', percent: 100 },
        started_at: new Date(r.requestedAt + 1_000),
        completed_at: new Date(r.requestedAt + 60_000),
        snapshot_id: cur.snapshotId,
        snapshot_hash: cur.hash,
        model_version: MODEL_VERSION,
        result: { risk_score: score, risk_level: levelOf(score), equipment_count: to.equipment, data_quality_issue_count: 0 },
      });
      if (!moved) throw new Error(`${r.assessmentId}: not moved to completed (already there? the store was not fresh)`);
    });
    return tasks.length;
  }

  /** ThreatMap's polling: minute m (before today 02:00) × facility f, a GET of the facility's risks. */
  async function auditEntries(from: HistorySize, to: HistorySize, minutesFrom: number): Promise<number> {
    const batchSize = 500;
    let n = 0;
    let batch: AuditEntry[] = [];
    const inFlight = new Set<Promise<void>>();
    const send = async (entries: AuditEntry[]) => {
      // Through the API's own audit log: recorded, then flushed as its hourly buckets.
      for (const e of entries) audit.record(e);
      const p = audit.flush().finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 2) await Promise.race(inFlight);
    };
    // Oldest minute first, as the log grows.
    for (let m = to.auditMinutes - 1; m >= 0; m--) {
      const firstFacility = m >= minutesFrom ? 0 : from.facilities;
      for (let f = firstFacility; f < to.facilities; f++) {
        const fid = facilityId(f);
        batch.push({
          at: new Date(o.today - m * MINUTE + (f % 1000) * 37),
          request_id: uuidOf('request', m, f),
          client_request_id: null,
          subject: 'threatmap',
          role: 'viewer',
          method: 'GET',
          route: '/v1/facilities/:facility_id/risks',
          path: `/v1/facilities/${fid}/risks`,
          facility_id: fid,
          assessment_id: null,
          returned_ids: null,
          status: 200,
          duration_ms: 2 + (f % 3),
        });
        if (batch.length === batchSize) {
          n += batch.length;
          await send(batch);
          batch = [];
        }
      }
    }
    if (batch.length) {
      n += batch.length;
      await send(batch);
    }
    await Promise.all(inFlight);
    return n;
  }

  /** Subscriptions k ≥ from.subscriptions, created through the API (its ids are random: remembered here). */
  async function subscriptions(from: HistorySize, to: HistorySize): Promise<number> {
    for (let k = from.subscriptions; k < to.subscriptions; k++) {
      const res = await o.api('/v1/webhooks/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          url: `http://127.0.0.1:9/hooks/consumer-${k}`,
          events: ['assessment.completed', 'facility.risk_level_changed'],
          description: `bench consumer ${k}`,
        }),
      });
      if (res.status !== 201) throw new Error(`POST /v1/webhooks/subscriptions: ${res.status} ${await res.text()}`);
      subscriptionIds[k] = ((await res.json()) as { id: string }).id;
    }
    return to.subscriptions - from.subscriptions;
  }

  /**
   * Delivery slot j of every subscription carries event j: the assessment.completed of facility j mod F, day ⌊j / F⌋
   * (newest first; past the kept days for the smallest sizes), F the facilities of the size that first needed it —
   * remembered, so a grown size's deliveries of slot j name the event already stored (at most 1,000 small documents).
   */
  const events: WebhookEventDoc[] = [];
  const usedSubjects = new Set<string>();
  function event(j: number, to: HistorySize): WebhookEventDoc {
    const known = events[j];
    if (known) return known;
    // The first (facility, day) from slot j on that no earlier slot took (sizes map slots differently).
    let q = j;
    while (usedSubjects.has(`${q % to.facilities}:${Math.floor(q / to.facilities)}`)) q += 1;
    const f = q % to.facilities;
    const d = Math.floor(q / to.facilities);
    usedSubjects.add(`${f}:${d}`);
    const r = ref(f, d);
    const score = Math.round(unit('score', f, d) * 1000) / 10;
    const [body] = buildEvents(
      {
        kind: 'assessment.completed',
        assessmentId: r.assessmentId,
        facilityId: r.facilityId,
        occurredAt: r.requestedAt + 60_000,
        riskScore: score,
        riskLevel: levelOf(score),
        equipmentCount: to.equipment,
        modelVersion: MODEL_VERSION,
      },
      null,
    );
    const doc: WebhookEventDoc = {
      _id: body!.id,
      type: body!.type,
      occurred_at: new Date(body!.occurred_at),
      body: JSON.stringify(body),
      created_at: new Date(body!.occurred_at),
    };
    events[j] = doc;
    return doc;
  }

  async function eventsAndDeliveries(
    from: HistorySize,
    to: HistorySize,
  ): Promise<{ events: number; deliveries: number; msEvents: number }> {
    const t0 = performance.now();
    const fresh: WebhookEventDoc[] = [];
    for (let j = from.deliveriesPerSubscription; j < to.deliveriesPerSubscription; j++) {
      fresh.push(event(j, to));
      if (fresh.length === 500) await insertIgnoringDuplicates(c.webhookEvents, fresh.splice(0));
    }
    await insertIgnoringDuplicates(c.webhookEvents, fresh.splice(0));
    const msEvents = performance.now() - t0;
    let deliveries = 0;
    let batch: WebhookDeliveryDoc[] = [];
    for (let k = 0; k < to.subscriptions; k++) {
      const sub = subscriptionIds[k];
      if (!sub) throw new Error(`subscription ${k} was not created in this process`);
      for (let j = k < from.subscriptions ? from.deliveriesPerSubscription : 0; j < to.deliveriesPerSubscription; j++) {
        const e = event(j, to);
        const at = e.occurred_at.getTime() + 1_000 + (k % 1000) * 10;
        const fate = unit('delivery', k, j);
        const status = fate < 0.97 ? 'delivered' : fate < 0.99 ? 'dead_lettered' : 'cancelled';
        batch.push({
          _id: webhookDeliveryId(e._id, sub),
          subscription_id: sub,
          event_id: e._id,
          event_type: e.type,
          status,
          attempts: status === 'delivered' ? 1 : status === 'dead_lettered' ? 8 : 0,
          redeliveries: 0,
          last_attempt_at: status === 'cancelled' ? null : new Date(at + 500),
          last_response_status: status === 'delivered' ? 200 : status === 'dead_lettered' ? 503 : null,
          last_error: status === 'delivered' ? null : status === 'dead_lettered' ? 'HTTP 503' : 'the subscription was deleted',
          created_at: new Date(at),
          updated_at: new Date(at + 500),
          delivered_at: status === 'delivered' ? new Date(at + 500) : null,
          dead_lettered_at: status === 'dead_lettered' ? new Date(at + 3_600_000) : null,
        });
        if (batch.length === 500) {
          deliveries += batch.length;
          await insertIgnoringDuplicates(c.webhookDeliveries, batch);
          batch = [];
        }
      }
    }
    deliveries += batch.length;
    await insertIgnoringDuplicates(c.webhookDeliveries, batch);
    return { events: to.deliveriesPerSubscription - from.deliveriesPerSubscription, deliveries, msEvents };
  }

  /** Minutes [0, n) of polling are stored for every facility of the last size (a retention run may cut the oldest). */
  let auditCoveredMinutes: number | null = null;

  return {
    async generate(from, to) {
      const out: Throughput = {};
      const phase = async (name: string, fn: () => Promise<number>) => {
        const t0 = performance.now();
        const docs = await fn();
        out[name] = { docs, ms: performance.now() - t0 };
        o.log(`generated ${docs.toLocaleString('en-US')} ${name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      };
      await phase('current results (fetch+score+publish)', () => currentResults(from, to));
      await phase('portfolio_runs', () => portfolioRuns(from, to));
      await phase('assessments', () => assessmentRecords(from, to));
      await phase('audit_log', () => auditEntries(from, to, Math.min(from.auditMinutes, auditCoveredMinutes ?? from.auditMinutes)));
      auditCoveredMinutes = to.auditMinutes;
      await phase('webhook_subscriptions (API)', () => subscriptions(from, to));
      const t0 = performance.now();
      const w = await eventsAndDeliveries(from, to);
      out.webhook_events = { docs: w.events, ms: w.msEvents };
      out.webhook_deliveries = { docs: w.deliveries, ms: performance.now() - t0 - w.msEvents };
      o.log(`generated ${w.deliveries.toLocaleString('en-US')} webhook_deliveries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return out;
    },
    async close() {
      await audit.close();
      await opened.close();
    },
    subscriptionIds,
    cutAuditMinutes(minutes) {
      auditCoveredMinutes = Math.max(0, (auditCoveredMinutes ?? 0) - minutes);
    },
  };
}
