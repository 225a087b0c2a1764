/**
 * One equipment's full assessment (model 2.x): the evidence read per task and over time, NFPA 70B condition
 * and schedule, 70B and 70E compliance, CNAIM health index and class PoF, consequence, the arc-flash hazard, the
 * 0–100 risk score with its explained factors (equipment-explanation.ts), the score after each applicable
 * remedial action (equipment-actions.ts), the forecast if nothing is done (forecast.ts), and every assumption
 * made for an unknown input.
 */
import type { Equipment, Facility, Observation, Severity } from './inputs.js';
import { arcFlashPoints } from './arc-flash-risk.js';
import { resolveInputs, type Assumption, type ResolvedInputs } from './assumptions.js';
import { complianceFor70B, type Equipment70B } from './compliance-70b.js';
import { complianceFor70E, type Equipment70E } from './compliance-70e.js';
import { assessCondition, type ConditionAssessment } from './equipment-condition.js';
import { readEvidence, worstOpen, type Evidence, type HeatReading, type OpenFailure } from './evidence.js';
import { applicableActions, type ActionAfter } from './equipment-actions.js';
import {
  ageDescription,
  ageInputs,
  explainFactors,
  primaryFactor,
  siteInputs,
  type ExplainedFactor,
  type ScoredRiskFactor,
} from './equipment-explanation.js';
import { RULES, type FactorInputs, type FactorRule } from './factor-rules.js';
import { forecastOf, riskPath, scoresAhead, type EquipmentForecast } from './forecast.js';
import { locationFactor, transformerDutyFactor } from './health-index.js';
import { describeTask, taskHistories, taskStatuses, type TaskStatus } from './maintenance-schedule.js';
import { MODEL, type ConditionLevel } from './model-table.js';
import type { Condition, RiskLevel } from './read-models.js';
import {
  FACTOR_BITS,
  scoreDetailOf,
  scoreParts,
  type ConditionFactor,
  type NeutralMask,
  type RiskFactorName,
  type RiskInputs,
  type ScoreDetail,
  type ScoreParts,
} from './risk-inputs.js';

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
  primaryRiskFactor: ExplainedFactor | null;
  /** Score after each action that applies to this equipment. */
  actions: ActionAfter[];
  /** Every unknown input and what the model assumed for it. */
  assumptions: Assumption[];
  /** The model's inputs and the scoring's parts: what re-scoring (plans, forecasts) starts from. */
  inputs: RiskInputs;
  parts: ScoreParts;
  /** If nothing is done: the days it becomes High and Critical, and its score FORECAST_MONTHS ahead. */
  forecast: EquipmentForecast;
  scoresAhead: number[];
}

// Band limits read once: destructuring an array per call allocates an iterator.
const [MEDIUM_FROM, HIGH_FROM, CRITICAL_FROM] = MODEL.scoring.ratingBands.value;
const [EXCELLENT_TO, GOOD_TO, FAIR_TO, POOR_TO] = MODEL.scoring.conditionByHealth.value;

export function riskLevelFor(score: number): RiskLevel {
  return score >= CRITICAL_FROM ? 'Critical' : score >= HIGH_FROM ? 'High' : score >= MEDIUM_FROM ? 'Medium' : 'Low';
}

export function conditionForHealth(health: number): Condition {
  return health <= EXCELLENT_TO
    ? 'Excellent'
    : health <= GOOD_TO
      ? 'Good'
      : health <= FAIR_TO
        ? 'Fair'
        : health <= POOR_TO
          ? 'Poor'
          : 'Critical';
}

/**
 * Lists a factor found on the equipment, with the rule that fired and the inputs it read (its contribution is
 * computed once the equipment is scored); none of no severity.
 */
function addFactor(
  factors: ScoredRiskFactor[],
  factor: RiskFactorName,
  severity: number,
  description: string,
  rule: FactorRule,
  inputs: FactorInputs,
): void {
  if (severity <= 0) return;
  factors.push({ factor, score: Math.min(100, severity), description, contribution: 0, rule: rule.rule, citation: rule.citation, inputs });
}

