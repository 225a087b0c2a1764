/** The Temporal client of the commands that act on Temporal directly (schedule, history), from the environment. */
import { Client, Connection } from '@temporalio/client';
import { dataConverterFrom } from '../codec/payload-keys.js';
import { serviceUrls } from '../config/service-urls.js';
import { loadTemporalConfig, type TemporalConfig } from '../config/temporal-config.js';
import { loadTransportSecurity } from '../config/transport-security.js';
import type { CliContext } from './context.js';
import { CliError, ExitCode } from './exit-codes.js';

export interface OpenedTemporal {
  cfg: TemporalConfig;
  client: Client;
  close(): Promise<void>;
}

/** TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_CONFIG, as the services read them; unreachable exits 3. */
export async function openTemporal(ctx: CliContext): Promise<OpenedTemporal> {
  const env = ctx.env();
  let cfg;
  let tls;
  try {
    cfg = loadTemporalConfig(env.TEMPORAL_CONFIG, {
      address: serviceUrls(env, ['TEMPORAL_ADDRESS']).temporal,
      namespace: env.TEMPORAL_NAMESPACE,
    });
    tls = loadTransportSecurity(env, ['temporal']).temporal;
  } catch (err) {
    throw new CliError(ExitCode.USAGE, 'INVALID_CONFIG', (err as Error).message);
  }
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: cfg.address, connectTimeout: '5s', tls });
  } catch (err) {
    throw new CliError(
      ExitCode.UNAVAILABLE,
      'TEMPORAL_UNREACHABLE',
      `cannot reach Temporal at ${cfg.address} (${(err as Error).message}); set TEMPORAL_ADDRESS`,
    );
  }
  return {
    cfg,
    client: new Client({ connection, namespace: cfg.namespace, dataConverter: dataConverterFrom(env) }),
    close: () => connection.close(),
  };
}
