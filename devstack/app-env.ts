/**
 * The environment MasterBus's processes get when tests and benchmarks start them (devstack/app-process.ts):
 * which services, which database and key prefix, which token settings and port — everything else at the test
 * profile's defaults, with no fixed metrics ports (several processes run at once). Each caller adds only what it
 * is about (TLS files, tracing, rate limits) in `extra`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultTemporalConfigPath } from '../config/temporal-config.js';

export interface AppServices {
  mongodb: string;
  redis: string;
  temporal: string;
  namespace: string;
  condoit: string;
}

export interface AppEnvOptions {
  services: AppServices;
  /** MongoDB database of this run (MONGODB_DB). */
  database: string;
  /** REDIS_KEY_PREFIX (shared by the API and the worker of one run: invalidations travel under it). */
  keyPrefix?: string;
  jwt: { secret: string; issuer: string; audience: string };
  apiPort: number;
  /** A temporal.config.yaml of this run (writeTemporalConfig), for its own task queue and schedule id. */
  temporalConfig?: string;
  /** A pre-built workflow bundle (WORKFLOW_BUNDLE_PATH): workers start in seconds instead of bundling. */
  workflowBundle?: string;
  /** Anything else the caller is about; wins over the defaults above. */
  extra?: Record<string, string>;
}

export function appEnv(o: AppEnvOptions): Record<string, string> {
  return {
    MASTERBUS_PROFILE: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URL: o.services.mongodb,
    MONGODB_DB: o.database,
    REDIS_URL: o.services.redis,
    ...(o.keyPrefix ? { REDIS_KEY_PREFIX: o.keyPrefix } : {}),
    TEMPORAL_ADDRESS: o.services.temporal,
    TEMPORAL_NAMESPACE: o.services.namespace,
    ...(o.temporalConfig ? { TEMPORAL_CONFIG: o.temporalConfig } : {}),
    ...(o.workflowBundle ? { WORKFLOW_BUNDLE_PATH: o.workflowBundle } : {}),
    CONDOIT_URL: o.services.condoit,
    JWT_SECRET: o.jwt.secret,
    JWT_ISSUER: o.jwt.issuer,
    JWT_AUDIENCE: o.jwt.audience,
    API_PORT: String(o.apiPort),
    API_METRICS_PORT: '0',
    WORKER_METRICS_PORT: '0',
    TEMPORAL_SDK_METRICS_PORT: '0',
    ...o.extra,
  };
}

/** The shape of temporal.config.yaml that runs patch (their own task queue, schedule id, retry tuning). */
export interface TemporalYaml {
  namespace?: string;
  taskQueues: Record<string, unknown> & { assessments: string };
  portfolioSchedule: Record<string, unknown> & { id: string };
  workflows: Record<string, Record<string, unknown>>;
  activities: Record<string, { startToCloseTimeout: string; heartbeatTimeout?: string; retry: Record<string, unknown> }>;
  [key: string]: unknown;
}

/** Writes the project's temporal.config.yaml, changed by `patch`, to `path`; returns the path. */
export function writeTemporalConfig(path: string, patch: (config: TemporalYaml) => void): string {
  const config = parse(readFileSync(defaultTemporalConfigPath, 'utf8')) as TemporalYaml;
  patch(config);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stringify(config));
  return path;
}
