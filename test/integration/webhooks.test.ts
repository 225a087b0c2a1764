/**
 * Webhooks end to end: real Temporal, FerretDB and Redis, the real API and worker, consumers on loopback.
 *
 * Subscribers (each its own path on one loopback receiver):
 *  - /all      every event type; verifies every signature with the docs/webhooks.md recipe;
 *  - /failed   only assessment.failed;
 *  - /ordered  assessment.completed + portfolio_run.completed; refuses the first two attempts at every event;
 *  - /down     portfolio_run.completed; refuses everything until told otherwise (dead letter, then redelivery).
 * The file runs in order: a manual assessment, a failed one, a risk-level change, then a portfolio run.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createWebhookActivities } from '../../activities/webhook-activities.js';
import { dataConverterFrom, payloadCodecFrom } from '../../codec/payload-keys.js';
import { webhookDeliveryOptions } from '../../workflows/activity-options.js';
import { webhookSubscriptionWorkflowId } from '../../webhooks/ids.js';
import { startHarness, workflowBundle, type Harness } from '../support/harness.js';
import { receiverSecret, startReceiver, verifyMasterBusWebhook, type Receiver } from '../support/webhook-receiver.js';
import { auditEntriesOf } from '../support/audit-entries.js';

interface SubscriptionJson {
  id: string;
  url: string;
  events: string[];
  secret?: string;
  links: { self: string; deliveries: string };
  [k: string]: unknown;
}
interface DeliveryJson {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  redeliveries: number;
  last_error: string | null;
  last_response_status: number | null;
}
interface EventJson {
  id: string;
  type: string;
  occurred_at: string;
  api_version: string;
  data: Record<string, unknown>;
}

let h: Harness;
let rx: Receiver;
let admin: string;
const subs: Record<string, SubscriptionJson & { secret: string }> = {};

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const eventOf = (r: { rawBody: string }) => JSON.parse(r.rawBody) as EventJson;

/** Polls until the probe gives something (an empty list counts as nothing yet). */
async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v && !(Array.isArray(v) && v.length === 0)) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function subscribe(name: string, events: string[]): Promise<void> {
  const res = await h.api('/v1/webhooks/subscriptions', {
    ...json({ url: `${rx.url}/${name}`, events, description: `test ${name}` }),
    token: admin,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as SubscriptionJson & { secret: string };
  expect(res.headers.get('location')).toBe(body.links.self);
  subs[name] = body;
}

async function deliveries(name: string, query = ''): Promise<DeliveryJson[]> {
  const res = await h.api(`${subs[name]!.links.deliveries}?limit=100${query}`, { token: admin });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: DeliveryJson[] }).deliveries;
}

async function assess(facilityId: string) {
  const res = await h.api(`/v1/facilities/${facilityId}/assessments`, { method: 'POST' });
  expect(res.status).toBe(202);
  return h.waitForAssessment(((await res.json()) as { assessment_id: string }).assessment_id, { timeoutMs: 120_000 });
}

beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 4, equipmentMin: 5, equipmentMax: 12 } });
  rx = await startReceiver();
  admin = await h.token('admin');
  rx.behave('/ordered', (_event, attempt) => (attempt <= 2 ? 503 : 200));
  rx.behave('/down', () => 500);
  await subscribe('all', ['assessment.completed', 'assessment.failed', 'portfolio_run.completed', 'facility.risk_level_changed']);
  await subscribe('failed', ['assessment.failed']);
  await subscribe('ordered', ['assessment.completed', 'portfolio_run.completed']);
  await subscribe('down', ['portfolio_run.completed']);
});

afterAll(async () => {
  // Delivery workflows idle for a while before they end; nothing polls this file's task queue after it closes.
  for (const s of Object.values(subs))
    await h?.testEnv.client.workflow
      .getHandle(webhookSubscriptionWorkflowId(s.id))
      .terminate('test over')
      .catch(() => undefined);
  await rx?.close();
  await h?.close();
});

