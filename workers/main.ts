/** Worker process: `npm run worker`. Connects, ensures search attributes, runs until SIGINT/SIGTERM. */
import { assertLoopbackOutsideProduction } from '../config/development-listeners.js';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { dataConverterFrom } from '../codec/payload-keys.js';
import { redisAuthFrom } from '../config/redis-auth.js';
import { applyPortfolioSchedule } from '../temporal-admin/portfolio-schedule.js';
import { startHistoryRescore } from '../temporal-admin/history-rescore.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import { ensureSearchAttributes } from '../temporal-admin/ensure-search-attributes.js';
import { parseEnv } from '../config/env.js';
import { serviceUrls } from '../config/service-urls.js';
import { describeTransportSecurity, loadTransportSecurity } from '../config/transport-security.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { createLogger } from '../observability/logger.js';
import { serveMetrics } from '../observability/metrics-endpoint.js';
import { startTracing, tracingSettings, workerTracingOptions } from '../observability/tracing.js';
import { installTemporalRuntime } from '../observability/temporal-runtime.js';
import { createWorkerMetrics } from '../observability/worker-metrics.js';
import { openActivityDeps } from './activity-deps.js';
import { createAssessmentWorker } from './create-worker.js';

const env = parseEnv();
const logger = createLogger({ service: 'worker', level: env.LOG_LEVEL });

async function main(): Promise<void> {
  // Keys and listeners first: a refused payload key or listener stops the worker before it connects to anything.
  assertLoopbackOutsideProduction(env, ['METRICS_HOST']);
  const dataConverter = dataConverterFrom(env);
  redisAuthFrom(env);
  const urls = serviceUrls(env);
  const temporal = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: urls.temporal, namespace: env.TEMPORAL_NAMESPACE });
  const concerns = ['temporal', 'mongodb', 'redis'] as const;
  const tls = loadTransportSecurity(env, concerns);
  logger.info({ tls: describeTransportSecurity(tls, concerns, env) }, 'encryption in transit');
  // Before any connection: the Runtime is process-wide and fixed once the first native object exists.
  const sdkMetrics = env.TEMPORAL_SDK_METRICS_PORT ? `${env.METRICS_HOST}:${env.TEMPORAL_SDK_METRICS_PORT}` : undefined;
  installTemporalRuntime({ logger, level: env.LOG_LEVEL, metricsBindAddress: sdkMetrics });
  const metrics = createWorkerMetrics();
  const tracing = await startTracing(tracingSettings(env, 'masterbus-worker'), logger);
  // Healthy while the Temporal worker polls (RUNNING); starting, draining, stopped or failed answer 503.
  let workerState: () => string = () => 'STARTING';
  const metricsServer = env.WORKER_METRICS_PORT
    ? await serveMetrics(metrics.registry, { host: env.METRICS_HOST, port: env.WORKER_METRICS_PORT }, () => {
        const state = workerState();
        return { ok: state === 'RUNNING', state };
      })
    : null;
  const opened = await openActivityDeps(env, urls, (m) => logger.warn(m), { metrics, tls });
  // Search attributes, the portfolio schedule and this model version's trend re-score are applied idempotently by
  // every worker at start.
  const clientConnection = await Connection.connect({ address: temporal.address, tls: tls.temporal });
  try {
    await ensureSearchAttributes(clientConnection, temporal.namespace, temporal.searchAttributes);
    const client = new Client({ connection: clientConnection, namespace: temporal.namespace, dataConverter });
    const outcome = await applyPortfolioSchedule(client, temporal);
    logger.info({ scheduleId: temporal.portfolioSchedule.id, outcome }, `portfolio schedule ${outcome}`);
    const rescore = await startHistoryRescore(client, temporal, MODEL_VERSION);
    logger.info(
      { workflowId: rescore.workflowId, outcome: rescore.outcome },
      rescore.outcome === 'started' ? `trend re-score ${rescore.workflowId} started` : `trend re-score ${rescore.workflowId} exists`,
    );
  } finally {
    await clientConnection.close();
  }
  const connection = await NativeConnection.connect({ address: temporal.address, tls: tls.temporal });
  try {
    const worker = await createAssessmentWorker({
      connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueues.assessments,
      deps: opened.deps,
      dataConverter,
      maxActivitiesPerSecond: temporal.taskQueues.maxActivitiesPerSecond,
      // SIGTERM/SIGINT: stop polling, let running activities finish within the grace time (then they are cancelled).
      tuning: { shutdownGraceTime: env.SHUTDOWN_GRACE_MS },
      tracing: workerTracingOptions(tracing),
      ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
    });
    workerState = () => worker.getState();
    logger.info(
      {
        taskQueue: temporal.taskQueues.assessments,
        address: temporal.address,
        namespace: temporal.namespace,
        metrics: metricsServer ? `${metricsServer.url}/metrics` : null,
        sdkMetrics: sdkMetrics ? `http://${sdkMetrics}/metrics` : null,
        tracing: tracing ? tracing.settings.tracesUrl : 'off',
      },
      `polling ${temporal.taskQueues.assessments} on ${temporal.address}/${temporal.namespace}`,
    );
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await opened.close();
    await metricsServer?.close();
    await tracing?.shutdown();
  }
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker failed');
  process.exit(1);
});
