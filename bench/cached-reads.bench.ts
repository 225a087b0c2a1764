/**
 * Cached-reads benchmark (issue #7, benchmark 1): GET /v1/facilities/{id}/risks through the real API process —
 * authentication with a real JWT, rate limiting on, audit on, request logs and metrics on, as in production — beside
 * a bare Hono route answering the same JSON bytes from memory, at 50 concurrent connections (autocannon), in the
 * same run. Goal: throughput ≥ 0.7× the bare route, and p99 ≤ 10 ms.
 *
 * It starts what the read path needs on free ports with a fresh data folder (.data/cached-reads): Temporal,
 * FerretDB and Redis (devstack), the Condoit simulator (in this process), a worker and the API (api/main.ts, each a
 * child process with MASTERBUS_PROFILE=production), assesses one facility, then runs A/B rounds: real API, bare route, real
 * API, bare route… so that noise from other processes on the machine hits both. Latency percentiles are computed
 * over every response of all rounds of a target.
 *
 *   npm run bench:reads                              # 4 rounds × 10 s per target after a 3 s warm-up each
 *   npm run bench:reads -- --smoke                   # 1 round × 1 s at 10 connections: checks that it works
 *   npm run bench:reads -- --rounds 6 --duration 15 --connections 50 --equipment 200
 *   npm run bench:reads -- --cpu-prof /tmp/prof      # the API process writes a .cpuprofile when it stops
 *
 * Exit code 0 whatever the figures; non-zero when the read path is broken: an exception, a connection error or a
 * non-2xx answer from either target, bodies that differ, or fewer audit entries than answered requests once the
 * API has shut down gracefully.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { mintToken } from '../contract/mint-token.js';
import { createSimulator } from '../condoit/simulator/server.js';
import { defaultShape } from '../condoit/simulator/generator.js';
import { parseEnv } from '../config/env.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { projectRoot } from '../devstack/paths.js';
import { startStack, type Stack } from '../devstack/stack.js';
import { serveApp, type RunningServer } from '../http/serve-app.js';
import { connectMongo } from '../store/mongo.js';
import { AuditStore } from '../store/audit-store.js';
import { collections } from '../store/collections.js';
import { appEnv } from '../devstack/app-env.js';
import { freePort, spawnApp, spawnProcess, type AppProcess } from '../devstack/app-process.js';
import { formatTable as table } from './support/print-table.js';

const FACILITY = 'fac-00001';
const RISKS_PATH = `/v1/facilities/${FACILITY}/risks`;
const RISKS_ROUTE = '/v1/facilities/:facility_id/risks';
/** Requests per minute for the viewer role: high enough that the limiter never rejects, so every request pays for it. */
const VIEWER_LIMIT = 1_000_000_000;
const NAMESPACE = 'masterbus-bench';
const DATABASE = 'bench_cached_reads';
const jwt = { secret: randomBytes(48).toString('base64url'), issuer: 'masterbus-bench', audience: 'masterbus-api' };

interface Options {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  equipment: number;
  cpuProfDir: string | null;
  smoke: boolean;
}

function positive(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what} must be a positive number, got ${JSON.stringify(text)}`);
  return n;
}

function nonNegative(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${what} must be a number ≥ 0, got ${JSON.stringify(text)}`);
  return n;
}

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { rounds: 4, durationS: 10, warmupS: 3, connections: 50, equipment: 200, cpuProfDir: null, smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--smoke') Object.assign(o, { smoke: true, rounds: 1, durationS: 1, warmupS: 0.5, connections: 10, equipment: 30 });
    else if (flag === '--rounds') o.rounds = Math.round(positive(value(), '--rounds'));
    else if (flag === '--duration') o.durationS = positive(value(), '--duration');
    else if (flag === '--warmup') o.warmupS = nonNegative(value(), '--warmup');
    else if (flag === '--connections') o.connections = Math.round(positive(value(), '--connections'));
    else if (flag === '--equipment') o.equipment = Math.round(positive(value(), '--equipment'));
    else if (flag === '--cpu-prof') o.cpuProfDir = value() ?? null;
    else
      throw new Error(
        `unknown argument ${arg} (use --smoke, --rounds N, --duration S, --warmup S, --connections N, --equipment N, --cpu-prof DIR)`,
      );
  }
  return o;
}

/** A child process running one of our TypeScript entry points, its output straight into a log file. */

