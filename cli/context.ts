import type { Command } from 'commander';
import { parseEnv, type Env } from '../config/env.js';
import { ApiClient } from './api-client.js';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  apiUrl: string;
  token?: string;
  json: boolean;
}

export interface CliContext {
  out: Output;
  api: ApiClient;
  /** The environment (Temporal, JWT settings), parsed on first use so API-only commands never need it. */
  env(): Env;
}

export function contextOf(cmd: Command): CliContext {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  let env: Env | undefined;
  return {
    out: createOutput(g.json),
    api: new ApiClient({ url: g.apiUrl, token: g.token }),
    env() {
      try {
        env ??= parseEnv();
      } catch (err) {
        throw new CliError(ExitCode.USAGE, 'INVALID_ENVIRONMENT', (err as Error).message);
      }
      return env;
    },
  };
}

/** Parses a whole-number option (commander argParser), failing as a usage error that names the option. */
export function wholeNumber(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new CliError(ExitCode.USAGE, 'USAGE', `${name} must be a whole number from ${min} to ${max} (got "${value}")`);
    return n;
  };
}

/** Wraps a command's action so the exit code it returns becomes the process's. */
export function exitsWith<A extends unknown[]>(action: (...args: A) => Promise<ExitCodeValue>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.exitCode = await action(...args);
  };
}
