/**
 * How each project-local service is started and known to be ready: the command line, its data paths and a
 * readiness probe. The dev/test stack (stack.ts) and the reliability suite (which stops and restarts services on
 * purpose) start services only through these.
 */
import { Connection } from '@temporalio/client';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startProcess, waitUntil, type ManagedProcess } from './managed-process.js';
import { ferretdbBinary, temporalBinary } from './paths.js';

export interface ServiceSpec {
  name: 'ferretdb' | 'redis' | 'temporal';
  /** Human name for errors: "FerretDB", "Redis", "Temporal dev server". */
  what: string;
  command: string;
  args: string[];
  /** Files and folders holding the service's data (removed for a fresh start). */
  dataPaths: string[];
  logFile: string;
  ready(): Promise<boolean>;
  readyTimeoutMs: number;
}

/**
 * A server that speaks only TLS and requires client certificates issued by `ca` (PEM file paths). The local
 * stack never uses it; tests of encryption in transit start services with it.
 */
export interface ServerTls {
  cert: string;
  key: string;
  ca: string;
}

/** The client side of ServerTls for readiness probes: trust `ca`, present the same certificate. */
const probeTls = (t: ServerTls) => ({ ca: readFileSync(t.ca), cert: readFileSync(t.cert), key: readFileSync(t.key) });

export async function mongoPing(url: string, tls?: ServerTls): Promise<boolean> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 1_000,
    connectTimeoutMS: 1_000,
    ...(tls ? { tls: true, ...probeTls(tls) } : {}),
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

export function redisPing(port: number, tls?: ServerTls): Promise<boolean> {
  return new Promise((resolve) => {
    const ping = () => s.write('PING\r\n');
    const s = tls ? connectTls({ port, host: '127.0.0.1', ...probeTls(tls) }, ping) : connect({ port, host: '127.0.0.1' }, ping);
    s.setTimeout(1_000, () => {
      s.destroy();
      resolve(false);
    });
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
  });
}

export async function temporalReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

export function ferretdbSpec(o: { dir: string; port: number; tls?: ServerTls }): ServiceSpec {
  const data = join(o.dir, 'ferretdb');
  // With TLS the plain listener is off (an empty --listen-addr), and a CA file makes FerretDB require client certificates.
  const listen = o.tls
    ? [
        '--listen-addr=',
        `--listen-tls=127.0.0.1:${o.port}`,
        `--listen-tls-cert-file=${o.tls.cert}`,
        `--listen-tls-key-file=${o.tls.key}`,
        `--listen-tls-ca-file=${o.tls.ca}`,
      ]
    : [`--listen-addr=127.0.0.1:${o.port}`];
  return {
    name: 'ferretdb',
    what: 'FerretDB',
    command: ferretdbBinary,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${data}/`,
      ...listen,
      '--state-dir=-',
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    dataPaths: [data],
    logFile: join(o.dir, 'logs', 'ferretdb.log'),
    ready: () => mongoPing(`mongodb://127.0.0.1:${o.port}/`, o.tls),
    readyTimeoutMs: 60_000,
  };
}

export function redisSpec(o: { dir: string; port: number; tls?: ServerTls }): ServiceSpec {
  const data = join(o.dir, 'redis');
  // With TLS: no plain port (--port 0), and clients must present a certificate issued by the CA.
  const listen = o.tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(o.port),
        '--tls-cert-file',
        o.tls.cert,
        '--tls-key-file',
        o.tls.key,
        '--tls-ca-cert-file',
        o.tls.ca,
        '--tls-auth-clients',
        'yes',
      ]
    : ['--port', String(o.port)];
  return {
    name: 'redis',
    what: 'Redis',
    command: 'redis-server',
    args: [
      '--bind',
      '127.0.0.1',
      ...listen,
      '--dir',
      data,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
    ],
    dataPaths: [data],
    logFile: join(o.dir, 'logs', 'redis.log'),
    ready: () => redisPing(o.port, o.tls),
    readyTimeoutMs: 30_000,
  };
}

export function temporalSpec(o: {
  dir: string;
  port: number;
  namespace: string;
  ui?: { port: number; codecEndpoint?: string | undefined } | undefined;
}): ServiceSpec {
  const db = join(o.dir, 'temporal.sqlite');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--db-filename',
    db,
    // The dev server's SQLite: WAL + no fsync is several times faster on a small machine, and a dev
    // stack may lose its last writes in a power cut.
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=OFF',
    '--log-level',
    'warn',
  ];
  if (o.namespace !== 'default') args.push('--namespace', o.namespace);
  if (o.ui)
    args.push(
      '--ui-port',
      String(o.ui.port),
      '--ui-disable-news-fetch',
      ...(o.ui.codecEndpoint ? ['--ui-codec-endpoint', o.ui.codecEndpoint] : []),
    );
  else args.push('--headless');
  return {
    name: 'temporal',
    what: 'Temporal dev server',
    command: temporalBinary,
    args,
    dataPaths: [db, `${db}-wal`, `${db}-shm`],
    logFile: join(o.dir, 'logs', 'temporal.log'),
    ready: () => temporalReady(`127.0.0.1:${o.port}`, o.namespace),
    readyTimeoutMs: 120_000,
  };
}

/** Starts the service and resolves once its probe answers; fails with the log file's path if it dies or stalls. */
export async function launchService(spec: ServiceSpec): Promise<ManagedProcess> {
  mkdirSync(join(spec.logFile, '..'), { recursive: true });
  for (const p of spec.dataPaths) if (!p.includes('.sqlite')) mkdirSync(p, { recursive: true });
  const p = startProcess(spec.name, spec.command, spec.args, { logFile: spec.logFile });
  try {
    await waitUntil(spec.what, spec.ready, { timeoutMs: spec.readyTimeoutMs, process: p });
  } catch (err) {
    await p.stop('SIGKILL');
    throw err;
  }
  return p;
}
