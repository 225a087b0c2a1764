/**
 * The rule behind each listed risk factor: its id is the path of the model-table entry that fired
 * (domain/model-table.ts), its citation that entry's source — so an explanation names the number it used and
 * where the number comes from. test/unit/factor-rules.test.ts checks every id resolves to its entry.
 */
import { MODEL, type Sourced } from './model-table.js';

export interface FactorRule {
  rule: string;
  citation: string;
}

/** What the rule read: the input values behind a factor, for the explanation. */
export type FactorInputs = Record<string, string | number | boolean | null>;

const rule = (path: string, entry: Sourced<unknown>): FactorRule => Object.freeze({ rule: path, citation: entry.source });
const H = MODEL.health;
const AF = MODEL.arcFlashRisk;
const C = MODEL.consequence;

export const RULES = {
  assetClass: rule('assetClasses.constants', MODEL.assetClasses.constants),
  age: rule('health.initialHealthCap', H.initialHealthCap),
  transformerDuty: rule('health.transformerDuty', H.transformerDuty),
  loadingReliability: rule('health.loadingReliability', H.loadingReliability),
  location: rule('health.location', H.location),
  environment: rule('health.environmentReliability', H.environmentReliability),
  temperature: rule('health.temperature', H.temperature),
  heatDiscoloration: rule('health.heatDiscoloration', H.heatDiscoloration),
  externalCondition: rule('health.externalCondition', H.externalCondition),
  moisture: rule('health.moisture', H.moisture),
  internalCondition: rule('health.internalCondition', H.internalCondition),
  looseParts: rule('health.looseParts', H.looseParts),
  failedTest: rule('health.failedTest', H.failedTest),
  conductor: rule('health.conductorReliability', H.conductorReliability),
  maintenance: rule('health.maintenanceReliability', H.maintenanceReliability),
  energyPoints: rule('arcFlashRisk.energyPoints', AF.energyPoints),
  aboveForty: rule('arcFlashRisk.aboveFortyPoints', AF.aboveFortyPoints),
  unknownEnergy: rule('arcFlashRisk.unknownEnergyPoints', AF.unknownEnergyPoints),
  labelMissing: rule('arcFlashRisk.labelMissing', AF.labelMissing),
  labelIncomplete: rule('arcFlashRisk.labelIncomplete', AF.labelIncomplete),
  ppeUnderstated: rule('arcFlashRisk.ppeUnderstated', AF.ppeUnderstated),
  studyMissing: rule('arcFlashRisk.studyMissing', AF.studyMissing),
  studyOutdated: rule('arcFlashRisk.studyOutdated', AF.studyOutdated),
  criticality: rule('consequence.criticality', C.criticality),
  mediumVoltage: rule('consequence.mediumVoltage', C.mediumVoltage),
  largeEquipment: rule('consequence.largeEquipment', C.largeEquipment),
} as const;
