/**
 * Starting the trend re-score of a model version (workflow rescoreHistory, id `rescore-history-<version>`). Every
 * worker calls it at start: the first start of a version runs it; later starts find that id — running or closed
 * — and leave it alone (reuse policy REJECT_DUPLICATE), so each version's re-score runs once and a running one
 * is never disturbed. `again` (the CLI's `history rescore --again`) starts a new run once the previous one closed.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { TemporalConfig } from '../config/temporal-config.js';
import { rescoreHistoryOptions } from '../workflows/activity-options.js';
import { historyRescoreWorkflowId } from '../workflows/ids.js';
import type { RescoreHistoryInput, RescoreHistoryProgress, RescoreHistoryState } from '../workflows/rescore-history-input.js';
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

export interface HistoryRescoreStatus {
  workflow_id: string;
  run_id: string;
  status: string;
  /**
   * The running run's progress (its `progress` query, answered by a worker within 5 s), or the finished run's
   * totals; null for a failed run, or a running one no worker answers for.
   */
  progress: RescoreHistoryProgress | RescoreHistoryState | null;
}

/** The version's re-score as Temporal sees it (the latest run of the id), or null if it never started. */
export async function describeHistoryRescore(client: Client, modelVersion: string): Promise<HistoryRescoreStatus | null> {
  const handle = client.workflow.getHandle(historyRescoreWorkflowId(modelVersion));
  let d;
  try {
    d = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
  const status = d.status.name;
  const progress =
    status === 'RUNNING'
      ? await client.withDeadline(Date.now() + 5_000, () => handle.query<RescoreHistoryProgress>('progress')).catch(() => null)
      : status === 'COMPLETED'
        ? ((await handle.result()) as RescoreHistoryState)
        : null;
  return { workflow_id: d.workflowId, run_id: d.runId, status, progress };
}