const NEUTRAL: ConditionFactor = Object.freeze({ value: 1, collar: 0 });
const conditionFactor = ([value, collar]: readonly [number, number]): ConditionFactor => Object.freeze({ value, collar });
const lookup = (bands: readonly (readonly [number, number])[], x: number): number => {
  // Indexed: destructuring each band in a for-of allocates an iterator per call.
  for (let i = 0; i < bands.length; i++) if (x <= bands[i]![0]) return bands[i]![1];
  return bands[bands.length - 1]![1];
};
const SEV = MODEL.severities.value;
const LF_DEFAULT = locationFactor([1, 1, 1]);
const LF_WORST = locationFactor([
  MODEL.health.location.value.coastal,
  MODEL.health.location.value.corrosiveAtmosphere,
  MODEL.health.location.value.altitude,
]);

/** The observation kinds behind each observed factor. */
const HEAT_KINDS: readonly Observation['kind'][] = ['heat_discoloration'];
const CORROSION_KINDS: readonly Observation['kind'][] = ['rust', 'corrosion'];
const MOISTURE_KINDS: readonly Observation['kind'][] = ['moisture'];
const DAMAGE_KINDS: readonly Observation['kind'][] = ['physical_damage'];
const LOOSE_KINDS: readonly Observation['kind'][] = ['loose_parts'];
/** The PPE categories' upper energies the arc-flash severity bands read (MODEL.arcFlash.ppeCategoryMaxEnergy). */
const [, PPE_LIMIT_8, PPE_LIMIT_25, PPE_LIMIT_40] = MODEL.arcFlash.ppeCategoryMaxEnergy.value;

type Graded = Exclude<Severity, 'none'>;
/** An open observation of one severity: its CNAIM condition factor, and the factor it lists (built once, not per equipment). */
interface ObservedFinding {
  factor: ConditionFactor;
  severity: number;
  description: string;
  rule: FactorRule;
}
function observedFindings(
  table: Record<Graded, readonly [number, number]>,
  scale: Record<Graded, number>,
  label: string,
  rule: FactorRule,
): Record<Graded, ObservedFinding> {
  const finding = (severity: Graded): ObservedFinding => {
    const f = conditionFactor(table[severity]);
    return {
      factor: f,
      rule,
      severity: scale[severity],
      description: `${severity[0]!.toUpperCase()}${severity.slice(1)} ${label} observed and not repaired since (CNAIM condition factor ${f.value}${f.collar > 0.5 ? `, collar ${f.collar}` : ''})`,
    };
  };
  return { minimal: finding('minimal'), moderate: finding('moderate'), severe: finding('severe') };
}
const H = MODEL.health;
const CORROSION = observedFindings(H.externalCondition.value, SEV.corrosion, 'rust/corrosion', RULES.externalCondition);
const MOISTURE = observedFindings(H.moisture.value, SEV.moisture, 'moisture', RULES.moisture);
const DAMAGE = observedFindings(H.internalCondition.value, SEV.physical_damage, 'physical damage', RULES.internalCondition);
const LOOSE = observedFindings(H.looseParts.value, SEV.loose_parts, 'loose parts', RULES.looseParts);
const HEAT_DISCOLORATION: Record<Graded, ConditionFactor> = {
  minimal: conditionFactor(H.heatDiscoloration.value.minimal),
  moderate: conditionFactor(H.heatDiscoloration.value.moderate),
  severe: conditionFactor(H.heatDiscoloration.value.severe),
};
const MAJOR_HEAT = conditionFactor(H.temperature.value.major);
const PROBABLE_HEAT = conditionFactor(H.temperature.value.probable);
const FAILED_TEST = conditionFactor(H.failedTest.value);

/** The condition factor of the worst open observation of a kind, listing it as a factor (neutral when there is none). */
function observationFactor(
  findings: Record<Graded, ObservedFinding>,
  severity: Severity | null,
  factors: ScoredRiskFactor[],
  name: RiskFactorName,
): ConditionFactor {
  if (severity === null || severity === 'none') return NEUTRAL;
  const f = findings[severity];
  addFactor(factors, name, f.severity, f.description, f.rule, { severity, condition_factor: f.factor.value, collar: f.factor.collar });
  return f.factor;
}

