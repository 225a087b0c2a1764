/**
 * One equipment's full assessment (model 1.0.0): NFPA 70B condition and schedule, 70B and 70E compliance, CNAIM
 * health index and probability of failure, consequence, the 0–100 risk score with its explained factors, and the
 * score after each applicable remedial action.
 */
import type { Equipment, Facility, MaintenanceRecord, Severity } from '../condoit/schema.js';
import { complianceFor70B, type Equipment70B } from './compliance-70b.js';
import { complianceFor70E, type Equipment70E } from './compliance-70e.js';
import { parseDay, yearsBetween } from './dates.js';
import { assessCondition, type ConditionAssessment } from './equipment-condition.js';
import { describeTask, taskHistories, taskStatuses, type TaskStatus } from './maintenance-schedule.js';
import { MODEL } from './model-table.js';
import type { Condition, RiskFactor, RiskLevel } from './read-models.js';
import { neutralMask, riskFactorNames, riskScoreWith, scoreDetailOf, scoreParts, type NeutralMask, type RiskFactorName, type RiskInputs, type ScoreDetail } from './risk-inputs.js';

export const actionNames = [
  'replace_equipment', 'perform_overdue_maintenance', 'repair_thermal_anomalies', 'remediate_corrosion', 'secure_loose_parts',
  'retrofit_aluminum_terminations', 'relieve_loading', 'control_humidity', 'update_arc_flash_labels',
] as const;
export type ActionName = (typeof actionNames)[number];

/** Which factors each action makes neutral when the equipment is re-scored "with the action applied". */
export const actionFixes: Record<ActionName, readonly RiskFactorName[]> = {
  replace_equipment: ['age', 'heat', 'corrosion', 'loose_parts', 'maintenance'],
  perform_overdue_maintenance: ['maintenance'],
  repair_thermal_anomalies: ['heat'],
  remediate_corrosion: ['corrosion'],
  secure_loose_parts: ['loose_parts'],
  retrofit_aluminum_terminations: ['aluminum_conductors'],
  relieve_loading: ['loading'],
  control_humidity: ['humidity'],
  update_arc_flash_labels: ['arc_flash_label'],
};

/** Neutral masks, built once: "this factor neutral" for contributions, "what the action fixes" for actions. */
const factorMask = Object.fromEntries(riskFactorNames.map((f) => [f, neutralMask([f])])) as Record<RiskFactorName, NeutralMask>;
const actionMask = Object.fromEntries(actionNames.map((a) => [a, neutralMask(actionFixes[a])])) as Record<ActionName, NeutralMask>;

export interface ScoredRiskFactor extends RiskFactor {
  factor: RiskFactorName;
  /** Risk points this factor adds: the score minus the score with the factor neutral. */
  contribution: number;
}

export interface EquipmentAssessment {
  equipment: Equipment;
  condition: ConditionAssessment;
  tasks: TaskStatus[];
  nfpa70b: Equipment70B;
  nfpa70e: Equipment70E;
  detail: ScoreDetail;
  ageYears: number | null;
  riskScore: number;
  riskRating: RiskLevel;
  conditionWord: Condition;
  factors: ScoredRiskFactor[];
  primaryRiskFactor: RiskFactorName | null;
  /** Score after each action that applies to this equipment. */
  actions: { action: ActionName; scoreAfter: number }[];
  dataQuality: string[];
}

const severityLevel: Record<Severity, number> = { none: 0, minimal: 1, moderate: 2, severe: 3 };

export function riskLevelFor(score: number): RiskLevel {
  const [m, h, c] = MODEL.scoring.ratingBands.value;
  return score >= c ? 'Critical' : score >= h ? 'High' : score >= m ? 'Medium' : 'Low';
}

export function conditionForHealth(health: number): Condition {
  const [excellent, good, fair, poor] = MODEL.scoring.conditionByHealth.value;
  return health <= excellent ? 'Excellent' : health <= good ? 'Good' : health <= fair ? 'Fair' : health <= poor ? 'Poor' : 'Critical';
}

function worstObservation(e: Equipment, kinds: readonly string[]): Severity | null {
  let worst: Severity | null = null;
  for (const o of e.observations) if (kinds.includes(o.kind) && (worst === null || severityLevel[o.severity] > severityLevel[worst])) worst = o.severity;
  return worst;
}

