/**
 * How each project-local service is started and known to be ready: the command line, its data paths and a
 * readiness probe. The dev/test stack (stack.ts) and the reliability suite (which stops and restarts services on
 * purpose) start services only through these.
 */
import { Connection } from '@temporalio/client';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
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

export async function mongoPing(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

export function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' }, () => s.write('PING\r\n'));
    s.setTimeout(1_000, () => { s.destroy(); resolve(false); });
    s.once('data', (d) => { s.destroy(); resolve(d.toString().startsWith('+PONG')); });
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

export function ferretdbSpec(o: { dir: string; port: number }): ServiceSpec {
  const data = join(o.dir, 'ferretdb');
  return {
    name: 'ferretdb', what: 'FerretDB', command: ferretdbBinary,
    args: [
      '--handler=sqlite', `--sqlite-url=file:${data}/`, `--listen-addr=127.0.0.1:${o.port}`,
      '--state-dir=-', '--debug-addr=-', '--telemetry=disable', '--log-level=warn',
    ],
    dataPaths: [data],
    logFile: join(o.dir, 'logs', 'ferretdb.log'),
    ready: () => mongoPing(`mongodb://127.0.0.1:${o.port}/`),
    readyTimeoutMs: 60_000,
  };
}

export function redisSpec(o: { dir: string; port: number }): ServiceSpec {
  const data = join(o.dir, 'redis');
  return {
    name: 'redis', what: 'Redis', command: 'redis-server',
    args: [
      '--bind', '127.0.0.1', '--port', String(o.port), '--dir', data,
      '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no',
    ],
    dataPaths: [data],
    logFile: join(o.dir, 'logs', 'redis.log'),
    ready: () => redisPing(o.port),
    readyTimeoutMs: 30_000,
  };
}

export function temporalSpec(o: { dir: string; port: number; namespace: string; ui?: { port: number; codecEndpoint?: string | undefined } | undefined }): ServiceSpec {
  const db = join(o.dir, 'temporal.sqlite');
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1', '--port', String(o.port),
    '--db-filename', db,
    // The dev server's SQLite: WAL + no fsync is several times faster on a small machine, and a dev
    // stack may lose its last writes in a power cut.
    '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF',
    '--log-level', 'warn',
  ];
  if (o.namespace !== 'default') args.push('--namespace', o.namespace);
  if (o.ui) args.push('--ui-port', String(o.ui.port), '--ui-disable-news-fetch', ...(o.ui.codecEndpoint ? ['--ui-codec-endpoint', o.ui.codecEndpoint] : []));
  else args.push('--headless');
  return {
    name: 'temporal', what: 'Temporal dev server', command: temporalBinary, args,
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