/** What the facility's location does to every equipment in it: CNAIM location factors and the humidity factor. */
interface Site {
  factor: number;
  /** The location factor with humidity (coast, corrosion) neutral. */
  neutral: number;
  humidity: { severity: number; description: string } | null;
}
function siteOf(env: Facility['environment']): Site {
  // CNAIM site factors (coast, corrosion category, altitude), indoor.
  const L = H.location.value;
  const lf = locationFactor([
    env.coastal ? L.coastal : L.inland,
    env.corrosive_atmosphere ? L.corrosiveAtmosphere : L.corrosionByHumidity[env.humidity],
    L.altitude,
  ]);
  const humidity =
    lf > LF_DEFAULT
      ? {
          severity: Math.min(SEV.humidityScale, Math.round(((lf - LF_DEFAULT) / (LF_WORST - LF_DEFAULT)) * SEV.humidityScale)),
          description: `Facility humidity ${env.humidity}${env.coastal ? ', coastal' : ''}${env.corrosive_atmosphere ? ', corrosive atmosphere' : ''}: location factor ${Math.round(lf * 1000) / 1000} (CNAIM, indoor)`,
        }
      : null;
  return { factor: lf, neutral: locationFactor([1, 1, L.altitude]), humidity };
}
/** `siteOf` for every humidity, coast and atmosphere, computed once: by humidity, then indexed by coastal·2 + corrosive. */
const SITES = new Map<string, Site[]>();
for (const humidity of Object.keys(H.location.value.corrosionByHumidity) as Facility['environment']['humidity'][]) {
  SITES.set(
    humidity,
    [false, true].flatMap((coastal) => [false, true].map((corrosive_atmosphere) => siteOf({ humidity, coastal, corrosive_atmosphere }))),
  );
}
const siteFor = (env: Facility['environment']): Site =>
  SITES.get(env.humidity)?.[(env.coastal ? 2 : 0) + (env.corrosive_atmosphere ? 1 : 0)] ?? siteOf(env);

const factorBit = (f: ExplainedFactor): NeutralMask => (f === 'asset_class' ? 0 : FACTOR_BITS[f]);

/**
 * Assesses one equipment at `asOf`. `applied` (what-if) assesses it as if the masked factors were fixed — the
 * factors made neutral, exactly as the score after an action is computed; 0 is the equipment as it is.
 */
export function assessEquipment(e: Equipment, facility: Facility, asOf: number, applied: NeutralMask = 0): EquipmentAssessment {
  const resolved = resolveInputs(e, facility, asOf);
  if (resolved.alternativeClass === null) return assessResolved(e, facility, asOf, resolved, applied);
  // The class depends on an assumed voltage: score on both curves and keep the riskier answer.
  const first = assessResolved(e, facility, asOf, resolved, applied);
  const second = assessResolved(e, facility, asOf, { ...resolved, assetClass: resolved.alternativeClass }, applied);
  return second.riskScore > first.riskScore ? second : first;
}

/*
 * The factors, one function each. A `…Factor` function returns the factor's input to the model and lists the
 * factor on the equipment when it is present; a `list…` function only lists one (its points are computed
 * elsewhere). They write into the caller's `factors` and return numbers or shared frozen condition factors:
 * nothing is allocated per equipment but the listed factors themselves.
 */

/**
 * Loading: the CNAIM duty factor for a transformer, a MasterBus reliability factor for LV gear (the caller makes
 * the other one 1). Listed from the medium band up, and whenever the loading is assumed.
 */
function loadingFactor(factors: ScoredRiskFactor[], resolved: ResolvedInputs, isTransformer: boolean): number {
  const l = resolved.loadingPercent;
  const value = isTransformer ? transformerDutyFactor(l) : lookup(H.loadingReliability.value, l);
  if (l >= SEV.loading.mediumFrom || !resolved.loadingKnown) {
    const effect = isTransformer ? `duty factor ${value} (CNAIM)` : `reliability factor ${value}`;
    addFactor(
      factors,
      'loading',
      l > SEV.loading.highFrom ? SEV.loading.above90 : SEV.loading.above75,
      resolved.loadingKnown ? `Loaded at ${l}% of rating: ${effect}` : `Loading unknown: assumed ${l}% of rating, ${effect}`,
      isTransformer ? RULES.transformerDuty : RULES.loadingReliability,
      { loading_percent: l, loading_known: resolved.loadingKnown, factor: value },
    );
  }
  return value;
}

