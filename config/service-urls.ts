import type { Env } from './env.js';
import { portsFor } from './local-ports.js';

export interface ServiceUrls {
  mongodb: string;
  redis: string;
  temporal: string;
  condoit: string;
}

/** Where each service is: the environment's URL when set (real infrastructure), else the project-local one. */
export function serviceUrls(env: Env): ServiceUrls {
  const ports = portsFor(env.MASTERBUS_PROFILE, env);
  return {
    mongodb: env.MONGODB_URL ?? `mongodb://127.0.0.1:${ports.mongodb}/`,
    redis: env.REDIS_URL ?? `redis://127.0.0.1:${ports.redis}`,
    temporal: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.temporal}`,
    condoit: env.CONDOIT_URL ?? `http://127.0.0.1:${ports.condoit}`,
  };
}
