/**
 * One integration-test system: the real API (over HTTP on loopback), a real worker on its own task queue, and a
 * Condoit simulator, against the real Temporal, FerretDB/MongoDB and Redis of the test stack. Each harness has
 * its own database, Redis key prefix and task queue, so files never see each other's data.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { CommandStartedEvent } from 'mongodb';
import { newApp } from '../../api/app.js';
import { clientErrorBody } from '../../api/errors.js';
import { openApiServices, type OpenedServices } from '../../api/open-services.js';
import { mintToken } from '../../contract/mint-token.js';
import type { Role } from '../../contract/claims.js';
import { parseEnv, type Env } from '../../config/env.js';
import { serviceUrls } from '../../config/service-urls.js';
import { loadTemporalConfig, type TemporalConfig } from '../../config/temporal-config.js';
import { defaultShape, type PortfolioShape } from '../../condoit/simulator/generator.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../condoit/simulator/server.js';
import type { FaultKnobs, FaultPlan } from '../../condoit/simulator/faults.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { collections, type Collections } from '../../store/collections.js';
import { openActivityDeps, type OpenedDeps } from '../../workers/activity-deps.js';
import { createAssessmentWorker, workflowsPath } from '../../workers/create-worker.js';
import { uniqueSuffix } from './test-names.js';
import { dataConverterFrom, payloadCodecFrom } from '../../codec/payload-keys.js';
import type { ApiMetrics } from '../../observability/api-metrics.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const testJwt = { secret: 'test-secret-test-secret-test-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };

// The SDK's INFO logs (worker state changes) drown test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this worker thread by an earlier file.
}

let bundle: Promise<Awaited<ReturnType<typeof bundleWorkflowCode>>> | undefined;
/** Workflows are bundled once per test file (webpack takes seconds). */
export function workflowBundle() {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  return bundle;
}

