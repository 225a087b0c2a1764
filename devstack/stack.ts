/**
 * The project-local stack: Temporal dev server (SQLite, Web UI), FerretDB (SQLite) and Redis on loopback,
 * installed by scripts/install-tools.sh. A service whose URL is given in the environment (MONGODB_URL,
 * REDIS_URL, TEMPORAL_ADDRESS) is used as is and nothing is started for it; a service already listening on its
 * local port (a stack you started earlier) is reused and left running.
 */
import { Connection } from '@temporalio/client';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../config/env.js';
import { portsFor } from '../config/local-ports.js';
import { serviceUrls, type ServiceUrls } from '../config/service-urls.js';
import { loadTransportSecurity } from '../config/transport-security.js';
import type { TemporalConfig } from '../config/temporal-config.js';
import { ensureNamespace } from '../temporal-admin/ensure-namespace.js';
import { ensureSearchAttributes } from '../temporal-admin/ensure-search-attributes.js';
import { isPortOpen, waitUntil, type ManagedProcess } from './managed-process.js';
import { ferretdbSpec, launchService, redisSpec, temporalReady, temporalSpec, type ServiceSpec } from './service-specs.js';
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
  /** Data and logs folder (default: the profile's, .data/dev or .data/test). */
  dataDir?: string;
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

function clear(spec: ServiceSpec): void {
  for (const p of spec.dataPaths) rmSync(p, { recursive: true, force: true });
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const log = o.log ?? (() => {});
  const profile = o.env.MASTERBUS_PROFILE;
  const ports = portsFor(profile, o.env);
  const urls = serviceUrls(o.env);
  const dir = o.dataDir ?? dataDir(profile);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const procs: ManagedProcess[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) await p.stop();
  };

  try {
    const tasks: Promise<void>[] = [];

    if (!o.env.MONGODB_URL) {
      tasks.push(
        (async () => {
          if (await isPortOpen(ports.mongodb)) return log(`mongodb: reusing the server on port ${ports.mongodb}`);
          requireBinary(ferretdbBinary, 'FerretDB');
          const spec = ferretdbSpec({ dir, port: ports.mongodb });
          if (o.fresh) clear(spec);
          procs.push(await launchService(spec));
          started.push('ferretdb');
          log(`mongodb: FerretDB (SQLite) on ${urls.mongodb}`);
        })(),
      );
    }

    if (!o.env.REDIS_URL) {
      tasks.push(
        (async () => {
          if (await isPortOpen(ports.redis)) return log(`redis: reusing the server on port ${ports.redis}`);
          const spec = redisSpec({ dir, port: ports.redis });
          if (o.fresh) clear(spec);
          procs.push(await launchService(spec));
          started.push('redis');
          log(`redis: redis-server on ${urls.redis}`);
        })(),
      );
    }

    if (!o.env.TEMPORAL_ADDRESS) {
      tasks.push(
        (async () => {
          const namespace = o.temporal.namespace;
          if (!(await isPortOpen(ports.temporal))) {
            requireBinary(temporalBinary, 'The temporal CLI');
            const spec = temporalSpec({
              dir,
              port: ports.temporal,
              namespace,
              ui: o.ui ? { port: ports.temporalUi, codecEndpoint: o.codecEndpoint } : undefined,
            });
            if (o.fresh) clear(spec);
            procs.push(await launchService(spec));
            started.push('temporal');
            log(`temporal: dev server on ${urls.temporal}${o.ui ? `, Web UI http://127.0.0.1:${ports.temporalUi}` : ''}`);
          } else {
            await waitUntil('Temporal', () => temporalReady(urls.temporal, namespace), { timeoutMs: 30_000 });
            log(`temporal: reusing the server on port ${ports.temporal}`);
          }
        })(),
      );
    }

    await Promise.all(tasks);

    // The namespace and search attributes are registered wherever Temporal runs (local or given), idempotently.
    const connection = await Connection.connect({ address: urls.temporal, tls: loadTransportSecurity(o.env, ['temporal']).temporal });
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
