/**
 * Every number the risk and compliance model uses, in one versioned table, each with where it comes from.
 * Changing any value means a new MODEL_VERSION (test/unit/model-table.test.ts fails otherwise): an old score is
 * always explainable by the model that made it. docs/risk-model.md explains every rule.
 */
import type { EquipmentType, MaintenanceTask } from '../condoit/schema.js';

export const MODEL_VERSION = '1.0.0';

/** A value and its source note. */
export interface Sourced<T> {
  value: T;
  source: string;
}
const s = <T>(value: T, source: string): Sourced<T> => ({ value, source });

export type ConditionLevel = 1 | 2 | 3;
/** Months between performances of a task for equipment in condition 1, 2, 3. */
export type Intervals = readonly [number, number, number];

export interface TaskRequirement {
  task: MaintenanceTask;
  intervals: Sourced<Intervals>;
  /** Only liquid-filled transformers need fluid analysis. */
  onlyLiquidInsulation?: boolean;
}

const IR = s<Intervals>([12, 12, 6], 'NFPA 70B (2023) infrared thermography: 12 months for C1/C2, 6 months for C3');
const PANEL_TESTS = s<Intervals>([60, 36, 12], 'NFPA 70B (2023) panelboards/switchboards ≤1000 V: C1 60 months; C2/C3 from application notes');
const GENERIC_TESTS = s<Intervals>([60, 36, 12], 'NFPA 70B generic electrical testing 60/36/12 (application notes; uncertain)');

