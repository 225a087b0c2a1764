/** `masterbus sim`: serve the Condoit simulator with a seed and portfolio size until Ctrl-C. */
import { Command } from 'commander';
import { startSimulator } from '../../condoit/simulator/start-simulator.js';
import { defaultShape } from '../../condoit/simulator/generator.js';
import { contextOf, exitsWith, wholeNumber } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';

function rate(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n >= 0 && n <= 1)) throw new CliError(ExitCode.USAGE, 'USAGE', `${name} must be a probability from 0 to 1 (got "${value}")`);
    return n;
  };
}

interface SimOptions {
  host: string;
  port: number;
  seed: number;
  facilities: number;
  equipmentMin: number;
  equipmentMax: number;
  token?: string;
  latencyMs: number;
  errorRate: number;
}

export function simCommand(): Command {
  return new Command('sim')
    .description('serve the Condoit simulator (deterministic for a seed) until Ctrl-C')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port (0 = any free port)', wholeNumber('--port', 0, 65535), 4010)
    .option('--seed <n>', 'generator seed: the same seed serves the same portfolio', wholeNumber('--seed', 0), defaultShape.seed)
    .option('--facilities <n>', 'facilities in the portfolio', wholeNumber('--facilities', 1, 1_000_000), defaultShape.facilityCount)
    .option('--equipment-min <n>', 'fewest equipment per facility', wholeNumber('--equipment-min', 0), defaultShape.equipmentMin)
    .option('--equipment-max <n>', 'most equipment per facility', wholeNumber('--equipment-max', 0), defaultShape.equipmentMax)
    .option('--token <token>', 'require this bearer token on every request')
    .option('--latency-ms <ms>', 'added latency per request', wholeNumber('--latency-ms', 0), 0)
    .option('--error-rate <p>', 'probability of a 503 per request', rate('--error-rate'), 0)
    .action(
      exitsWith(async (o: SimOptions, cmd: Command) => {
        const { out } = contextOf(cmd);
        if (o.equipmentMax < o.equipmentMin)
          throw new CliError(ExitCode.USAGE, 'USAGE', `--equipment-max (${o.equipmentMax}) is below --equipment-min (${o.equipmentMin})`);
        let server;
        try {
          server = await startSimulator({
            host: o.host,
            port: o.port,
            shape: { seed: o.seed, facilityCount: o.facilities, equipmentMin: o.equipmentMin, equipmentMax: o.equipmentMax },
            token: o.token,
            knobs: { latencyMs: o.latencyMs, errorRate: o.errorRate },
          });
        } catch (err) {
          throw new CliError(ExitCode.UNAVAILABLE, 'LISTEN_FAILED', `cannot listen on ${o.host}:${o.port}: ${(err as Error).message}`);
        }
        out.result(
          { url: server.url, seed: o.seed, facilities: o.facilities, equipment_min: o.equipmentMin, equipment_max: o.equipmentMax },
          `condoit simulator listening on ${server.url} (seed ${o.seed}, ${o.facilities} facilities, ${o.equipmentMin}-${o.equipmentMax} equipment each); Ctrl-C stops it`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.close();
        return ExitCode.OK;
      }),
    );
}
