/**
 * NFPA 70B condition-based maintenance schedule: which tasks an equipment needs (by type, and insulation for
 * transformers), how often (by condition), when each was last done, when it is next due, and its status.
 */
import type { Equipment, MaintenanceTask } from '../condoit/schema.js';
import { addMonths, DAY_MS, daysBetween, monthsBetween, parseDay } from './dates.js';
import { MODEL, type ConditionLevel, type TaskRequirement } from './model-table.js';

export type MaintenanceStatus = 'up_to_date' | 'due_soon' | 'overdue';

export interface TaskStatus {
  task: MaintenanceTask;
  interval_months: number;
  last_performed: string | null;
  /** Null when the task was never done and the install date is unknown: it is overdue with no known due date. */
  next_due: string | null;
  status: MaintenanceStatus;
  days_overdue: number;
  /** Whole intervals elapsed since the task was last due (0 when current). */
  missed_cycles: number;
}

export function requiredTasks(e: Equipment): TaskRequirement[] {
  return MODEL.maintenance.requirements[e.type].filter((r: TaskRequirement) => !r.onlyLiquidInsulation || e.insulation === 'liquid');
}

const taskLabels: Record<MaintenanceTask, string> = {
  infrared_thermography: 'infrared scan',
  visual_inspection: 'visual inspection',
  cleaning: 'cleaning',
  mechanical_servicing: 'mechanical servicing',
  electrical_testing: 'electrical testing',
  insulation_testing: 'insulation testing',
  torque_check: 'torque check',
  fluid_analysis: 'fluid analysis',
  repair: 'repair',
  replacement: 'replacement',
};
export const taskLabel = (t: MaintenanceTask): string => taskLabels[t];

/** The latest date a record satisfying `task` was performed (deferred work does not count). */
export function lastPerformed(e: Equipment, task: MaintenanceTask): string | null {
  const accepted = MODEL.maintenance.satisfiedBy.value[task] ?? [task];
  let latest: string | null = null;
  for (const r of e.maintenance_records) {
    if (r.result === 'deferred' || !accepted.includes(r.task)) continue;
    const day = r.date.slice(0, 10);
    if (latest === null || day > latest) latest = day;
  }
  return latest;
}

/** Due dates (base + k·interval, calendar months) strictly past at `asOf`: a cycle is missed once its day has gone. */
function missedCycles(base: string, interval: number, asOf: number): number {
  const limit = MODEL.maintenance.missedCyclesForC3.value + 10;
  let k = 0;
  while (k < limit && parseDay(addMonths(base, (k + 1) * interval)) + DAY_MS <= asOf) k += 1;
  return k;
}

export function taskStatus(e: Equipment, req: TaskRequirement, condition: ConditionLevel, asOf: number, dueSoonDays = MODEL.maintenance.dueSoonWindowDays.value): TaskStatus {
  const interval = req.intervals.value[condition - 1]!;
  const last = lastPerformed(e, req.task);
  // Never performed: due one interval after installation (or at once when the install date is unknown).
  const base = last ?? e.install_date?.slice(0, 10) ?? null;
  if (base === null) {
    return { task: req.task, interval_months: interval, last_performed: null, next_due: null, status: 'overdue', days_overdue: 0, missed_cycles: MODEL.maintenance.missedCyclesForC3.value };
  }
  const nextDue = addMonths(base, interval);
  const daysPast = daysBetween(nextDue, asOf);
  const status: MaintenanceStatus = daysPast > 0 ? 'overdue' : -daysPast <= dueSoonDays ? 'due_soon' : 'up_to_date';
  return {
    task: req.task,
    interval_months: interval,
    last_performed: last,
    next_due: nextDue,
    status,
    days_overdue: Math.max(0, daysPast),
    missed_cycles: missedCycles(base, interval, asOf),
  };
}

export function taskStatuses(e: Equipment, condition: ConditionLevel, asOf: number, dueSoonDays?: number): TaskStatus[] {
  return requiredTasks(e).map((r) => taskStatus(e, r, condition, asOf, dueSoonDays));
}

/** "Last infrared scan 19 months ago; interval for condition 2 is 12 months (NFPA 70B)". */
export function describeTask(t: TaskStatus, condition: ConditionLevel, asOf: number): string {
  const label = taskLabel(t.task);
  const interval = `interval for condition ${condition} is ${t.interval_months} months (NFPA 70B)`;
  if (!t.last_performed) return `No ${label} on record; ${interval}`;
  const months = Math.max(0, Math.floor(monthsBetween(t.last_performed, asOf)));
  return `Last ${label} ${months} months ago; ${interval}`;
}

export function worstStatus(statuses: readonly TaskStatus[]): MaintenanceStatus {
  if (statuses.some((t) => t.status === 'overdue')) return 'overdue';
  if (statuses.some((t) => t.status === 'due_soon')) return 'due_soon';
  return 'up_to_date';
}
