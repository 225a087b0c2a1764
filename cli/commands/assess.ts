/** `masterbus assess <facility>`: start (or join) a facility assessment, follow it, print the result summary. */
import { Command } from 'commander';
import type { z } from 'zod';
import { zAssessmentView, type AssessmentView } from '../../contract/assessment-view.js';
import { zFacilityRisks } from '../../domain/read-models.js';
import { contextOf, exitsWith, wholeNumber } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { followUntilDone } from '../follow-progress.js';

const zRiskSummary = zFacilityRisks.pick({ risk_summary: true, high_risk_items: true });

function summaryLines(a: AssessmentView, risks: z.infer<typeof zRiskSummary> | null): string[] {
  const took = a.duration_ms === null ? '' : ` in ${(a.duration_ms / 1000).toFixed(1)} s`;
  const lines = [`${a.facility_id}: assessment ${a.assessment_id} ${a.status}${took}`];
  if (a.result) {
    lines.push(
      `  risk score ${a.result.risk_score} (${a.result.risk_level}), ${a.result.equipment_count} equipment, ${a.result.data_quality_issue_count} data-quality issues`,
    );
  }
  if (risks) {
    const s = risks.risk_summary;
    lines.push(
      `  equipment by risk: ${s.critical_risk_equipment_count} critical, ${s.high_risk_equipment_count} high, ${s.medium_risk_equipment_count} medium, ${s.low_risk_equipment_count} low`,
    );
    for (const item of risks.high_risk_items.slice(0, 3))
      lines.push(
        `  - ${item.equipment_id} ${item.equipment_name} (${item.equipment_type}): ${item.risk_level} ${item.risk_score}, ${item.primary_risk_factor}`,
      );
  }
  if (a.error) lines.push(`  error ${a.error.code}: ${a.error.message}`);
  lines.push(`  Temporal workflow ${a.temporal.workflow_id} (run ${a.temporal.run_id})`);
  return lines;
}

export function assessCommand(): Command {
  return new Command('assess')
    .description('start (or join) an assessment of a facility, follow it, and print the result summary')
    .argument('<facility>', 'facility id, e.g. fac-00001')
    .option('--idempotency-key <key>', 'repeat safely: the same key returns the same assessment')
    .option('--no-follow', 'print the accepted assessment and return without waiting')
    .option('--timeout <seconds>', 'give up following after this long (the run goes on)', wholeNumber('--timeout', 1), 600)
    .action(
      exitsWith(async (facility: string, opts: { idempotencyKey?: string; follow: boolean; timeout: number }, cmd: Command) => {
        const { api, out } = contextOf(cmd);
        const started = await api.post(
          `/v1/facilities/${encodeURIComponent(facility)}/assessments`,
          zAssessmentView,
          undefined,
          opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {},
        );
        if (!opts.follow) {
          out.result({ assessment: started, risks: null }, [
            `${facility}: assessment ${started.assessment_id} ${started.status}`,
            `  poll: ${started.links.self}`,
          ]);
          return ExitCode.OK;
        }
        const done = await followUntilDone(
          () => api.get(started.links.self, zAssessmentView),
          (a) => ({ status: a.status, percent: a.progress.percent, detail: a.progress.phase }),
          { label: `${facility} ${started.assessment_id}`, timeoutMs: opts.timeout * 1000 },
        );
        const risks = done.links.risks ? await api.get(done.links.risks, zRiskSummary) : null;
        out.result({ assessment: done, risks }, summaryLines(done, risks));
        return done.status === 'completed' ? ExitCode.OK : ExitCode.FAILED;
      }),
    );
}
