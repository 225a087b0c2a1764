/**
 * Operators' control of the portfolio reassessment Schedule, shared by the CLI (`masterbus schedule …`) and the
 * admin API (`/v1/portfolio/schedule/*`): one implementation of each action and of the state both report.
 */
import type { Client, ScheduleDescription, ScheduleHandle } from '@temporalio/client';
import type { TemporalConfig } from '../config/temporal-config.js';
import { applyPortfolioSchedule } from './portfolio-schedule.js';

export interface ScheduleState {
  schedule_id: string;
  paused: boolean;
  note: string | null;
  next_action_times: string[];
  recent_actions: { scheduled_at: string; workflow_id: string }[];
}

export function scheduleState(d: ScheduleDescription): ScheduleState {
  return {
    schedule_id: d.scheduleId,
    paused: d.state.paused,
    note: d.state.note ?? null,
    next_action_times: d.info.nextActionTimes.map((t) => t.toISOString()),
    recent_actions: d.info.recentActions.map((a) => ({
      scheduled_at: a.scheduledAt.toISOString(),
      workflow_id: a.action.type === 'startWorkflow' ? a.action.workflow.workflowId : '',
    })),
  };
}

export type ScheduleAction =
  | { kind: 'describe' }
  | { kind: 'apply' }
  | { kind: 'pause'; note: string }
  | { kind: 'resume'; note: string }
  | { kind: 'trigger' }
  | { kind: 'backfill'; start: Date; end: Date };

/** Runs one action on the schedule and returns its state afterwards (plus whether `apply` created or updated it). */
export async function controlSchedule(
  client: Client,
  cfg: TemporalConfig,
  action: ScheduleAction,
): Promise<ScheduleState & { applied?: 'created' | 'updated' }> {
  const handle: ScheduleHandle = client.schedule.getHandle(cfg.portfolioSchedule.id);
  let applied: 'created' | 'updated' | undefined;
  switch (action.kind) {
    case 'apply':
      applied = await applyPortfolioSchedule(client, cfg);
      break;
    case 'pause':
      await handle.pause(action.note);
      break;
    case 'resume':
      await handle.unpause(action.note);
      break;
    case 'trigger':
      await handle.trigger();
      break;
    case 'backfill':
      if (!(action.start < action.end)) throw new RangeError('backfill: the start must be before the end');
      await handle.backfill({ start: action.start, end: action.end, overlap: 'ALLOW_ALL' });
      break;
    case 'describe':
      break;
  }
  return { ...scheduleState(await handle.describe()), ...(applied ? { applied } : {}) };
}
