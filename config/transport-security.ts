import type { TLSConfig } from '@temporalio/client';
import { apiTlsFrom, type ApiTls } from './api-tls.js';
import { EnvError, type Env } from './env.js';
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

/**
 * Reads and checks the TLS settings of the connections a process makes (the worker serves no HTTPS, so it does
 * not need the API's certificate mounted). Every problem is reported at once, each naming its variable.
 */
export function loadTransportSecurity(env: Env, concerns: readonly TransportConcern[], now = new Date()): TransportSecurity {
  const errors: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof TlsConfigError)) throw err;
      errors.push(err.message);
      return undefined;
    }
  };
  const out: TransportSecurity = {};
  const api = concerns.includes('api') ? attempt(() => apiTlsFrom(env, now)) : undefined;
  const temporal = concerns.includes('temporal') ? attempt(() => temporalTlsFrom(env, now)) : undefined;
  const mongodb = concerns.includes('mongodb') ? attempt(() => mongoTlsFrom(env, now)) : undefined;
  const redis = concerns.includes('redis') ? attempt(() => redisTlsFrom(env, now)) : undefined;
  if (errors.length) throw new EnvError(`invalid TLS configuration: ${errors.join('; ')}`);
  if (api) out.api = api;
  if (temporal) out.temporal = temporal;
  if (mongodb) out.mongodb = mongodb;
  if (redis) out.redis = redis;
  return out;
}

/** For the start-up log line: how each connection is protected. */
export function describeTransportSecurity(t: TransportSecurity, concerns: readonly TransportConcern[], env: Pick<Env, 'MONGODB_URL'>): Record<string, string> {
  const described: Record<string, string> = {};
  for (const c of concerns) {
    if (c === 'api') described[c] = t.api ? (t.api.mutual ? 'https, client certificates required' : 'https') : 'http';
    if (c === 'temporal') described[c] = t.temporal ? (t.temporal.clientCertPair ? 'mutual tls' : 'tls') : 'plain';
    if (c === 'mongodb') described[c] = t.mongodb ? (t.mongodb.cert ? 'mutual tls' : 'tls') : mongoUrlWantsTls(env.MONGODB_URL) ? 'tls (MONGODB_URL options)' : 'plain';
    if (c === 'redis') described[c] = t.redis ? (t.redis.cert ? 'mutual tls' : 'tls') : 'plain';
  }
  return described;
}
