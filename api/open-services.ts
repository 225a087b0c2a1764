import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { subscribeInvalidations } from '../cache/invalidation.js';
import { FacilityDirectory, trimFacilityChanges } from '../results/facility-directory.js';
import { ReadThroughCache } from '../cache/read-through-cache.js';
import { dataConverterFrom } from '../codec/payload-keys.js';
import { CondoitClient } from '../condoit/client.js';
import { connectRedis } from '../cache/redis.js';
import { redisAuthFrom } from '../config/redis-auth.js';
import type { Env } from '../config/env.js';
import type { ServiceUrls } from '../config/service-urls.js';
import { loadTransportSecurity, type TransportSecurity } from '../config/transport-security.js';
import type { TemporalConfig } from '../config/temporal-config.js';
import { AssessmentRepository } from '../store/assessment-repository.js';
import { collections, ensureIndexes } from '../store/collections.js';
import { ImmutableReads } from '../results/immutable-reads.js';
import { FacilityResults } from '../results/facility-results.js';
import { connectMongo } from '../store/mongo.js';
import { AssessmentService } from './services/assessment-service.js';
import type { ApiServices } from './services/api-services.js';
import { ResultsReader } from './services/results-reader.js';
import { PortfolioService } from './services/portfolio-service.js';
import { AuditLog } from './audit/audit-log.js';
import { AuditStore } from '../store/audit-store.js';
import { AuditSpill } from './audit/audit-spill.js';
import { RedisRateLimiter } from './security/rate-limiter.js';
import { cachedProbe, checkDependency } from './services/readiness.js';
import { cacheLevel, type ApiMetrics } from '../observability/api-metrics.js';
import { WebhookService } from './services/webhook-service.js';
import { payloadCodecFrom } from '../codec/payload-keys.js';
import { SecretBox } from '../webhooks/secret-box.js';
import { targetPolicyFor } from '../webhooks/target-policy.js';
import type { CommandStartedEvent } from 'mongodb';

export interface OpenServicesOptions {
  /** Cache reads by level are counted here. */
  metrics?: ApiMetrics;
  /** Sees every MongoDB command the API sends (the index-coverage test lists the queries with it). */
  onMongoCommand?: (e: CommandStartedEvent) => void;
  /** On the Temporal client (tracing: carries the request's trace context into the workflows it starts). */
  workflowInterceptors?: WorkflowClientInterceptor[];
  /** TLS to Temporal, MongoDB and Redis, already checked (api/main.ts); read from the environment when absent. */
  tls?: TransportSecurity;
}

export interface OpenedServices {
  services: ApiServices;
  auditLog: AuditLog;
  cache: ReadThroughCache;
  /** The hourly retention clean-up, run now (tests). */
  runRetention(): Promise<void>;
  close(): Promise<void>;
}

