/**
 * The full-portfolio reassessment Schedule (a Temporal Schedule, not cron in our code), defined in
 * temporal.config.yaml and applied idempotently: created if missing, else updated to match the file. Every
 * worker applies it at start, so however many start, there is one schedule.
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import { reassessPortfolioOptions } from '../workflows/activity-options.js';
import type { TemporalConfig } from '../config/temporal-config.js';
import type { ReassessPortfolioInput } from '../workflows/reassess-portfolio-input.js';

export function portfolioScheduleOptions(cfg: TemporalConfig): ScheduleOptions {
  const s = cfg.portfolioSchedule;
  const input: ReassessPortfolioInput = {
    trigger: 'schedule',
    requestedBy: 'schedule',
    force: false,
    options: reassessPortfolioOptions(cfg),
  };
  return {
    scheduleId: s.id,
    spec: {
      calendars: [
        { hour: s.calendar.hour, minute: s.calendar.minute, ...(s.calendar.dayOfWeek ? { dayOfWeek: s.calendar.dayOfWeek } : {}) },
      ],
      timezone: s.timeZone,
      jitter: s.jitter as '5m',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'reassessPortfolio',
      // Temporal appends the scheduled time: portfolio-reassessment-2026-11-27T02:00:00Z.
      workflowId: 'portfolio-reassessment',
      taskQueue: cfg.taskQueues.assessments,
      args: [input],
      staticSummary: 'Scheduled full-portfolio compliance reassessment',
      memo: { requestedBy: 'schedule' },
    },
    policies: { overlap: s.overlap, catchupWindow: s.catchupWindow as '1h' },
    state: { note: 'Managed by MasterBus (temporal.config.yaml); changes here are overwritten at worker start.' },
  };
}

export async function applyPortfolioSchedule(client: Client, cfg: TemporalConfig): Promise<'created' | 'updated'> {
  const options = portfolioScheduleOptions(cfg);
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
    return 'updated';
  }
}