/** Location: the facility's CNAIM location factors, the same for all its equipment; humidity listed when it raises them. */
function humidityFactor(factors: ScoredRiskFactor[], env: Facility['environment']): Site {
  const site = siteFor(env);
  if (site.humidity)
    addFactor(factors, 'humidity', site.humidity.severity, site.humidity.description, RULES.location, siteInputs(env, site));
  return site;
}

/** The operating environment's reliability factor (NFPA 70B condition 3 when harsh or beyond ratings). */
function environmentFactor(factors: ScoredRiskFactor[], operating: Equipment['operating_environment']): number {
  const environment = H.environmentReliability.value[operating];
  if (environment > 1)
    addFactor(
      factors,
      'environment',
      SEV.environment[operating as 'harsh' | 'beyond_rating'],
      operating === 'beyond_rating'
        ? 'Operated beyond its ratings (NFPA 70B condition 3)'
        : 'Harsh operating environment (NFPA 70B condition 3)',
      RULES.environment,
      { operating_environment: operating, factor: environment },
    );
  return environment;
}

/** Measured heat: the CNAIM temperature factor of the governing scan's load-corrected ΔT. */
function measuredHeatFactor(reading: HeatReading | null): ConditionFactor {
  const t = H.temperature.value;
  const dT = reading?.deltaT ?? 0;
  return dT > t.majorDeltaT ? MAJOR_HEAT : dT >= t.probableDeltaT ? PROBABLE_HEAT : NEUTRAL;
}

/** Observed heat: the condition factor of the worst open heat discoloration. */
function observedHeatFactor(evidence: Evidence): ConditionFactor {
  const discoloration = worstOpen(evidence, HEAT_KINDS);
  return discoloration === null || discoloration === 'none' ? NEUTRAL : HEAT_DISCOLORATION[discoloration];
}

/** Lists heat, measured (its NETA ΔT band) or else observed. */
function listHeat(factors: ScoredRiskFactor[], reading: HeatReading | null, observedHeat: ConditionFactor): void {
  const t = H.temperature.value;
  const dT = reading?.deltaT ?? 0;
  if (dT < t.possibleDeltaT && observedHeat.value <= 1) return;
  const band = dT > t.majorDeltaT ? 'major' : dT >= t.probableDeltaT ? 'probable' : dT >= t.possibleDeltaT ? 'possible' : null;
  addFactor(
    factors,
    'heat',
    band ? SEV.heat[band] : SEV.heat.possible,
    band
      ? `Infrared scan ${reading!.date.slice(0, 10)} found ΔT ${reading!.measuredDeltaT} °C at ${reading!.loadPercent}% load${reading!.conclusive ? ` = ${dT} °C at full load` : ' (below the minimum load: a lower bound)'} (${band} deficiency, NETA ΔT bands)`
      : 'Heat discoloration observed and not repaired since',
    band ? RULES.temperature : RULES.heatDiscoloration,
    band
      ? {
          scan_date: reading!.date.slice(0, 10),
          measured_delta_t_c: reading!.measuredDeltaT,
          load_percent: reading!.loadPercent,
          full_load_delta_t_c: dT,
          conclusive: reading!.conclusive,
          band,
        }
      : { heat_discoloration: true, condition_factor: observedHeat.value },
  );
}

/** An open failed test (the first listed; the others counted in its description). */
function failedTestFactor(factors: ScoredRiskFactor[], openFailures: readonly OpenFailure[]): ConditionFactor {
  if (!openFailures.length) return NEUTRAL;
  const f = openFailures[0]!;
  addFactor(
    factors,
    'failed_test',
    SEV.failed_test,
    `${f.task.replace(/_/g, ' ')} failed on ${f.date} and has not passed since${openFailures.length > 1 ? ` (+${openFailures.length - 1} more failed task${openFailures.length > 2 ? 's' : ''})` : ''}`,
    RULES.failedTest,
    { task: f.task, failed_on: f.date, open_failures: openFailures.length, condition_factor: FAILED_TEST.value },
  );
  return FAILED_TEST;
}