export interface Harness {
  apiUrl: string;
  env: Env;
  /** The environment variables `env` was parsed from: what a MasterBus process of this harness would get. */
  envVars: Readonly<Record<string, string>>;
  temporalConfig: TemporalConfig;
  testEnv: TestWorkflowEnvironment;
  sim: Simulator & { url: string };
  shape: PortfolioShape;
  db: Collections;
  deps: OpenedDeps;
  apiServices: OpenedServices;
  token(role?: Role, facilities?: string[]): Promise<string>;
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  injectFault(plan: Partial<FaultPlan> & { failNext: number }): Promise<void>;
  setSimKnobs(knobs: Partial<FaultKnobs>): Promise<void>;
  waitForAssessment(id: string, opts?: { timeoutMs?: number }): Promise<AssessmentJson>;
  /** Another API replica on the same MongoDB, Temporal and (unless overridden) Redis. */
  extraApi(o?: {
    env?: Record<string, string>;
    rateLimits?: Record<Role, number>;
    unauthenticatedPerMinute?: number;
    metrics?: ApiMetrics;
  }): Promise<{ url: string; services: OpenedServices; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface AssessmentJson {
  assessment_id: string;
  facility_id: string;
  status: string;
  progress: { phase: string; percent: number };
  result: { risk_score: number; risk_level: string; equipment_count: number; data_quality_issue_count: number } | null;
  error: { code: string; message: string } | null;
  links: { self: string; risks: string | null };
  temporal: { workflow_id: string; run_id: string };
  [k: string]: unknown;
}

export async function startHarness(
  opts: {
    shape?: Partial<PortfolioShape>;
    knobs?: Partial<FaultKnobs>;
    fixtures?: SimulatorOptions['fixtures'];
    pageSize?: number;
    portfolio?: Partial<TemporalConfig['workflows']['reassessPortfolio']>;
    onMongoCommand?: (e: CommandStartedEvent) => void;
  } = {},
): Promise<Harness> {
  const stack = inject('stack');
  const suffix = uniqueSuffix();
  const shape: PortfolioShape = { ...defaultShape, facilityCount: 10, equipmentMin: 10, equipmentMax: 30, ...opts.shape };
  // With fixtures, the simulator serves exactly those records instead of generated ones.
  const sim = createSimulator({ shape, knobs: opts.knobs ?? {}, fixtures: opts.fixtures });
  const simServer = await serveApp(sim.app.fetch);

  // The variables as a process would get them (envVars), and parsed (env).
  const envVars: Record<string, string> = {
    MASTERBUS_PROFILE: 'test',
    MONGODB_URL: stack.mongodb,
    MONGODB_DB: `mbtest_${suffix}`,
    REDIS_URL: stack.redis,
    REDIS_KEY_PREFIX: `mbtest:${suffix}:`,
    TEMPORAL_ADDRESS: stack.temporal,
    TEMPORAL_NAMESPACE: stack.namespace,
    CONDOIT_URL: simServer.url,
    CONDOIT_TIMEOUT_MS: '3000',
    CONDOIT_PAGE_SIZE: String(opts.pageSize ?? 7),
    // Each harness its own spill folder: one test's unwritten audit entries never reach another's database.
    AUDIT_SPILL_DIR: join(tmpdir(), `masterbus-audit-spill-${suffix}`),
  };
  const env = parseEnv(envVars);
  const base = loadTemporalConfig(undefined, { address: stack.temporal, namespace: stack.namespace });
  // Same policies as production, with a short first retry so fault tests take seconds, not minutes.
  const fast = (a: TemporalConfig['activities'][keyof TemporalConfig['activities']]) => ({
    ...a,
    retry: { ...a.retry, initialInterval: '200ms', maximumInterval: '2s' },
  });
  const temporalConfig: TemporalConfig = {
    ...base,
    taskQueues: { assessments: `mbtest-${suffix}` },
    workflows: { ...base.workflows, reassessPortfolio: { ...base.workflows.reassessPortfolio, ...opts.portfolio } },
    portfolioSchedule: { ...base.portfolioSchedule, id: `mbtest-portfolio-${suffix}` },
    activities: Object.fromEntries(Object.entries(base.activities).map(([k, v]) => [k, fast(v)])) as TemporalConfig['activities'],
  };
  const urls = serviceUrls(env);

  const deps = await openActivityDeps(env, urls, undefined, opts.onMongoCommand ? { onMongoCommand: opts.onMongoCommand } : {});
  const testEnv = await TestWorkflowEnvironment.createFromExistingServer({
    address: stack.temporal,
    namespace: stack.namespace,
    client: { dataConverter: dataConverterFrom(env) },
  });
  const worker: Worker = await createAssessmentWorker({
    connection: testEnv.nativeConnection,
    namespace: stack.namespace,
    taskQueue: temporalConfig.taskQueues.assessments,
    deps: deps.deps,
    dataConverter: dataConverterFrom(env),
    workflowBundle: await workflowBundle(),
  });
  const workerRun = worker.run();

  const apiServices: OpenedServices = await openApiServices(
    env,
    urls,
    temporalConfig,
    undefined,
    opts.onMongoCommand ? { onMongoCommand: opts.onMongoCommand } : {},
  );
  const app = newApp({
    services: apiServices.services,
    jwt: testJwt,
    codec: { codec: payloadCodecFrom(env), uiOrigin: 'http://127.0.0.1:18233', allowAnonymous: false },
    rateLimits: { viewer: 10_000, assessor: 10_000, admin: 10_000 },
    unauthenticatedPerMinute: 10_000,
    logError: (err, rid) => console.error(`[api ${rid}]`, err),
  });
  const apiServer: RunningServer = await serveApp(app.fetch, { clientErrorBody });
  const defaultToken = await mintToken(testJwt, { sub: 'test-assessor', role: 'assessor', facilities: ['*'] });

  const h: Harness = {
    apiUrl: apiServer.url,
    env,
    envVars,
    temporalConfig,
    testEnv,
    sim: Object.assign(sim, { url: simServer.url }),
    shape,
    db: collections(deps.mongo.db),
    deps,
    apiServices,
    token: (role = 'assessor', facilities = ['*']) => mintToken(testJwt, { sub: `test-${role}`, role, facilities }),
    async api(path, init = {}) {
      const { token = defaultToken, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${apiServer.url}${path}`, { ...rest, headers });
    },
    async injectFault(plan) {
      const res = await fetch(`${simServer.url}/__sim/faults`, {
        method: 'POST',
        body: JSON.stringify(plan),
        headers: { 'content-type': 'application/json' },
      });
      if (!res.ok) throw new Error(`fault plan rejected: ${await res.text()}`);
    },
    async setSimKnobs(knobs) {
      const res = await fetch(`${simServer.url}/__sim/knobs`, {
        method: 'PATCH',
        body: JSON.stringify(knobs),
        headers: { 'content-type': 'application/json' },
      });
      if (!res.ok) throw new Error(`knobs rejected: ${await res.text()}`);
    },
    async waitForAssessment(id, { timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await h.api(`/v1/assessments/${id}`);
        const body = (await res.json()) as AssessmentJson;
        if (['completed', 'failed', 'cancelled'].includes(body.status)) return body;
        if (Date.now() > deadline) throw new Error(`assessment ${id} still ${body.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async extraApi(o = {}) {
      const extraEnv = parseEnv({ ...envVars, ...o.env });
      const services = await openApiServices(extraEnv, serviceUrls(extraEnv), temporalConfig);
      const extraApp = newApp({
        services: services.services,
        jwt: testJwt,
        rateLimits: o.rateLimits ?? { viewer: 10_000, assessor: 10_000, admin: 10_000 },
        unauthenticatedPerMinute: o.unauthenticatedPerMinute ?? 10_000,
        ...(o.metrics ? { metrics: o.metrics } : {}),
      });
      const server = await serveApp(extraApp.fetch);
      return {
        url: server.url,
        services,
        close: async () => {
          await server.close();
          await services.close();
        },
      };
    },
    async close() {
      await apiServer.close();
      worker.shutdown();
      await workerRun;
      await apiServices.close();
      await deps.mongo.db.dropDatabase().catch(() => undefined);
      await deps.close();
      await testEnv.teardown();
      await simServer.close();
    },
  };
  return h;
}