/** Connects the API's clients once at start-up. */
export async function openApiServices(
  env: Env,
  urls: ServiceUrls,
  temporal: TemporalConfig,
  log: (m: string) => void = () => {},
  o: OpenServicesOptions = {},
): Promise<OpenedServices> {
  const tls = o.tls ?? loadTransportSecurity(env, ['temporal', 'mongodb', 'redis']);
  const mongo = await connectMongo(urls.mongodb, env.MONGODB_DB, {
    appName: 'masterbus-api',
    onCommand: o.onMongoCommand,
    tls: tls.mongodb,
  });
  const c = collections(mongo.db);
  await ensureIndexes(c);
  let lastRedisLog = 0;
  const redis = await connectRedis(
    urls.redis,
    (err) => {
      if (Date.now() - lastRedisLog > 10_000) log(`redis: ${err.message}`);
      lastRedisLog = Date.now();
    },
    { waitForConnection: false, tls: tls.redis, auth: redisAuthFrom(env) },
  );
  const connection = await Connection.connect({ address: temporal.address, tls: tls.temporal });
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    dataConverter: dataConverterFrom(env),
    ...(o.workflowInterceptors?.length ? { interceptors: { workflow: o.workflowInterceptors } } : {}),
  });
  const cache = new ReadThroughCache(
    redis,
    env.REDIS_KEY_PREFIX,
    env.CACHE_TTL_SECONDS,
    { maxEntries: env.CACHE_L1_ENTRIES, ttlMs: env.CACHE_L1_TTL_MS },
    () => {},
    (source) => o.metrics?.cacheReads.inc({ level: cacheLevel[source] }),
  );
  // Every replica hears when an assessment completes and drops that facility from its L1.
  // The facility directory (listings, organisation scopes, portfolio summaries) follows the change feed; an
  // invalidation makes its next read check the feed at once.
  const directory = new FacilityDirectory(c);
  const unsubscribe = await subscribeInvalidations(redis, env.REDIS_KEY_PREFIX, (m) => {
    cache.forgetLocal(`:${m.facilityId}`);
    directory.invalidate();
  });
  const auditLog = new AuditLog(new AuditStore(c), {
    maxBufferBytes: env.AUDIT_BUFFER_BYTES,
    spill: new AuditSpill(env.AUDIT_SPILL_DIR),
    log: (m) => log(m),
  });
  // What an earlier process could not write at its shutdown goes in before this one serves (a failure is logged:
  // the files stay for the next start).
  await auditLog
    .replaySpilled()
    .catch((err: unknown) => log(`audit log: replay of ${env.AUDIT_SPILL_DIR} failed, kept for the next start: ${(err as Error).message}`));
  // Retention (FerretDB has no TTL indexes): audit entries past AUDIT_RETENTION_DAYS, Idempotency-Keys past 24 h,
  // the facility change feed past a day.
  const runRetention = async () => {
    await auditLog
      .purgeOlderThan(env.AUDIT_RETENTION_DAYS)
      .catch((err: unknown) => log(`audit retention failed: ${(err as Error).message}`));
    await c.idempotencyKeys.deleteMany({ created_at: { $lt: new Date(Date.now() - 86_400_000) } }).catch(() => undefined);
    await trimFacilityChanges(c).catch((err: unknown) => log(`facility change feed retention failed: ${(err as Error).message}`));
  };
  const retention = setInterval(() => void runRetention(), 3_600_000);
  retention.unref();
  const services: ApiServices = {
    assessments: new AssessmentService(client, temporal, new AssessmentRepository(c), c.idempotencyKeys),
    portfolio: new PortfolioService(client, temporal, c.portfolioRuns, c.idempotencyKeys),
    webhooks: new WebhookService(c, client, temporal, new SecretBox(payloadCodecFrom(env)), targetPolicyFor(env)),
    results: (() => {
      const reads = new ImmutableReads();
      return new ResultsReader(c, new FacilityResults(c, reads), cache, directory, reads);
    })(),
    rateLimiter: new RedisRateLimiter(redis, env.REDIS_KEY_PREFIX),
    audit: auditLog,
    photos: new CondoitClient({ baseUrl: urls.condoit, token: env.CONDOIT_TOKEN, timeoutMs: env.CONDOIT_TIMEOUT_MS }),
    readiness: cachedProbe(async () => {
      const [mongodb, redisStatus, temporalStatus] = await Promise.all([
        checkDependency(() => mongo.db.command({ ping: 1 })),
        checkDependency(() => redis.ping()),
        checkDependency(() => connection.healthService.check({})),
      ]);
      return { mongodb, redis: redisStatus, temporal: temporalStatus };
    }, env.READINESS_CACHE_MS),
  };
  return {
    services,
    auditLog,
    cache,
    runRetention,
    close: async () => {
      clearInterval(retention);
      await auditLog.close();
      await unsubscribe();
      await connection.close();
      await redis.quit().catch(() => undefined);
      await mongo.close();
    },
  };
}
