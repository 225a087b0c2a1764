/**
 * Temporal's Logger interface over our pino logger, so the SDK's own lines (worker state, workflow and activity
 * `log` calls with their Context metadata, and Core's Rust logs when forwarded) come out as the same JSON.
 */
import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import type { Logger, LogLevel } from './logger.js';

const toPino = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<
  TemporalLogLevel,
  LogLevel
>;

/** Our level for Core's log filter (Core knows no fatal/silent: the nearest stricter level). */
export function toTemporalLevel(level: LogLevel): TemporalLogLevel {
  const map: Record<LogLevel, TemporalLogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'INFO',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
    silent: 'ERROR',
  };
  return map[level];
}

function fields(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  const { error, ...rest } = meta as Record<string, unknown>;
  // pino serialises errors (type, message, stack) under `err`.
  return error === undefined ? rest : { ...rest, err: error };
}

export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: TemporalLogLevel, message: string, meta?: LogMetadata) => {
    logger[toPino[level]](fields(meta), message);
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}
