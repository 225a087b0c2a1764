/**
 * NFPA 70B condition-based maintenance schedule: which tasks an equipment needs (by type, and insulation for
 * transformers), how often (by condition), when each was last done, when it is next due, and its status.
 */
import type { Equipment, MaintenanceTask } from './inputs.js';
import {
  addMonths,
  addMonthsCivil,
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  formatCivil,
  isMonthArithmeticYear,
  monthsBetween,
  parseDay,
  plainCivil,
  type CivilDate,
} from './dates.js';
import { countsAsPerformed, lastPerformedDay, lastResolutionDay, readEvidence, tasksAccepted, type PerformedDays } from './evidence.js';
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

/** An unknown transformer insulation is assumed liquid-filled (MODEL.assumptions.insulation): fluid analysis is required. */
const isLiquid = (e: Equipment) => (e.insulation ?? MODEL.assumptions.insulation.value) === 'liquid';

export function requiredTasks(e: Equipment): TaskRequirement[] {
  return MODEL.maintenance.requirements[e.type].filter((r: TaskRequirement) => !r.onlyLiquidInsulation || isLiquid(e));
}

/** `requiredTasks`, shared per type and insulation (read-only: scoring asks for it for every equipment). */
const requiredCache = { dry: new Map<string, readonly TaskRequirement[]>(), liquid: new Map<string, readonly TaskRequirement[]>() };
function sharedRequiredTasks(e: Equipment): readonly TaskRequirement[] {
  // One map per insulation, keyed by the type itself: no key string is built per equipment.
  const cache = isLiquid(e) ? requiredCache.liquid : requiredCache.dry;
  let tasks = cache.get(e.type);
  if (!tasks) cache.set(e.type, (tasks = requiredTasks(e)));
  return tasks;
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

/** The latest date a record satisfying `task` was performed (deferred work, inconclusive scans and open failures do not count). */
export function lastPerformed(
  e: Equipment,
  task: MaintenanceTask,
  lastResolution = lastResolutionDay(e.maintenance_records),
): string | null {
  const accepted = tasksAccepted(task);
  let latest: string | null = null;
  for (const r of e.maintenance_records) {
    if (!countsAsPerformed(r, lastResolution) || !accepted.includes(r.task)) continue;
    const day = r.date.slice(0, 10);
    if (latest === null || day > latest) latest = day;
  }
  return latest;
}

/**
 * When one required task was last done: the part of its schedule that does not depend on the condition level,
 * so the condition rules and the assessment (which may use different levels) share one pass over the records.
 */
export interface TaskHistory {
  req: TaskRequirement;
  last: string | null;
  /** The day intervals count from: last performed, else the install day; null when neither is known. */
  base: string | null;
  /** `base` as a calendar date, when the integer fast path applies (see `fastCivil`); else null. */
  civil: CivilDate | null;
}

/**
 * The civil date of a `YYYY-MM-DD` base, or null when the string fast path of dates.ts would not apply (invalid
 * date, or a year that 60 years of cycles could push outside 0100–9999): the schedule then walks the calendar
 * with the string functions, which give the reference results (including their errors).
 */
function fastCivil(base: string): CivilDate | null {
  const c = plainCivil(base) ?? parsedCivil(base);
  return c !== null && isMonthArithmeticYear(c.y) && isMonthArithmeticYear(c.y + 100) ? c : null;
}
/** The civil date of a base `plainCivil` does not read, through `parseDay` (null when it is no 10-character date). */
function parsedCivil(base: string): CivilDate | null {
  const ms = parseDay(base);
  if (base.length !== 10 || !Number.isFinite(ms)) return null;
  return civilFromDays(ms / DAY_MS);
}

/** `performed`: the per-task days the evidence read (`Evidence.performed`), so the records are not walked again per task. */
export function taskHistories(e: Equipment, performed: PerformedDays = readEvidence(e).performed): TaskHistory[] {
  const install = e.install_date?.slice(0, 10) ?? null;
  const required = sharedRequiredTasks(e);
  // Sized up front: a list grown by push starts with room for 17.
  const histories = new Array<TaskHistory>(required.length);
  for (let i = 0; i < required.length; i++) {
    const req = required[i]!;
    const last = lastPerformedDay(performed, req.task);
    // Never performed: due one interval after installation (or at once when the install date is unknown).
    const base = last ?? install;
    histories[i] = { req, last, base, civil: base === null ? null : fastCivil(base) };
  }
  return histories;
}

const MISSED_LIMIT = MODEL.maintenance.missedCyclesForC3.value + 10;

/** Due dates (base + k·interval, calendar months) strictly past at `asOf`: a cycle is missed once its day has gone. */
function missedCyclesByWalking(base: string, interval: number, asOf: number): number {
  let k = 0;
  while (k < MISSED_LIMIT && parseDay(addMonths(base, (k + 1) * interval)) + DAY_MS <= asOf) k += 1;
  return k;
}

/** The last day wholly past at `asOf`, as a calendar date (remembered: a whole facility shares one asOf). */
let goneFor = { asOf: NaN, day: civilFromDays(0) };
function lastGoneDay(asOf: number): CivilDate {
  if (goneFor.asOf !== asOf) goneFor = { asOf, day: civilFromDays(Math.floor((asOf - DAY_MS) / DAY_MS)) };
  return goneFor.day;
}

/**
 * Same count as `missedCyclesByWalking`, from month numbers: due date k falls in month base + k·interval, so
 * every due month before the last fully gone day's month is missed, and a due date in that month is missed when
 * its (clamped) day is not after that day. Due dates increase with k, so one check settles the count.
 */
function missedCycles(h: TaskHistory, interval: number, asOf: number): number {
  const base = h.civil;
  if (base === null || !Number.isFinite(asOf)) return missedCyclesByWalking(h.base!, interval, asOf);
  const gone = lastGoneDay(asOf);
  const elapsed = gone.y * 12 + gone.m - (base.y * 12 + base.m);
  let k = Math.min(MISSED_LIMIT, Math.floor(elapsed / interval));
  if (k <= 0) return 0;
  if (k * interval === elapsed && Math.min(base.d, daysInMonth(gone.y, gone.m)) > gone.d) k -= 1;
  return k;
}

/** Missed cycles of one task at a condition level (the condition rule needs only this, not full statuses). */
export function missedCyclesAt(h: TaskHistory, condition: ConditionLevel, asOf: number): number {
  if (h.base === null) return MODEL.maintenance.missedCyclesForC3.value;
  return missedCycles(h, h.req.intervals.value[condition - 1]!, asOf);
}

/** The next due day of a task: as a string for the read models, and in ms for day counts. */
function nextDueOf(h: TaskHistory, interval: number): { iso: string; ms: number } {
  if (h.civil === null) {
    const iso = addMonths(h.base!, interval);
    return { iso, ms: parseDay(iso) };
  }
  const c = addMonthsCivil(h.civil, interval);
  return { iso: formatCivil(c.y, c.m, c.d), ms: daysFromCivil(c.y, c.m, c.d) * DAY_MS };
}

export function statusFromHistory(
  h: TaskHistory,
  condition: ConditionLevel,
  asOf: number,
  dueSoonDays = MODEL.maintenance.dueSoonWindowDays.value,
): TaskStatus {
  const interval = h.req.intervals.value[condition - 1]!;
  if (h.base === null) {
    return {
      task: h.req.task,
      interval_months: interval,
      last_performed: null,
      next_due: null,
      status: 'overdue',
      days_overdue: 0,
      missed_cycles: MODEL.maintenance.missedCyclesForC3.value,
    };
  }
  const nextDue = nextDueOf(h, interval);
  const daysPast = Math.floor((asOf - nextDue.ms) / DAY_MS);
  const status: MaintenanceStatus = daysPast > 0 ? 'overdue' : -daysPast <= dueSoonDays ? 'due_soon' : 'up_to_date';
  return {
    task: h.req.task,
    interval_months: interval,
    last_performed: h.last,
    next_due: nextDue.iso,
    status,
    days_overdue: Math.max(0, daysPast),
    missed_cycles: missedCycles(h, interval, asOf),
  };
}

export function taskStatus(e: Equipment, req: TaskRequirement, condition: ConditionLevel, asOf: number, dueSoonDays?: number): TaskStatus {
  const last = lastPerformed(e, req.task);
  const base = last ?? e.install_date?.slice(0, 10) ?? null;
  return statusFromHistory({ req, last, base, civil: base === null ? null : fastCivil(base) }, condition, asOf, dueSoonDays);
}

export function taskStatuses(
  e: Equipment,
  condition: ConditionLevel,
  asOf: number,
  dueSoonDays?: number,
  histories = taskHistories(e),
): TaskStatus[] {
  return histories.map((h) => statusFromHistory(h, condition, asOf, dueSoonDays));
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
