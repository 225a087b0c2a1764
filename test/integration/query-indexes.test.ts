/**
 * Every MongoDB query the API and the activities run is supported by an index.
 *
 * The queries are not a hand-kept list (it would drift): the harness's API and worker clients report every command
 * they send (driver command monitoring) while this file drives every read route, assessments, a portfolio run and
 * the retention clean-up. Each distinct query shape (collection, filter with values blanked, sort) is then:
 *  - explained on the server the tests run against (it must be a valid query there), and
 *  - on real MongoDB, required to plan an index scan (IXSCAN / IDHACK / EXPRESS_*) with no COLLSCAN;
 *  - on FerretDB 1.24 (SQLite), which decodes the whole collection for any filter it does not push down to SQLite:
 *    every query must name its documents by `_id` (a top-level `_id` equality or `$in`, whatever else the filter
 *    holds — our build's patches push those down, scripts/install-tools.sh) and SQLite must plan it as
 *    "SEARCH … USING INDEX" on the `_id` index. That is what keeps every route flat as the data grows.
 *  - on both, the only exceptions are the whole-collection reads listed in `wholeCollectionReads`, each bounded by
 *    something other than history (the number of facilities, the runs in flight) or a retention job, with the reason.
 */
import { createServer, type Server } from 'node:http';
import type { CommandStartedEvent, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../contract/mint-token.js';
import { connectMongo, type Mongo } from '../../store/mongo.js';
import { webhookSubscriptionWorkflowId } from '../../webhooks/ids.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import { rescoreHistoryOptions } from '../../workflows/activity-options.js';
import { startHarness, testJwt, type Harness } from '../support/harness.js';
import { queriesOf, supportingIndex, type IndexDef, type QueryShape } from '../support/query-shapes.js';

const recorded = new Map<string, QueryShape>();
let h: Harness;
let own: Mongo;
let server: 'mongodb' | 'ferretdb';
let receiver: Server | undefined;
const subscriptionIds: string[] = [];

function record(e: CommandStartedEvent) {
  for (const q of queriesOf(e.commandName, e.command)) if (!recorded.has(q.key)) recorded.set(q.key, q);
}

async function waitFor(path: string, token?: string) {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const body = (await (await h.api(path, token ? { token } : {})).json()) as { status: string };
    if (['completed', 'failed', 'cancelled'].includes(body.status)) return body;
  }
  throw new Error(`${path} did not finish`);
}