/** Aluminium conductors and Al–Cu transitions: the conductor reliability factor (resolved: an unknown one is assumed aluminium). */
function aluminumFactor(factors: ScoredRiskFactor[], e: Equipment, conductor: ResolvedInputs['conductor']): number {
  const cr = H.conductorReliability.value;
  const value = e.al_cu_transitions ? cr.alCuTransitions : cr[conductor];
  if (value > 1) {
    const s = SEV.aluminum_conductors;
    const assumed = e.conductor_material === null ? ' (conductor unknown: assumed aluminium)' : '';
    addFactor(
      factors,
      'aluminum_conductors',
      e.al_cu_transitions ? s.alCuTransitions : conductor === 'aluminum' ? s.aluminum : s.mixed,
      (e.al_cu_transitions
        ? 'Aluminium conductors with aluminium–copper transitions (galvanic corrosion, loosening)'
        : conductor === 'aluminum'
          ? 'Aluminium conductors (thermal creep loosens terminations)'
          : 'Mixed copper and aluminium conductors') + assumed,
      RULES.conductor,
      { conductor_material: e.conductor_material, assumed: conductor, al_cu_transitions: e.al_cu_transitions, factor: value },
    );
  }
  return value;
}

/** Maintenance: the reliability factor of the schedule (current, overdue, two cycles missed), listing the worst overdue task. */
function maintenanceFactor(factors: ScoredRiskFactor[], tasks: readonly TaskStatus[], level: ConditionLevel, asOf: number): number {
  const mf = H.maintenanceReliability.value;
  // The worst overdue task: most days overdue, then most missed cycles; the first such (as a stable sort gives).
  let overdueCount = 0;
  let worst: TaskStatus | undefined;
  let missedTwo = false;
  for (const task of tasks) {
    if (task.missed_cycles >= MODEL.maintenance.missedCyclesForC3.value) missedTwo = true;
    if (task.status !== 'overdue') continue;
    overdueCount += 1;
    if (
      !worst ||
      task.days_overdue > worst.days_overdue ||
      (task.days_overdue === worst.days_overdue && task.missed_cycles > worst.missed_cycles)
    )
      worst = task;
  }
  const value = missedTwo ? mf.missedTwoCycles : overdueCount ? mf.overdue : mf.current;
  if (worst) {
    const s = SEV.maintenance;
    addFactor(
      factors,
      'maintenance',
      missedTwo ? s.missedTwoCycles : Math.min(s.overdueMax, s.overdueBase + Math.round(worst.days_overdue / s.overduePerDays)),
      describeTask(worst, level, asOf) +
        (overdueCount > 1 ? ` (+${overdueCount - 1} more overdue task${overdueCount > 2 ? 's' : ''})` : ''),
      RULES.maintenance,
      {
        task: worst.task,
        next_due: worst.next_due,
        days_overdue: worst.days_overdue,
        missed_cycles: worst.missed_cycles,
        overdue_tasks: overdueCount,
        factor: value,
      },
    );
  }
  return value;
}

/** Arc flash, energy: unknown, or above the second-degree burn onset (its band by PPE category limits). */
function listArcFlashEnergy(factors: ScoredRiskFactor[], ie: number | null): void {
  const af = SEV.arc_flash;
  if (ie === null)
    addFactor(
      factors,
      'arc_flash',
      af.unknown,
      `Incident energy unknown: assumed above ${MODEL.arcFlash.noCategoryAbove.value} cal/cm² until studied (NFPA 70E)`,
      RULES.unknownEnergy,
      { incident_energy_cal_cm2: null },
    );
  else if (ie > MODEL.arcFlash.secondDegreeBurnOnset.value) {
    const sev = ie > PPE_LIMIT_40 ? af.above40 : ie > PPE_LIMIT_25 ? af.above25 : ie > PPE_LIMIT_8 ? af.above8 : af.above1_2;
    addFactor(
      factors,
      'arc_flash',
      sev,
      `Incident energy ${ie} cal/cm²${ie > MODEL.arcFlash.noCategoryAbove.value ? ': no PPE category is adequate — energized work must not be planned' : ''} (NFPA 70E)`,
      ie > PPE_LIMIT_40 ? RULES.aboveForty : RULES.energyPoints,
      { incident_energy_cal_cm2: ie },
    );
  }
}

