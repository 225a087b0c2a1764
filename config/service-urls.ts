import { EnvError, isProduction, type Env } from './env.js';
import { portsFor } from './local-ports.js';

export interface ServiceUrls {
  mongodb: string;
  redis: string;
  temporal: string;
  condoit: string;
}

const SERVICE_VARIABLES = ['MONGODB_URL', 'REDIS_URL', 'TEMPORAL_ADDRESS', 'CONDOIT_URL'] as const;
type ServiceVariable = (typeof SERVICE_VARIABLES)[number];

/**
 * Where each service is: the environment's URL when set (real infrastructure), else — outside production — the
 * project-local one. Production names every service: an unset one is an error at start, never a silent localhost. `needs`: the variables the caller uses (all four for the API and the worker).
 */
export function serviceUrls(env: Env, needs: readonly ServiceVariable[] = SERVICE_VARIABLES): ServiceUrls {
  if (isProduction(env)) {
    const unset = needs.filter((k) => !env[k]);
    if (unset.length)
      throw new EnvError(
        `${unset.join(', ')} must be set in production (unset means a development stack on this host's loopback); see docs/operations.md`,
      );
  }
  const ports = portsFor(env.MASTERBUS_PROFILE, env);
  return {
    mongodb: env.MONGODB_URL ?? `mongodb://127.0.0.1:${ports.mongodb}/`,
    redis: env.REDIS_URL ?? `redis://127.0.0.1:${ports.redis}`,
    temporal: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.temporal}`,
    condoit: env.CONDOIT_URL ?? `http://127.0.0.1:${ports.condoit}`,
  };
}
