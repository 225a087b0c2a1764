/**
 * One MasterBus deployment for the reliability suite: the fault stack's services, a Condoit simulator in the
 * test process (the only stand-in), and the real API and worker as separate processes the tests can kill.
 * Temporal settings are production's with short retry intervals and heartbeat timeouts, so a lost worker's
 * activities are retried in seconds, not minutes (documented in docs/reliability.md).
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { mintToken } from '../../../contract/mint-token.js';
import type { Role } from '../../../contract/claims.js';
import { dataConverterFrom } from '../../../codec/payload-keys.js';
import { parseEnv } from '../../../config/env.js';
import { defaultShape, type PortfolioShape } from '../../../condoit/simulator/generator.js';
import { createSimulator, type Simulator } from '../../../condoit/simulator/server.js';
import type { FaultKnobs, FaultPlan } from '../../../condoit/simulator/faults.js';
import { serveApp, type RunningServer } from '../../../http/serve-app.js';
import { collections, type Collections } from '../../../store/collections.js';
import { workflowsPath } from '../../../workers/create-worker.js';
import { uniqueSuffix } from '../../support/test-names.js';
import { appEnv, writeTemporalConfig } from '../../../devstack/app-env.js';
import { spawnApp, type AppKind, type AppProcess } from '../../../devstack/app-process.js';
import { faultsDir, startFaultStack, type FaultStack } from './fault-stack.js';

export const faultJwt = { secret: 'faults-secret-faults-secret-0123456789', issuer: 'masterbus-faults', audience: 'masterbus-api' };

export interface FaultSystem {
  stack: FaultStack;
  sim: Simulator & { url: string };
  shape: PortfolioShape;
  apiUrl: string;
  db: Collections;
  temporal: Client;
  /** The running API and worker processes (replaced on restart). */
  procs: { api: AppProcess | null; worker: AppProcess | null };
  start(kind: AppKind, extraEnv?: Record<string, string>): Promise<AppProcess>;
  token(role?: Role, facilities?: string[]): Promise<string>;
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  injectFault(plan: Partial<FaultPlan> & { failNext: number }): void;
  setSimKnobs(knobs: Partial<FaultKnobs>): void;
  waitForAssessment(id: string, timeoutMs?: number): Promise<{ status: string; [k: string]: unknown }>;
  close(): Promise<void>;
}

let bundlePath: string | undefined;
/** Workers start from a pre-built bundle, as in production: a restart takes a second or two, not a webpack run. */
async function workflowBundlePath(): Promise<string> {
  if (bundlePath && existsSync(bundlePath)) return bundlePath;
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  mkdirSync(faultsDir, { recursive: true });
  bundlePath = join(faultsDir, `workflow-bundle-${process.pid}.js`);
  writeFileSync(bundlePath, code);
  return bundlePath;
}

/** temporal.config.yaml with this system's task queue and schedule id, and fast retries/short timeouts. */
/** The run's own task queue and schedule id; activities heartbeat, and retry fast, so faults take seconds. */
function temporalConfigFor(suffix: string): string {
  return writeTemporalConfig(join(faultsDir, `temporal-${suffix}.yaml`), (config) => {
    config.taskQueues.assessments = `mbfaults-${suffix}`;
    config.portfolioSchedule.id = `mbfaults-portfolio-${suffix}`;
    for (const a of Object.values(config.activities)) {
      // Activities heartbeat while they run: a killed worker's activities are retried after 5 s.
      a.heartbeatTimeout = '5s';
      a.retry.initialInterval = '200ms';
      a.retry.maximumInterval = '2s';
    }
  });
}

export async function startFaultSystem(
  o: { shape?: Partial<PortfolioShape>; knobs?: Partial<FaultKnobs>; env?: Record<string, string> } = {},
): Promise<FaultSystem> {
  const suffix = uniqueSuffix();
  const stack = await startFaultStack();
  const shape: PortfolioShape = { ...defaultShape, facilityCount: 10, equipmentMin: 5, equipmentMax: 15, ...o.shape };
  const sim = createSimulator({ shape, knobs: o.knobs ?? {} });
  const simServer: RunningServer = await serveApp(sim.app.fetch);
  const probe = await serveApp(() => new Response(''));
  const apiPort = probe.port;
  await probe.close();
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const env = appEnv({
    services: { ...stack.urls, namespace: stack.namespace, condoit: simServer.url },
    database: `mbfaults_${suffix}`,
    keyPrefix: `mbfaults:${suffix}:`,
    jwt: faultJwt,
    apiPort,
    temporalConfig: temporalConfigFor(suffix),
    workflowBundle: await workflowBundlePath(),
    extra: {
      CONDOIT_TIMEOUT_MS: '3000',
      CONDOIT_PAGE_SIZE: '7',
      RATE_LIMIT_VIEWER: '100000',
      RATE_LIMIT_ASSESSOR: '100000',
      RATE_LIMIT_ADMIN: '100000',
      SHUTDOWN_GRACE_MS: '10000',
      ...o.env,
    },
  });
  const mongo = new MongoClient(stack.urls.mongodb, { serverSelectionTimeoutMS: 60_000 });
  await mongo.connect();
  const connection = await Connection.connect({ address: stack.urls.temporal });
  const temporal = new Client({ connection, namespace: stack.namespace, dataConverter: dataConverterFrom(parseEnv(env)) });
  const defaultToken = await mintToken(faultJwt, { sub: 'faults-admin', role: 'admin', facilities: ['*'] });
  const logDir = join(faultsDir, 'logs', suffix);

  const sys: FaultSystem = {
    stack,
    sim: Object.assign(sim, { url: simServer.url }),
    shape,
    apiUrl,
    db: collections(mongo.db(env.MONGODB_DB)),
    temporal,
    procs: { api: null, worker: null },
    async start(kind, extraEnv = {}) {
      const p = await spawnApp(kind, { ...env, ...extraEnv }, { logFile: join(logDir, `${kind}.log`) });
      sys.procs[kind] = p;
      return p;
    },
    token: (role = 'admin', facilities = ['*']) => mintToken(faultJwt, { sub: `faults-${role}`, role, facilities }),
    async api(path, init = {}) {
      const { token = defaultToken, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${apiUrl}${path}`, { ...rest, headers, signal: rest.signal ?? AbortSignal.timeout(30_000) });
    },
    injectFault(plan) {
      sim.faults.add({ status: 503, pathPrefix: '/v1/', resetConnection: false, truncateBody: false, ...plan });
    },
    setSimKnobs(knobs) {
      sim.faults.setKnobs(knobs);
    },
    async waitForAssessment(id, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        const res = await sys.api(`/v1/assessments/${id}`).catch((err: Error) => err);
        if (res instanceof Response && res.ok) {
          const body = (await res.json()) as { status: string };
          if (['completed', 'failed', 'cancelled'].includes(body.status)) return body;
          last = JSON.stringify(body);
        } else {
          last = res instanceof Response ? `${res.status} ${await res.text()}` : res.message;
        }
        if (Date.now() > deadline) throw new Error(`assessment ${id} not finished after ${timeoutMs} ms; last answer: ${last}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async close() {
      await Promise.all([sys.procs.api?.kill('SIGTERM'), sys.procs.worker?.kill('SIGTERM')]);
      await mongo
        .db(env.MONGODB_DB)
        .dropDatabase()
        .catch(() => undefined);
      await mongo.close();
      await connection.close();
      await simServer.close();
      await stack.close();
    },
  };
  return sys;
}