beforeAll(async () => {
  h = await startHarness({
    shape: { facilityCount: 5, equipmentMin: 5, equipmentMax: 15, organizationCount: 2 },
    pageSize: 4,
    onMongoCommand: record,
  });
  own = await connectMongo(h.env.MONGODB_URL!, h.env.MONGODB_DB);
  const hello = await own.db.command({ buildInfo: 1 });
  server = 'ferretdbVersion' in hello ? 'ferretdb' : 'mongodb';

  // A webhook subscriber on loopback: every event the runs below emit is stored, queued and delivered.
  const rx = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  receiver = rx;
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
  const adminToken = await h.token('admin');
  const subscribe = async (url: string) =>
    (await (
      await h.api('/v1/webhooks/subscriptions', {
        method: 'POST',
        token: adminToken,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          url,
          events: ['assessment.completed', 'assessment.failed', 'portfolio_run.completed', 'facility.risk_level_changed'],
        }),
      })
    ).json()) as { id: string; links: { self: string; deliveries: string } };
  const hook = await subscribe(`http://127.0.0.1:${(rx.address() as { port: number }).port}/hook`);
  subscriptionIds.push(hook.id);

  // Writes: assessments (one with an Idempotency-Key, repeated), a portfolio run, audit entries, retention.
  for (const id of ['fac-00001', 'fac-00002', 'fac-00003']) {
    const res = await h.api(`/v1/facilities/${id}/assessments`, { method: 'POST', headers: { 'idempotency-key': `k-${id}` } });
    await waitFor(((await res.json()) as { links: { self: string } }).links.self);
  }
  await h.api('/v1/facilities/fac-00001/assessments', { method: 'POST', headers: { 'idempotency-key': 'k-fac-00001' } });
  const admin = await h.token('admin');
  const run = (await (
    await h.api('/v1/portfolio/assessments', {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ force: false }),
    })
  ).json()) as { links: { self: string } };
  await waitFor(run.links.self, admin);
  // A trend re-score (workflow rescoreHistory) over small pages, with one facility's points on an older version.
  const results = own.db.collection<{ _id: string; history: { model_version: string }[] }>('facility_results');
  const stale = await results.findOne({ _id: 'fac-00003' });
  await results.updateOne({ _id: 'fac-00003' }, { $set: { history: stale!.history.map((p) => ({ ...p, model_version: 'test-old' })) } });
  await h.testEnv.client.workflow.execute('rescoreHistory', {
    workflowId: `rescore-history-query-indexes-${h.env.MONGODB_DB}`,
    taskQueue: h.temporalConfig.taskQueues.assessments,
    args: [{ modelVersion: MODEL_VERSION, options: { ...rescoreHistoryOptions(h.temporalConfig), pageSize: 2 } }],
  });

  // Reads: every route, every sort and filter, as an all-facilities caller and as scoped callers.
  const doc = await own.db.collection('facility_results').findOne({ _id: 'fac-00002' as never }, { projection: { organization_id: 1 } });
  const equipment = (await (await h.api('/v1/facilities/fac-00001/equipment?limit=1')).json()) as {
    equipment: { id: string; photo_url: string | null }[];
  };
  const equipmentId = equipment.equipment[0]!.id;
  const photo = await own.db.collection('equipment_locators').findOne({ facility_id: 'fac-00001', _id: { $regex: '^p:' } as never });
  const tokens = [
    undefined,
    await mintToken(testJwt, { sub: 'scoped', role: 'viewer', facilities: ['fac-00001'] }),
    await mintToken(testJwt, { sub: 'org', role: 'viewer', facilities: ['fac-00001'], organizations: [String(doc?.organization_id)] }),
  ];
  const paths = [
    ...['name', 'risk_score', 'last_updated'].flatMap((sort) =>
      ['asc', 'desc'].map((order) => `/v1/facilities?sort=${sort}&order=${order}`),
    ),
    '/v1/facilities?search=a',
    '/v1/facilities/fac-00001',
    '/v1/facilities/fac-00001/compliance',
    '/v1/facilities/fac-00001/risks',
    ...['name', 'type', 'risk_rating', 'install_date', 'last_service'].map((sort) => `/v1/facilities/fac-00001/equipment?sort=${sort}`),
    '/v1/facilities/fac-00001/equipment?type=panel&risk_level=high&search=a',
    `/v1/equipment/${equipmentId}`,
    '/v1/portfolio/summary',
    '/v1/assessments',
    '/v1/assessments?facility_id=fac-00001&status=completed',
    '/v1/assessments?status=queued',
    '/v1/assessments?status=failed',
    ...(photo ? [`/v1/photos/${String(photo._id).slice(2)}`] : []),
  ];
  for (const token of tokens) for (const path of paths) await h.api(path, token ? { token } : {});

  // Webhook administration: every read, a rotation, a refused redelivery, a deletion — once deliveries have settled.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if ((await own.db.collection('webhook_deliveries').countDocuments({ status: 'pending' })) === 0) break;
  }
  const delivery = (await (await h.api(`${hook.links.deliveries}?status=delivered`, { token: adminToken })).json()) as {
    deliveries: { id: string }[];
  };
  for (const path of ['/v1/webhooks/subscriptions', hook.links.self, hook.links.deliveries]) await h.api(path, { token: adminToken });
  await h.api(`${hook.links.self}/rotate-secret`, { method: 'POST', token: adminToken });
  await h.api(`${hook.links.deliveries}/${delivery.deliveries[0]!.id}/redeliver`, { method: 'POST', token: adminToken });
  await h.api(`${hook.links.deliveries}/whd_unknown/redeliver`, { method: 'POST', token: adminToken });
  for (const status of ['pending', 'dead_lettered', 'cancelled'])
    await h.api(`${hook.links.deliveries}?status=${status}&page=2&limit=1`, { token: adminToken });
  const doomed = await subscribe('http://127.0.0.1:9/never');
  subscriptionIds.push(doomed.id);
  await h.api(doomed.links.self, { method: 'DELETE', token: adminToken });
  await h.apiServices.auditLog.flush();
  await h.apiServices.runRetention();
});

afterAll(async () => {
  for (const id of subscriptionIds)
    await h?.testEnv.client.workflow
      .getHandle(webhookSubscriptionWorkflowId(id))
      .terminate('test over')
      .catch(() => undefined);
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  await own?.close();
  await h?.close();
});

async function indexesOf(collection: string): Promise<IndexDef[]> {
  return (await own.db.collection(collection).listIndexes().toArray()).map((ix) => ({ name: ix.name as string, key: ix.key as Document }));
}

function planStages(plan: unknown, into: string[] = []): string[] {
  if (plan && typeof plan === 'object') {
    const p = plan as Document;
    if (typeof p.stage === 'string') into.push(p.stage);
    for (const v of Object.values(p)) planStages(v, into);
  }
  return into;
}

