/** Entry point of `masterbus` (bin/masterbus.js, `npm run masterbus --`). */
import { CommanderError } from 'commander';
import { CliError, ExitCode } from './exit-codes.js';
import { asCliError, createOutput } from './output.js';
import { buildProgram } from './program.js';

const json = process.argv.includes('--json');
try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed its message (or the help / version) already.
    const shown = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code);
    if (!shown && json)
      createOutput(true, { out: process.stdout, err: { write: () => true } as unknown as NodeJS.WritableStream }).error(
        new CliError(ExitCode.USAGE, 'USAGE', err.message),
      );
    process.exitCode = shown ? ExitCode.OK : ExitCode.USAGE;
  } else {
    const failure = asCliError(err);
    createOutput(json).error(failure);
    process.exitCode = failure.exitCode;
  }
}
// Connections closed, servers stopped: nothing should keep the process, but a stray keep-alive socket must not.
process.exit(process.exitCode ?? ExitCode.OK);
