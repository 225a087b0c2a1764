import { FacilityCacheWarmer } from '../results/facility-cache-warmer.js';
import { ReadThroughCache } from '../cache/read-through-cache.js';
import { connectRedis, type RedisClient } from '../cache/redis.js';
import { redisAuthFrom } from '../config/redis-auth.js';
import { CondoitClient, type CondoitRequestEvent } from '../condoit/client.js';
import type { Env } from '../config/env.js';
import type { ServiceUrls } from '../config/service-urls.js';
import { loadTransportSecurity, type TransportSecurity } from '../config/transport-security.js';
import type { ActivityDeps } from '../activities/create-activities.js';
import { AssessmentRepository } from '../store/assessment-repository.js';
import { collections, ensureIndexes } from '../store/collections.js';
import { FacilityResults } from '../results/facility-results.js';
import { connectMongo, type Mongo } from '../store/mongo.js';
import { SnapshotRepository } from '../store/snapshot-repository.js';
import type { WorkerMetrics } from '../observability/worker-metrics.js';
import type { CommandStartedEvent } from 'mongodb';
import type { WebhookDeps } from '../activities/webhook-activities.js';
import { payloadCodecFrom } from '../codec/payload-keys.js';
import { SecretBox } from '../webhooks/secret-box.js';
import { targetPolicyFor } from '../webhooks/target-policy.js';

/** Everything the worker's activities need: the assessment activities' dependencies and the webhooks'. */
export type WorkerDeps = ActivityDeps & { webhooks: WebhookDeps };

export interface ActivityDepsOptions {
  /** Assessments by outcome and Condoit latency/errors are counted here. */
  metrics?: WorkerMetrics;
  /** Sees every MongoDB command the activities send (the index-coverage test lists the queries with it). */
  onMongoCommand?: (e: CommandStartedEvent) => void;
  /** TLS to MongoDB and Redis, already checked (workers/main.ts); read from the environment when absent. */
  tls?: TransportSecurity;
}

export interface OpenedDeps {
  deps: WorkerDeps;
  mongo: Mongo;
  redis: RedisClient;
  close(): Promise<void>;
}

/** Connects the activities' dependencies once per worker process. */
export async function openActivityDeps(
  env: Env,
  urls: ServiceUrls,
  log: (msg: string) => void = () => {},
  o: ActivityDepsOptions = {},
): Promise<OpenedDeps> {
  const tls = o.tls ?? loadTransportSecurity(env, ['mongodb', 'redis']);
  const mongo = await connectMongo(urls.mongodb, env.MONGODB_DB, {
    appName: 'masterbus-worker',
    onCommand: o.onMongoCommand,
    tls: tls.mongodb,
  });
  const c = collections(mongo.db);
  await ensureIndexes(c);
  let lastRedisError = 0;
  const redis = await connectRedis(
    urls.redis,
    (err) => {
      if (Date.now() - lastRedisError > 10_000) log(`redis: ${err.message}`);
      lastRedisError = Date.now();
    },
    { tls: tls.redis, auth: redisAuthFrom(env) },
  );
  const results = new FacilityResults(c);
  const deps: WorkerDeps = {
    collections: c,
    condoit: new CondoitClient({
      baseUrl: urls.condoit,
      token: env.CONDOIT_TOKEN,
      timeoutMs: env.CONDOIT_TIMEOUT_MS,
      pageSize: env.CONDOIT_PAGE_SIZE,
      ...(o.metrics ? { observe: observeCondoit(o.metrics) } : {}),
    }),
    assessments: new AssessmentRepository(c),
    snapshots: new SnapshotRepository(c),
    results,
    // The worker only writes through: a tiny L1 is enough.
    ...(o.metrics ? { metrics: o.metrics } : {}),
    cache: new FacilityCacheWarmer(
      new ReadThroughCache(redis, env.REDIS_KEY_PREFIX, env.CACHE_TTL_SECONDS, { maxEntries: 16, ttlMs: 1_000 }),
      redis,
      env.REDIS_KEY_PREFIX,
      results,
    ),
    webhooks: {
      collections: c,
      secrets: new SecretBox(payloadCodecFrom(env)),
      policy: targetPolicyFor(env),
      requestTimeoutMs: env.WEBHOOK_REQUEST_TIMEOUT_MS,
    },
  };
  return {
    deps,
    mongo,
    redis,
    close: async () => {
      await redis.quit().catch(() => undefined);
      await mongo.close();
    },
  };
}

function observeCondoit(metrics: WorkerMetrics) {
  return (e: CondoitRequestEvent) => {
    metrics.condoitLatency.observe({ operation: e.operation, outcome: e.error ? 'error' : 'ok' }, e.seconds);
    if (e.error) metrics.condoitErrors.inc({ operation: e.operation, kind: e.error });
  };
}
