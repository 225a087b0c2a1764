/**
 * One MasterBus deployment for the pipeline benchmarks: a fresh Temporal dev server, FerretDB and Redis on the
 * bench ports (data in .data/bench), the Condoit simulator in this process, and the real worker and API as separate
 * processes started exactly as in production (`node --import tsx …/main.ts`, pre-built workflow bundle), so their
 * resident memory can be read and nothing in the driver competes with them for the event loop.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { mintToken } from '../../contract/mint-token.js';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { parseEnv } from '../../config/env.js';
import { loadTemporalConfig } from '../../config/temporal-config.js';
import { defaultShape, type PortfolioShape } from '../../condoit/simulator/generator.js';
import { createSimulator, type Simulator } from '../../condoit/simulator/server.js';
import { appEnv, writeTemporalConfig, type TemporalYaml } from '../../devstack/app-env.js';
import { spawnApp, type AppKind, type AppProcess } from '../../devstack/app-process.js';
import { projectRoot } from '../../devstack/paths.js';
import { isPortOpen } from '../../devstack/managed-process.js';
import { startStack, type Stack } from '../../devstack/stack.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { collections, type Collections } from '../../store/collections.js';
import { workflowsPath } from '../../workers/create-worker.js';

export const benchDir = join(projectRoot, '.data', 'bench');
/** The JWT settings the bench API verifies with (benchmarks mint viewer and scoped tokens with them). */
export const benchJwt = { secret: 'bench-secret-bench-secret-0123456789ab', issuer: 'masterbus-bench', audience: 'masterbus-api' };
const jwt = benchJwt;
/** Bench ports (override with BENCH_PORT_BASE): Temporal +233, UI +1233, FerretDB +117, Redis +379. */
const base = Number(process.env.BENCH_PORT_BASE ?? 41000);

export interface BenchSystem {
  stack: Stack;
  sim: { current: Simulator; url: string; setShape(shape: PortfolioShape): void };
  apiUrl: string;
  db: Collections;
  temporal: Client;
  namespace: string;
  procs: Record<AppKind, AppProcess | null>;
  api(path: string, init?: RequestInit): Promise<Response>;
  /** POST a start and poll the run until it is final; returns the final body and the wall time. */
  waitFor(path: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface BenchSystemOptions {
  shape: PortfolioShape;
  /** Extra environment for the worker and API processes (both). */
  env?: Record<string, string>;
  /** Patch applied to temporal.config.yaml (worker tuning, concurrency…). */
  temporalConfig?: (config: TemporalYaml) => void;
  log?: (line: string) => void;
}

async function workflowBundle(): Promise<string> {
  const path = join(benchDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  writeFileSync(path, code);
  return path;
}

export async function startBenchSystem(o: BenchSystemOptions): Promise<BenchSystem> {
  const log = o.log ?? (() => {});
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(benchDir, { recursive: true });
  const ports = { TEMPORAL_PORT: base + 233, TEMPORAL_UI_PORT: base + 1233, FERRETDB_PORT: base + 117, REDIS_PORT: base + 379 };
  const stackEnv = parseEnv({
    ...process.env,
    MASTERBUS_PROFILE: 'test',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  });
  const namespace = 'masterbus-bench';
  const temporalConfigPath = writeTemporalConfig(join(benchDir, 'temporal.yaml'), (config) => {
    config.namespace = namespace;
    config.portfolioSchedule.id = 'bench-portfolio';
    o.temporalConfig?.(config);
  });
  const temporal = loadTemporalConfig(temporalConfigPath, { namespace });
  for (const port of Object.values(ports)) {
    if (await isPortOpen(port))
      throw new Error(`port ${port} is in use (a previous benchmark still running?); set BENCH_PORT_BASE to use other ports`);
  }
  const stack = await startStack({ env: stackEnv, temporal, ui: false, fresh: true, dataDir: benchDir, log });
  try {
    return await startApps(o, stack, namespace, temporalConfigPath);
  } catch (err) {
    await stack.stop();
    throw err;
  }
}

async function startApps(o: BenchSystemOptions, stack: Stack, namespace: string, temporalConfigPath: string): Promise<BenchSystem> {
  let sim = createSimulator({ shape: o.shape });
  const simServer: RunningServer = await serveApp((req) => sim.app.fetch(req));
  const probe = await serveApp(() => new Response(''));
  const apiPort = probe.port;
  await probe.close();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = appEnv({
    services: { ...stack.urls, namespace, condoit: simServer.url },
    database: 'masterbus_bench',
    jwt,
    apiPort,
    temporalConfig: temporalConfigPath,
    workflowBundle: await workflowBundle(),
    extra: { RATE_LIMIT_VIEWER: '1000000', RATE_LIMIT_ASSESSOR: '1000000', RATE_LIMIT_ADMIN: '1000000', ...o.env },
  });
  const spawned = await Promise.allSettled([
    spawnApp('worker', env, { logFile: join(benchDir, 'logs', 'worker.log'), readyTimeoutMs: 120_000 }),
    spawnApp('api', env, { logFile: join(benchDir, 'logs', 'api.log'), readyTimeoutMs: 120_000 }),
  ]);
  const failed = spawned.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(spawned.map((s) => (s.status === 'fulfilled' ? s.value.kill('SIGKILL') : undefined)));
    await simServer.close();
    throw failed.reason;
  }
  const [worker, api] = spawned.map((s) => (s as PromiseFulfilledResult<AppProcess>).value) as [AppProcess, AppProcess];
  const mongo = new MongoClient(stack.urls.mongodb);
  await mongo.connect();
  const connection = await Connection.connect({ address: stack.urls.temporal });
  const client = new Client({ connection, namespace, dataConverter: dataConverterFrom(parseEnv(env)) });
  const token = await mintToken(jwt, { sub: 'bench-admin', role: 'admin', facilities: ['*'], ttlSeconds: 24 * 3600 });

  const sys: BenchSystem = {
    stack,
    sim: {
      get current() {
        return sim;
      },
      url: simServer.url,
      setShape(shape) {
        sim = createSimulator({ shape });
      },
    },
    apiUrl,
    db: collections(mongo.db(env.MONGODB_DB!)),
    temporal: client,
    namespace,
    procs: { worker, api },
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(`${apiUrl}${path}`, { ...init, headers });
    },
    async waitFor(path, timeoutMs = 3_600_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await sys.api(path);
        if (res.ok) {
          const body = (await res.json()) as Record<string, unknown>;
          if (['completed', 'failed', 'cancelled'].includes(String(body.status))) return body;
        } else if (res.status !== 404) {
          throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        }
        if (Date.now() > deadline) throw new Error(`${path} not final after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await Promise.all([sys.procs.api?.kill('SIGTERM'), sys.procs.worker?.kill('SIGTERM')]);
      await mongo.close();
      await connection.close();
      await simServer.close();
      await stack.stop();
    },
  };
  return sys;
}

export const benchShape = (patch: Partial<PortfolioShape>): PortfolioShape => ({ ...defaultShape, ...patch });
