import { z } from 'zod';

/** LOG_LEVEL's values (pino's levels, and silent). */
export const zLogLevel = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
export type LogLevel = z.infer<typeof zLogLevel>;
