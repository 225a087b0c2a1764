/**
 * Where the CLI writes: results on stdout (JSON with --json, short lines otherwise), progress and errors on stderr,
 * so `masterbus … --json | jq` always reads one JSON document.
 */
import { CliError, ExitCode } from './exit-codes.js';

export interface Output {
  json: boolean;
  /** The command's result: `human` lines, or `data` as one JSON document with --json. */
  result(data: unknown, human: string | string[]): void;
  /** A progress note on stderr (never in the JSON document). */
  note(line: string): void;
  error(err: CliError): void;
}

export function createOutput(
  json: boolean,
  streams: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr },
): Output {
  return {
    json,
    result(data, human) {
      streams.out.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${[human].flat().join('\n')}\n`);
    },
    note(line) {
      streams.err.write(`${line}\n`);
    },
    error(err) {
      if (json)
        streams.out.write(`${JSON.stringify({ error: { code: err.code, message: err.message, exit_code: err.exitCode } }, null, 2)}\n`);
      streams.err.write(`masterbus: ${err.message}\n`);
    },
  };
}

/** Any failure as a CliError: ours as they are, anything else as an unexpected failure of the command. */
export function asCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  return new CliError(ExitCode.FAILED, 'UNEXPECTED', (err as Error)?.message ?? String(err));
}
