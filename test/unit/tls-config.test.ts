import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiTlsFrom } from '../../config/api-tls.js';
import { parseEnv } from '../../config/env.js';
import { mongoTlsFrom, mongoUrlWantsTls } from '../../config/mongodb-tls.js';
import { redisTlsFrom } from '../../config/redis-tls.js';
import { temporalTlsFrom } from '../../config/temporal-tls.js';
import { readCertificates, readKeyPair, readPrivateKey } from '../../config/tls-files.js';
import { describeTransportSecurity, loadTransportSecurity } from '../../config/transport-security.js';
import { createThrowawayCa } from '../support/throwaway-ca.js';

const ca = createThrowawayCa();
const server = ca.issue('server');
const other = ca.issue('other');
const expired = ca.issue('expired', { days: -1 });
const file = (name: string, text: string) => {
  const p = join(ca.dir, name);
  writeFileSync(p, text);
  return p;
};
const encryptedKey = join(ca.dir, 'encrypted.key');
execFileSync('openssl', ['pkey', '-in', server.key, '-aes256', '-passout', 'pass:secret', '-out', encryptedKey]);
afterAll(() => ca.remove());

const cert = (path: string, now?: Date) => readCertificates({ variable: 'X_CERT_FILE', path }, now);
const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
const yesterday = new Date(Date.now() - 86_400_000);

