import { Client, Connection } from '@temporalio/client';
import { FacilityRisksCache } from '../cache/facility-risks-cache.js';
import { connectRedis } from '../cache/redis.js';
import type { Env } from '../config/env.js';
import type { ServiceUrls } from '../config/service-urls.js';
import type { TemporalConfig } from '../config/temporal-config.js';
import { AssessmentRepository } from '../store/assessment-repository.js';
import { collections, ensureIndexes } from '../store/collections.js';
import { FacilityResultRepository } from '../store/facility-result-repository.js';
import { connectMongo } from '../store/mongo.js';
import { AssessmentService } from './services/assessment-service.js';
import type { ApiServices } from './services/api-services.js';
import { FacilityRisksReader } from './services/facility-risks-reader.js';
import { checkDependency } from './services/readiness.js';

export interface OpenedServices {
  services: ApiServices;
  close(): Promise<void>;
}

/** Connects the API's clients once at start-up. */
export async function openApiServices(env: Env, urls: ServiceUrls, temporal: TemporalConfig, log: (m: string) => void = () => {}): Promise<OpenedServices> {
  const mongo = await connectMongo(urls.mongodb, env.MONGODB_DB, { appName: 'masterbus-api' });
  const c = collections(mongo.db);
  await ensureIndexes(c);
  let lastRedisLog = 0;
  const redis = await connectRedis(urls.redis, (err) => {
    if (Date.now() - lastRedisLog > 10_000) log(`redis: ${err.message}`);
    lastRedisLog = Date.now();
  });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const cache = new FacilityRisksCache(redis, env.REDIS_KEY_PREFIX, env.CACHE_TTL_SECONDS);
  const services: ApiServices = {
    assessments: new AssessmentService(client, temporal, new AssessmentRepository(c)),
    risks: new FacilityRisksReader(cache, new FacilityResultRepository(c)),
    readiness: async () => ({
      mongodb: await checkDependency(() => mongo.db.command({ ping: 1 })),
      redis: await checkDependency(() => redis.ping()),
      temporal: await checkDependency(() => connection.healthService.check({})),
    }),
  };
  return {
    services,
    close: async () => {
      await connection.close();
      await redis.quit().catch(() => undefined);
      await mongo.close();
    },
  };
}
