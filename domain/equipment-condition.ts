/**
 * NFPA 70B (2023) equipment condition 1, 2 or 3: the worst of physical condition, criticality and operating
 * environment. The physical condition reads the evidence per task and over time (evidence.ts): an open failed
 * test or a severe open observation is condition 3 until repaired; two successive missed maintenance cycles
 * force condition 3; a single missed interval does not by itself move condition 1 to 2.
 */
import type { Equipment, Observation } from './inputs.js';
import { readEvidence, type Evidence } from './evidence.js';
import { missedCyclesAt, taskHistories, taskLabel, type TaskHistory } from './maintenance-schedule.js';
import { MODEL, type ConditionLevel } from './model-table.js';

export interface ConditionAssessment {
  level: ConditionLevel;
  physical: ConditionLevel;
  reasons: string[];
}

const words = (s: string) => s.replace(/_/g, ' ');
/** `words` of each observation kind, built once per kind. */
const kindWords = new Map<Observation['kind'], string>();
function kindText(kind: Observation['kind']): string {
  let text = kindWords.get(kind);
  if (text === undefined) kindWords.set(kind, (text = words(kind)));
  return text;
}

/** `histories` and `evidence` let the caller share one pass over the records with its own schedule and scoring. */
export function assessCondition(
  e: Equipment,
  asOf: number,
  histories: readonly TaskHistory[] = taskHistories(e),
  ev: Evidence = readEvidence(e),
): ConditionAssessment {
  const c3: string[] = [];
  const c2: string[] = [];
  const heat = MODEL.health.temperature.value;

  if (ev.heat && ev.heat.measuredDeltaT > 0) {
    const h = ev.heat;
    const at = `${h.date.slice(0, 10)} found ΔT ${h.measuredDeltaT} °C at ${h.loadPercent} % load${h.conclusive ? ` (${h.deltaT} °C at full load)` : ' (below the minimum load: a lower bound)'}`;
    if (h.deltaT > heat.majorDeltaT) c3.push(`infrared scan ${at} (urgent)`);
    else if (h.deltaT >= heat.probableDeltaT) c2.push(`infrared scan ${at}`);
  }
  const last = ev.latestConclusive;
  const prev = ev.previousConclusive;
  if (last && prev && last.deltaT - prev.deltaT >= MODEL.evidence.deltaTRiseForC2.value)
    c2.push(`load-corrected ΔT rose from ${prev.deltaT} to ${last.deltaT} °C since the previous scan`);
  for (const f of ev.openFailures) c3.push(`${taskLabel(f.task)} failed on ${f.date} and has not passed since (no repair recorded)`);
  for (const r of ev.repairedLast) c2.push(`last ${taskLabel(r.task)} needed repair (${r.date})`);
  for (const o of ev.openObservations) {
    if (o.severity === 'severe') c3.push(`severe ${kindText(o.kind)} observed ${o.observed_at.slice(0, 10)}, not repaired since`);
    else if (o.severity === 'moderate' || o.kind === 'heat_discoloration')
      c2.push(`${o.severity} ${kindText(o.kind)} observed ${o.observed_at.slice(0, 10)}`);
  }

  const physicalBeforeCycles: ConditionLevel = c3.length ? 3 : c2.length ? 2 : 1;
  const missedLimit = MODEL.maintenance.missedCyclesForC3.value;
  for (const h of histories) {
    const missed = missedCyclesAt(h, physicalBeforeCycles, asOf);
    if (missed >= missedLimit) c3.push(`${taskLabel(h.req.task)} missed ${missed} successive cycles`);
  }
  const physical: ConditionLevel = c3.length ? 3 : c2.length ? 2 : 1;

  // Condition-3 reasons first, then condition-2 ones (appended in place: no third list).
  const reasons = c3;
  for (const r of c2) reasons.push(r);
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
