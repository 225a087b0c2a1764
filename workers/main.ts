/** Worker process: `npm run worker`. Connects, ensures search attributes, runs until SIGINT/SIGTERM. */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { dataConverterFrom } from '../codec/payload-keys.js';
import { applyPortfolioSchedule } from '../temporal-admin/portfolio-schedule.js';
import { ensureSearchAttributes } from '../temporal-admin/ensure-search-attributes.js';
import { parseEnv } from '../config/env.js';
import { serviceUrls } from '../config/service-urls.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { openActivityDeps } from './activity-deps.js';
import { createAssessmentWorker } from './create-worker.js';

async function main(): Promise<void> {
  const env = parseEnv();
  const urls = serviceUrls(env);
  const temporal = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: urls.temporal, namespace: env.TEMPORAL_NAMESPACE });
  const opened = await openActivityDeps(env, urls, (m) => console.warn(`[worker] ${m}`));
  // Search attributes and the portfolio schedule are applied idempotently by every worker at start.
  const clientConnection = await Connection.connect({ address: temporal.address });
  try {
    await ensureSearchAttributes(clientConnection, temporal.namespace, temporal.searchAttributes);
    const outcome = await applyPortfolioSchedule(new Client({ connection: clientConnection, namespace: temporal.namespace, dataConverter: dataConverterFrom(env) }), temporal);
    console.log(`[worker] portfolio schedule ${temporal.portfolioSchedule.id} ${outcome}`);
  } finally {
    await clientConnection.close();
  }
  const connection = await NativeConnection.connect({ address: temporal.address });
  try {
    const worker = await createAssessmentWorker({
      connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueues.assessments,
      deps: opened.deps,
      dataConverter: dataConverterFrom(env),
      maxActivitiesPerSecond: temporal.taskQueues.maxActivitiesPerSecond,
      // SIGTERM/SIGINT: stop polling, let running activities finish within the grace time (then they are cancelled).
      tuning: { shutdownGraceTime: env.SHUTDOWN_GRACE_MS },
      ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
    });
    console.log(`[worker] polling ${temporal.taskQueues.assessments} on ${temporal.address}/${temporal.namespace}`);
    await worker.run();
    console.log('[worker] stopped');
  } finally {
    await connection.close();
    await opened.close();
  }
}

main().catch((err) => {
  console.error('[worker] fatal:', err);
  process.exit(1);
});
