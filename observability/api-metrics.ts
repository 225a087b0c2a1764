/**
 * The API's Prometheus metrics: requests by route, method and status, latency, reads by cache level, rate-limit
 * rejections. One registry per API process (tests build several, so nothing is registered globally).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { CacheSource } from '../cache/read-through-cache.js';

/** Where a cached read was answered: the replica's own LRU, Redis, or MongoDB (a miss of both caches). */
export const cacheLevel = { l1: 'l1', l2: 'redis', store: 'mongodb' } as const satisfies Record<CacheSource, string>;

export function createApiMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'masterbus_api_' });
  return {
    registry,
    requests: new Counter({
      name: 'masterbus_api_requests_total',
      help: 'HTTP requests answered, by route template, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'masterbus_api_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route template and method.',
      labelNames: ['route', 'method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheReads: new Counter({
      name: 'masterbus_api_cache_reads_total',
      help: 'Cached resource reads by the level that answered: l1 (in-process), redis, mongodb (both caches missed).',
      labelNames: ['level'] as const,
      registers: [registry],
    }),
    unauthenticatedRequests: new Counter({
      name: 'masterbus_api_unauthenticated_requests_total',
      help: 'Requests answered without a valid token (not stored in the audit log), by status: 401, 429 past the per-address budget, 200 for the OpenAPI document.',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    auditRefusals: new Counter({
      name: 'masterbus_api_audit_refusals_total',
      help: 'Requests refused with 503 because the audit buffer was past its high-water mark (MongoDB not taking entries).',
      registers: [registry],
    }),
    rateLimitRejections: new Counter({
      name: 'masterbus_api_rate_limit_rejections_total',
      help: 'Requests refused with 429, by role and by the store that decided (redis, or local while Redis is down).',
      labelNames: ['role', 'store'] as const,
      registers: [registry],
    }),
  };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;
