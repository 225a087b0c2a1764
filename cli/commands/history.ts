/**
 * `masterbus history rescore [--again] | status`: the trend re-score of this model version (workflow
 * rescoreHistory, id `rescore-history-<MODEL_VERSION>`), straight on Temporal as the worker starts it.
 */
import { Command } from 'commander';
import { MODEL_VERSION } from '../../domain/model-version.js';
import { describeHistoryRescore, startHistoryRescore, type HistoryRescoreStatus } from '../../temporal-admin/history-rescore.js';
import { contextOf, exitsWith, type CliContext } from '../context.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { openTemporal } from '../temporal-client.js';

function show(ctx: CliContext, status: HistoryRescoreStatus, started?: 'started' | 'exists'): void {
  const p = status.progress;
  ctx.out.result({ ...(started ? { outcome: started } : {}), ...status }, [
    `${status.workflow_id} (model ${MODEL_VERSION})${started ? ` ${started}` : ''}: ${status.status.toLowerCase()}`,
    ...(p ? [`  ${p.facilities} facilities, ${p.rescored} points re-scored, ${p.dropped} dropped, ${p.failed} failed`] : []),
  ]);
}

async function withTemporal(cmd: Command, act: (ctx: CliContext, t: Awaited<ReturnType<typeof openTemporal>>) => Promise<ExitCodeValue>) {
  const ctx = contextOf(cmd);
  const t = await openTemporal(ctx);
  try {
    return await act(ctx, t);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(ExitCode.UNAVAILABLE, 'TEMPORAL_ERROR', (err as Error).message);
  } finally {
    await t.close();
  }
}

export function historyCommand(): Command {
  const history = new Command('history').description(`re-scoring stored trends under this model version (${MODEL_VERSION})`);
  history
    .command('rescore')
    .description('start the re-score if it never ran (every worker does at start); with --again, run it again once the last run closed')
    .option('--again', 'start a new run even though one ran (refused while one runs)', false)
    .action(
      exitsWith(async (opts: { again: boolean }, cmd: Command) =>
        withTemporal(cmd, async (ctx, { cfg, client }) => {
          const { outcome } = await startHistoryRescore(client, cfg, MODEL_VERSION, { again: opts.again });
          show(ctx, (await describeHistoryRescore(client, MODEL_VERSION))!, outcome);
          return ExitCode.OK;
        }),
      ),
    );
  history
    .command('status')
    .description('show the re-score of this model version: running, completed, failed, and its counts')
    .action(
      exitsWith(async (_opts: unknown, cmd: Command) =>
        withTemporal(cmd, async (ctx, { client }) => {
          const status = await describeHistoryRescore(client, MODEL_VERSION);
          if (!status)
            throw new CliError(
              ExitCode.NOT_FOUND,
              'NOT_FOUND',
              `no re-score of model ${MODEL_VERSION} has started; run: masterbus history rescore`,
            );
          show(ctx, status);
          return ExitCode.OK;
        }),
      ),
    );
  return history;
}
