import type { ServerOptions } from 'node:https';
import type { Env } from './env.js';
import { readKeyPair, readOptionalCertificates, TlsConfigError } from './tls-files.js';

export interface ApiTls {
  /** For node:https: the certificate chain and key, and with a client CA, a required client certificate. */
  serverOptions: ServerOptions;
  /** Clients must present a certificate issued by API_TLS_CLIENT_CA_FILE. */
  mutual: boolean;
}

/**
 * HTTPS for the API when it is given a certificate and key. Behind a TLS-terminating proxy leave these unset and
 * keep API_HOST on loopback or a private interface (docs/encryption-in-transit.md).
 */
export function apiTlsFrom(
  env: Pick<Env, 'API_TLS_CERT_FILE' | 'API_TLS_KEY_FILE' | 'API_TLS_CLIENT_CA_FILE'>,
  now = new Date(),
): ApiTls | undefined {
  const pair = readKeyPair(
    { variable: 'API_TLS_CERT_FILE', path: env.API_TLS_CERT_FILE },
    { variable: 'API_TLS_KEY_FILE', path: env.API_TLS_KEY_FILE },
    now,
  );
  if (!pair) {
    if (env.API_TLS_CLIENT_CA_FILE !== undefined)
      throw new TlsConfigError(
        'API_TLS_CLIENT_CA_FILE is set but API_TLS_CERT_FILE and API_TLS_KEY_FILE are not: client certificates can only be asked for over HTTPS',
      );
    return undefined;
  }
  const clientCa = readOptionalCertificates('API_TLS_CLIENT_CA_FILE', env.API_TLS_CLIENT_CA_FILE, now);
  return {
    serverOptions: {
      cert: pair.cert.pem,
      key: pair.key.pem,
      minVersion: 'TLSv1.2',
      // Refused during the handshake: a client without a certificate from this CA never reaches the app.
      ...(clientCa ? { ca: clientCa.pem, requestCert: true, rejectUnauthorized: true } : {}),
    },
    mutual: clientCa !== undefined,
  };
}
