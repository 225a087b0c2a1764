/**
 * What an orchestrated run cost Temporal: workflow executions (every run, including continued-as-new ones),
 * activities scheduled and history events, read back from the server after the run.
 */
import type { Client } from '@temporalio/client';

export interface TemporalCounts {
  workflows: number;
  activities: number;
  events: number;
}

export async function temporalCounts(client: Client, query: string, concurrency = 8): Promise<TemporalCounts> {
  const runs: { workflowId: string; runId: string }[] = [];
  for await (const w of client.workflow.list({ query })) runs.push({ workflowId: w.workflowId, runId: w.runId });
  let activities = 0;
  let events = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs.length) {
        const r = runs[next++]!;
        const history = await client.workflow.getHandle(r.workflowId, r.runId).fetchHistory();
        for (const e of history.events ?? []) {
          events += 1;
          if (e.activityTaskScheduledEventAttributes) activities += 1;
        }
      }
    }),
  );
  return { workflows: runs.length, activities, events };
}
