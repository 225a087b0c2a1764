/**
 * The CLI's exit codes (documented in `masterbus --help` and docs/operations.md); scripts branch on them.
 */
export const ExitCode = {
  /** Done: the assessment or run completed, the command did what it said. */
  OK: 0,
  /** The assessment or portfolio run failed or was cancelled (or did not finish within --timeout). */
  FAILED: 1,
  /** The command line is wrong, or the API rejected the request as invalid. */
  USAGE: 2,
  /** A service (API, Temporal) is unreachable or unavailable, or it refused our credentials. */
  UNAVAILABLE: 3,
  /** No such facility, assessment or run visible to the caller. */
  NOT_FOUND: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = `
Exit codes:
  0  ok
  1  the assessment or portfolio run failed, was cancelled, or did not finish within --timeout
  2  usage error (bad arguments or a request the API rejected as invalid)
  3  service unavailable (API or Temporal unreachable, 5xx, rate-limited) or credentials refused (401/403)
  4  not found (facility, assessment or run unknown to the caller)`;

/** A failure the CLI reports as one clear line (and as JSON with --json) before exiting with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly exitCode: ExitCodeValue,
    /** Machine code: the API's error code when it sent one, else ours (CONNECTION_REFUSED, USAGE, ...). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
