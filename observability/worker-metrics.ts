/**
 * The worker's own Prometheus metrics (the Temporal SDK serves its own on a separate port): assessments by
 * outcome, Condoit request latency and errors by kind.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export function createWorkerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'masterbus_worker_' });
  return {
    registry,
    assessments: new Counter({
      name: 'masterbus_worker_assessments_total',
      help: 'Facility assessments that reached a final status, by outcome (completed, failed, cancelled).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    condoitLatency: new Histogram({
      name: 'masterbus_worker_condoit_request_duration_seconds',
      help: 'Condoit requests (response read and validated), by operation and outcome (ok or error).',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    condoitErrors: new Counter({
      name: 'masterbus_worker_condoit_errors_total',
      help: 'Failed Condoit requests by operation and kind (CondoitTimeout, CondoitUnavailable, CondoitRateLimited, ...).',
      labelNames: ['operation', 'kind'] as const,
      registers: [registry],
    }),
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
