/** The `masterbus` command: global options and one subcommand per file under cli/commands/. */
import { Command, Option } from 'commander';
import { assessCommand } from './commands/assess.js';
import { historyCommand } from './commands/history.js';
import { portfolioCommand } from './commands/portfolio.js';
import { scheduleCommand } from './commands/schedule.js';
import { simCommand } from './commands/sim.js';
import { tokenCommand } from './commands/token.js';
import { exitCodeHelp } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('masterbus')
    .description(
      'Operate MasterBus: assessments, portfolio runs, the reassessment schedule, trend re-scores, development tokens, the Condoit simulator.',
    )
    .version('0.1.0')
    .addOption(new Option('--api-url <url>', 'the MasterBus API').env('MASTERBUS_API_URL').default('http://127.0.0.1:8080'))
    .addOption(new Option('--token <jwt>', 'API bearer token').env('MASTERBUS_TOKEN'))
    .option('--json', 'print the result as one JSON document on stdout (errors too: {"error": {...}})', false)
    .addHelpText(
      'after',
      `${exitCodeHelp}\n\nEnvironment: MASTERBUS_API_URL, MASTERBUS_TOKEN; schedule and token use TEMPORAL_*, JWT_* as the services do.`,
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const command of [assessCommand(), portfolioCommand(), scheduleCommand(), historyCommand(), tokenCommand(), simCommand()]) {
    program.addCommand(command.exitOverride());
  }
  return program;
}
