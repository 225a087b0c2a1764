/**
 * Starting the trend re-score of a model version (workflow rescoreHistory, id `rescore-history-<version>`). Every
 * worker calls it at start: the first start of a version runs it; later starts find that id — running or closed
 * — and leave it alone (reuse policy REJECT_DUPLICATE), so each version's re-score runs once and a running one
 * is never disturbed. `again` (the CLI's `history rescore --again`) starts a new run once the previous one closed.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { TemporalConfig } from '../config/temporal-config.js';
import { rescoreHistoryOptions } from '../workflows/activity-options.js';
import { historyRescoreWorkflowId } from '../workflows/ids.js';
import type { RescoreHistoryInput } from '../workflows/rescore-history-input.js';
import { ModelVersionKey } from '../workflows/search-attributes.js';

export type HistoryRescoreStart = { outcome: 'started' | 'exists'; workflowId: string };

export async function startHistoryRescore(
  client: Client,
  cfg: TemporalConfig,
  modelVersion: string,
  o: { again?: boolean } = {},
): Promise<HistoryRescoreStart> {
  const workflowId = historyRescoreWorkflowId(modelVersion);
  const input: RescoreHistoryInput = { modelVersion, options: rescoreHistoryOptions(cfg) };
  try {
    await client.workflow.start('rescoreHistory', {
      workflowId,
      taskQueue: cfg.taskQueues.assessments,
      args: [input],
      workflowIdReusePolicy: o.again ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [{ key: ModelVersionKey, value: modelVersion }],
      staticSummary: `Re-score stored trend points under model ${modelVersion}`,
    });
    return { outcome: 'started', workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { outcome: 'exists', workflowId };
    throw err;
  }
}
