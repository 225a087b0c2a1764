/**
 * `masterbus schedule describe|apply|pause|resume|trigger|backfill`: the portfolio reassessment Schedule, straight
 * on Temporal (TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_CONFIG), as the admin API does it.
 */
import { Command } from 'commander';
import { controlSchedule, type ScheduleAction } from '../../temporal-admin/schedule-control.js';
import { contextOf, exitsWith } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { openTemporal } from '../temporal-client.js';

function instant(name: string) {
  return (value: string): Date => {
    const d = new Date(value);
    if (Number.isNaN(d.getTime()))
      throw new CliError(ExitCode.USAGE, 'USAGE', `${name} must be an ISO 8601 time such as 2026-11-01T00:00:00Z (got "${value}")`);
    return d;
  };
}

async function run(cmd: Command, action: ScheduleAction) {
  const ctx = contextOf(cmd);
  const { cfg, client, close } = await openTemporal(ctx);
  try {
    const state = await controlSchedule(client, cfg, action).catch((err: unknown) => {
      if (err instanceof RangeError) throw new CliError(ExitCode.USAGE, 'USAGE', err.message);
      const notFound = (err as Error).name === 'ScheduleNotFoundError';
      throw new CliError(
        notFound ? ExitCode.NOT_FOUND : ExitCode.UNAVAILABLE,
        notFound ? 'SCHEDULE_NOT_FOUND' : 'TEMPORAL_ERROR',
        notFound
          ? `schedule ${cfg.portfolioSchedule.id} does not exist in ${cfg.namespace}; run: masterbus schedule apply`
          : (err as Error).message,
      );
    });
    const lines = [
      `schedule ${state.schedule_id}${state.applied ? ` ${state.applied}` : ''}: ${state.paused ? 'paused' : 'active'}${state.note ? ` (${state.note})` : ''}`,
      `  next: ${state.next_action_times.slice(0, 3).join(', ') || '(none)'}`,
      ...state.recent_actions.slice(-3).map((a) => `  ran: ${a.scheduled_at} ${a.workflow_id}`),
    ];
    ctx.out.result(state, lines);
    return ExitCode.OK;
  } finally {
    await close();
  }
}

export function scheduleCommand(): Command {
  const schedule = new Command('schedule').description('the portfolio reassessment Schedule on Temporal (temporal.config.yaml)');
  const simple = (name: string, description: string, action: ScheduleAction) =>
    schedule
      .command(name)
      .description(description)
      .action(exitsWith(async (_opts: unknown, cmd: Command) => run(cmd, action)));
  simple('describe', 'show whether it is paused, its next and recent runs', { kind: 'describe' });
  simple('apply', 'create the schedule, or update it to match temporal.config.yaml', { kind: 'apply' });
  simple('pause', 'stop scheduled runs until resumed', { kind: 'pause', note: 'paused from the masterbus command line' });
  simple('resume', 'resume scheduled runs', { kind: 'resume', note: 'resumed from the masterbus command line' });
  simple('trigger', 'start a scheduled run now', { kind: 'trigger' });
  schedule
    .command('backfill')
    .description('run the actions a past time range would have run')
    .argument('<start>', 'ISO 8601 start', instant('<start>'))
    .argument('<end>', 'ISO 8601 end', instant('<end>'))
    .action(exitsWith(async (start: Date, end: Date, _opts: unknown, cmd: Command) => run(cmd, { kind: 'backfill', start, end })));
  return schedule;
}