describe('webhook subscriptions (admin API)', () => {
  it('should show the signing secret once, at creation, and never again (API or database)', async () => {
    const s = subs['all']!;
    expect(s.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const one = await (await h.api(s.links.self, { token: admin })).text();
    const list = await (await h.api('/v1/webhooks/subscriptions?limit=100', { token: admin })).text();
    for (const text of [one, list]) {
      expect(text).not.toContain(s.secret);
      expect(text).not.toMatch(/"secret"/);
    }
    expect(JSON.parse(list)).toMatchObject({ total: 4 });
    const stored = JSON.stringify(await h.db.webhookSubscriptions.findOne({ _id: s.id }));
    expect(stored).not.toContain(s.secret);
    expect(stored).not.toContain(s.secret.slice(6));
  });

  it('should refuse non-admins (before validating) and bad subscriptions in the contract error shape', async () => {
    for (const role of ['viewer', 'assessor'] as const) {
      const res = await h.api('/v1/webhooks/subscriptions', { ...json({}), token: await h.token(role) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect((await h.api('/v1/webhooks/subscriptions', { token: await h.token(role) })).status).toBe(403);
    }
    for (const body of [
      { url: 'ftp://hooks.example.com/x', events: ['assessment.completed'] },
      { url: 'http://169.254.169.254/latest/meta-data', events: ['assessment.completed'] },
      { url: 'https://user:pw@hooks.example.com/x', events: ['assessment.completed'] },
      { url: 'https://hooks.example.com/x', events: ['assessment.started'] },
      { url: 'https://hooks.example.com/x', events: [] },
    ]) {
      const res = await h.api('/v1/webhooks/subscriptions', { ...json(body), token: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: string; request_id: string } };
      expect(err.error.code).toBe('VALIDATION_ERROR');
      expect(err.error.request_id).toBe(res.headers.get('x-request-id'));
    }
    const missing = await h.api('/v1/webhooks/subscriptions/whs_000000000000000000000000', { token: admin });
    expect(missing.status).toBe(404);
    expect(await h.db.webhookSubscriptions.countDocuments({})).toBe(4);
  });

  it('should audit webhook administration like other writes', async () => {
    await h.apiServices.auditLog.flush();
    const entries = await auditEntriesOf(h.db, { method: 'POST', route: '/v1/webhooks/subscriptions' });
    expect(entries.filter((e) => e.status === 201 && e.subject === 'test-admin')).toHaveLength(4);
    expect(entries.some((e) => e.status === 403)).toBe(true);
  });

  it('should delete a subscription, after which nothing is delivered to it', async () => {
    const res = await h.api('/v1/webhooks/subscriptions', {
      ...json({ url: `${rx.url}/deleted`, events: ['assessment.completed'] }),
      token: admin,
    });
    const created = (await res.json()) as SubscriptionJson;
    expect((await h.api(created.links.self, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await h.api(created.links.self, { token: admin })).status).toBe(404);
    expect((await h.api(created.links.self, { method: 'DELETE', token: admin })).status).toBe(404);
    // Checked at the end of the file: no request ever reaches /deleted.
  });
});

describe('webhook events and deliveries', () => {
  let first: Awaited<ReturnType<typeof assess>>;

  it('should deliver assessment.completed, signed so the recipe of docs/webhooks.md verifies it, with event id and timestamp headers', async () => {
    const started = Date.now();
    first = await assess('fac-00001');
    expect(first.status).toBe('completed');
    const [got] = await until('assessment.completed at /all', () =>
      rx.deliveredTo('/all').filter((r) => r.eventType === 'assessment.completed'),
    );
    console.log(`[webhooks] assessment.completed reached the receiver ${Date.now() - started} ms after the POST`);
    const event = eventOf(got!);
    expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs['all']!.secret)).toBe(true);
    expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs['failed']!.secret)).toBe(false);
    expect(verifyMasterBusWebhook(got!.rawBody.replace('"completed"', '"failed"'), got!.headers, subs['all']!.secret)).toBe(false);
    expect(got!.headers['masterbus-event-id']).toBe(event.id);
    expect(Math.abs(Number(got!.headers['masterbus-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(event).toMatchObject({
      type: 'assessment.completed',
      api_version: 'v1',
      data: {
        assessment_id: first.assessment_id,
        facility_id: 'fac-00001',
        status: 'completed',
        risk_score: first.result!.risk_score,
        risk_level: first.result!.risk_level,
        links: { assessment: `/v1/assessments/${first.assessment_id}`, risks: '/v1/facilities/fac-00001/risks' },
      },
    });
    expect(Number.isNaN(Date.parse(event.occurred_at))).toBe(false);
    // A first assessment changes no level: there was none before.
    expect(rx.on('/all').some((r) => r.eventType === 'facility.risk_level_changed')).toBe(false);
    // What emitting costs the run: from scheduling the emit activity to its completion, and until the run closed.
    const history = await h.testEnv.client.workflow.getHandle(first.temporal.workflow_id, first.temporal.run_id).fetchHistory();
    const at = (e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }) =>
      Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    const events = history.events ?? [];
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'emitWebhookEvents')!;
    const completed = events.find((e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId) === String(scheduled.eventId))!;
    console.log(
      `[webhooks] emitWebhookEvents took ${(at(completed) - at(scheduled)).toFixed(0)} ms (2 subscribers); the run closed ${(at(events.at(-1)!) - at(scheduled)).toFixed(0)} ms after it was scheduled; ${events.length} history events`,
    );
  });

  it('should never deliver an event twice when its emit is retried (derived event and delivery ids)', async () => {
    const before = rx.on('/all').length;
    const deliveriesBefore = await h.db.webhookDeliveries.countDocuments({});
    // The emit activity run again, as Temporal would after a lost completion: same trigger, same ids.
    const activities = createWebhookActivities(h.deps.deps.webhooks, () => h.testEnv.client);
    const env = new MockActivityEnvironment({ taskQueue: h.temporalConfig.taskQueues.assessments }, { client: h.testEnv.client });
    const trigger = {
      kind: 'assessment.completed' as const,
      assessmentId: first.assessment_id,
      facilityId: 'fac-00001',
      occurredAt: Date.now(),
      riskScore: first.result!.risk_score,
      riskLevel: first.result!.risk_level,
      equipmentCount: first.result!.equipment_count,
      modelVersion: 'x',
    };
    const again = (await env.run(activities.emitWebhookEvents, trigger, webhookDeliveryOptions(h.temporalConfig))) as {
      deliveries: number;
    };
    expect(again.deliveries).toBe(2); // /all and /ordered were signalled again ...
    expect(await h.db.webhookDeliveries.countDocuments({})).toBe(deliveriesBefore); // ... but no new delivery exists
    await until(
      'the subscription workflows to take the repeated signal',
      async () => (await h.db.webhookDeliveries.countDocuments({ status: 'pending', event_type: 'assessment.completed' })) === 0,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(rx.on('/all').length).toBe(before);
  });

  it('should deliver assessment.failed to the subscribers that asked for it', async () => {
    h.sim.faults.add({ failNext: 1_000, status: 404, pathPrefix: '/v1/facilities/fac-00002', resetConnection: false, truncateBody: false });
    let failed;
    try {
      failed = await assess('fac-00002');
    } finally {
      h.sim.faults.clear();
    }
    expect(failed.status).toBe('failed');
    for (const name of ['all', 'failed']) {
      const [got] = await until(`assessment.failed at /${name}`, () =>
        rx.deliveredTo(`/${name}`).filter((r) => r.eventType === 'assessment.failed'),
      );
      expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs[name]!.secret)).toBe(true);
      expect(eventOf(got!).data).toMatchObject({
        assessment_id: failed.assessment_id,
        facility_id: 'fac-00002',
        status: 'failed',
        error: { code: 'CONDOIT_FACILITY_NOT_FOUND' },
      });
    }
  });

  it('should deliver facility.risk_level_changed when an assessment moves the facility to another level', async () => {
    // The facility's data does not change between two runs, so its previous result is made to read another level.
    const actual = first.result!.risk_level;
    const before = actual === 'Critical' ? 'Low' : 'Critical';
    await h.db.assessments.updateOne({ _id: first.assessment_id }, { $set: { 'result.risk_level': before, 'result.risk_score': 99 } });
    const second = await assess('fac-00001');
    expect(second.result!.risk_level).toBe(actual);
    const [got] = await until('facility.risk_level_changed at /all', () =>
      rx.deliveredTo('/all').filter((r) => r.eventType === 'facility.risk_level_changed'),
    );
    expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs['all']!.secret)).toBe(true);
    expect(eventOf(got!).data).toMatchObject({
      facility_id: 'fac-00001',
      assessment_id: second.assessment_id,
      risk_level: actual,
      previous_risk_level: before,
      previous_risk_score: 99,
      previous_assessment_id: first.assessment_id,
    });
    // Per subscription, in order: the completed assessment, then the change it caused.
    const all = rx.deliveredTo('/all').map((r) => `${r.eventType} ${eventOf(r).data['assessment_id'] as string}`);
    expect(all.indexOf(`assessment.completed ${second.assessment_id}`)).toBe(
      all.indexOf(`facility.risk_level_changed ${second.assessment_id}`) - 1,
    );
  });

  describe('a portfolio run', () => {
    let runId: string;
    let assessed: number;

    beforeAll(async () => {
      const res = await h.api('/v1/portfolio/assessments', { ...json({ force: true }), token: admin });
      expect(res.status).toBe(202);
      runId = ((await res.json()) as { assessment_id: string }).assessment_id;
      const run = await until(
        'the portfolio run',
        async () => {
          const body = (await (await h.api(`/v1/assessments/${runId}`, { token: admin })).json()) as {
            status: string;
            counts?: { assessed: number };
          };
          return ['completed', 'failed', 'cancelled'].includes(body.status) ? body : null;
        },
        180_000,
      );
      expect(run.status).toBe('completed');
      assessed = run.counts!.assessed;
      expect(assessed).toBe(4);
    });

    it('should deliver portfolio_run.completed with the run counts', async () => {
      const [got] = await until('portfolio_run.completed at /all', () =>
        rx.deliveredTo('/all').filter((r) => r.eventType === 'portfolio_run.completed'),
      );
      expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs['all']!.secret)).toBe(true);
      expect(eventOf(got!).data).toMatchObject({
        portfolio_run_id: runId,
        status: 'completed',
        counts: { assessed: 4, failed: 0 },
        links: { run: `/v1/assessments/${runId}` },
      });
    });

    it('should get every event to a receiver that refuses the first two attempts, on the third', async () => {
      const expected = 2 + assessed + 1; // two manual completions, the run's, and the run itself
      const delivered = await until(
        'every event at /ordered',
        () => (rx.deliveredTo('/ordered').length >= expected ? rx.deliveredTo('/ordered') : null),
        120_000,
      );
      expect(delivered).toHaveLength(expected);
      for (const r of delivered) {
        expect(r.attempt).toBe(3);
        expect(verifyMasterBusWebhook(r.rawBody, r.headers, subs['ordered']!.secret)).toBe(true);
      }
      const records = await deliveries('ordered');
      expect(records).toHaveLength(expected);
      for (const d of records) expect(d).toMatchObject({ status: 'delivered', attempts: 3, last_response_status: 200 });
    });

    it('should keep per-subscription order: one event at a time, retries included, in the order the events happened', async () => {
      const seen = rx.on('/ordered').map((r) => r.eventId);
      // Head-of-line: every attempt at an event comes before any attempt at the next one.
      const blocks = seen.filter((id, i) => i === 0 || seen[i - 1] !== id);
      expect(new Set(blocks).size).toBe(blocks.length);
      // And the run's own event, emitted after its facilities' events, arrives after all of them despite their retries.
      const types = rx.deliveredTo('/ordered').map((r) => r.eventType);
      expect(types.at(-1)).toBe('portfolio_run.completed');
      expect(types.filter((t) => t === 'portfolio_run.completed')).toHaveLength(1);
      // The order of arrival is the order the deliveries were queued: the signals in the subscription workflow's history.
      const history = await h.testEnv.client.workflow.getHandle(webhookSubscriptionWorkflowId(subs['ordered']!.id)).fetchHistory();
      const codec = payloadCodecFrom(h.env);
      const queuedDeliveries: string[] = [];
      for (const e of history.events ?? []) {
        const payloads = e.workflowExecutionSignaledEventAttributes?.input?.payloads;
        if (payloads) queuedDeliveries.push(defaultPayloadConverter.fromPayload<string>((await codec.decode(payloads))[0]!));
      }
      const eventOfDelivery = new Map(
        (await h.db.webhookDeliveries.find({ subscription_id: subs['ordered']!.id }).toArray()).map((d) => [d._id, d.event_id]),
      );
      // A repeated signal (the retried emit above) changes nothing: the first one placed the delivery.
      const firstSignals = queuedDeliveries.filter((id, i) => queuedDeliveries.indexOf(id) === i);
      expect(firstSignals).toHaveLength(blocks.length);
      expect(blocks).toEqual(firstSignals.map((id) => eventOfDelivery.get(id)));
    });

    it('should dead-letter a delivery after the configured attempts, and deliver it when redelivered', async () => {
      const maxAttempts = h.temporalConfig.activities.deliverWebhook.retry.maximumAttempts;
      const started = Date.now();
      const [dead] = await until(
        'a dead letter at /down',
        async () => {
          const list = await deliveries('down', '&status=dead_lettered');
          return list.length ? list : null;
        },
        120_000,
      );
      console.log(`[webhooks] dead-lettered after ${maxAttempts} attempts, ${Date.now() - started} ms after the run completed`);
      expect(dead).toMatchObject({
        event_type: 'portfolio_run.completed',
        status: 'dead_lettered',
        attempts: maxAttempts,
        last_response_status: 500,
      });
      // The receiver's answer body (internal detail) is never stored or shown: only its status.
      expect(JSON.stringify(await deliveries('down', ''))).not.toContain(receiverSecret.split(' ')[1]!);
      expect((await h.db.webhookDeliveries.find({}).toArray()).filter((d) => d.last_error?.includes('rx-secret'))).toEqual([]);
      expect(rx.on('/down')).toHaveLength(maxAttempts);
      expect(await deliveries('down', '&status=delivered')).toHaveLength(0);

      // The consumer is fixed and rotates its secret; the redelivery carries both signatures during the grace period.
      rx.behave('/down', () => 200);
      const rotated = (await (
        await h.api(`${subs['down']!.links.self}/rotate-secret`, { method: 'POST', token: admin })
      ).json()) as SubscriptionJson & { secret: string; previous_secret_valid_until: string | null };
      expect(rotated.secret).not.toBe(subs['down']!.secret);
      expect(rotated.previous_secret_valid_until).not.toBeNull();
      const redeliver = `${subs['down']!.links.deliveries}/${dead!.id}/redeliver`;
      const res = await h.api(redeliver, { method: 'POST', token: admin });
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ id: dead!.id, status: 'pending', redeliveries: 1 });
      const [got] = await until('the redelivery at /down', () => rx.deliveredTo('/down'));
      const original = rx.on('/down')[0]!;
      expect(got!.eventId).toBe(original.eventId);
      expect(got!.rawBody).toBe(original.rawBody);
      expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, rotated.secret)).toBe(true);
      expect(verifyMasterBusWebhook(got!.rawBody, got!.headers, subs['down']!.secret)).toBe(true);
      const after = await until('the delivery recorded as delivered', async () =>
        (await deliveries('down')).find((d) => d.status === 'delivered'),
      );
      expect(after).toMatchObject({ id: dead!.id, attempts: maxAttempts + 1, redeliveries: 1 });
      // Only a dead letter can be redelivered.
      const again = await h.api(redeliver, { method: 'POST', token: admin });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    });

    it("should replay a subscription's delivery history (signals, exhausted retries, a dead letter, a redelivery) deterministically", async () => {
      const history = await h.testEnv.client.workflow.getHandle(webhookSubscriptionWorkflowId(subs['down']!.id)).fetchHistory();
      const types = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
      expect(types).toEqual(['deliverWebhook', 'recordWebhookDeadLetter', 'deliverWebhook']);
      if (process.env['RECORD_HISTORIES'] === '1') {
        writeFileSync(
          fileURLToPath(new URL('../fixtures/histories/deliver-webhooks.dead-letter-redelivered.json', import.meta.url)),
          historyToJSON(history),
        );
      }
      await expect(
        Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(h.env) }, history),
      ).resolves.toBeUndefined();
    });

    it('should send each subscriber only the events it subscribed to, each event once', async () => {
      await until('all deliveries settled', async () => (await h.db.webhookDeliveries.countDocuments({ status: 'pending' })) === 0);
      const typesAt = (path: string) => new Set(rx.deliveredTo(path).map((r) => r.eventType));
      expect(typesAt('/failed')).toEqual(new Set(['assessment.failed']));
      expect(typesAt('/down')).toEqual(new Set(['portfolio_run.completed']));
      expect(typesAt('/ordered')).toEqual(new Set(['assessment.completed', 'portfolio_run.completed']));
      expect(typesAt('/all')).toEqual(
        new Set(['assessment.completed', 'assessment.failed', 'facility.risk_level_changed', 'portfolio_run.completed']),
      );
      expect(rx.on('/deleted')).toHaveLength(0);
      for (const path of ['/all', '/failed', '/ordered', '/down']) {
        const ids = rx.deliveredTo(path).map((r) => r.eventId);
        expect(new Set(ids).size, path).toBe(ids.length);
      }
      // 4 + 2 manual runs complete or fail; the portfolio's repeat of fac-00001 keeps its level, so one change in all.
      expect(
        rx
          .deliveredTo('/all')
          .map((r) => r.eventType)
          .sort(),
      ).toEqual(
        [
          ...Array<string>(2 + assessed).fill('assessment.completed'),
          'assessment.failed',
          'facility.risk_level_changed',
          'portfolio_run.completed',
        ].sort(),
      );
    });
  });
});

