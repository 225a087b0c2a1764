import type { TLSConfig } from '@temporalio/client';
import { apiTlsFrom, type ApiTls } from './api-tls.js';
import { EnvError, isProduction, type Env } from './env.js';
import { mongoTlsFrom, mongoUrlWantsTls, type MongoTls } from './mongodb-tls.js';
import { redisTlsFrom, type RedisTls } from './redis-tls.js';
import { temporalTlsFrom } from './temporal-tls.js';
import { TlsConfigError } from './tls-files.js';

/** Encryption in transit per connection; a missing entry means plain TCP (the local development stack). */
export interface TransportSecurity {
  api?: ApiTls;
  temporal?: TLSConfig;
  mongodb?: MongoTls;
  redis?: RedisTls;
}

export type TransportConcern = keyof TransportSecurity;

const howToSecure: Record<TransportConcern, string> = {
  api: 'API_TLS_CERT_FILE and API_TLS_KEY_FILE',
  temporal: 'TEMPORAL_TLS_* or TEMPORAL_TLS=true',
  mongodb: 'MONGODB_TLS_* or tls=true in MONGODB_URL',
  redis: 'a rediss:// REDIS_URL',
};

/**
 * Reads and checks the TLS settings of the connections a process makes (the worker serves no HTTPS, so it does
 * not need the API's certificate mounted). In production every connection must be encrypted unless `TLS_WAIVED`
 * names it. Every problem is reported at once, each naming its variable.
 */
export function loadTransportSecurity(env: Env, concerns: readonly TransportConcern[], now = new Date()): TransportSecurity {
  const errors: string[] = [];
  const broken = new Set<TransportConcern>();
  const attempt = <T>(concern: TransportConcern, read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof TlsConfigError)) throw err;
      errors.push(err.message);
      broken.add(concern);
      return undefined;
    }
  };
  const out: TransportSecurity = {};
  const api = concerns.includes('api') ? attempt('api', () => apiTlsFrom(env, now)) : undefined;
  const temporal = concerns.includes('temporal') ? attempt('temporal', () => temporalTlsFrom(env, now)) : undefined;
  const mongodb = concerns.includes('mongodb') ? attempt('mongodb', () => mongoTlsFrom(env, now)) : undefined;
  const redis = concerns.includes('redis') ? attempt('redis', () => redisTlsFrom(env, now)) : undefined;
  if (isProduction(env)) {
    const secured: Record<TransportConcern, boolean> = {
      api: !!api,
      temporal: !!temporal,
      mongodb: !!mongodb || mongoUrlWantsTls(env.MONGODB_URL),
      redis: !!redis,
    };
    for (const c of concerns)
      if (!secured[c] && !broken.has(c) && !env.TLS_WAIVED.includes(c))
        errors.push(`${c}: production requires TLS (${howToSecure[c]}), or waive it for this connection with TLS_WAIVED=${c}`);
  }
  if (errors.length) throw new EnvError(`invalid TLS configuration: ${errors.join('; ')}`);
  if (api) out.api = api;
  if (temporal) out.temporal = temporal;
  if (mongodb) out.mongodb = mongodb;
  if (redis) out.redis = redis;
  return out;
}

/** For the start-up log line: how each connection is protected. */
export function describeTransportSecurity(
  t: TransportSecurity,
  concerns: readonly TransportConcern[],
  env: Pick<Env, 'MONGODB_URL'>,
): Record<string, string> {
  const described: Record<string, string> = {};
  for (const c of concerns) {
    if (c === 'api') described[c] = t.api ? (t.api.mutual ? 'https, client certificates required' : 'https') : 'http';
    if (c === 'temporal') described[c] = t.temporal ? (t.temporal.clientCertPair ? 'mutual tls' : 'tls') : 'plain';
    if (c === 'mongodb')
      described[c] = t.mongodb
        ? t.mongodb.cert
          ? 'mutual tls'
          : 'tls'
        : mongoUrlWantsTls(env.MONGODB_URL)
          ? 'tls (MONGODB_URL options)'
          : 'plain';
    if (c === 'redis') described[c] = t.redis ? (t.redis.cert ? 'mutual tls' : 'tls') : 'plain';
  }
  return described;
}
