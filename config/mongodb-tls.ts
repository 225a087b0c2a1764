import type { Env } from './env.js';
import { readCertificates, readKeyPair, readOptionalCertificates, readPrivateKey, TlsConfigError } from './tls-files.js';

/** Node TLS options the MongoDB driver passes to its sockets. */
export interface MongoTls {
  tls: true;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

type MongoTlsEnv = Pick<Env, 'MONGODB_URL' | 'MONGODB_TLS_CA_FILE' | 'MONGODB_TLS_CERT_FILE' | 'MONGODB_TLS_KEY_FILE'>;

const isOff = (v: string | null) => v !== null && v.toLowerCase() === 'false';
const isOn = (v: string | null) => v !== null && v.toLowerCase() === 'true';

/** The URL's options, read without WHATWG URL parsing (a replica set's seed list `h1:27017,h2:27017` is not one). */
function urlOptions(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

/** Whether MONGODB_URL itself asks for TLS: `tls=true` / `ssl=true`, or `mongodb+srv://` (TLS unless turned off). */
export function mongoUrlWantsTls(url: string | undefined): boolean {
  if (url === undefined) return false;
  const params = urlOptions(url);
  if (isOff(params.get('tls')) || isOff(params.get('ssl'))) return false;
  return url.startsWith('mongodb+srv://') || isOn(params.get('tls')) || isOn(params.get('ssl'));
}

/**
 * TLS to MongoDB, from MONGODB_TLS_* files or from the URL's own options (tls=true, tlsCAFile,
 * tlsCertificateKeyFile: the driver reads those itself, so they are only checked here). Unset = plain, as the
 * local FerretDB speaks.
 */
export function mongoTlsFrom(env: MongoTlsEnv, now = new Date()): MongoTls | undefined {
  const given = (['MONGODB_TLS_CA_FILE', 'MONGODB_TLS_CERT_FILE', 'MONGODB_TLS_KEY_FILE'] as const).filter((v) => env[v] !== undefined);
  if (env.MONGODB_URL === undefined) {
    if (given.length)
      throw new TlsConfigError(
        `${given[0]} is set but MONGODB_URL is not: the local FerretDB listens without TLS; set MONGODB_URL to the TLS server`,
      );
    return undefined;
  }
  const params = urlOptions(env.MONGODB_URL);
  const urlCa = params.get('tlsCAFile');
  const urlCertKey = params.get('tlsCertificateKeyFile');
  if (given.length && (isOff(params.get('tls')) || isOff(params.get('ssl')))) {
    throw new TlsConfigError(`${given[0]} is set but MONGODB_URL turns TLS off (tls=false): remove one or the other`);
  }
  if (urlCa !== null && env.MONGODB_TLS_CA_FILE !== undefined)
    throw new TlsConfigError('MONGODB_TLS_CA_FILE is set and MONGODB_URL has tlsCAFile: give the CA in one place');
  if (urlCertKey !== null && (env.MONGODB_TLS_CERT_FILE !== undefined || env.MONGODB_TLS_KEY_FILE !== undefined)) {
    throw new TlsConfigError(
      'MONGODB_TLS_CERT_FILE/MONGODB_TLS_KEY_FILE are set and MONGODB_URL has tlsCertificateKeyFile: give the client certificate in one place',
    );
  }
  if (urlCa !== null) readCertificates({ variable: 'MONGODB_URL tlsCAFile', path: urlCa }, now);
  if (urlCertKey !== null) {
    const f = { variable: 'MONGODB_URL tlsCertificateKeyFile', path: urlCertKey };
    const certs = readCertificates(f, now);
    if (!certs.certificates[0]!.checkPrivateKey(readPrivateKey(f).key))
      throw new TlsConfigError(`${f.variable} (${f.path}): the private key does not match the certificate`);
  }
  if (given.length === 0) return undefined;
  const ca = readOptionalCertificates('MONGODB_TLS_CA_FILE', env.MONGODB_TLS_CA_FILE, now);
  const pair = readKeyPair(
    { variable: 'MONGODB_TLS_CERT_FILE', path: env.MONGODB_TLS_CERT_FILE },
    { variable: 'MONGODB_TLS_KEY_FILE', path: env.MONGODB_TLS_KEY_FILE },
    now,
  );
  return { tls: true, ...(ca ? { ca: ca.pem } : {}), ...(pair ? { cert: pair.cert.pem, key: pair.key.pem } : {}) };
}