export const MODEL = {
  version: MODEL_VERSION,

  /** NFPA 70B maintenance tasks by equipment type. */
  maintenance: {
    requirements: {
      panelboard: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: PANEL_TESTS }],
      switchboard: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: PANEL_TESTS }],
      switchgear: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'visual_inspection', intervals: s<Intervals>([6, 6, 3], 'NFPA 70B 2013 Annex L: switchgear visual every 6 months (C3 halved)') },
        { task: 'insulation_testing', intervals: s<Intervals>([24, 24, 12], 'NFPA 70B 2013 Annex L: switchgear insulation tests every 2 years') },
      ],
      transformer: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: s<Intervals>([60, 36, 12], 'NFPA 70B (2023) transformers: inspection and electrical tests C1 60 months') },
        { task: 'fluid_analysis', intervals: s<Intervals>([12, 12, 6], 'NFPA 70B (2023) liquid-filled transformer fluid sampling / DGA'), onlyLiquidInsulation: true },
      ],
      breaker: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'visual_inspection', intervals: s<Intervals>([12, 12, 6], 'NFPA 70B 2013 Annex L: LV air circuit breakers visual/cleaning yearly') },
        { task: 'electrical_testing', intervals: s<Intervals>([36, 36, 12], 'NFPA 70B 2013 Annex L: LV breakers electrical tests every 3 years') },
      ],
      mcc: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'visual_inspection', intervals: s<Intervals>([12, 12, 6], 'NFPA 70B 2013 Annex L: MCC IR/visual/cleaning yearly') },
        { task: 'electrical_testing', intervals: s<Intervals>([24, 24, 12], 'NFPA 70B 2013 Annex L: MCC torque check and electrical tests every 2 years') },
      ],
      disconnect: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: GENERIC_TESTS }],
      ats: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: s<Intervals>([12, 12, 6], 'NFPA 110 practice: transfer switches exercised and tested yearly (assumed)') }],
      generator: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: s<Intervals>([12, 12, 6], 'NFPA 110 practice: yearly load-bank/electrical testing (assumed)') }],
      ups: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: s<Intervals>([12, 12, 6], 'UPS manufacturer practice: yearly preventive maintenance (assumed)') }],
      busway: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: GENERIC_TESTS }],
      other: [{ task: 'infrared_thermography', intervals: IR }, { task: 'electrical_testing', intervals: GENERIC_TESTS }],
    } satisfies Record<EquipmentType, TaskRequirement[]>,
    /** Records of these tasks also satisfy the requirement named by the key. */
    satisfiedBy: s<Partial<Record<MaintenanceTask, MaintenanceTask[]>>>(
      { insulation_testing: ['insulation_testing', 'electrical_testing'], visual_inspection: ['visual_inspection', 'cleaning', 'mechanical_servicing'] },
      'MasterBus convention: a full electrical test includes insulation resistance; cleaning/servicing includes a visual inspection',
    ),
    dueSoonWindowDays: s(30, 'MasterBus default: a task due within 30 days is "due soon" (configurable)'),
    missedCyclesForC3: s(2, 'NFPA 70B (2023): missing the last two successive maintenance cycles makes equipment condition 3'),
  },

  /** NFPA 70E arc-flash rules. */
  arcFlash: {
    studyMaxAgeYears: s(5, 'NFPA 70E (2024) 130.5(G): review the arc-flash risk assessment at least every 5 years'),
    ppeCategoryMaxEnergy: s<readonly [number, number, number, number]>([4, 8, 25, 40], 'NFPA 70E Table 130.7(C)(15)(c): PPE categories 1–4 minimum arc ratings 4, 8, 25, 40 cal/cm²'),
    noCategoryAbove: s(40, 'NFPA 70E: above 40 cal/cm² no PPE category applies — de-energize (not a legal limit since 2015)'),
  },

  /** CNAIM v2.1-style health index. Normal life in years and K (% per year) by type. */
  health: {
    normalLifeYears: s<Record<EquipmentType, number>>(
      { breaker: 60, panelboard: 60, switchboard: 60, mcc: 60, disconnect: 60, busway: 60, switchgear: 55, transformer: 60, ats: 30, generator: 40, ups: 15, other: 50 },
      'CNAIM v2.1: LV circuit breaker 60 y, LV board 60 y, HV switchgear 55 y, HV transformer 60 y; ATS 30, generator 40, UPS 15, other 50 are MasterBus assumptions',
    ),
    kPercent: s<Record<EquipmentType, number>>(
      { breaker: 0.0041, panelboard: 0.0069, switchboard: 0.0069, mcc: 0.0069, disconnect: 0.0069, busway: 0.0069, switchgear: 0.0067, transformer: 0.0078, ats: 0.0069, generator: 0.0069, ups: 0.0069, other: 0.0069 },
      'CNAIM v2.1 K values: LV CB 0.0041 %, LV board 0.0069 %, HV switchgear (distribution) 0.0067 %, HV transformer 6.6/11 kV 0.0078 %; LV board value for the rest',
    ),
    pofC: s(1.087, 'CNAIM v2.1 probability-of-failure shape constant C'),
    pofHealthFloor: s(4, 'CNAIM v2.1: health score floored at 4 in the PoF curve'),
    initialHealthCap: s(5.5, 'CNAIM v2.1: H₀ = min(5.5, 0.5·e^(β₁·age))'),
    healthBounds: s<readonly [number, number]>([0.5, 10], 'CNAIM v2.1: health score bounded to [0.5, 10]'),
    combineDivider: s(1.5, 'CNAIM v2.1 factor combination divider'),
    dutyFactorByLoading: s<readonly [number, number, number]>([1.0, 1.05, 1.15], 'Duty factor for loading <75 %, 75–90 %, >90 % (MasterBus values in the CNAIM duty-factor range)'),
    locationFactor: s({ humidityMedium: 0.05, humidityHigh: 0.1, coastal: 0.1, corrosive: 0.15, harshEnvironment: 0.1, max: 1.4 }, 'Location factor increments on 1.0 (MasterBus values in the CNAIM location-factor range)'),
    externalCondition: s({ none: 0.9, minimal: 1.0, moderate: 1.2, severe: 1.4, severeCollar: 5.5 }, 'CNAIM v2.1 external condition factors: as new 0.9, normal wear 1.0, some deterioration 1.2, substantial 1.4 (collar 5.5)'),
    signsOfHeating: s({ none: 1.0, possibleOrProbable: 1.2, major: 1.5, majorCollar: 5.5, majorDeltaT: 15, probableDeltaT: 4 }, 'CNAIM v2.1 signs of heating 1.0/1.2/1.5 (collar 5.5); ΔT bands from NETA MTS (1–3 possible, 4–15 probable, >15 major)'),
    operationalAdequacy: s({ none: 1.0, moderate: 1.3, severe: 1.5, severeCollar: 8 }, 'CNAIM v2.1 operational adequacy 1.0/1.3/1.5 (collar 8 inoperable-hazardous), from loose-parts observations'),
    conductorReliability: s({ copper: 1.0, mixed: 1.05, aluminum: 1.1, alCuTransitions: 1.2 }, 'Reliability factor for aluminium conductors and Al–Cu transitions (MasterBus values; IEEE 1218/field experience)'),
    maintenanceFactor: s({ current: 1.0, overdue: 1.1, missedTwoCycles: 1.25 }, 'Reliability factor for overdue NFPA 70B maintenance (MasterBus values)'),
  },

  /** Consequence of failure, 0–1. */
  consequence: {
    criticality: s({ low: 0.3, medium: 0.5, high: 0.75, life_safety: 1.0 }, 'Criticality bands (CNAIM C1–C4 spirit: consequence relative to a reference)'),
    incidentEnergy: s({ above8: 0.05, above25: 0.1, above40: 0.2 }, 'NFPA 70E: higher incident energy, worse arc-flash consequence'),
    mediumVoltage: s(0.1, 'Equipment above 1000 V: larger fault energy and outage scope'),
    largeEquipment: s<Partial<Record<EquipmentType, number>>>({ switchgear: 0.1, transformer: 0.1, switchboard: 0.05, mcc: 0.05 }, 'Larger equipment feeds more load: higher outage consequence'),
    unlabeled: s(0.05, 'NFPA 70E: no arc-flash label means workers cannot see the hazard'),
  },

  /** Mapping health and consequence to ThreatMap's 0–100 risk score and words. */
  scoring: {
    /** risk_score = 100 · likelihood(H) · (base + (1 − base) · consequence); likelihood = log-PoF position between H 0.5 and 10 */
    consequenceBase: s(0.5, 'MasterBus: even low-consequence equipment keeps half of its likelihood in the score'),
    ratingBands: s<readonly [number, number, number]>([25, 50, 75], 'Low < 25 ≤ Medium < 50 ≤ High < 75 ≤ Critical (ThreatMap bands)'),
    conditionByHealth: s<readonly [number, number, number, number]>([3, 5.5, 6.5, 8], 'CNAIM health-index bands HI1 0.5–3, HI2 3–5.5, HI3 5.5–6.5, HI4 6.5–8, HI5 >8 → Excellent, Good, Fair, Poor, Critical'),
    affectedFactorScore: s(25, 'A factor of severity ≥ 25 counts the equipment as affected in its risk category'),
  },

  /** Facility roll-ups. */
  facility: {
    worstShare: s(0.1, 'Facility risk = ½ mean + ½ mean of the worst 10 % (a few critical items must show)'),
    complianceStatus: s({ compliant: 90, warning: 70 }, 'Compliant ≥ 90 % overall and no critical finding; Warning ≥ 70 %; else Out of Compliance'),
    topThreats: s(5, 'Top threats shown on the facility page'),
    highRiskItems: s(10, 'High-risk items listed on /risks'),
    nextDueItems: s(20, 'Next inspections / assessments listed'),
  },
} as const;

export type Model = typeof MODEL;
