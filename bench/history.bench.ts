/**
 * History benchmark (issue #17, goal 1): every read and list route of the API, on a store holding a year of
 * history, against the same routes on 1/100 of it.
 *
 * On a fresh bench stack (Temporal, FerretDB, Redis; the real worker and API processes), the generator
 * (bench/support/history-generator.ts) writes the small history through the project's own write paths; every
 * route is timed by one sequential client over HTTP with real JWTs; the retention jobs are timed; then the store is
 * grown to the target size (only what the small one lacks is written) and the same is measured again.
 *
 *   npm run bench:history                       # the issue's size: 1,000 facilities × 100 equipment, a year (hours here)
 *   npm run bench:history -- --scale 0.01       # 1 % of it (10 facilities; the small side 1/100 of that)
 *   npm run bench:history -- --smoke            # a few facilities and days: checks that it runs (CI)
 *   npm run bench:history -- --scale 0.1 --requests 30 --route-budget 20
 *
 * Use BENCH_PORT_BASE to keep clear of another benchmark's stack. Exit code 0 whether or not the goals are met;
 * non-zero only when something breaks (a route answering other than expected, a generator write failing).
 */
import { unpackJsonSync } from '../store/packed-json.js';
import type { EquipmentListEntry } from '../store/documents.js';
import { AuditStore } from '../store/audit-store.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApiServices } from '../api/open-services.js';
import { AuditLog } from '../api/audit/audit-log.js';
import { parseEnv } from '../config/env.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { mintToken } from '../contract/mint-token.js';
import { facilityId } from '../condoit/simulator/generator.js';
import { benchDir, benchJwt, benchShape, startBenchSystem, type BenchSystem } from './support/bench-system.js';
import { parseBenchArgs } from './support/bench-args.js';
import {
  assessmentIdOf,
  EMPTY,
  historyTotals,
  openHistoryGenerator,
  portfolioRunIdOf,
  sizeFor,
  type HistoryGenerator,
  type HistorySize,
  type Throughput,
} from './support/history-generator.js';
import { printTable, seconds } from './support/print-table.js';