describe('MongoDB queries and their indexes', () => {
  it('should have seen the queries of every repository the API and activities use', () => {
    const collections = new Set([...recorded.values()].map((q) => q.collection));
    for (const c of [
      'assessments',
      'facility_results',
      'equipment_results',
      'equipment_lists',
      'equipment_locators',
      'snapshots',
      'snapshot_chunks',
      'idempotency_keys',
      // (audit_buckets: only inserted here, by _id; its one query, retention's delete by _id, needs hours past the cutoff)
      'audit_hours',
      'feed_heads',
      'feed_rows',
      'portfolio_runs',
      'portfolio_summaries',
      'webhook_subscriptions',
      'webhook_events',
      'webhook_deliveries',
      'webhook_directory',
    ]) {
      expect(collections, `no query on ${c} was recorded`).toContain(c);
    }
    expect(recorded.size).toBeGreaterThan(25);
  });

  it('should tell an unindexed query from an indexed one (the check itself can fail)', () => {
    const ix = [
      { name: '_id_', key: { _id: 1 } },
      { name: 'by_name_id', key: { name: 1, _id: 1 } },
    ];
    expect(supportingIndex({ filter: { status: 'x' }, sort: null }, ix)).toBeNull();
    expect(supportingIndex({ filter: { search_text: { $regex: 'a' } }, sort: { completed_at: -1 } }, ix)).toBeNull();
    expect(supportingIndex({ filter: { $or: [{ _id: { $in: ['a'] } }, { organization_id: { $in: ['o'] } }] }, sort: null }, ix)).toBeNull();
    // A walk of {name, _id} gives {name: -1, _id: -1} but not {name: -1, _id: 1}.
    expect(supportingIndex({ filter: { search_text: { $regex: 'a' } }, sort: { name: -1, _id: -1 } }, ix)).toBe('by_name_id');
    expect(supportingIndex({ filter: {}, sort: { name: -1, _id: 1 } }, ix)).toBeNull();
    expect(supportingIndex({ filter: {}, sort: null, hint: 'by_missing' }, ix)).toBeNull();
  });

  it('should support every recorded query with an index (and explain each on the test server)', async () => {
    const report: string[] = [];
    const unsupported: string[] = [];
    let idLookups = 0;
    for (const q of [...recorded.values()].sort((a, b) => a.key.localeCompare(b.key))) {
      const indexes = await indexesOf(q.collection);
      const index = supportingIndex(q, indexes);
      // Every query is explained as the find the planner sees (explaining writes would run them on FerretDB).
      const explained = await own.db.command({
        explain: { find: q.collection, filter: q.filter, ...(q.sort ? { sort: q.sort } : {}), ...(q.hint ? { hint: q.hint } : {}) },
        verbosity: 'queryPlanner',
      });
      expect(explained.ok, q.key).toBe(1);
      const exception = wholeCollectionReads.find((w) => w.shape.test(q.key));
      if (exception) {
        // Bounded by what the reason says, not by history: allowed on both servers.
      } else if (server === 'mongodb') {
        const stages = planStages((explained.queryPlanner as Document).winningPlan);
        if (stages.includes('COLLSCAN') || !stages.some((s) => /IXSCAN|IDHACK|EXPRESS/.test(s)))
          unsupported.push(`${q.key}: plan ${stages.join(' > ')}`);
      } else if (!isIdKeyed(q.filter)) {
        unsupported.push(`${q.key}: not read by _id (FerretDB would decode the whole collection)`);
      } else {
        const plan = JSON.stringify(explained.queryPlanner);
        if (!/SEARCH \S+ USING INDEX \S+__id_/.test(plan)) unsupported.push(`${q.key}: _id lookup not planned on the _id index: ${plan}`);
        idLookups += 1;
      }
      report.push(`${exception ? 'BOUNDED'.padEnd(10) : (index ?? 'NONE'.padEnd(10))}  ${q.key}`);
    }
    console.log(`[query-indexes] ${server}: ${recorded.size} query shapes\n${report.join('\n')}`);
    expect(unsupported).toEqual([]);
    // The hot paths (results, listings, locators, snapshots, status) are reads by _id: they were all seen.
    if (server === 'ferretdb') expect(idLookups).toBeGreaterThanOrEqual(20);
  });
});

/**
 * A top-level `_id` equality (string) or `$in` of strings: what our FerretDB build hands to SQLite's `_id` index,
 * whatever else the filter holds.
 */
function isIdKeyed(filter: Document): boolean {
  const id: unknown = filter._id;
  if (typeof id === 'string') return true;
  if (id && typeof id === 'object' && Object.keys(id).length === 1 && Array.isArray((id as Document).$in))
    return ((id as Document).$in as unknown[]).every((x) => typeof x === 'string');
  return false;
}

/** The whole-collection reads allowed, each with what bounds it. */
const wholeCollectionReads: { shape: RegExp; reason: string }[] = [
  {
    shape: /^facility_results find \{\}( sort \{"_id":1\})?$|^facility_results find \{"_id":\{"\$gt":"\?"\}\} sort \{"_id":1\}$/,
    reason: 'one document per facility: the directory (re)load and a portfolio run walk every facility once',
  },
  { shape: /^active_assessments find \{\}$/, reason: 'one document per run in flight (removed when it becomes final)' },
  { shape: /^idempotency_keys delete \{"created_at"/, reason: 'retention of keys kept 24 h (hourly): at most a day of starts' },
];
