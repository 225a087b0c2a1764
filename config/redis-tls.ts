import type { Env } from './env.js';
import { readKeyPair, readOptionalCertificates, TlsConfigError } from './tls-files.js';

/** Node TLS options for the Redis client's socket. */
export interface RedisTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** TLS to Redis: switched on by a rediss:// REDIS_URL, with an optional CA and client certificate and key. */
export function redisTlsFrom(
  env: Pick<Env, 'REDIS_URL' | 'REDIS_TLS_CA_FILE' | 'REDIS_TLS_CERT_FILE' | 'REDIS_TLS_KEY_FILE'>,
  now = new Date(),
): RedisTls | undefined {
  const given = (['REDIS_TLS_CA_FILE', 'REDIS_TLS_CERT_FILE', 'REDIS_TLS_KEY_FILE'] as const).filter((v) => env[v] !== undefined);
  const tls = env.REDIS_URL?.startsWith('rediss://') ?? false;
  if (!tls) {
    if (given.length)
      throw new TlsConfigError(`${given[0]} is set but REDIS_URL is not a rediss:// URL: TLS to Redis is switched on by rediss://`);
    return undefined;
  }
  const ca = readOptionalCertificates('REDIS_TLS_CA_FILE', env.REDIS_TLS_CA_FILE, now);
  const pair = readKeyPair(
    { variable: 'REDIS_TLS_CERT_FILE', path: env.REDIS_TLS_CERT_FILE },
    { variable: 'REDIS_TLS_KEY_FILE', path: env.REDIS_TLS_KEY_FILE },
    now,
  );
  return { ...(ca ? { ca: ca.pem } : {}), ...(pair ? { cert: pair.cert.pem, key: pair.key.pem } : {}) };
}
