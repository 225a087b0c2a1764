/**
 * The arc-flash hazard as risk points, independent of wear: incident energy (known, bounded by the label's PPE
 * category, or assumed the worst band), a missing or incomplete label, a missing or outdated study. They add to
 * the failure risk of a new item exactly as of an old one (capped by the table's maximum).
 */
import type { Assumption } from './assumptions.js';
import type { Equipment70E } from './compliance-70e.js';
import { MODEL } from './model-table.js';

const AF = MODEL.arcFlashRisk;

export interface ArcFlashPoints {
  /** Points for the incident energy, for the label's state, and for the study's state. */
  energy: number;
  label: number;
  study: number;
  /** Energy points once the incident energy is reduced to the planning target (the "reduce incident energy" action). */
  energyReduced: number;
  /** The energy scored: known, bounded by the PPE category, or null when assumed the worst band. */
  incidentEnergy: number | null;
  assumptions: Assumption[];
}

export function energyPoints(incidentEnergy: number): number {
  // Indexed, not `for (const [upper, points] of …)`: destructuring each band allocates an iterator per call.
  const bands = AF.energyPoints.value;
  for (let i = 0; i < bands.length; i++) if (incidentEnergy <= bands[i]![0]) return bands[i]![1];
  return AF.aboveFortyPoints.value;
}

export function arcFlashPoints(c: Equipment70E): ArcFlashPoints {
  const assumptions: Assumption[] = [];
  let incidentEnergy = c.incident_energy;
  let energy: number;
  if (incidentEnergy === null && c.labelPpeCategory !== null && c.labelPpeCategory >= 1 && c.labelPpeCategory <= 4) {
    // A PPE-category label bounds the energy: the category's upper limit is the worst it can be.
    incidentEnergy = MODEL.arcFlash.ppeCategoryMaxEnergy.value[c.labelPpeCategory - 1]!;
    energy = energyPoints(incidentEnergy);
    assumptions.push({
      input: 'incident_energy_cal_cm2',
      assumed: `${incidentEnergy} cal/cm²`,
      why: `the label gives PPE category ${c.labelPpeCategory} only: the most energy that category covers`,
    });
  } else if (incidentEnergy === null) {
    energy = AF.unknownEnergyPoints.value;
    assumptions.push({
      input: 'incident_energy_cal_cm2',
      assumed: `above ${MODEL.arcFlash.noCategoryAbove.value} cal/cm²`,
      why: AF.unknownEnergyPoints.source,
    });
  } else energy = energyPoints(incidentEnergy);

  const label =
    c.label === 'missing'
      ? AF.labelMissing.value
      : (c.label === 'incomplete' ? AF.labelIncomplete.value : 0) + (c.ppeUnderstated ? AF.ppeUnderstated.value : 0);
  const study = c.study === 'missing' ? AF.studyMissing.value : c.study === 'current' ? 0 : AF.studyOutdated.value;
  const energyReduced = Math.min(energy, energyPoints(AF.reductionTargetEnergy.value));
  return { energy, label, study, energyReduced, incidentEnergy, assumptions };
}

/** The hazard's points with some parts neutral (contributions, actions), capped by the table's maximum. */
export function arcFlashTotal(energy: number, label: number, study: number): number {
  return Math.min(AF.max.value, energy + label + study);
}
