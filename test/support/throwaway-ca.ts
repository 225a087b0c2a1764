/**
 * A certificate authority made on the fly with the openssl CLI, for TLS tests on loopback: EC P-256 keys
 * (unencrypted PKCS#8 PEM), certificates valid for 127.0.0.1 and localhost (plus any names asked for), usable
 * by servers and clients. Files live in a fresh temporary folder; nothing is reused between runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IssuedFiles {
  cert: string;
  key: string;
}

export interface ThrowawayCa {
  dir: string;
  /** The CA's certificate (the trust anchor to configure) and key. */
  cert: string;
  key: string;
  /** Issues a leaf certificate signed by this CA; `days: -1` makes one that has already expired. */
  issue(name: string, o?: { dnsNames?: string[]; days?: number }): IssuedFiles;
  read(path: string): Buffer;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function createThrowawayCa(commonName = 'MasterBus throwaway test CA', dir = mkdtempSync(join(tmpdir(), 'mb-ca-'))): ThrowawayCa {
  const slug = commonName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  const cert = join(dir, `${slug}.crt`);
  const key = join(dir, `${slug}.key`);
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return {
    dir,
    cert,
    key,
    issue(name, o = {}) {
      const base = join(dir, `${slug}-${name}`);
      const sans = ['IP:127.0.0.1', 'DNS:localhost', ...(o.dnsNames ?? []).map((d) => `DNS:${d}`)];
      writeFileSync(
        `${base}.ext`,
        `subjectAltName=${sans.join(',')}\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n`,
      );
      openssl(['req', ...ecKey, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${name}`], dir);
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          cert,
          '-CAkey',
          key,
          '-CAcreateserial',
          '-out',
          `${base}.crt`,
          '-days',
          String(o.days ?? 1),
          '-extfile',
          `${base}.ext`,
        ],
        dir,
      );
      return { cert: `${base}.crt`, key: `${base}.key` };
    },
    read: (path) => readFileSync(path),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
