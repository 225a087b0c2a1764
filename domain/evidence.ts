/**
 * What an equipment's maintenance records and observations say, read per task and over time:
 *   - a failed test stands until that task passes again, or a repair or replacement is recorded on or after it;
 *   - an observation stands until a repair or replacement is recorded on or after it (time alone resolves nothing);
 *   - an infrared scan below the minimum load is inconclusive: it neither counts as the task done nor clears an
 *     earlier finding; every ΔT is corrected to a common load before it is compared or scored.
 */
import type { Equipment, MaintenanceRecord, MaintenanceTask, Observation, Severity } from './inputs.js';
import { MODEL } from './model-table.js';

const EV = MODEL.evidence;

/** The record tasks that count as performing (or passing) each task. */
const acceptedFor: Partial<Record<MaintenanceTask, readonly MaintenanceTask[]>> = MODEL.maintenance.satisfiedBy.value;
/** Tasks that only their own records satisfy, each as a one-task list built once (not per call). */
const acceptedAlone = new Map<MaintenanceTask, readonly MaintenanceTask[]>();
export function tasksAccepted(task: MaintenanceTask): readonly MaintenanceTask[] {
  const accepted = acceptedFor[task];
  if (accepted) return accepted;
  let alone = acceptedAlone.get(task);
  if (!alone) acceptedAlone.set(task, (alone = [task]));
  return alone;
}

const day = (iso: string) => iso.slice(0, 10);

/** An infrared record is inconclusive when it carries readings taken below the minimum load. */
export function isInconclusiveScan(r: MaintenanceRecord): boolean {
  // The task is compared last: most records have no readings or a load above the minimum.
  return r.infrared !== null && r.infrared.load_percent < EV.infraredMinLoadPercent.value && r.task === 'infrared_thermography';
}

/** The latest day a repair or replacement succeeded: every finding and failure on or before it is resolved. */
export function lastResolutionDay(records: readonly MaintenanceRecord[]): string | null {
  const resolving: readonly MaintenanceTask[] = EV.resolvingTasks.value;
  let last: string | null = null;
  for (const r of records)
    if (resolving.includes(r.task) && (r.result === 'pass' || r.result === 'repaired') && (last === null || day(r.date) > last))
      last = day(r.date);
  return last;
}

/**
 * Counts as performing its task: not deferred, not an inconclusive scan, and not a failure still open — a failed
 * test completes the task only once a repair or replacement corrects it (until then the task stays due).
 */
export const countsAsPerformed = (r: MaintenanceRecord, lastResolution: string | null): boolean =>
  r.result !== 'deferred' && !isInconclusiveScan(r) && (r.result !== 'fail' || (lastResolution !== null && lastResolution >= day(r.date)));

/** ΔT corrected to the reference load: ΔT × (L_ref / L)^n. */
export function loadCorrectedDeltaT(deltaT: number, loadPercent: number): number {
  if (deltaT <= 0) return 0;
  const ratio = EV.infraredReferenceLoadPercent.value / Math.max(loadPercent, EV.infraredMinLoadPercent.value);
  return Math.round(deltaT * ratio ** EV.infraredLoadExponent.value * 10) / 10;
}

export interface HeatReading {
  date: string;
  measuredDeltaT: number;
  loadPercent: number;
  /** The ΔT the model scores: load-corrected for a conclusive scan; as measured (a lower bound) for an inconclusive one. */
  deltaT: number;
  conclusive: boolean;
}

export interface OpenFailure {
  task: MaintenanceTask;
  date: string;
}