const HEAT_KINDS = ['heat_discoloration'];
const CORROSION_KINDS = ['rust', 'corrosion'];
const LOOSE_KINDS = ['loose_parts', 'physical_damage'];

interface FactorText {
  severity: number;
  description: string;
}

export function assessEquipment(e: Equipment, facility: Facility, asOf: number): EquipmentAssessment {
  const h = MODEL.health;
  const dataQuality: string[] = [];
  // The condition rules and the schedule below read the same maintenance history: compute it once.
  const histories = taskHistories(e);
  const condition = assessCondition(e, asOf, histories);
  const tasks = taskStatuses(e, condition.level, asOf, undefined, histories);
  const nfpa70b = complianceFor70B(e, tasks);
  const nfpa70e = complianceFor70E(e, asOf);
  const text = new Map<RiskFactorName, FactorText>();

  // Age (unknown install date: assume half the normal life, and say so).
  let ageYears: number | null = null;
  let age: number;
  if (e.install_date && parseDay(e.install_date) <= asOf) {
    ageYears = Math.round(yearsBetween(e.install_date, asOf) * 10) / 10;
    age = ageYears;
  } else {
    age = h.normalLifeYears.value[e.type] / 2;
    dataQuality.push(e.install_date ? `install date ${e.install_date} is in the future: age assumed ${age} years` : `install date unknown: age assumed ${age} years (half the normal life)`);
  }

  // Loading → duty factor.
  const [dutyLow, dutyMid, dutyHigh] = h.dutyFactorByLoading.value;
  const l = e.loading_percent;
  if (l === null) dataQuality.push('loading unknown: duty factor 1.0 assumed');
  const dutyFactor = l === null || l < 75 ? dutyLow : l <= 90 ? dutyMid : dutyHigh;
  if (l !== null && l >= 75) text.set('loading', { severity: l > 90 ? 85 : 55, description: `Loaded at ${l}% of rating (${l > 90 ? 'above 90 %' : '75–90 %'}): duty factor ${dutyFactor} shortens expected life (CNAIM)` });

  // Location: humidity, coast, corrosive atmosphere; harsh environment.
  const lf = h.locationFactor.value;
  const env = facility.environment;
  const humidity = (env.humidity === 'high' ? lf.humidityHigh : env.humidity === 'medium' ? lf.humidityMedium : 0) + (env.coastal ? lf.coastal : 0) + (env.corrosive_atmosphere ? lf.corrosive : 0);
  if (humidity > 0) {
    text.set('humidity', { severity: Math.min(100, Math.round((humidity / (lf.humidityHigh + lf.coastal + lf.corrosive)) * 100)), description: `Facility humidity ${env.humidity}${env.coastal ? ', coastal' : ''}${env.corrosive_atmosphere ? ', corrosive atmosphere' : ''}: location factor +${Math.round(humidity * 100) / 100} (CNAIM)` });
  }
  const environment = e.operating_environment === 'normal' ? 0 : lf.harshEnvironment;
  if (environment > 0) text.set('environment', { severity: e.operating_environment === 'beyond_rating' ? 90 : 70, description: e.operating_environment === 'beyond_rating' ? 'Operated beyond its ratings (NFPA 70B condition 3)' : 'Harsh operating environment (NFPA 70B condition 3)' });

  // Condition factors.
  const heat = h.signsOfHeating.value;
  let lastScan: MaintenanceRecord | undefined; // the first of the latest infrared scans with readings
  for (const r of e.maintenance_records) if (r.task === 'infrared_thermography' && r.infrared && (!lastScan || r.date > lastScan.date)) lastScan = r;
  const delta = lastScan?.infrared?.delta_t_c ?? 0;
  const discolored = (worstObservation(e, HEAT_KINDS) ?? 'none') !== 'none';
  const heatValue = delta > heat.majorDeltaT ? heat.major : delta >= 1 || discolored ? heat.possibleOrProbable : heat.none;
  if (heatValue > 1) {
    text.set('heat', {
      severity: heatValue === heat.major ? 95 : delta >= heat.probableDeltaT ? 60 : 35,
      description: delta >= 1 ? `Infrared scan ${lastScan!.date.slice(0, 10)} found ΔT ${delta} °C at ${lastScan!.infrared!.load_percent}% load (${delta > heat.majorDeltaT ? 'major' : delta >= heat.probableDeltaT ? 'probable' : 'possible'} deficiency, NETA ΔT bands)` : 'Heat discoloration observed',
    });
  }

  const ext = h.externalCondition.value;
  const corrosion = worstObservation(e, CORROSION_KINDS);
  const corrosionValue = corrosion === null ? 1 : ext[corrosion];
  if (corrosion === 'moderate' || corrosion === 'severe') {
    text.set('corrosion', { severity: corrosion === 'severe' ? 90 : 55, description: `${corrosion === 'severe' ? 'Substantial' : 'Some'} deterioration: ${corrosion} rust/corrosion observed (CNAIM external condition ${corrosionValue})` });
  } else if (corrosion === 'minimal') {
    text.set('corrosion', { severity: 15, description: 'Minimal rust/corrosion observed (normal wear)' });
  }

  const op = h.operationalAdequacy.value;
  const loose = worstObservation(e, LOOSE_KINDS);
  const looseValue = loose === 'severe' ? op.severe : loose === 'moderate' || loose === 'minimal' ? op.moderate : op.none;
  if (looseValue > 1) text.set('loose_parts', { severity: loose === 'severe' ? 90 : 60, description: `Loose parts or damage observed (${loose}): operational adequacy ${looseValue} (CNAIM)` });

  if (e.conductor_material === null) dataQuality.push('conductor material unknown: copper assumed');
  if (e.nominal_voltage_v === null) dataQuality.push('nominal voltage unknown: low voltage (≤ 1000 V) assumed');
  if (e.type === 'transformer' && e.insulation === null) dataQuality.push('transformer insulation unknown: dry-type assumed (no fluid analysis required)');
  if (e.arc_flash === null) dataQuality.push('no arc-flash data on record');
  const cr = h.conductorReliability.value;
  const aluminumValue = e.al_cu_transitions ? cr.alCuTransitions : e.conductor_material === 'aluminum' ? cr.aluminum : e.conductor_material === 'mixed' ? cr.mixed : cr.copper;
  if (aluminumValue > 1) {
    text.set('aluminum_conductors', {
      severity: e.al_cu_transitions ? 80 : e.conductor_material === 'aluminum' ? 50 : 30,
      description: e.al_cu_transitions ? 'Aluminium conductors with aluminium–copper transitions (galvanic corrosion, loosening)' : e.conductor_material === 'aluminum' ? 'Aluminium conductors (thermal creep loosens terminations)' : 'Mixed copper and aluminium conductors',
    });
  }

  const mf = h.maintenanceFactor.value;
  // The worst overdue task: most days overdue, then most missed cycles; the first such (as a stable sort gives).
  let overdueCount = 0;
  let worst: TaskStatus | undefined;
  for (const t of tasks) {
    if (t.status !== 'overdue') continue;
    overdueCount += 1;
    if (!worst || t.days_overdue > worst.days_overdue || (t.days_overdue === worst.days_overdue && t.missed_cycles > worst.missed_cycles)) worst = t;
  }
  const missedTwo = tasks.some((t) => t.missed_cycles >= MODEL.maintenance.missedCyclesForC3.value);
  const maintenanceValue = missedTwo ? mf.missedTwoCycles : overdueCount ? mf.overdue : mf.current;
  if (worst) {
    text.set('maintenance', { severity: missedTwo ? 90 : Math.min(85, 50 + Math.round(worst.days_overdue / 15)), description: describeTask(worst, condition.level, asOf) + (overdueCount > 1 ? ` (+${overdueCount - 1} more overdue task${overdueCount > 2 ? 's' : ''})` : '') });
  }

  // Consequence.
  const cq = MODEL.consequence;
  const ie = nfpa70e.incident_energy;
  const iev = cq.incidentEnergy.value;
  // Unknown incident energy (no label, or a label without it) is assumed the worst band: an unknown arc-flash
  // hazard must never score lower than a known one.
  const arcFlash = ie === null ? iev.above40 : ie > 40 ? iev.above40 : ie > 25 ? iev.above25 : ie > 8 ? iev.above8 : 0;
  if (ie === null) {
    text.set('arc_flash', { severity: 80, description: 'Incident energy unknown (no arc-flash label value): assumed above 40 cal/cm² until studied (NFPA 70E)' });
    dataQuality.push('incident energy unknown: worst arc-flash consequence assumed');
  } else if (arcFlash > 0) {
    text.set('arc_flash', { severity: ie > 40 ? 95 : ie > 25 ? 70 : 40, description: `Incident energy ${ie} cal/cm²${ie > 40 ? ' (no PPE category — de-energize)' : ''} raises the consequence of an arc flash (NFPA 70E)` });
  }
  const unlabeled = nfpa70e.arc_flash_label_present ? 0 : cq.unlabeled.value;
  if (unlabeled > 0) text.set('arc_flash_label', { severity: 60, description: 'No arc-flash label: workers cannot see the hazard (NFPA 70E 130.5(H))' });
  const criticality = cq.criticality.value[e.criticality];
  if (e.criticality === 'life_safety' || e.criticality === 'high') text.set('criticality', { severity: Math.round(criticality * 100), description: e.criticality === 'life_safety' ? 'Life-safety equipment: a failure could endanger people' : 'High-criticality equipment: a failure has a large impact' });

  const inputs: RiskInputs = {
    type: e.type,
    ageYears: age,
    dutyFactor,
    location: { humidity, environment },
    health: {
      maintenance: { value: maintenanceValue, collar: 0 },
      heat: { value: heatValue, collar: heatValue === heat.major ? heat.majorCollar : 0 },
      corrosion: { value: corrosionValue, collar: corrosion === 'severe' ? ext.severeCollar : 0 },
      loose_parts: { value: looseValue, collar: loose === 'severe' ? op.severeCollar : 0 },
      aluminum_conductors: { value: aluminumValue, collar: 0 },
    },
    consequence: { criticality, arcFlash, voltage: (e.nominal_voltage_v ?? 0) > 1000 ? cq.mediumVoltage.value : 0, size: cq.largeEquipment.value[e.type] ?? 0, unlabeled },
  };
  const parts = scoreParts(inputs);
  const detail = scoreDetailOf(inputs, parts);
  if (ageYears !== null || text.size) {
    const life = detail.expectedLifeYears;
    text.set('age', {
      severity: Math.min(100, Math.round((age / life) * 100)),
      description: ageYears === null ? `Age unknown (assumed ${age} years); expected life ${life} years` : `Installed ${e.install_date!.slice(0, 4)} (${Math.floor(ageYears)} years); expected life ${life} years at this loading and location (CNAIM)`,
    });
  }

  const factors: ScoredRiskFactor[] = [];
  for (const [factor, t] of text) {
    if (t.severity <= 0) continue;
    const contribution = Math.round((detail.riskScore - riskScoreWith(inputs, factorMask[factor], parts)) * 10) / 10;
    factors.push({ factor, score: Math.min(100, t.severity), description: t.description, contribution });
  }
  factors.sort((a, b) => b.contribution - a.contribution || b.score - a.score || a.factor.localeCompare(b.factor));

  const applies: Record<ActionName, boolean> = {
    replace_equipment: (text.get('age')?.severity ?? 0) >= 75,
    perform_overdue_maintenance: overdueCount > 0,
    repair_thermal_anomalies: heatValue > 1,
    remediate_corrosion: corrosion === 'moderate' || corrosion === 'severe',
    secure_loose_parts: looseValue > 1,
    retrofit_aluminum_terminations: aluminumValue > 1,
    relieve_loading: dutyFactor > 1,
    control_humidity: humidity > 0,
    update_arc_flash_labels: !nfpa70e.compliant,
  };
  const actions: EquipmentAssessment['actions'] = [];
  for (const action of actionNames) if (applies[action]) actions.push({ action, scoreAfter: riskScoreWith(inputs, actionMask[action], parts) });

  return {
    equipment: e,
    condition,
    tasks,
    nfpa70b,
    nfpa70e,
    detail,
    ageYears,
    riskScore: detail.riskScore,
    riskRating: riskLevelFor(detail.riskScore),
    conditionWord: conditionForHealth(detail.healthIndex),
    factors,
    // Criticality explains a score but is not a condition to act on: it is primary only when nothing else is.
    primaryRiskFactor: factors.find((f) => f.contribution > 0 && f.factor !== 'criticality')?.factor ?? factors[0]?.factor ?? null,
    actions,
    dataQuality,
  };
}