describe('a facility-scoped admin', () => {
  it("should manage only the subscriptions it created, and hear only its own facilities' events", async () => {
    // The same subject as the global admin's token (test-admin), scoped to one facility: scope, not name, decides.
    const scoped = await h.token('admin', ['fac-00003']);
    const res = await h.api('/v1/webhooks/subscriptions', {
      ...json({ url: `${rx.url}/scoped`, events: ['assessment.completed', 'portfolio_run.completed'], description: 'tenant A' }),
      token: scoped,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const mine = (await res.json()) as SubscriptionJson & { secret: string; facility_scope: string[] | null };
    subs['scoped'] = mine;
    expect(mine.facility_scope).toEqual(['fac-00003']);
    expect(subs['all']!['facility_scope']).toBeNull();

    // Its own list holds only its subscription; another tenant's does not exist for it, whatever the verb.
    const list = (await (await h.api('/v1/webhooks/subscriptions?limit=100', { token: scoped })).json()) as {
      total: number;
      subscriptions: { id: string }[];
    };
    expect(list).toMatchObject({ total: 1, subscriptions: [{ id: mine.id }] });
    const other = subs['all']!;
    for (const [path, method] of [
      [other.links.self, 'GET'],
      [`${other.links.self}/rotate-secret`, 'POST'],
      [other.links.self, 'DELETE'],
      [other.links.deliveries, 'GET'],
    ] as const) {
      expect((await h.api(path, { method, token: scoped })).status, `${method} ${path}`).toBe(404);
    }
    expect((await h.api(other.links.self, { token: admin })).status).toBe(200);
    // The global admin still sees every subscription, the scoped one's included.
    const all = (await (await h.api('/v1/webhooks/subscriptions?limit=100', { token: admin })).json()) as {
      subscriptions: { id: string }[];
    };
    expect(all.subscriptions.map((s) => s.id)).toContain(mine.id);

    // Events: another facility's never reach it; its own does.
    const before = rx.deliveredTo('/all').length;
    await assess('fac-00002');
    await assess('fac-00003');
    const heard = await until('the scoped subscriber hears fac-00003', () => rx.deliveredTo('/scoped'));
    await until('the global subscriber hears both', () => (rx.deliveredTo('/all').length >= before + 2 ? true : null));
    await until('all deliveries settled', async () => (await h.db.webhookDeliveries.countDocuments({ status: 'pending' })) === 0);
    expect(rx.deliveredTo('/scoped').map((r) => eventOf(r).data['facility_id'])).toEqual(['fac-00003']);
    expect(heard[0]!.eventType).toBe('assessment.completed');
  });
});
