/**
 * NFPA 70B (2023) equipment condition 1, 2 or 3: the worst of physical condition, criticality and operating
 * environment. Two successive missed maintenance cycles force condition 3; a single missed interval does not by
 * itself move condition 1 to 2.
 */
import type { Equipment, MaintenanceRecord } from '../condoit/schema.js';
import { missedCyclesAt, taskHistories, type TaskHistory } from './maintenance-schedule.js';
import { MODEL, type ConditionLevel } from './model-table.js';

export interface ConditionAssessment {
  level: ConditionLevel;
  physical: ConditionLevel;
  reasons: string[];
}

function latestOf(records: readonly MaintenanceRecord[], pred: (r: MaintenanceRecord) => boolean): MaintenanceRecord | undefined {
  let best: MaintenanceRecord | undefined;
  for (const r of records) if (pred(r) && (!best || r.date > best.date)) best = r;
  return best;
}

/** `histories` lets the caller share one pass over the maintenance records with its own schedule. */
export function assessCondition(e: Equipment, asOf: number, histories: readonly TaskHistory[] = taskHistories(e)): ConditionAssessment {
  const c3: string[] = [];
  const c2: string[] = [];
  const heat = MODEL.health.signsOfHeating.value;

  const scans = e.maintenance_records.filter((r) => r.task === 'infrared_thermography' && r.infrared);
  const lastScan = latestOf(scans, () => true);
  if (lastScan?.infrared) {
    const d = lastScan.infrared.delta_t_c;
    if (d > heat.majorDeltaT) c3.push(`infrared scan ${lastScan.date.slice(0, 10)} found ΔT ${d} °C (urgent)`);
    else if (d >= heat.probableDeltaT) c2.push(`infrared scan ${lastScan.date.slice(0, 10)} found ΔT ${d} °C`);
    const previous = latestOf(scans, (r) => r !== lastScan && r.date < lastScan.date);
    if (previous?.infrared && d - previous.infrared.delta_t_c >= 3) c2.push(`ΔT rose from ${previous.infrared.delta_t_c} to ${d} °C since the previous scan`);
  }
  const lastResult = latestOf(e.maintenance_records, (r) => r.result !== 'deferred');
  if (lastResult?.result === 'fail') c3.push(`last ${lastResult.task.replace(/_/g, ' ')} failed (${lastResult.date.slice(0, 10)})`);
  if (lastResult?.result === 'repaired') c2.push(`last maintenance needed repair (${lastResult.date.slice(0, 10)})`);
  for (const o of e.observations) {
    if (o.severity === 'severe') c3.push(`severe ${o.kind.replace(/_/g, ' ')} observed`);
    else if (o.severity === 'moderate' || (o.kind === 'heat_discoloration' && o.severity !== 'none')) c2.push(`${o.severity} ${o.kind.replace(/_/g, ' ')} observed`);
  }

  const physicalBeforeCycles: ConditionLevel = c3.length ? 3 : c2.length ? 2 : 1;
  const missedLimit = MODEL.maintenance.missedCyclesForC3.value;
  for (const h of histories) {
    const missed = missedCyclesAt(h, physicalBeforeCycles, asOf);
    if (missed >= missedLimit) c3.push(`${h.req.task.replace(/_/g, ' ')} missed ${missed} successive cycles`);
  }
  const physical: ConditionLevel = c3.length ? 3 : c2.length ? 2 : 1;

  const reasons = [...c3, ...c2];
  let level = physical;
  if (e.criticality === 'life_safety') {
    level = 3;
    reasons.push('failure could endanger people (life-safety criticality)');
  }
  if (e.operating_environment !== 'normal') {
    level = 3;
    reasons.push(e.operating_environment === 'harsh' ? 'harsh operating environment' : 'operated beyond its ratings');
  }
  return { level, physical, reasons };
}