interface Round {
  target: 'api' | 'bare';
  durationS: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latenciesMs: number[];
  /** CPU seconds used during the round by the server process, and by the stack's services (FerretDB, Redis, Temporal). */
  serverCpuS: number;
  servicesCpuS: number;
}

/** One autocannon run; every response's latency is kept, so percentiles can be computed over all rounds. */
async function load(
  target: Round['target'],
  url: string,
  headers: Record<string, string>,
  connections: number,
  durationS: number,
): Promise<Round> {
  const latenciesMs: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: durationS, headers, timeout: 10 }, (err, res) =>
      err ? reject(err as Error) : resolve(res),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latenciesMs.push(ms);
    });
  });
  return {
    target,
    durationS: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latenciesMs,
    serverCpuS: 0,
    servicesCpuS: 0,
  };
}

interface Summary {
  reqPerS: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
  serverCpuUsPerReq: number;
  servicesCpuUsPerReq: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(rounds: Round[]): Summary {
  const all = Float64Array.from(rounds.flatMap((r) => r.latenciesMs)).sort();
  const seconds = rounds.reduce((s, r) => s + r.durationS, 0);
  const ok = rounds.reduce((s, r) => s + r.ok, 0);
  return {
    reqPerS: ok / seconds,
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    max: all.length ? all[all.length - 1]! : Number.NaN,
    ok,
    non2xx: rounds.reduce((s, r) => s + r.non2xx, 0),
    errors: rounds.reduce((s, r) => s + r.errors + r.timeouts, 0),
    serverCpuUsPerReq: (rounds.reduce((s, r) => s + r.serverCpuS, 0) / ok) * 1e6,
    servicesCpuUsPerReq: (rounds.reduce((s, r) => s + r.servicesCpuS, 0) / ok) * 1e6,
  };
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => n.toFixed(2);
const say = (line: string) => console.log(`[bench] ${line}`);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN where unavailable. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime), counted after "(comm) ": indexes 11 and 12; in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Processes whose command line contains `text` (the stack's services: their data folder or address is in it). */
function pidsMatching(texts: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (texts.some((t) => cmd.includes(t))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const cpu = cpus();
  console.log('MasterBus cached-reads benchmark');
  console.log(
    `node ${process.version} (${process.platform}/${process.arch}), ${cpu.length} cores: ${cpu[0]?.model.trim() ?? 'unknown CPU'}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `GET ${RISKS_PATH} (${o.equipment} equipment), ${o.connections} connections, ${o.rounds} A/B round${o.rounds === 1 ? '' : 's'} of ${o.durationS} s per target after ${o.warmupS} s warm-up each`,
  );

  // Not under .data/bench*: another benchmark's clean-up may match that.
  const dir = join(projectRoot, '.data', 'cached-reads');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  // Free ports unless given: two runs (or a bench and a test stack) on one machine never share a server.
  const port = async (name: string) => process.env[name] ?? String(await freePort());
  const env = parseEnv({
    ...process.env,
    MASTERBUS_PROFILE: 'test',
    TEMPORAL_PORT: await port('TEMPORAL_PORT'),
    FERRETDB_PORT: await port('FERRETDB_PORT'),
    REDIS_PORT: await port('REDIS_PORT'),
  });
  const temporal = loadTemporalConfig(undefined, { address: env.TEMPORAL_ADDRESS, namespace: NAMESPACE });
  const children: AppProcess[] = [];
  let stack: Stack | undefined;
  let sim: RunningServer | undefined;
  try {
    const t0 = Date.now();
    stack = await startStack({ env, temporal, ui: false, fresh: true, dataDir: dir, log: say });
    const shape = { ...defaultShape, facilityCount: 2, equipmentMin: o.equipment, equipmentMax: o.equipment };
    sim = await serveApp(createSimulator({ shape, knobs: {} }).app.fetch);
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // Measured as production: the bench's own stack speaks plain TCP on loopback, so TLS is waived per connection.
    const serviceEnv = appEnv({
      services: { ...stack.urls, namespace: NAMESPACE, condoit: sim.url },
      database: DATABASE,
      keyPrefix: 'bench:',
      jwt,
      apiPort,
      extra: {
        MASTERBUS_PROFILE: 'production',
        TLS_WAIVED: 'api,temporal,mongodb,redis',
        PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        RATE_LIMIT_VIEWER: String(VIEWER_LIMIT),
        API_METRICS_PORT: String(await freePort()),
      },
    });
    // Logs go straight to files: the server's per-request lines never pass through this process's event loop.
    const logs = (name: string) => ({ logFile: join(dir, 'logs', `${name}.log`), logOnly: true });
    const [worker, api] = await Promise.all([
      spawnApp('worker', serviceEnv, { ...logs('worker'), readyTimeoutMs: 180_000 }),
      spawnApp('api', serviceEnv, {
        ...logs('api'),
        readyTimeoutMs: 120_000,
        ...(o.cpuProfDir ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] } : {}),
      }),
    ]);
    children.push(worker, api);
    say(`stack, worker and API up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const assessor = await mintToken(jwt, { sub: 'bench-assessor', role: 'assessor', facilities: ['*'] });
    const viewer = await mintToken(jwt, { sub: 'bench-viewer', role: 'viewer', facilities: [FACILITY], ttlSeconds: 3600 });
    const started = await fetch(`${apiUrl}/v1/facilities/${FACILITY}/assessments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${assessor}` },
    });
    if (started.status !== 202) throw new Error(`starting the assessment answered ${started.status}: ${await started.text()}`);
    const { assessment_id } = (await started.json()) as { assessment_id: string };
    const deadline = Date.now() + 180_000;
    for (;;) {
      const a = (await (
        await fetch(`${apiUrl}/v1/assessments/${assessment_id}`, { headers: { authorization: `Bearer ${assessor}` } })
      ).json()) as { status: string };
      if (a.status === 'completed') break;
      if (a.status === 'failed' || a.status === 'cancelled' || Date.now() > deadline)
        throw new Error(`assessment ${assessment_id} ended ${a.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    say(`assessed ${FACILITY} (${assessment_id})`);

    const headers = { authorization: `Bearer ${viewer}` };
    const probe = await fetch(`${apiUrl}${RISKS_PATH}`, { headers });
    const json = await probe.text();
    if (probe.status !== 200) throw new Error(`GET ${RISKS_PATH} answered ${probe.status}: ${json}`);
    for (const h of ['etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-request-id'])
      if (!probe.headers.get(h)) throw new Error(`GET ${RISKS_PATH}: no ${h} header`);
    if (probe.headers.get('x-ratelimit-limit') !== String(VIEWER_LIMIT))
      throw new Error(
        `the rate limiter is not configured as the benchmark expects: X-RateLimit-Limit ${probe.headers.get('x-ratelimit-limit')}`,
      );
    let apiAnswered = 1;
    const jsonFile = join(dir, 'risks.json');
    writeFileSync(jsonFile, json);
    say(`risks body: ${fmtInt(Buffer.byteLength(json))} bytes, ETag ${probe.headers.get('etag')}, X-Cache ${probe.headers.get('x-cache')}`);

    const barePort = await freePort();
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const bare = await spawnProcess(
      { name: 'bare', script: 'bench/support/bare-json-server.ts', args: [jsonFile, String(barePort)], ready: /listening on/ },
      serviceEnv,
      logs('bare'),
    );
    children.push(bare);
    const bareBody = await (await fetch(`${bareUrl}${RISKS_PATH}`)).text();
    if (bareBody !== json) throw new Error('the bare route does not answer the same bytes as the API');

    const targets = { api: `${apiUrl}${RISKS_PATH}`, bare: `${bareUrl}${RISKS_PATH}` } as const;
    const servicePids = pidsMatching([dir, `redis-server 127.0.0.1:${new URL(stack.urls.redis).port}`]);
    const serverPid = { api: api.child.pid, bare: bare.child.pid } as const;
    const servicesCpu = () => servicePids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const run = async (target: Round['target'], seconds: number) => {
      const [server0, services0] = [cpuSeconds(serverPid[target]), servicesCpu()];
      const r = await load(target, targets[target], headers, o.connections, seconds);
      r.serverCpuS = cpuSeconds(serverPid[target]) - server0;
      r.servicesCpuS = servicesCpu() - services0;
      if (target === 'api') apiAnswered += r.ok + r.non2xx;
      return r;
    };
    const bad: string[] = [];
    if (o.warmupS > 0) {
      for (const t of ['api', 'bare'] as const) {
        const w = await run(t, o.warmupS);
        if (w.non2xx || w.errors || w.timeouts) bad.push(`warm-up ${t}: ${w.non2xx} non-2xx, ${w.errors} errors, ${w.timeouts} timeouts`);
      }
    }
    const rounds: Round[] = [];
    const perRound: string[][] = [['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'services µs/req', 'non-2xx', 'errors']];
    for (let i = 1; i <= o.rounds; i++) {
      for (const t of ['api', 'bare'] as const) {
        const r = await run(t, o.durationS);
        rounds.push(r);
        const s = summarize([r]);
        perRound.push([
          String(i),
          t,
          fmtInt(s.reqPerS),
          fmtMs(s.p50),
          fmtMs(s.p99),
          fmtInt(s.serverCpuUsPerReq),
          fmtInt(s.servicesCpuUsPerReq),
          String(s.non2xx),
          String(s.errors),
        ]);
        if (s.non2xx || s.errors) bad.push(`round ${i} ${t}: ${s.non2xx} non-2xx, ${s.errors} errors/timeouts`);
      }
    }
    console.log('');
    console.log(table(perRound));

    const a = summarize(rounds.filter((r) => r.target === 'api'));
    const b = summarize(rounds.filter((r) => r.target === 'bare'));
    const ratio = a.reqPerS / b.reqPerS;
    console.log('');
    console.log(
      table([
        ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'CPU µs/req', 'services µs/req', '2xx', 'non-2xx', 'errors'],
        ...(
          [
            ['(a) API: auth + rate limit + audit', a],
            ['(b) bare Hono route', b],
          ] as const
        ).map(([name, s]) => [
          name,
          fmtInt(s.reqPerS),
          fmtMs(s.p50),
          fmtMs(s.p90),
          fmtMs(s.p99),
          fmtMs(s.max),
          fmtInt(s.serverCpuUsPerReq),
          fmtInt(s.servicesCpuUsPerReq),
          fmtInt(s.ok),
          String(s.non2xx),
          String(s.errors),
        ]),
      ]),
    );
    console.log(
      "(CPU µs/req: the server process's CPU time per answered request; services: FerretDB + Redis + Temporal during its rounds)",
    );
    console.log(
      `(CPU ratio (b)/(a): ${(b.serverCpuUsPerReq / a.serverCpuUsPerReq).toFixed(2)} — the throughput ratio a machine with a core free for each would show; less sensitive to other load)`,
    );
    console.log('');
    const throughputMet = ratio >= 0.7;
    const p99Met = a.p99 <= 10;
    console.log(`throughput ratio (a)/(b): ${ratio.toFixed(2)} (goal ≥ 0.70: ${throughputMet ? 'met' : 'NOT met'})`);
    console.log(`API p99: ${fmtMs(a.p99)} ms (goal ≤ 10 ms: ${p99Met ? 'met' : 'NOT met'})`);
    if (o.smoke) console.log('(smoke size: checks that the benchmark works; its figures mean nothing)');
    else
      console.log(
        `verdict: ${throughputMet && p99Met ? 'goals met' : 'goals NOT met'}; load average now ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );

    // A graceful stop flushes the audit buffer: every answered request must have its entry.
    const apiExit = await api.stop(30_000);
    if (apiExit.code !== 0) bad.push(`the API exited with ${apiExit.signal ?? apiExit.code} on SIGTERM`);
    const mongo = await connectMongo(stack.urls.mongodb, DATABASE);
    try {
      // Audit entries are stored in buckets (store/audit-store.ts): read back those of the last day.
      const audited = (await new AuditStore(collections(mongo.db)).entries(new Date(Date.now() - 86_400_000))).filter(
        (e) => e.subject === 'bench-viewer' && e.route === RISKS_ROUTE,
      ).length;
      console.log(`audit: ${fmtInt(audited)} entries for ${fmtInt(apiAnswered)} answered reads of the API (after its graceful stop)`);
      if (audited < apiAnswered) bad.push(`audit log lost entries: ${audited} written for ${apiAnswered} answered reads`);
    } finally {
      await mongo.close();
    }
    if (o.cpuProfDir) say(`CPU profile of the API written to ${o.cpuProfDir}`);
    for (const line of bad) console.error(`[bench] BROKEN: ${line}`);
    return bad.length ? 1 : 0;
  } finally {
    for (const c of children.reverse()) await c.stop(30_000);
    await sim?.close();
    await stack?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