/** Arc flash, label: missing, incomplete, or understating the PPE required. */
function listArcFlashLabel(factors: ScoredRiskFactor[], nfpa70e: Equipment70E): void {
  const ls = SEV.arc_flash_label;
  const inputs = { label: nfpa70e.label, ppe_understated: nfpa70e.ppeUnderstated };
  if (nfpa70e.label === 'missing')
    addFactor(
      factors,
      'arc_flash_label',
      ls.missing,
      'No arc-flash label: workers cannot see the hazard (NFPA 70E 130.5(H))',
      RULES.labelMissing,
      inputs,
    );
  else if (nfpa70e.label === 'incomplete' || nfpa70e.ppeUnderstated)
    addFactor(
      factors,
      'arc_flash_label',
      nfpa70e.ppeUnderstated ? ls.understated : ls.incomplete,
      nfpa70e.ppeUnderstated
        ? 'Arc-flash label understates the PPE the incident energy requires (NFPA 70E)'
        : 'Arc-flash label incomplete, or showing both incident energy and a PPE category (NFPA 70E 130.5(H))',
      nfpa70e.ppeUnderstated ? RULES.ppeUnderstated : RULES.labelIncomplete,
      inputs,
    );
}

/** Arc flash, study: missing, expired, or older than a recorded modification. */
function listArcFlashStudy(factors: ScoredRiskFactor[], nfpa70e: Equipment70E): void {
  const ss = SEV.arc_flash_study;
  const inputs = { study: nfpa70e.study, last_assessment: nfpa70e.last_assessment };
  if (nfpa70e.study === 'missing')
    addFactor(
      factors,
      'arc_flash_study',
      ss.missing,
      'No arc-flash risk assessment on record (NFPA 70E 130.5)',
      RULES.studyMissing,
      inputs,
    );
  else if (nfpa70e.study !== 'current')
    addFactor(
      factors,
      'arc_flash_study',
      ss.outdated,
      nfpa70e.study === 'expired'
        ? `Arc-flash study of ${nfpa70e.last_assessment} is older than ${MODEL.arcFlash.studyMaxAgeYears.value} years (NFPA 70E 130.5(G))`
        : `Arc-flash study of ${nfpa70e.last_assessment} predates a recorded modification`,
      RULES.studyOutdated,
      inputs,
    );
}

/** Criticality: the consequence weight; listed for high and life-safety equipment (medium when it adds points). */
function criticalityFactor(factors: ScoredRiskFactor[], criticality: Equipment['criticality']): number {
  const weight = MODEL.consequence.criticality.value[criticality];
  if (criticality === 'life_safety' || criticality === 'high')
    addFactor(
      factors,
      'criticality',
      Math.round(weight * 100),
      criticality === 'life_safety'
        ? 'Life-safety equipment: a failure could endanger people'
        : 'High-criticality equipment: a failure has a large impact',
      RULES.criticality,
      { criticality, weight },
    );
  return weight;
}

/** Age against the expected life (known only once the equipment is scored): lists it, and returns its severity. */
function listAge(factors: ScoredRiskFactor[], e: Equipment, resolved: ResolvedInputs, life: number): number {
  const age = resolved.ageYears;
  const severity = Math.min(100, Math.round((age / life) * 100));
  addFactor(factors, 'age', severity, ageDescription(e, resolved, life), RULES.age, ageInputs(e, resolved, life));
  return severity;
}