export interface Evidence {
  /** The reading that governs the heat finding (null when no scan has readings). */
  heat: HeatReading | null;
  /** The conclusive scan before the latest conclusive one, for "ΔT rose since the previous scan". */
  previousConclusive: HeatReading | null;
  latestConclusive: HeatReading | null;
  /** Failed tests not yet followed by a pass of the same task or a repair/replacement. */
  openFailures: OpenFailure[];
  /** Tasks whose latest conclusive result was "repaired" (NFPA 70B condition 2: the last cycle needed repair). */
  repairedLast: OpenFailure[];
  /** Observations not yet followed by a repair or replacement. */
  openObservations: Observation[];
  /** The latest day a repair or replacement succeeded (the schedule reads it too). */
  lastResolution: string | null;
  /** The latest day each task's own records count as performed (`countsAsPerformed`): the schedule reads it. */
  performed: PerformedDays;
  /** The latest day any work was recorded, deferred work aside (`lastInspectionDay`: 70B compliance reads it). */
  lastRecorded: string | null;
}

/** The latest day each task was performed, by the records' own task (see `lastPerformedDay` for what satisfies a task). */
export type PerformedDays = Partial<Record<MaintenanceTask, string>>;

/** The latest day a record satisfying `task` was performed, from the per-task days. */
export function lastPerformedDay(performed: PerformedDays, task: MaintenanceTask): string | null {
  let latest: string | null = null;
  for (const t of tasksAccepted(task)) {
    const d = performed[t];
    if (d !== undefined && (latest === null || d > latest)) latest = d;
  }
  return latest;
}

function reading(r: MaintenanceRecord): HeatReading {
  const ir = r.infrared!;
  const conclusive = !isInconclusiveScan(r);
  return {
    date: r.date,
    measuredDeltaT: ir.delta_t_c,
    loadPercent: ir.load_percent,
    deltaT: conclusive ? loadCorrectedDeltaT(ir.delta_t_c, ir.load_percent) : ir.delta_t_c,
    conclusive,
  };
}

/** Whether a finding of that day is resolved by the latest repair or replacement. */
function resolvedBy(lastResolution: string | null, date: string): boolean {
  return lastResolution !== null && lastResolution >= day(date);
}

export function readEvidence(e: Equipment): Evidence {
  const records = e.maintenance_records;
  const resolving: readonly MaintenanceTask[] = EV.resolvingTasks.value;

  // One pass: the latest day of any work; the latest resolution (as `lastResolutionDay`); the latest conclusive
  // scan, which governs the heat finding; per task the latest failure, the latest good (not failed) record, and
  // the latest day the task counts as performed. A failure counts as performed only once resolved, which the
  // latest resolution decides: failed records wait in `failed` until the pass is over.
  let lastResolution: string | null = null;
  let latest: MaintenanceRecord | undefined;
  let previous: MaintenanceRecord | undefined;
  let anyInconclusive = false;
  let failed: MaintenanceRecord[] | null = null;
  let anyRepaired = false;
  let lastRecorded: string | null = null;
  const lastFailBy: Partial<Record<MaintenanceTask, string>> = {};
  const lastGoodBy: Partial<Record<MaintenanceTask, MaintenanceRecord>> = {};
  const performed: PerformedDays = {};
  for (const r of records) {
    if (r.result === 'deferred') continue;
    const d = day(r.date);
    if (lastRecorded === null || d > lastRecorded) lastRecorded = d;
    if ((r.result === 'pass' || r.result === 'repaired') && resolving.includes(r.task) && (lastResolution === null || d > lastResolution))
      lastResolution = d;
    if (isInconclusiveScan(r)) {
      anyInconclusive = true;
      continue;
    }
    if (r.task === 'infrared_thermography' && r.infrared) {
      if (!latest || r.date > latest.date) {
        previous = latest;
        latest = r;
      } else if (!previous || r.date > previous.date) previous = r;
    }
    if (r.result === 'fail') {
      const f = lastFailBy[r.task];
      if (f === undefined || r.date > f) lastFailBy[r.task] = r.date;
      (failed ??= []).push(r);
      continue;
    }
    if (r.result === 'repaired') anyRepaired = true;
    const g = lastGoodBy[r.task];
    if (!g || r.date > g.date) lastGoodBy[r.task] = r;
    notePerformed(performed, r);
  }
  if (failed) for (const r of failed) if (resolvedBy(lastResolution, r.date)) notePerformed(performed, r);
  const latestConclusive = latest ? reading(latest) : null;
  // A later inconclusive scan can only make the heat finding worse.
  const heat = anyInconclusive ? worstInconclusiveAfter(records, latest, latestConclusive) : latestConclusive;

  const openFailures: OpenFailure[] = [];
  const repairedLast: OpenFailure[] = [];
  // Neither can exist without a failed or a repaired record: most equipment skips that pass.
  if (failed || anyRepaired) readPerTask(records, lastFailBy, lastGoodBy, lastResolution, openFailures, repairedLast);

  const openObservations: Observation[] = [];
  for (const o of e.observations) if (o.severity !== 'none' && !resolvedBy(lastResolution, o.observed_at)) openObservations.push(o);
  return {
    heat,
    previousConclusive: previous ? reading(previous) : null,
    latestConclusive,
    openFailures,
    repairedLast,
    openObservations,
    lastResolution,
    performed,
    lastRecorded,
  };
}

