/**
 * The reliability suite's own services: Temporal, FerretDB and Redis on ports of their own (never the test or
 * dev stack's), with fresh data, each stoppable and restartable on its data so tests can really take them away.
 */
import { Connection } from '@temporalio/client';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemporalConfig } from '../../../config/temporal-config.js';
import { isPortOpen, type ManagedProcess } from '../../../devstack/managed-process.js';
import { projectRoot } from '../../../devstack/paths.js';
import { ferretdbSpec, launchService, redisSpec, temporalSpec, type ServiceSpec } from '../../../devstack/service-specs.js';
import { ensureSearchAttributes } from '../../../temporal-admin/ensure-search-attributes.js';

export const faultsNamespace = 'masterbus-faults';
export const faultsDir = join(projectRoot, '.data', 'faults');
const ports = {
  temporal: Number(process.env.FAULTS_TEMPORAL_PORT ?? 27233),
  mongodb: Number(process.env.FAULTS_FERRETDB_PORT ?? 27217),
  redis: Number(process.env.FAULTS_REDIS_PORT ?? 26379),
};

export type ServiceName = 'temporal' | 'ferretdb' | 'redis';

export interface FaultStack {
  urls: { mongodb: string; redis: string; temporal: string };
  namespace: string;
  /** Stops the service (SIGTERM, or SIGKILL for a crash); its data stays for the restart. */
  stop(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same data and port, and waits until it answers. */
  start(name: ServiceName): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  const specs: Record<ServiceName, ServiceSpec> = {
    ferretdb: ferretdbSpec({ dir: faultsDir, port: ports.mongodb }),
    redis: redisSpec({ dir: faultsDir, port: ports.redis }),
    temporal: temporalSpec({ dir: faultsDir, port: ports.temporal, namespace: faultsNamespace }),
  };
  // A run that died without cleaning up (a killed test process) may have left its services running: stop them.
  const pidFile = (name: ServiceName) => join(faultsDir, `${name}.pid`);
  for (const name of Object.keys(specs) as ServiceName[]) {
    const pid = existsSync(pidFile(name)) ? Number(readFileSync(pidFile(name), 'utf8')) : 0;
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  for (const [name, port] of [
    ['ferretdb', ports.mongodb],
    ['redis', ports.redis],
    ['temporal', ports.temporal],
  ] as const) {
    for (let i = 0; i < 50 && (await isPortOpen(port)); i++) await new Promise((r) => setTimeout(r, 100));
    if (await isPortOpen(port))
      throw new Error(`port ${port} (the reliability suite's ${name}) is taken by another process; free it or set FAULTS_*_PORT`);
  }
  for (const spec of Object.values(specs)) for (const p of spec.dataPaths) rmSync(p, { recursive: true, force: true });
  mkdirSync(faultsDir, { recursive: true });
  const running = new Map<ServiceName, ManagedProcess>();
  const start = async (name: ServiceName) => {
    if (running.has(name)) return;
    const p = await launchService(specs[name]);
    running.set(name, p);
    writeFileSync(pidFile(name), String(p.child.pid));
  };
  const stop = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const p = running.get(name);
    running.delete(name);
    await p?.stop(signal, 15_000);
    rmSync(pidFile(name), { force: true });
  };
  await Promise.all((['ferretdb', 'redis', 'temporal'] as const).map(start));
  const temporal = `127.0.0.1:${ports.temporal}`;
  const connection = await Connection.connect({ address: temporal });
  try {
    await ensureSearchAttributes(connection, faultsNamespace, loadTemporalConfig().searchAttributes);
  } finally {
    await connection.close();
  }
  return {
    urls: { mongodb: `mongodb://127.0.0.1:${ports.mongodb}/`, redis: `redis://127.0.0.1:${ports.redis}`, temporal },
    namespace: faultsNamespace,
    stop,
    start,
    async close() {
      for (const name of [...running.keys()]) await stop(name);
    },
  };
}
