import type { TLSConfig } from '@temporalio/client';
import type { Env } from './env.js';
import { readKeyPair, readOptionalCertificates, TlsConfigError } from './tls-files.js';

type TemporalTlsEnv = Pick<
  Env,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CA_FILE'
  | 'TEMPORAL_TLS_CERT_FILE'
  | 'TEMPORAL_TLS_KEY_FILE'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

/**
 * TLS (and with a client certificate, mutual TLS) for every connection to Temporal: the API's client, the worker's
 * NativeConnection and its admin client, the `masterbus schedule` command and the devstack's namespace set-up.
 * The same object serves @temporalio/client and @temporalio/worker.
 */
export function temporalTlsFrom(env: TemporalTlsEnv, now = new Date()): TLSConfig | undefined {
  const given = (['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME'] as const).filter(
    (v) => env[v] !== undefined,
  );
  if (env.TEMPORAL_TLS === 'false') {
    if (given.length)
      throw new TlsConfigError(
        `TEMPORAL_TLS is "false" but ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set: remove one or the other`,
      );
    return undefined;
  }
  if (env.TEMPORAL_TLS !== 'true' && given.length === 0) return undefined;
  if (env.TEMPORAL_ADDRESS === undefined) {
    throw new TlsConfigError(
      `${env.TEMPORAL_TLS === 'true' ? 'TEMPORAL_TLS' : given[0]} is set but TEMPORAL_ADDRESS is not: the local dev server speaks plain gRPC; set TEMPORAL_ADDRESS to the TLS endpoint`,
    );
  }
  const ca = readOptionalCertificates('TEMPORAL_TLS_CA_FILE', env.TEMPORAL_TLS_CA_FILE, now);
  const pair = readKeyPair(
    { variable: 'TEMPORAL_TLS_CERT_FILE', path: env.TEMPORAL_TLS_CERT_FILE },
    { variable: 'TEMPORAL_TLS_KEY_FILE', path: env.TEMPORAL_TLS_KEY_FILE },
    now,
  );
  return {
    ...(ca ? { serverRootCACertificate: ca.pem } : {}),
    ...(pair ? { clientCertPair: { crt: pair.cert.pem, key: pair.key.pem } } : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}
