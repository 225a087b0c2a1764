/**
 * Reading and checking the PEM files TLS is configured with, at start, so a wrong path, a swapped file, a key
 * that belongs to another certificate or an expired certificate fails before any connection with a message that
 * names the environment variable, instead of as a handshake error on the first request.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A TLS setting that cannot work; the message starts with the variable to fix. */
export class TlsConfigError extends Error {
  override name = 'TlsConfigError';
}

/** A variable naming a file, as the error messages show it: `API_TLS_CERT_FILE (/etc/masterbus/api.crt)`. */
export interface FileSetting {
  variable: string;
  path: string;
}

export interface Certificates {
  pem: Buffer;
  /** In file order: a certificate file starts with its leaf, then the chain; a CA file holds trust anchors. */
  certificates: X509Certificate[];
}

export interface PrivateKey {
  pem: Buffer;
  key: KeyObject;
}

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const named = (f: FileSetting) => `${f.variable} (${f.path})`;

function readSetting(f: FileSetting): Buffer {
  try {
    return readFileSync(f.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable by this process (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory, not a PEM file'
            : `cannot be read (${(err as Error).message})`;
    throw new TlsConfigError(`${named(f)}: ${why}`);
  }
}

/** Every certificate of a PEM file, each parsed and inside its validity period at `now`. */
export function readCertificates(f: FileSetting, now = new Date()): Certificates {
  const pem = readSetting(f);
  const text = pem.toString('utf8');
  const blocks = text.match(certificateBlock) ?? [];
  if (blocks.length === 0) {
    const hint = /PRIVATE KEY-----/.test(text) ? ' (it holds a private key: are the certificate and key files swapped?)' : '';
    throw new TlsConfigError(`${named(f)}: no PEM certificate in the file (expected -----BEGIN CERTIFICATE-----)${hint}`);
  }
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw new TlsConfigError(`${named(f)}: certificate ${i + 1} does not parse (${(err as Error).message})`);
    }
  });
  for (const c of certificates) {
    if (now < new Date(c.validFrom))
      throw new TlsConfigError(
        `${named(f)}: certificate "${c.subject.replaceAll('\n', ', ')}" is not valid until ${new Date(c.validFrom).toISOString()}`,
      );
    if (now > new Date(c.validTo))
      throw new TlsConfigError(
        `${named(f)}: certificate "${c.subject.replaceAll('\n', ', ')}" expired on ${new Date(c.validTo).toISOString()}`,
      );
  }
  return { pem, certificates };
}

/** An unencrypted PEM private key (a service starts unattended: there is nobody to type a passphrase). */
export function readPrivateKey(f: FileSetting): PrivateKey {
  const pem = readSetting(f);
  const text = pem.toString('utf8');
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new TlsConfigError(`${named(f)}: the private key is encrypted; give an unencrypted key readable only by the service's user`);
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    const hint = /-----BEGIN CERTIFICATE-----/.test(text) ? ' (it holds a certificate: are the certificate and key files swapped?)' : '';
    throw new TlsConfigError(`${named(f)}: no PEM private key in the file (expected -----BEGIN PRIVATE KEY-----)${hint}`);
  }
  try {
    return { pem, key: createPrivateKey(pem) };
  } catch (err) {
    throw new TlsConfigError(`${named(f)}: the private key does not parse (${(err as Error).message})`);
  }
}

export interface KeyPair {
  cert: Certificates;
  key: PrivateKey;
}

/**
 * A certificate and its private key, given together or not at all. Either alone is an error (a certificate
 * without its key cannot be presented), as is a key that does not belong to the certificate.
 */
export function readKeyPair(
  cert: { variable: string; path: string | undefined },
  key: { variable: string; path: string | undefined },
  now = new Date(),
): KeyPair | undefined {
  if (cert.path === undefined && key.path === undefined) return undefined;
  if (key.path === undefined)
    throw new TlsConfigError(`${cert.variable} is set but ${key.variable} is not: a certificate needs its private key`);
  if (cert.path === undefined)
    throw new TlsConfigError(`${key.variable} is set but ${cert.variable} is not: a private key needs its certificate`);
  const certs = readCertificates({ variable: cert.variable, path: cert.path }, now);
  const pk = readPrivateKey({ variable: key.variable, path: key.path });
  if (!certs.certificates[0]!.checkPrivateKey(pk.key)) {
    throw new TlsConfigError(
      `${named({ variable: key.variable, path: key.path })}: the private key does not match the certificate in ${named({ variable: cert.variable, path: cert.path })}`,
    );
  }
  return { cert: certs, key: pk };
}

/** A CA bundle (PEM), when its variable is set. */
export function readOptionalCertificates(variable: string, path: string | undefined, now = new Date()): Certificates | undefined {
  return path === undefined ? undefined : readCertificates({ variable, path }, now);
}
