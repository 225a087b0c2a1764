/**
 * The remedial actions: which factors each fixes, which apply to an equipment, and its score once each is done
 * (the equipment re-scored with the factors the action fixes made neutral, on top of anything already applied).
 */
import type { ResolvedInputs } from './assumptions.js';
import type { Equipment70B } from './compliance-70b.js';
import type { Equipment70E } from './compliance-70e.js';
import type { Evidence } from './evidence.js';
import { locationFactor } from './health-index.js';
import type { Equipment } from './inputs.js';
import { MODEL } from './model-table.js';
import {
  measuredFactorNames,
  neutralMask,
  observedFactorNames,
  REDUCE_ENERGY,
  reliabilityFactorNames,
  riskFactorNames,
  riskScoreWith,
  type NeutralMask,
  type RiskFactorName,
  type RiskInputs,
  type ScoreParts,
} from './risk-inputs.js';

const SEV = MODEL.severities.value;
const LF_DEFAULT = locationFactor([1, 1, 1]);

/** An action and the equipment's score once it is done. */
export interface ActionAfter {
  action: ActionName;
  scoreAfter: number;
}

export const actionNames = [
  'replace_equipment',
  'correct_failed_tests',
  'perform_overdue_maintenance',
  'repair_thermal_anomalies',
  'remediate_corrosion',
  'eliminate_moisture',
  'secure_loose_parts',
  'repair_physical_damage',
  'retrofit_aluminum_terminations',
  'relieve_loading',
  'control_humidity',
  'update_arc_flash_study',
  'label_arc_flash_hazard',
  'reduce_incident_energy',
] as const;
export type ActionName = (typeof actionNames)[number];

/** Which factors each action makes neutral when the equipment is re-scored "with the action applied". */
export const actionFixes: Record<ActionName, readonly RiskFactorName[]> = {
  replace_equipment: ['age', 'heat', 'corrosion', 'moisture', 'loose_parts', 'physical_damage', 'failed_test', 'maintenance'],
  correct_failed_tests: ['failed_test'],
  perform_overdue_maintenance: ['maintenance'],
  repair_thermal_anomalies: ['heat'],
  remediate_corrosion: ['corrosion'],
  eliminate_moisture: ['moisture'],
  secure_loose_parts: ['loose_parts'],
  repair_physical_damage: ['physical_damage'],
  retrofit_aluminum_terminations: ['aluminum_conductors'],
  relieve_loading: ['loading'],
  control_humidity: ['humidity'],
  update_arc_flash_study: ['arc_flash_study'],
  label_arc_flash_hazard: ['arc_flash_label'],
  reduce_incident_energy: [],
};
/** Actions that close a compliance finding: proposed even when they lower no score. */
export const complianceActions: ReadonlySet<ActionName> = new Set([
  'correct_failed_tests',
  'perform_overdue_maintenance',
  'update_arc_flash_study',
  'label_arc_flash_hazard',
]);

/** Neutral masks of what each action fixes, built once. */
export const actionMask = Object.fromEntries(
  actionNames.map((a) => [a, neutralMask(actionFixes[a]) | (a === 'reduce_incident_energy' ? REDUCE_ENERGY : 0)]),
) as Record<ActionName, NeutralMask>;

/**
 * The re-scorings of one equipment, remembered by mask while it is explained: a factor's contribution and an
 * action that fixes only that factor (most of them) ask for the same mask, and the same inputs and mask always
 * give the same score. Module-level scratch (scoring is synchronous); `assessResolved` empties it per equipment.
 */
const rescorings = {
  masks: new Int32Array(riskFactorNames.length + actionNames.length),
  scores: new Float64Array(riskFactorNames.length + actionNames.length),
  count: 0,
};
function rescore(inputs: RiskInputs, mask: NeutralMask, parts: ScoreParts): number {
  const r = rescorings;
  for (let i = 0; i < r.count; i++) if (r.masks[i] === mask) return r.scores[i]!;
  const score = riskScoreWith(inputs, mask, parts);
  if (r.count < r.masks.length) {
    r.masks[r.count] = mask;
    r.scores[r.count] = score;
    r.count += 1;
  }
  return score;
}

