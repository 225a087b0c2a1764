/**
 * The project-local stack: Temporal dev server (SQLite, Web UI), FerretDB (SQLite) and Redis on loopback,
 * installed by scripts/install-tools.sh. A service whose URL is given in the environment (MONGODB_URL,
 * REDIS_URL, TEMPORAL_ADDRESS) is used as is and nothing is started for it; a service already listening on its
 * local port (a stack you started earlier) is reused and left running.
 */
import { Connection } from '@temporalio/client';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Env } from '../config/env.js';
import { portsFor } from '../config/local-ports.js';
import { serviceUrls, type ServiceUrls } from '../config/service-urls.js';
import type { TemporalConfig } from '../config/temporal-config.js';
import { ensureNamespace } from '../temporal-admin/ensure-namespace.js';
import { ensureSearchAttributes } from '../temporal-admin/ensure-search-attributes.js';
import { isPortOpen, startProcess, waitUntil, type ManagedProcess } from './managed-process.js';
import { dataDir, ferretdbBinary, temporalBinary } from './paths.js';

export interface StackOptions {
  env: Env;
  temporal: TemporalConfig;
  /** Serve the Temporal Web UI (dev: yes; tests: no). */
  ui: boolean;
  /** The Temporal UI's remote codec endpoint (payload decryption), if any. */
  codecEndpoint?: string;
  /** Start from empty data folders (tests). */
  fresh: boolean;
  log?: (line: string) => void;
}

export interface Stack {
  urls: ServiceUrls;
  temporalUiUrl: string | null;
  started: string[];
  stop(): Promise<void>;
}

function requireBinary(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${what} is not installed at ${path}; run: npm run setup`);
}

async function mongoPing(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

async function redisPing(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' }, () => s.write('PING\r\n'));
    s.setTimeout(1_000, () => { s.destroy(); resolve(false); });
    s.once('data', (d) => { s.destroy(); resolve(d.toString().startsWith('+PONG')); });
    s.once('error', () => resolve(false));
  });
}

async function temporalReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const log = o.log ?? (() => {});
  const profile = o.env.MASTERBUS_PROFILE;
  const ports = portsFor(profile, o.env);
  const urls = serviceUrls(o.env);
  const dir = dataDir(profile);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const procs: ManagedProcess[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) await p.stop();
  };

  try {
    const tasks: Promise<void>[] = [];

    if (!o.env.MONGODB_URL) {
      tasks.push((async () => {
        if (await isPortOpen(ports.mongodb)) return log(`mongodb: reusing the server on port ${ports.mongodb}`);
        requireBinary(ferretdbBinary, 'FerretDB');
        if (o.fresh) rmSync(join(dir, 'ferretdb'), { recursive: true, force: true });
        mkdirSync(join(dir, 'ferretdb'), { recursive: true });
        const p = startProcess('ferretdb', ferretdbBinary, [
          '--handler=sqlite', `--sqlite-url=file:${join(dir, 'ferretdb')}/`, `--listen-addr=127.0.0.1:${ports.mongodb}`,
          '--state-dir=-', '--debug-addr=-', '--telemetry=disable', '--log-level=warn',
        ], { logFile: join(dir, 'logs', 'ferretdb.log') });
        procs.push(p);
        await waitUntil('FerretDB', () => mongoPing(urls.mongodb), { timeoutMs: 60_000, process: p });
        started.push('ferretdb');
        log(`mongodb: FerretDB (SQLite) on ${urls.mongodb}`);
      })());
    }

    if (!o.env.REDIS_URL) {
      tasks.push((async () => {
        if (await isPortOpen(ports.redis)) return log(`redis: reusing the server on port ${ports.redis}`);
        if (o.fresh) rmSync(join(dir, 'redis'), { recursive: true, force: true });
        mkdirSync(join(dir, 'redis'), { recursive: true });
        const p = startProcess('redis', 'redis-server', [
          '--bind', '127.0.0.1', '--port', String(ports.redis), '--dir', join(dir, 'redis'),
          '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no',
        ], { logFile: join(dir, 'logs', 'redis.log') });
        procs.push(p);
        await waitUntil('Redis', () => redisPing(ports.redis), { timeoutMs: 30_000, process: p });
        started.push('redis');
        log(`redis: redis-server on ${urls.redis}`);
      })());
    }

    if (!o.env.TEMPORAL_ADDRESS) {
      tasks.push((async () => {
        const namespace = o.temporal.namespace;
        if (!(await isPortOpen(ports.temporal))) {
          requireBinary(temporalBinary, 'The temporal CLI');
          if (o.fresh) for (const f of ['temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']) rmSync(join(dir, f), { force: true });
          const args = [
            'server', 'start-dev',
            '--ip', '127.0.0.1', '--port', String(ports.temporal),
            '--db-filename', join(dir, 'temporal.sqlite'),
            // The dev server's SQLite: WAL + no fsync is several times faster on a small machine, and a dev
            // stack may lose its last writes in a power cut.
            '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF',
            '--log-level', 'warn',
          ];
          if (namespace !== 'default') args.push('--namespace', namespace);
          if (o.ui) args.push('--ui-port', String(ports.temporalUi), '--ui-disable-news-fetch', ...(o.codecEndpoint ? ['--ui-codec-endpoint', o.codecEndpoint] : []));
          else args.push('--headless');
          const p = startProcess('temporal', temporalBinary, args, { logFile: join(dir, 'logs', 'temporal.log') });
          procs.push(p);
          await waitUntil('Temporal dev server', () => temporalReady(urls.temporal, namespace), { timeoutMs: 120_000, process: p });
          started.push('temporal');
          log(`temporal: dev server on ${urls.temporal}${o.ui ? `, Web UI http://127.0.0.1:${ports.temporalUi}` : ''}`);
        } else {
          await waitUntil('Temporal', () => temporalReady(urls.temporal, namespace), { timeoutMs: 30_000 });
          log(`temporal: reusing the server on port ${ports.temporal}`);
        }
      })());
    }

    await Promise.all(tasks);

    // The namespace and search attributes are registered wherever Temporal runs (local or given), idempotently.
    const connection = await Connection.connect({ address: urls.temporal });
    try {
      if (await ensureNamespace(connection, o.temporal.namespace)) log(`temporal: registered namespace ${o.temporal.namespace}`);
      const added = await ensureSearchAttributes(connection, o.temporal.namespace, o.temporal.searchAttributes);
      if (added.length) log(`temporal: registered search attributes ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    urls,
    temporalUiUrl: o.ui && !o.env.TEMPORAL_ADDRESS ? `http://127.0.0.1:${ports.temporalUi}` : null,
    started,
    stop,
  };
}