describe('TLS files: every problem named by its variable at start', () => {
  it('should read a valid certificate and its matching key', () => {
    const pair = readKeyPair({ variable: 'X_CERT_FILE', path: server.cert }, { variable: 'X_KEY_FILE', path: server.key });
    expect(pair?.cert.certificates[0]?.subject).toContain('CN=server');
    expect(pair?.key.pem.toString()).toContain('PRIVATE KEY');
  });

  it('should reject a file that does not exist', () => {
    expect(() => cert('/nonexistent/server.crt')).toThrow('X_CERT_FILE (/nonexistent/server.crt): does not exist');
  });

  it('should reject a directory given for a file', () => {
    expect(() => cert(ca.dir)).toThrow(/X_CERT_FILE .*: is a directory, not a PEM file/);
  });

  it.skipIf(process.getuid?.() === 0)('should reject a file this process cannot read', () => {
    const p = file('unreadable.crt', readFileSync(server.cert, 'utf8'));
    chmodSync(p, 0o000);
    expect(() => cert(p)).toThrow(/X_CERT_FILE .*: is not readable by this process/);
  });

  it('should reject a file with no PEM certificate in it', () => {
    expect(() => cert(file('not-pem.crt', 'hello\n'))).toThrow(/X_CERT_FILE .*: no PEM certificate in the file/);
  });

  it('should say so when a private key is given where the certificate belongs', () => {
    expect(() => cert(server.key)).toThrow(/are the certificate and key files swapped/);
    expect(() => readPrivateKey({ variable: 'X_KEY_FILE', path: server.cert })).toThrow(/X_KEY_FILE .*: no PEM private key.*swapped/);
  });

  it('should reject a certificate that does not parse', () => {
    const garbled = readFileSync(server.cert, 'utf8').replace(/(-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
    expect(() => cert(file('garbled.crt', garbled))).toThrow(/X_CERT_FILE .*: certificate 1 does not parse/);
  });

  it('should reject an expired certificate', () => {
    expect(() => cert(expired.cert)).toThrow(/X_CERT_FILE .*: certificate "CN=expired" expired on 20\d\d-/);
    expect(() => cert(server.cert, inTwoDays)).toThrow(/certificate "CN=server" expired on/);
  });

  it('should reject a certificate that is not valid yet', () => {
    expect(() => cert(server.cert, yesterday)).toThrow(/X_CERT_FILE .*: certificate "CN=server" is not valid until 20\d\d-/);
  });

  it('should check every certificate of a chain or bundle, not only the first', () => {
    const bundle = file('bundle.crt', readFileSync(server.cert, 'utf8') + readFileSync(expired.cert, 'utf8'));
    expect(cert(server.cert).certificates).toHaveLength(1);
    expect(() => cert(bundle)).toThrow(/"CN=expired" expired/);
  });

  it('should reject a key that does not belong to the certificate', () => {
    expect(() => readKeyPair({ variable: 'X_CERT_FILE', path: server.cert }, { variable: 'X_KEY_FILE', path: other.key })).toThrow(
      /X_KEY_FILE .*: the private key does not match the certificate in X_CERT_FILE/,
    );
  });

  it('should reject a certificate without its key, and a key without its certificate', () => {
    expect(() => readKeyPair({ variable: 'X_CERT_FILE', path: server.cert }, { variable: 'X_KEY_FILE', path: undefined })).toThrow(
      'X_CERT_FILE is set but X_KEY_FILE is not',
    );
    expect(() => readKeyPair({ variable: 'X_CERT_FILE', path: undefined }, { variable: 'X_KEY_FILE', path: server.key })).toThrow(
      'X_KEY_FILE is set but X_CERT_FILE is not',
    );
  });

  it('should reject an encrypted private key (nobody is there to type its passphrase)', () => {
    expect(() => readPrivateKey({ variable: 'X_KEY_FILE', path: encryptedKey })).toThrow(/X_KEY_FILE .*: the private key is encrypted/);
  });
});

describe('API HTTPS settings', () => {
  it('should serve plain HTTP when no certificate is configured (the development default)', () => {
    expect(apiTlsFrom(parseEnv({}))).toBeUndefined();
  });

  it('should serve HTTPS with the certificate and key, and ask for client certificates only with a client CA', () => {
    const https = apiTlsFrom(parseEnv({ API_TLS_CERT_FILE: server.cert, API_TLS_KEY_FILE: server.key }));
    expect(https?.mutual).toBe(false);
    expect(https?.serverOptions.requestCert).toBeUndefined();
    const mutual = apiTlsFrom(parseEnv({ API_TLS_CERT_FILE: server.cert, API_TLS_KEY_FILE: server.key, API_TLS_CLIENT_CA_FILE: ca.cert }));
    expect(mutual?.serverOptions).toMatchObject({ requestCert: true, rejectUnauthorized: true });
  });

  it('should reject a client CA without a server certificate', () => {
    expect(() => apiTlsFrom(parseEnv({ API_TLS_CLIENT_CA_FILE: ca.cert }))).toThrow(/API_TLS_CLIENT_CA_FILE is set but API_TLS_CERT_FILE/);
  });

  it('should treat an empty variable (VAR= in an env file) as unset', () => {
    expect(apiTlsFrom(parseEnv({ API_TLS_CERT_FILE: '', API_TLS_KEY_FILE: '' }))).toBeUndefined();
  });
});

describe('Temporal TLS settings', () => {
  const address = { TEMPORAL_ADDRESS: 'temporal.example.com:7233' };

  it('should stay plain by default', () => {
    expect(temporalTlsFrom(parseEnv(address))).toBeUndefined();
  });

  it('should use the system roots with TEMPORAL_TLS=true alone', () => {
    expect(temporalTlsFrom(parseEnv({ ...address, TEMPORAL_TLS: 'true' }))).toEqual({});
  });

  it('should carry the CA, the client certificate pair and the server name for mutual TLS', () => {
    const tls = temporalTlsFrom(
      parseEnv({
        ...address,
        TEMPORAL_TLS_CA_FILE: ca.cert,
        TEMPORAL_TLS_CERT_FILE: server.cert,
        TEMPORAL_TLS_KEY_FILE: server.key,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    expect(Buffer.from(tls!.serverRootCACertificate!).toString()).toContain('BEGIN CERTIFICATE');
    expect(Buffer.from(tls!.clientCertPair!.key).toString()).toContain('PRIVATE KEY');
    expect(tls!.serverNameOverride).toBe('temporal.internal');
  });

  it('should reject TLS files with TEMPORAL_TLS=false, and TLS to the local plain dev server', () => {
    expect(() => temporalTlsFrom(parseEnv({ ...address, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_FILE: ca.cert }))).toThrow(
      /TEMPORAL_TLS is "false" but TEMPORAL_TLS_CA_FILE is set/,
    );
    expect(() => temporalTlsFrom(parseEnv({ TEMPORAL_TLS_CA_FILE: ca.cert }))).toThrow(
      /TEMPORAL_TLS_CA_FILE is set but TEMPORAL_ADDRESS is not/,
    );
  });

  it('should reject a client certificate without its key', () => {
    expect(() => temporalTlsFrom(parseEnv({ ...address, TEMPORAL_TLS_CERT_FILE: server.cert }))).toThrow(
      'TEMPORAL_TLS_CERT_FILE is set but TEMPORAL_TLS_KEY_FILE is not',
    );
  });
});

describe('MongoDB TLS settings', () => {
  const url = { MONGODB_URL: 'mongodb://db.example.com:27017/' };

  it('should pass the CA and client certificate to the driver', () => {
    const tls = mongoTlsFrom(
      parseEnv({ ...url, MONGODB_TLS_CA_FILE: ca.cert, MONGODB_TLS_CERT_FILE: server.cert, MONGODB_TLS_KEY_FILE: server.key }),
    );
    expect(tls?.tls).toBe(true);
    expect(tls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls?.key?.toString()).toContain('PRIVATE KEY');
  });

  it('should reject TLS files for the local FerretDB, and files that contradict tls=false in the URL', () => {
    expect(() => mongoTlsFrom(parseEnv({ MONGODB_TLS_CA_FILE: ca.cert }))).toThrow(/MONGODB_TLS_CA_FILE is set but MONGODB_URL is not/);
    expect(() => mongoTlsFrom(parseEnv({ MONGODB_URL: 'mongodb://db:27017/?tls=false', MONGODB_TLS_CA_FILE: ca.cert }))).toThrow(
      /MONGODB_URL turns TLS off/,
    );
  });

  it('should check the files named in the URL (tlsCAFile, tlsCertificateKeyFile) and leave them to the driver', () => {
    expect(() => mongoTlsFrom(parseEnv({ MONGODB_URL: 'mongodb://db:27017/?tls=true&tlsCAFile=/nonexistent/ca.pem' }))).toThrow(
      'MONGODB_URL tlsCAFile (/nonexistent/ca.pem): does not exist',
    );
    const combined = file('combined.pem', readFileSync(server.cert, 'utf8') + readFileSync(server.key, 'utf8'));
    const wrong = file('wrong-combined.pem', readFileSync(server.cert, 'utf8') + readFileSync(other.key, 'utf8'));
    expect(
      mongoTlsFrom(parseEnv({ MONGODB_URL: `mongodb://db:27017/?tls=true&tlsCAFile=${ca.cert}&tlsCertificateKeyFile=${combined}` })),
    ).toBeUndefined();
    expect(() => mongoTlsFrom(parseEnv({ MONGODB_URL: `mongodb://db:27017/?tls=true&tlsCertificateKeyFile=${wrong}` }))).toThrow(
      /MONGODB_URL tlsCertificateKeyFile .*does not match/,
    );
  });

  it('should tell whether the URL alone asks for TLS (Atlas mongodb+srv:// does unless turned off)', () => {
    expect(mongoUrlWantsTls(undefined)).toBe(false);
    expect(mongoUrlWantsTls('mongodb://db:27017/')).toBe(false);
    expect(mongoUrlWantsTls('mongodb://h1:27017,h2:27017/?replicaSet=rs&tls=true')).toBe(true);
    expect(mongoUrlWantsTls('mongodb+srv://cluster0.example.mongodb.net/')).toBe(true);
    expect(mongoUrlWantsTls('mongodb+srv://cluster0.example.mongodb.net/?tls=false')).toBe(false);
  });

  it('should reject a CA given both in the URL and in MONGODB_TLS_CA_FILE', () => {
    expect(() => mongoTlsFrom(parseEnv({ MONGODB_URL: `mongodb://db:27017/?tlsCAFile=${ca.cert}`, MONGODB_TLS_CA_FILE: ca.cert }))).toThrow(
      /give the CA in one place/,
    );
  });
});

describe('Redis TLS settings', () => {
  it('should switch TLS on with rediss:// and carry the CA and client certificate', () => {
    expect(redisTlsFrom(parseEnv({ REDIS_URL: 'redis://cache:6379' }))).toBeUndefined();
    expect(redisTlsFrom(parseEnv({ REDIS_URL: 'rediss://cache:6380' }))).toEqual({});
    const tls = redisTlsFrom(
      parseEnv({
        REDIS_URL: 'rediss://cache:6380',
        REDIS_TLS_CA_FILE: ca.cert,
        REDIS_TLS_CERT_FILE: server.cert,
        REDIS_TLS_KEY_FILE: server.key,
      }),
    );
    expect(tls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls?.cert?.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('should reject TLS files with a plain redis:// URL', () => {
    expect(() => redisTlsFrom(parseEnv({ REDIS_URL: 'redis://cache:6379', REDIS_TLS_CA_FILE: ca.cert }))).toThrow(
      /REDIS_TLS_CA_FILE is set but REDIS_URL is not a rediss:\/\/ URL/,
    );
  });
});

describe('loadTransportSecurity', () => {
  it('should leave the development stack plain when nothing is configured', () => {
    const env = parseEnv({ MASTERBUS_PROFILE: 'development' });
    const all = ['api', 'temporal', 'mongodb', 'redis'] as const;
    const tls = loadTransportSecurity(env, all);
    expect(tls).toEqual({});
    expect(describeTransportSecurity(tls, all, env)).toEqual({ api: 'http', temporal: 'plain', mongodb: 'plain', redis: 'plain' });
  });

  it('should report every broken setting at once, each by its variable', () => {
    const env = parseEnv({
      API_TLS_CERT_FILE: server.cert,
      REDIS_URL: 'redis://cache:6379',
      REDIS_TLS_CA_FILE: ca.cert,
      MONGODB_URL: 'mongodb://db/',
      MONGODB_TLS_CA_FILE: expired.cert,
    });
    let message = '';
    try {
      loadTransportSecurity(env, ['api', 'temporal', 'mongodb', 'redis']);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^invalid TLS configuration: /);
    expect(message).toContain('API_TLS_CERT_FILE is set but API_TLS_KEY_FILE is not');
    expect(message).toContain('MONGODB_TLS_CA_FILE');
    expect(message).toContain('REDIS_TLS_CA_FILE is set but REDIS_URL');
  });

  it('should check only the connections a process makes (a worker serves no HTTPS)', () => {
    const env = parseEnv({
      MASTERBUS_PROFILE: 'test',
      API_TLS_CERT_FILE: '/not/mounted/in/the/worker.crt',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_TLS_CA_FILE: ca.cert,
    });
    expect(loadTransportSecurity(env, ['mongodb', 'redis', 'temporal'])).toEqual({ redis: { ca: readFileSync(ca.cert) } });
    expect(() => loadTransportSecurity(env, ['api'])).toThrow(/API_TLS_CERT_FILE/);
  });
});

describe('TLS in production', () => {
  const all = ['api', 'temporal', 'mongodb', 'redis'] as const;
  const failure = (vars: Record<string, string>, concerns: readonly (typeof all)[number][] = all) => {
    try {
      loadTransportSecurity(parseEnv({ MASTERBUS_PROFILE: 'production', ...vars }), concerns);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('should refuse to start with any plain connection, naming each and how to secure or waive it', () => {
    const message = failure({})!;
    for (const c of all) expect(message).toContain(`${c}: production requires TLS`);
    expect(message).toContain('TLS_WAIVED=redis');
    expect(message).toContain('rediss://');
    // Only the connections this process makes: a worker serves no HTTPS.
    expect(failure({ TLS_WAIVED: 'temporal,mongodb,redis' }, ['temporal', 'mongodb', 'redis'])).toBeNull();
  });

  it('should accept each connection once it is encrypted or explicitly waived, and nothing else', () => {
    const secured = {
      API_TLS_CERT_FILE: server.cert,
      API_TLS_KEY_FILE: server.key,
      TEMPORAL_ADDRESS: 'temporal.example.com:7233',
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_CA_FILE: ca.cert,
      MONGODB_URL: 'mongodb://db:27017/?tls=true',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_TLS_CA_FILE: ca.cert,
    };
    expect(failure(secured)).toBeNull();
    const { REDIS_URL: _r, REDIS_TLS_CA_FILE: _c, ...plainRedis } = secured;
    expect(failure(plainRedis)).toMatch(/^invalid TLS configuration: redis: production requires TLS/);
    expect(failure({ ...plainRedis, TLS_WAIVED: 'redis' })).toBeNull();
    expect(failure({ ...plainRedis, TLS_WAIVED: 'mongodb' }), 'a waiver covers only the connection it names').toMatch(
      /redis: production requires TLS/,
    );
    expect(() => parseEnv({ TLS_WAIVED: 'redis,everything' })).toThrow(/TLS_WAIVED/);
  });
});