const args = parseBenchArgs(process.argv.slice(2), ['scale', 'requests', 'route-budget', 'concurrency', 'equipment']);
const scale = Number(args.get('scale') ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error(`--scale takes a fraction in (0, 1], got ${args.get('scale')}`);
const requests = args.int('requests', args.smoke ? 5 : 50);
const routeBudgetMs = args.int('route-budget', args.smoke ? 5 : 30) * 1000;
const equipment = args.int('equipment', args.smoke ? 10 : 100);
const log = (l: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${l}`);

const large: HistorySize = args.smoke
  ? { facilities: 4, equipment, days: 8, auditMinutes: 240, subscriptions: 3, deliveriesPerSubscription: 40 }
  : sizeFor(scale, equipment);
const small: HistorySize = args.smoke
  ? { facilities: 1, equipment, days: 2, auditMinutes: 100, subscriptions: 1, deliveriesPerSubscription: 4 }
  : sizeFor(scale / 100, equipment);

/** Day 0: the latest 02:00 UTC (the portfolio schedule's time). */
const today = (() => {
  const d = new Date();
  d.setUTCHours(2, 0, 0, 0);
  return d.getTime() > Date.now() ? d.getTime() - 86_400_000 : d.getTime();
})();

const GOAL = { p50: 20, p99: 100, ratio: 1.5 };

interface RouteSpec {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  token: 'admin' | 'viewer';
  expect: number;
}

interface Timing {
  n: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function memKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The FerretDB process this benchmark's stack started (listening on its bench port). */
function ferretdbPid(port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('ferretdb') && cmd.some((a) => a.includes(`:${port}`))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

async function main(): Promise<void> {
  log(`sizes: small ${JSON.stringify(historyTotals(small))}`);
  log(`       large ${JSON.stringify(historyTotals(large))}`);
  const sys = await startBenchSystem({
    shape: benchShape({ facilityCount: large.facilities, equipmentMin: equipment, equipmentMax: equipment, seed: 17 }),
    log,
  });
  let gen: HistoryGenerator | null = null;
  try {
    // No scheduled portfolio run may land in the middle of the measurements.
    const paused = await sys.api('/v1/portfolio/schedule/pause', { method: 'POST' });
    log(`portfolio schedule paused: ${paused.status}`);
    await paused.arrayBuffer();
    gen = await openHistoryGenerator({
      collections: sys.db,
      urls: { ...sys.stack.urls, condoit: sys.sim.url },
      database: 'masterbus_bench',
      api: (p, init) => sys.api(p, init),
      today,
      log,
      concurrency: args.int('concurrency', 8),
    });
    const tokens = {
      admin: await mintToken(benchJwt, { sub: 'bench-admin', role: 'admin', facilities: ['*'], ttlSeconds: 24 * 3600 }),
      viewer: await mintToken(benchJwt, {
        sub: 'bench-viewer',
        role: 'viewer',
        facilities: [0, 1, 2].map(facilityId),
        ttlSeconds: 24 * 3600,
      }),
    };
    const ferret = ferretdbPid(sys.stack.urls.mongodb ? Number(new URL(sys.stack.urls.mongodb).port) : 0);
    if (!ferret) log('FerretDB process not found: its memory is not reported');

    const genRows: Record<string, string | number>[] = [];
    const recordGen = (label: string, t: Throughput, wall: number) => {
      for (const [name, { docs, ms }] of Object.entries(t))
        genRows.push({ size: label, collection: name, docs, s: seconds(ms), 'docs/s': ms > 0 ? Math.round(docs / (ms / 1000)) : 0 });
      genRows.push({ size: label, collection: 'total (wall)', docs: '', s: seconds(wall), 'docs/s': '' });
    };

    let t0 = performance.now();
    recordGen('small', await gen.generate(EMPTY, small), performance.now() - t0);
    log(`bench process peak RSS so far: ${Math.round(memKib(process.pid, 'VmHWM') / 1024)} MiB`);
    const smallTimes = await measure(sys, gen, small, tokens);
    const smallRetention = await retention(sys, gen, small, ferret);

    t0 = performance.now();
    recordGen('large', await gen.generate(small, large), performance.now() - t0);
    log(`bench process peak RSS so far: ${Math.round(memKib(process.pid, 'VmHWM') / 1024)} MiB`);
    const largeTimes = await measure(sys, gen, large, tokens);
    const largeRetention = await retention(sys, gen, large, ferret);

    console.log(`\nHistory benchmark, ${new Date().toISOString()}${args.smoke ? ' (smoke)' : `, scale ${scale}`}\n`);
    const counts = async () => {
      const c = sys.db;
      const entries = await Promise.all(
        (
          [
            ['assessments', c.assessments],
            ['portfolio_runs', c.portfolioRuns],
            ['facility_results', c.facilityResults],
            ['equipment_results', c.equipmentResults],
            ['audit_buckets', c.auditBuckets],
            ['webhook_subscriptions', c.webhookSubscriptions],
            ['webhook_events', c.webhookEvents],
            ['webhook_deliveries', c.webhookDeliveries],
          ] as const
        ).map(
          async ([name, coll]) => [name, await (coll as { estimatedDocumentCount(): Promise<number> }).estimatedDocumentCount()] as const,
        ),
      );
      return Object.fromEntries(entries);
    };
    console.log(`documents at the end (large): ${JSON.stringify(await counts())}`);
    console.log(`small: ${JSON.stringify(historyTotals(small))}\nlarge: ${JSON.stringify(historyTotals(large))}\n`);
    console.log('Generation (through the project write paths; docs/s = documents ÷ the phase wall time):\n');
    printTable(genRows);
    console.log(`\nbench process peak RSS (generator + driver): ${Math.round(memKib(process.pid, 'VmHWM') / 1024)} MiB`);

    console.log(
      `\nRoutes: one sequential client, up to ${requests} requests per route after 2 warm-ups (fewer if a route exceeds ${routeBudgetMs / 1000} s); ms; ratio = large p50 ÷ small p50\n`,
    );
    const mark = (ok: boolean) => (ok ? '✓' : '✗');
    const rows: Record<string, string | number>[] = [];
    let met = 0;
    for (const [name, l] of largeTimes) {
      const s = smallTimes.get(name)!;
      const ratio = l.p50 / s.p50;
      const ok = [l.p50 <= GOAL.p50, l.p99 <= GOAL.p99, ratio <= GOAL.ratio];
      if (ok.every(Boolean)) met += 1;
      rows.push({
        route: name,
        'n small': s.n,
        'p50 small': round(s.p50),
        'p99 small': round(s.p99),
        'n large': l.n,
        'p50 large': round(l.p50),
        'p99 large': round(l.p99),
        ratio: round(ratio),
        'p50≤20': mark(ok[0]!),
        'p99≤100': mark(ok[1]!),
        'ratio≤1.5': mark(ok[2]!),
      });
    }
    printTable(rows);
    console.log(`\nroutes meeting all three goals: ${met} of ${rows.length}`);

    console.log('\nRetention jobs (FerretDB RSS peak sampled every 50 ms during the job; its start value beside it):\n');
    printTable(
      [...smallRetention.map((r) => ({ size: 'small', ...r })), ...largeRetention.map((r) => ({ size: 'large', ...r }))].map((r) => ({
        size: r.size,
        job: r.job,
        deleted: r.deleted,
        s: seconds(r.ms),
        'FerretDB RSS start MiB': r.ferretStart,
        'FerretDB RSS peak MiB': r.ferretPeak,
        'bench RSS peak MiB': r.benchPeak,
      })),
    );
  } finally {
    await gen?.close();
    await sys.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Every read and list route of the API (and the redeliver 404), with ids that exist in the generated history. */
async function routes(sys: BenchSystem, gen: HistoryGenerator, size: HistorySize): Promise<RouteSpec[]> {
  const fac = facilityId(0);
  const listing = await sys.api(`/v1/facilities/${fac}/equipment?limit=1`);
  if (listing.status !== 200) throw new Error(`equipment listing: ${listing.status} ${await listing.text()}`);
  const equipmentId = ((await listing.json()) as { equipment: { id: string }[] }).equipment[0]!.id;
  const current = await sys.db.facilityResults.findOne({ _id: fac }, { projection: { assessment_id: 1 } });
  const chunk = await sys.db.equipmentLists.findOne({ _id: `${current!.assessment_id}:0` });
  const entries = chunk ? (JSON.parse(unpackJsonSync(chunk.entries_z)) as EquipmentListEntry[]) : [];
  const photo = entries.find((e) => e.photo_ids.length)?.photo_ids[0];
  const sub = gen.subscriptionIds[0]!;
  const total = await sys.db.assessments.estimatedDocumentCount();
  const deepPage = Math.max(1, Math.floor(total / 20) - 1);
  const search = (await sys.db.facilityResults.findOne({ _id: fac }, { projection: { name: 1 } }))!.name.toLowerCase().split(' ')[0]!;
  const g = (name: string, path: string, token: RouteSpec['token'] = 'admin', expect = 200): RouteSpec => ({ name, path, token, expect });
  return [
    g('GET /v1/assessments', '/v1/assessments'),
    g('GET /v1/assessments?facility_id=', `/v1/assessments?facility_id=${fac}`),
    g('GET /v1/assessments?status=completed', '/v1/assessments?status=completed'),
    g(`GET /v1/assessments?page=<deep>`, `/v1/assessments?page=${deepPage}`),
    g('GET /v1/assessments (viewer, 3 facilities)', '/v1/assessments', 'viewer'),
    g('GET /v1/assessments/{id}', `/v1/assessments/${assessmentIdOf(0, Math.floor(size.days / 2))}`),
    g('GET /v1/assessments/{prt_id} (portfolio run)', `/v1/assessments/${portfolioRunIdOf(Math.min(1, size.days - 1))}`),
    g('GET /v1/facilities?sort=name', '/v1/facilities?sort=name'),
    g('GET /v1/facilities?sort=risk_score&order=desc', '/v1/facilities?sort=risk_score&order=desc'),
    g('GET /v1/facilities?sort=last_updated&order=desc', '/v1/facilities?sort=last_updated&order=desc'),
    g('GET /v1/facilities?search=', `/v1/facilities?search=${encodeURIComponent(search)}`),
    g('GET /v1/facilities (viewer)', '/v1/facilities', 'viewer'),
    g('GET /v1/facilities/{id}', `/v1/facilities/${fac}`),
    g('GET /v1/facilities/{id}/risks', `/v1/facilities/${fac}/risks`),
    g('GET /v1/facilities/{id}/compliance', `/v1/facilities/${fac}/compliance`),
    g('GET /v1/facilities/{id}/equipment', `/v1/facilities/${fac}/equipment`),
    g('GET /v1/facilities/{id}/equipment?sort=risk_rating', `/v1/facilities/${fac}/equipment?sort=risk_rating&order=desc`),
    g('GET /v1/equipment/{id}', `/v1/equipment/${encodeURIComponent(equipmentId)}`),
    ...(photo
      ? [
          g('GET /v1/photos/{id}/thumbnail', `/v1/photos/${encodeURIComponent(photo)}/thumbnail`),
          g('GET /v1/photos/{id}', `/v1/photos/${encodeURIComponent(photo)}`),
        ]
      : []),
    g('GET /v1/portfolio/summary (admin)', '/v1/portfolio/summary'),
    g('GET /v1/portfolio/summary (viewer, 3 facilities)', '/v1/portfolio/summary', 'viewer'),
    g('GET /v1/portfolio/schedule', '/v1/portfolio/schedule'),
    g('GET /v1/webhooks/subscriptions', '/v1/webhooks/subscriptions'),
    g('GET /v1/webhooks/subscriptions/{id}', `/v1/webhooks/subscriptions/${sub}`),
    g('GET /v1/webhooks/subscriptions/{id}/deliveries', `/v1/webhooks/subscriptions/${sub}/deliveries`),
    g('GET …/deliveries?status=dead_lettered', `/v1/webhooks/subscriptions/${sub}/deliveries?status=dead_lettered`),
    {
      name: 'POST …/deliveries/{unknown}/redeliver (404)',
      method: 'POST',
      path: `/v1/webhooks/subscriptions/${sub}/deliveries/whd_${'0'.repeat(32)}/redeliver`,
      token: 'admin',
      expect: 404,
    },
  ];
}

async function measure(
  sys: BenchSystem,
  gen: HistoryGenerator,
  size: HistorySize,
  tokens: Record<RouteSpec['token'], string>,
): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>();
  for (const r of await routes(sys, gen, size)) {
    const once = async () => {
      const t0 = performance.now();
      const res = await fetch(`${sys.apiUrl}${r.path}`, {
        method: r.method ?? 'GET',
        headers: { authorization: `Bearer ${tokens[r.token]}` },
      });
      const body = await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== r.expect)
        throw new Error(`${r.name} (${r.path}): ${res.status}, expected ${r.expect}: ${Buffer.from(body).toString().slice(0, 300)}`);
      return ms;
    };
    await once();
    await once();
    const times: number[] = [];
    const start = performance.now();
    while (times.length < requests && (times.length < 3 || performance.now() - start < routeBudgetMs)) times.push(await once());
    times.sort((a, b) => a - b);
    const t: Timing = { n: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
    out.set(r.name, t);
    log(`${r.name}: n ${t.n}, p50 ${round(t.p50)} ms, p99 ${round(t.p99)} ms`);
  }
  return out;
}

interface RetentionRow {
  job: string;
  deleted: number | string;
  ms: number;
  ferretStart: number;
  ferretPeak: number;
  benchPeak: number;
}

/**
 * The retention jobs on the current data: the API's own hourly job (`runRetention` of api/open-services.ts: audit
 * entries past AUDIT_RETENTION_DAYS — 365 by default, so none of a month's polling goes — and Idempotency-Keys
 * past 24 h), then `AuditLog.purgeOlderThan` with a retention that removes exactly the oldest hour of polling
 * (what an hourly run removes in the steady state of a month's retention). The next generate() writes that hour again.
 */
async function retention(sys: BenchSystem, gen: HistoryGenerator, size: HistorySize, ferret: number | null): Promise<RetentionRow[]> {
  const rows: RetentionRow[] = [];
  const timed = async (job: string, fn: () => Promise<number | string>) => {
    const ferretStart = ferret ? memKib(ferret, 'VmRSS') : 0;
    let ferretPeak = ferretStart;
    let benchPeak = memKib(process.pid, 'VmRSS');
    const sampler = setInterval(() => {
      if (ferret) ferretPeak = Math.max(ferretPeak, memKib(ferret, 'VmRSS'));
      benchPeak = Math.max(benchPeak, memKib(process.pid, 'VmRSS'));
    }, 50);
    const t0 = performance.now();
    const deleted = await fn();
    const ms = performance.now() - t0;
    clearInterval(sampler);
    if (ferret) ferretPeak = Math.max(ferretPeak, memKib(ferret, 'VmRSS'));
    const mib = (k: number) => Math.round(k / 1024);
    rows.push({ job, deleted, ms, ferretStart: mib(ferretStart), ferretPeak: mib(ferretPeak), benchPeak: mib(benchPeak) });
    log(`retention ${job}: ${deleted} deleted in ${seconds(ms)} s, FerretDB RSS ${mib(ferretStart)} → peak ${mib(ferretPeak)} MiB`);
  };

  const env = parseEnv({
    MASTERBUS_PROFILE: 'test',
    MONGODB_URL: sys.stack.urls.mongodb,
    MONGODB_DB: 'masterbus_bench',
    REDIS_URL: sys.stack.urls.redis,
    TEMPORAL_ADDRESS: sys.stack.urls.temporal,
    CONDOIT_URL: sys.sim.url,
    AUDIT_SPILL_DIR: join(benchDir, 'retention-audit-spill'),
  });
  const opened = await openApiServices(
    env,
    { ...sys.stack.urls, condoit: sys.sim.url },
    loadTemporalConfig(join(benchDir, 'temporal.yaml'), { namespace: sys.namespace, address: sys.stack.urls.temporal }),
  );
  try {
    await timed(`API runRetention (audit > ${env.AUDIT_RETENTION_DAYS} d, idempotency keys > 24 h)`, async () => {
      await opened.runRetention();
      return '-';
    });
  } finally {
    await opened.close();
  }
  // Retention removes whole hours (audit buckets are hourly): the cutoff is the end of the hour holding the oldest
  // entry, so exactly that hour goes. Entries of minute m are at today − m min (+ < 1 min per facility).
  const HOUR = 3_600_000;
  const oldest = today - (size.auditMinutes - 1) * 60_000;
  const cutoff = Math.floor(oldest / HOUR) * HOUR + HOUR;
  const kept = (today - cutoff) / 60_000; // minutes m ≤ kept stay (m = kept is at the cutoff or after it)
  const cut = size.auditMinutes - 1 - kept;
  const store = new AuditStore(sys.db);
  const audit = new AuditLog(store, { flushIntervalMs: 3_600_000 });
  let removed = 0;
  try {
    const doomed = (await store.entries(new Date(oldest - HOUR), new Date(cutoff))).length;
    await timed(`AuditLog.purgeOlderThan: the oldest hour (${cut} min) of polling`, async () => {
      const buckets = await audit.purgeOlderThan((today - cutoff) / 86_400_000, today);
      return `${buckets} buckets`;
    });
    const left = (await store.entries(new Date(oldest - HOUR), new Date(cutoff))).length;
    const after = (await store.entries(new Date(cutoff), new Date(cutoff + HOUR))).length;
    removed = doomed - left;
    const last = rows[rows.length - 1]!;
    last.deleted = `${removed.toLocaleString('en-US')} entries (${last.deleted})`;
    if (left !== 0 || removed !== cut * size.facilities) {
      throw new Error(`the purge left ${left} of ${doomed} entries older than the cutoff, expected ${cut * size.facilities} removed`);
    }
    if (after === 0 && kept > 0) throw new Error('the purge removed entries younger than the cutoff');
  } finally {
    await audit.close();
  }
  gen.cutAuditMinutes(cut);
  return rows;
}

await main();
