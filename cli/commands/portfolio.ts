/** `masterbus portfolio run|status|cancel`: full-portfolio reassessments through the API (admin token). */
import { Command } from 'commander';
import type { z } from 'zod';
import { zPortfolioRunView } from '../../contract/portfolio-run-view.js';
import { contextOf, exitsWith, wholeNumber } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { followUntilDone } from '../follow-progress.js';

type PortfolioRunView = z.infer<typeof zPortfolioRunView>;

function runLines(r: PortfolioRunView): string[] {
  const c = r.counts;
  const lines = [
    `portfolio run ${r.assessment_id} ${r.status}${r.duration_ms === null ? '' : ` in ${(r.duration_ms / 1000).toFixed(1)} s`}${r.force ? ' (forced)' : ''}`,
  ];
  if (r.progress)
    lines.push(
      `  in progress: ${r.progress.assessed} assessed, ${r.progress.failed} failed, ${r.progress.skipped} skipped, ${r.progress.in_flight} in flight, ${r.progress.remaining} remaining${r.progress.eta_seconds === null ? '' : `, ETA ${r.progress.eta_seconds} s`}`,
    );
  else if (r.scope === 'caller') lines.push(`  your facilities: ${c.assessed} assessed, ${c.failed} failed`);
  else lines.push(`  ${c.listed} listed: ${c.assessed} assessed, ${c.failed} failed, ${c.skipped} skipped (unchanged)`);
  for (const f of r.failures.slice(0, 5)) lines.push(`  - ${f.facility_id}: ${f.code} ${f.message}`);
  if (r.error) lines.push(`  error ${r.error.code}: ${r.error.message}`);
  lines.push(`  Temporal workflow ${r.temporal.workflow_id}`);
  return lines;
}

const progressOf = (r: PortfolioRunView) => {
  const p = r.progress;
  const done = p ? p.assessed + p.failed + p.skipped : r.counts.assessed + r.counts.failed + (r.counts.skipped ?? 0);
  const total = p ? done + p.in_flight + p.remaining : (r.counts.listed ?? done);
  const percent = r.status === 'completed' ? 100 : total > 0 ? (100 * done) / total : 0;
  return { status: r.status, percent, detail: p ? `${p.phase}: ${done}/${total}${p.listing_complete ? '' : '+'}` : '' };
};

/** A run's final status as the exit code: only a completed run (even with some failed facilities) is 0. */
const exitFor = (r: PortfolioRunView) =>
  r.status === 'completed' ? ExitCode.OK : r.status === 'failed' || r.status === 'cancelled' ? ExitCode.FAILED : ExitCode.OK;

function runId(id: string): string {
  if (!id.startsWith('prt_')) throw new CliError(ExitCode.USAGE, 'USAGE', `a portfolio run id starts with prt_ (got "${id}")`);
  return id;
}

export function portfolioCommand(): Command {
  const portfolio = new Command('portfolio').description('full-portfolio reassessments (admin token)');
  portfolio
    .command('run')
    .description('start a portfolio reassessment (changed facilities, or all with --force)')
    .option('--force', 'reassess every facility, changed or not', false)
    .option('--follow', 'follow the run until it finishes', false)
    .option('--idempotency-key <key>', 'repeat safely: the same key returns the same run')
    .option('--timeout <seconds>', 'give up following after this long (the run goes on)', wholeNumber('--timeout', 1), 3600)
    .action(
      exitsWith(async (opts: { force: boolean; follow: boolean; idempotencyKey?: string; timeout: number }, cmd: Command) => {
        const { api, out } = contextOf(cmd);
        const started = await api.post(
          '/v1/portfolio/assessments',
          zPortfolioRunView,
          { force: opts.force },
          opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {},
        );
        const run = opts.follow
          ? await followUntilDone(() => api.get(started.links.self, zPortfolioRunView), progressOf, {
              label: started.assessment_id,
              timeoutMs: opts.timeout * 1000,
            })
          : started;
        out.result(run, runLines(run));
        return exitFor(run);
      }),
    );
  portfolio
    .command('status')
    .description('show a portfolio run: status, counts, live progress, failures')
    .argument('<run-id>', 'prt_…')
    .action(
      exitsWith(async (id: string, _opts: unknown, cmd: Command) => {
        const { api, out } = contextOf(cmd);
        const run = await api.get(`/v1/assessments/${encodeURIComponent(runId(id))}`, zPortfolioRunView);
        out.result(run, runLines(run));
        return exitFor(run);
      }),
    );
  portfolio
    .command('cancel')
    .description('cancel a running portfolio run (completed facilities keep their results)')
    .argument('<run-id>', 'prt_…')
    .action(
      exitsWith(async (id: string, _opts: unknown, cmd: Command) => {
        const { api, out } = contextOf(cmd);
        const run = await api.post(`/v1/assessments/${encodeURIComponent(runId(id))}/cancel`, zPortfolioRunView);
        out.result(run, [`cancellation requested for ${run.assessment_id}`, ...runLines(run).slice(1)]);
        return ExitCode.OK;
      }),
    );
  return portfolio;
}