/** An action and the equipment's score once it is done (on top of what is already applied). */
function actionAfter(
  action: ActionName,
  inputs: RiskInputs,
  parts: ScoreParts,
  applied: NeutralMask,
): { action: ActionName; scoreAfter: number } {
  return { action, scoreAfter: rescore(inputs, actionMask[action] | applied, parts) };
}

/** Where `applicableActions` reads each factor's value in the model's inputs. */
const OBSERVED_CORROSION = observedFactorNames.indexOf('corrosion');
const OBSERVED_MOISTURE = observedFactorNames.indexOf('moisture');
const OBSERVED_DAMAGE = observedFactorNames.indexOf('physical_damage');
const OBSERVED_HEAT = observedFactorNames.indexOf('heat');
const MEASURED_HEAT = measuredFactorNames.indexOf('heat');
const MEASURED_LOOSE = measuredFactorNames.indexOf('loose_parts');
const RELIABILITY_ALUMINUM = reliabilityFactorNames.indexOf('aluminum_conductors');
const RELIABILITY_LOADING = reliabilityFactorNames.indexOf('loading');

/**
 * Each action that applies, with the score after it: one test per action, in actionNames order (plain tests
 * rather than a record of flags read back by name, which cost a keyed lookup per action and equipment).
 */
export function applicableActions(
  e: Equipment,
  resolved: ResolvedInputs,
  evidence: Evidence,
  nfpa70b: Equipment70B,
  nfpa70e: Equipment70E,
  inputs: RiskInputs,
  parts: ScoreParts,
  ageSeverity: number,
  applied: NeutralMask,
): ActionAfter[] {
  rescorings.count = 0;
  const observed = inputs.observed;
  const measured = inputs.measured;
  const ie = inputs.arcFlash.incidentEnergy;
  const actions: ActionAfter[] = [];
  if (ageSeverity >= SEV.replaceAtAgeSeverity) actions.push(actionAfter('replace_equipment', inputs, parts, applied));
  if (evidence.openFailures.length > 0) actions.push(actionAfter('correct_failed_tests', inputs, parts, applied));
  // 70B compliant exactly when no task is overdue (compliance-70b.ts).
  if (!nfpa70b.compliant) actions.push(actionAfter('perform_overdue_maintenance', inputs, parts, applied));
  if (measured[MEASURED_HEAT]!.value > 1 || observed[OBSERVED_HEAT]!.value > 1)
    actions.push(actionAfter('repair_thermal_anomalies', inputs, parts, applied));
  if (observed[OBSERVED_CORROSION]!.value > 1) actions.push(actionAfter('remediate_corrosion', inputs, parts, applied));
  if (observed[OBSERVED_MOISTURE]!.value > 1) actions.push(actionAfter('eliminate_moisture', inputs, parts, applied));
  if (measured[MEASURED_LOOSE]!.value > 1) actions.push(actionAfter('secure_loose_parts', inputs, parts, applied));
  if (observed[OBSERVED_DAMAGE]!.value > 1) actions.push(actionAfter('repair_physical_damage', inputs, parts, applied));
  if (inputs.reliability[RELIABILITY_ALUMINUM]! > 1 && e.conductor_material !== null)
    actions.push(actionAfter('retrofit_aluminum_terminations', inputs, parts, applied));
  if (resolved.loadingKnown && (inputs.dutyFactor > 1 || inputs.reliability[RELIABILITY_LOADING]! > 1))
    actions.push(actionAfter('relieve_loading', inputs, parts, applied));
  if (inputs.location.factor > LF_DEFAULT) actions.push(actionAfter('control_humidity', inputs, parts, applied));
  if (nfpa70e.study !== 'current') actions.push(actionAfter('update_arc_flash_study', inputs, parts, applied));
  if (nfpa70e.label !== 'complete' || nfpa70e.ppeUnderstated) actions.push(actionAfter('label_arc_flash_hazard', inputs, parts, applied));
  if (ie !== null && nfpa70e.incident_energy !== null && ie > MODEL.arcFlashRisk.reduceAbove.value)
    actions.push(actionAfter('reduce_incident_energy', inputs, parts, applied));
  return actions;
}