/** Per task, in order of its first record: failures still open, and tasks whose last good record was a repair. */
function readPerTask(
  records: readonly MaintenanceRecord[],
  lastFailBy: Partial<Record<MaintenanceTask, string>>,
  lastGoodBy: Partial<Record<MaintenanceTask, MaintenanceRecord>>,
  lastResolution: string | null,
  openFailures: OpenFailure[],
  repairedLast: OpenFailure[],
): void {
  const resolving: readonly MaintenanceTask[] = EV.resolvingTasks.value;
  const seen: MaintenanceTask[] = [];
  for (const r of records) {
    if (seen.includes(r.task) || (resolving.includes(r.task) && r.result !== 'fail')) continue;
    seen.push(r.task);
    let lastGood: MaintenanceRecord | null = null;
    for (const task of tasksAccepted(r.task)) {
      const g = lastGoodBy[task];
      if (g && (!lastGood || g.date > lastGood.date)) lastGood = g;
    }
    const lastFail = lastFailBy[r.task] ?? null;
    if (lastFail !== null && !(lastGood && lastGood.date > lastFail) && !resolvedBy(lastResolution, lastFail))
      openFailures.push({ task: r.task, date: day(lastFail) });
    else if (lastGood && lastGood.task === r.task && lastGood.result === 'repaired' && !resolving.includes(r.task))
      repairedLast.push({ task: r.task, date: day(lastGood.date) });
  }
}

function notePerformed(performed: PerformedDays, r: MaintenanceRecord): void {
  const d = day(r.date);
  const p = performed[r.task];
  if (p === undefined || d > p) performed[r.task] = d;
}

/** The governing heat reading: the latest conclusive one, unless an inconclusive scan after it reads hotter (the first hottest). */
function worstInconclusiveAfter(
  records: readonly MaintenanceRecord[],
  latest: MaintenanceRecord | undefined,
  latestConclusive: HeatReading | null,
): HeatReading | null {
  let heat = latestConclusive;
  for (const r of records) {
    if (r.task !== 'infrared_thermography' || !r.infrared || r.result === 'deferred' || !isInconclusiveScan(r)) continue;
    if (latest && r.date <= latest.date) continue;
    const h = reading(r);
    if (!heat || h.deltaT > heat.deltaT) heat = h;
  }
  return heat;
}

const severityRank: Record<Severity, number> = { none: 0, minimal: 1, moderate: 2, severe: 3 };

/** The worst open observation of the given kinds, or null when there is none. */
export function worstOpen(ev: Evidence, kinds: readonly Observation['kind'][]): Severity | null {
  let worst: Severity | null = null;
  for (const o of ev.openObservations)
    if (kinds.includes(o.kind) && (worst === null || severityRank[o.severity] > severityRank[worst])) worst = o.severity;
  return worst;
}
