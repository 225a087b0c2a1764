import type { NativeConnection } from '@temporalio/worker';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../activities/create-activities.js';
import { createWebhookActivities } from '../activities/webhook-activities.js';
import type { WorkerDeps } from './activity-deps.js';
import { createPortfolioActivities } from '../activities/portfolio-activities.js';
import { createHistoryActivities } from '../activities/history-activities.js';
import { withKeepAlive } from '../activities/keep-alive.js';
import type { workerTracingOptions } from '../observability/tracing.js';
import { workflowModules } from './workflow-modules.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: WorkerDeps;
  /** A pre-built bundle (production, tests that build once); otherwise workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The payload codec (encryption); the same as every client's. */
  dataConverter?: WorkerOptions['dataConverter'];
  maxActivitiesPerSecond?: number;
  /** Tracing's activity interceptors and workflow span sink (observability/tracing.ts); none: untraced. */
  tracing?: ReturnType<typeof workerTracingOptions>;
  tuning?: Pick<
    WorkerOptions,
    'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows' | 'shutdownGraceTime'
  >;
}

/** The assessments worker: the workflows and the activities wired to their dependencies. */
export function createAssessmentWorker(o: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath }),
    activities: withKeepAlive({
      ...createActivities(o.deps),
      ...createPortfolioActivities(o.deps),
      ...createHistoryActivities(o.deps),
      ...createWebhookActivities(o.deps.webhooks),
    }),
    // A pre-built bundle already holds the workflow interceptors (scripts/bundle-workflows.ts).
    interceptors: {
      activity: o.tracing?.interceptors.activity ?? [],
      ...(o.workflowBundle ? {} : { workflowModules: workflowModules.workflowInterceptorModules }),
    },
    ...(o.tracing ? { sinks: o.tracing.sinks } : {}),
    shutdownGraceTime: '10s',
    ...(o.dataConverter ? { dataConverter: o.dataConverter } : {}),
    // Protects Condoit: every worker together starts at most this many activities per second on the queue.
    ...(o.maxActivitiesPerSecond ? { maxTaskQueueActivitiesPerSecond: o.maxActivitiesPerSecond } : {}),
    ...o.tuning,
  });
}