/** Resolve inputs → factors → health and likelihood → risk → actions → the assessment. */
function assessResolved(
  e: Equipment,
  facility: Facility,
  asOf: number,
  resolved: ResolvedInputs,
  applied: NeutralMask,
): EquipmentAssessment {
  const evidence = readEvidence(e);
  // The condition rules and the schedule below read the same maintenance history: compute it once.
  const histories = taskHistories(e, evidence.performed);
  const condition = assessCondition(e, asOf, histories, evidence);
  const tasks = taskStatuses(e, condition.level, asOf, undefined, histories);
  const nfpa70b = complianceFor70B(e, tasks, evidence.lastRecorded);
  const nfpa70e = complianceFor70E(e, asOf);
  const arc = arcFlashPoints(nfpa70e);
  const assumptions = resolved.assumptions.concat(arc.assumptions);

  const factors: ScoredRiskFactor[] = [];
  const isTransformer = resolved.assetClass === 'transformer';
  const loading = loadingFactor(factors, resolved, isTransformer);
  const site = humidityFactor(factors, facility.environment);
  const environment = environmentFactor(factors, e.operating_environment);
  const measuredHeat = measuredHeatFactor(evidence.heat);
  const observedHeat = observedHeatFactor(evidence);
  listHeat(factors, evidence.heat, observedHeat);
  const corrosion = observationFactor(CORROSION, worstOpen(evidence, CORROSION_KINDS), factors, 'corrosion');
  const moisture = observationFactor(MOISTURE, worstOpen(evidence, MOISTURE_KINDS), factors, 'moisture');
  const damage = observationFactor(DAMAGE, worstOpen(evidence, DAMAGE_KINDS), factors, 'physical_damage');
  const loose = observationFactor(LOOSE, worstOpen(evidence, LOOSE_KINDS), factors, 'loose_parts');
  const failedTest = failedTestFactor(factors, evidence.openFailures);
  const aluminum = aluminumFactor(factors, e, resolved.conductor);
  const maintenance = maintenanceFactor(factors, tasks, condition.level, asOf);
  listArcFlashEnergy(factors, arc.incidentEnergy);
  listArcFlashLabel(factors, nfpa70e);
  listArcFlashStudy(factors, nfpa70e);
  const criticality = criticalityFactor(factors, e.criticality);

  const cq = MODEL.consequence;
  const inputs: RiskInputs = {
    assetClass: resolved.assetClass,
    ageYears: resolved.ageYears,
    dutyFactor: isTransformer ? loading : 1,
    location: site,
    // In the order of observedFactorNames, measuredFactorNames and reliabilityFactorNames (risk-inputs.ts).
    observed: [corrosion, moisture, damage, observedHeat],
    measured: [measuredHeat, loose, failedTest],
    reliability: [maintenance, aluminum, isTransformer ? 1 : loading, environment],
    consequence: {
      criticality,
      voltage: resolved.voltageVolts > 1000 ? cq.mediumVoltage.value : 0,
      size: cq.largeEquipment.value[e.type] ?? 0,
    },
    arcFlash: arc,
  };
  const parts = scoreParts(inputs, applied);
  const detail = scoreDetailOf(inputs, parts);
  const ageSeverity = listAge(factors, e, resolved, detail.expectedLifeYears);
  const listed = applied === 0 ? factors : factors.filter((f) => !(applied & factorBit(f.factor)));
  explainFactors(listed, { e, resolved, env: facility.environment, life: detail.expectedLifeYears }, inputs, detail.riskScore, applied);
  const actions = applicableActions(e, resolved, evidence, nfpa70b, nfpa70e, inputs, parts, ageSeverity, applied);
  const path = riskPath({ inputs, parts, tasks, nfpa70e, riskScore: detail.riskScore }, asOf);

  return {
    equipment: e,
    condition,
    tasks,
    nfpa70b,
    nfpa70e,
    detail,
    ageYears: resolved.knownAgeYears,
    riskScore: detail.riskScore,
    riskRating: riskLevelFor(detail.riskScore),
    conditionWord: conditionForHealth(detail.healthIndex),
    factors: listed,
    primaryRiskFactor: primaryFactor(listed),
    actions,
    assumptions,
    inputs,
    parts,
    forecast: forecastOf(path, asOf),
    scoresAhead: scoresAhead(path),
  };
}
