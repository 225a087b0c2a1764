/**
 * The one logger: structured JSON lines (pino) on stdout, level from LOG_LEVEL. Every process builds it once at
 * start and hands children to what it wires (`logger.child({ requestId })`, Temporal's runtime logger).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/log-level.js';

export type { Logger, LogLevel };

export interface LoggerOptions {
  /** Which process writes: api, worker, cli, condoit-simulator. */
  service: string;
  level: LogLevel;
  /** Where lines go (tests capture them); stdout, written synchronously, by default. */
  destination?: DestinationStream;
}

export function createLogger(o: LoggerOptions): Logger {
  return pino(
    {
      level: o.level,
      base: { service: o.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than pino's numbers: operators grep for it, log shippers map it.
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous writes: a fatal line before process.exit is never lost, and tests read complete lines.
    o.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
