/**
 * The reliability suite's own services: Temporal, FerretDB and Redis on ports of their own (never the test or
 * dev stack's), with fresh data, each stoppable and restartable on its data so tests can really take them away.
 */
import { Connection } from '@temporalio/client';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemporalConfig } from '../../../config/temporal-config.js';
import type { ManagedProcess } from '../../../devstack/managed-process.js';
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
  for (const spec of Object.values(specs)) for (const p of spec.dataPaths) rmSync(p, { recursive: true, force: true });
  const running = new Map<ServiceName, ManagedProcess>();
  const start = async (name: ServiceName) => {
    if (running.has(name)) return;
    running.set(name, await launchService(specs[name]));
  };
  const stop = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const p = running.get(name);
    running.delete(name);
    await p?.stop(signal, 15_000);
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
