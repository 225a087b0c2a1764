/**
 * Every number and rule switch the risk and compliance model uses, in one versioned table, each with its source
 * or stated rationale. Changing any value — or any rule in the code that reads it — means a new MODEL_VERSION:
 * test/unit/model-table.test.ts fingerprints this table together with a golden outcome set
 * (domain/model-golden-set.ts), so neither can change silently. docs/risk-model.md explains every rule.
 */
import type { EquipmentType, MaintenanceTask } from './inputs.js';

export const MODEL_VERSION = '2.1.0';

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
  /** Only liquid-filled transformers need fluid analysis (an unknown insulation is assumed liquid). */
  onlyLiquidInsulation?: boolean;
}

/** The CNAIM asset classes MasterBus maps equipment onto (see `assetClassOf`). */
export type AssetClass = 'lv_circuit_breaker' | 'lv_board' | 'lv_switchgear' | 'hv_switchgear' | 'transformer' | 'standby_power' | 'ups';

/** CNAIM's per-class constants: PoF curve (K in % per year, C), normal life, and the factor-combination rule's limits. */
export interface AssetClassConstants {
  cnaimCategory: string;
  normalLifeYears: number;
  kPercent: number;
  c: number;
  /** CNAIM mmi: how many observed and how many measured condition factors combine. */
  combine: { observed: number; measured: number };
  /** CNAIM duty factor: by utilisation for transformers; 1 ('none') for switchgear. */
  duty: 'none' | 'transformer';
}

const IR = s<Intervals>([12, 12, 6], 'NFPA 70B (2023) infrared thermography: 12 months for C1/C2, 6 months for C3');
const PANEL_TESTS = s<Intervals>(
  [60, 36, 12],
  'NFPA 70B (2023) panelboards/switchboards ≤1000 V: C1 60 months; C2/C3 from application notes',
);
const GENERIC_TESTS = s<Intervals>([60, 36, 12], 'NFPA 70B generic electrical testing 60/36/12 (application notes; uncertain)');

export const MODEL = {
  version: MODEL_VERSION,

  /** NFPA 70B maintenance tasks by equipment type. */
  maintenance: {
    requirements: {
      panelboard: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: PANEL_TESTS },
      ],
      switchboard: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: PANEL_TESTS },
      ],
      switchgear: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'visual_inspection',
          intervals: s<Intervals>([6, 6, 3], 'NFPA 70B 2013 Annex L: switchgear visual every 6 months (C3 halved)'),
        },
        {
          task: 'insulation_testing',
          intervals: s<Intervals>([24, 24, 12], 'NFPA 70B 2013 Annex L: switchgear insulation tests every 2 years'),
        },
      ],
      transformer: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([60, 36, 12], 'NFPA 70B (2023) transformers: inspection and electrical tests C1 60 months'),
        },
        {
          task: 'fluid_analysis',
          intervals: s<Intervals>([12, 12, 6], 'NFPA 70B (2023) liquid-filled transformer fluid sampling / DGA'),
          onlyLiquidInsulation: true,
        },
      ],
      breaker: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'visual_inspection',
          intervals: s<Intervals>([12, 12, 6], 'NFPA 70B 2013 Annex L: LV air circuit breakers visual/cleaning yearly'),
        },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([36, 36, 12], 'NFPA 70B 2013 Annex L: LV breakers electrical tests every 3 years'),
        },
      ],
      mcc: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'visual_inspection', intervals: s<Intervals>([12, 12, 6], 'NFPA 70B 2013 Annex L: MCC IR/visual/cleaning yearly') },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([24, 24, 12], 'NFPA 70B 2013 Annex L: MCC torque check and electrical tests every 2 years'),
        },
      ],
      disconnect: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: GENERIC_TESTS },
      ],
      ats: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([12, 12, 6], 'NFPA 110 practice: transfer switches exercised and tested yearly (assumed)'),
        },
      ],
      generator: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([12, 12, 6], 'NFPA 110 practice: yearly load-bank/electrical testing (assumed)'),
        },
      ],
      ups: [
        { task: 'infrared_thermography', intervals: IR },
        {
          task: 'electrical_testing',
          intervals: s<Intervals>([12, 12, 6], 'UPS manufacturer practice: yearly preventive maintenance (assumed)'),
        },
      ],
      busway: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: GENERIC_TESTS },
      ],
      other: [
        { task: 'infrared_thermography', intervals: IR },
        { task: 'electrical_testing', intervals: GENERIC_TESTS },
      ],
    } satisfies Record<EquipmentType, TaskRequirement[]>,
    /** Records of these tasks also satisfy the requirement named by the key. */
    satisfiedBy: s<Partial<Record<MaintenanceTask, MaintenanceTask[]>>>(
      {
        insulation_testing: ['insulation_testing', 'electrical_testing'],
        visual_inspection: ['visual_inspection', 'cleaning', 'mechanical_servicing'],
      },
      'MasterBus convention: a full electrical test includes insulation resistance; cleaning/servicing includes a visual inspection',
    ),
    dueSoonWindowDays: s(30, 'MasterBus default: a task due within 30 days is "due soon" (configurable)'),
    missedCyclesForC3: s(2, 'NFPA 70B (2023): missing the last two successive maintenance cycles makes equipment condition 3'),
  },

  /** How maintenance records and observations are read over time (domain/evidence.ts). */
  evidence: {
    infraredMinLoadPercent: s(
      40,
      'NFPA 70B (2023) thermography: scan at ≥ 40 % of normal load; below it a scan is inconclusive — it neither counts as the task done nor clears an earlier finding',
    ),
    infraredReferenceLoadPercent: s(
      100,
      'ΔT is compared at a common load: corrected to 100 % of rating (full load), the load at which the connection must hold',
    ),
    infraredLoadExponent: s(
      2,
      'ΔT_ref = ΔT × (L_ref / L)^n with n = 2 (resistive heating ∝ I²; field practice per DOMAIN.md, some guides use 1.6–2: 2 is the conservative end above 100 % and the usual one)',
    ),
    deltaTRiseForC2: s(
      3,
      'NFPA 70B condition 2 "results differ from earlier ones": load-corrected ΔT risen by ≥ 3 °C since the previous conclusive scan (NETA possible-deficiency width)',
    ),
    resolvingTasks: s<readonly MaintenanceTask[]>(
      ['repair', 'replacement'],
      'An observation or a failed test is resolved by a repair or replacement recorded on or after it (not by the passing of time)',
    ),
  },

  /** NFPA 70E arc-flash rules. */
  arcFlash: {
    studyMaxAgeYears: s(5, 'NFPA 70E (2024) 130.5(G): review the arc-flash risk assessment at least every 5 years'),
    ppeCategoryMaxEnergy: s<readonly [number, number, number, number]>(
      [4, 8, 25, 40],
      'NFPA 70E Table 130.7(C)(15)(c): PPE categories 1–4 minimum arc ratings 4, 8, 25, 40 cal/cm²',
    ),
    noCategoryAbove: s(40, 'NFPA 70E: above 40 cal/cm² no PPE category applies — de-energize (not a legal limit since 2015)'),
    labelOneMethodOnly: s(
      true,
      'NFPA 70E (2024) 130.5(H): incident energy with working distance, or the PPE category — not both (they come from different methods)',
    ),
    secondDegreeBurnOnset: s(1.2, 'NFPA 70E: 1.2 cal/cm² is the onset of a second-degree burn (the arc-flash boundary)'),
  },

  /** CNAIM v2.1 asset classes: which class an equipment type belongs to, and each class's constants. */
  assetClasses: {
    byType: s<Record<EquipmentType, AssetClass>>(
      {
        breaker: 'lv_circuit_breaker',
        panelboard: 'lv_board',
        switchboard: 'lv_board',
        mcc: 'lv_board',
        busway: 'lv_board',
        disconnect: 'lv_switchgear',
        switchgear: 'lv_switchgear',
        ats: 'lv_switchgear',
        other: 'lv_switchgear',
        transformer: 'transformer',
        generator: 'standby_power',
        ups: 'ups',
      },
      'CNAIM v2.1 Table 1: LV circuit breaker; LV board (panelboards, switchboards, MCCs, busway); "LV Switchgear and Other" (switchgear ≤ 1 kV, disconnects, ATS, other); switchgear above 1 kV is HV switchgear (distribution)',
    ),
    hvAboveVolts: s(1000, 'CNAIM: LV is ≤ 1 kV; switchgear above 1 kV takes the HV switchgear (distribution) constants'),
    constants: s<Record<AssetClass, AssetClassConstants>>(
      {
        lv_circuit_breaker: {
          cnaimCategory: 'LV Circuit Breaker',
          normalLifeYears: 60,
          kPercent: 0.0041,
          c: 1.087,
          combine: { observed: 1, measured: 1 },
          duty: 'none',
        },
        lv_board: {
          cnaimCategory: 'LV Board (WM)',
          normalLifeYears: 60,
          kPercent: 0.0069,
          c: 1.087,
          combine: { observed: 3, measured: 1 },
          duty: 'none',
        },
        lv_switchgear: {
          cnaimCategory: 'LV Switchgear and Other (LV Board (WM) curve)',
          normalLifeYears: 60,
          kPercent: 0.0069,
          c: 1.087,
          combine: { observed: 3, measured: 1 },
          duty: 'none',
        },
        hv_switchgear: {
          cnaimCategory: 'HV Switchgear (GM) - Distribution (6.6/11kV CB (GM) Secondary)',
          normalLifeYears: 55,
          kPercent: 0.0067,
          c: 1.087,
          combine: { observed: 3, measured: 3 },
          duty: 'none',
        },
        transformer: {
          cnaimCategory: 'HV Transformer (GM) (6.6/11kV Transformer (GM))',
          normalLifeYears: 60,
          kPercent: 0.0078,
          c: 1.087,
          combine: { observed: 2, measured: 2 },
          duty: 'transformer',
        },
        standby_power: {
          cnaimCategory: 'none: generator on the LV Board (WM) curve, 40-year life (MasterBus assumption)',
          normalLifeYears: 40,
          kPercent: 0.0069,
          c: 1.087,
          combine: { observed: 3, measured: 1 },
          duty: 'none',
        },
        ups: {
          cnaimCategory: 'none: UPS on the LV Board (WM) curve, 15-year life (MasterBus assumption)',
          normalLifeYears: 15,
          kPercent: 0.0069,
          c: 1.087,
          combine: { observed: 3, measured: 1 },
          duty: 'none',
        },
      },
      'CNAIM v2.1 via Utiligize/CNAIM 2.1.4 gb_ref: pof_curve_parameters (Table 21: K %, C), normal_expected_life (Table 20), observed/measured_cond_modifier_mmi_cal (Tables 13, 15: max. no. of combined factors); duty factor 1 for LV and HV distribution switchgear (hard-coded in pof_lv_switchgear_and_other / pof_hv_switchgear_distribution)',
    ),
  },

  /** CNAIM v2.1 health index. */
  health: {
    pofHealthFloor: s(
      4,
      'CNAIM v2.1: health score floored at 4 in the future-PoF curve only (Utiligize/CNAIM pof_future_*); the current PoF uses the health score as it is',
    ),
    initialHealthCap: s(5.5, 'CNAIM v2.1: H₀ = min(5.5, 0.5·e^(β₁·age)), β₁ = ln(5.5/0.5) / expected life'),
    healthBounds: s<readonly [number, number]>([0.5, 10], 'CNAIM v2.1: health score bounded to [0.5, 10] (current_health)'),
    combineDividers: s(
      { divider1: 1.5, divider2: 1.5 },
      'CNAIM v2.1 Tables 9, 13, 15: factor dividers 1.5 (mmi and the health score factor)',
    ),
    /** Transformer duty factor by max. utilisation %: (lower, upper] bands as [upper, factor]. */
    transformerDuty: s<readonly (readonly [number, number])[]>(
      [
        [50, 0.9],
        [70, 0.95],
        [100, 1],
        [Infinity, 1.4],
      ],
      'CNAIM v2.1 Table 33 duty_factor_lut_distrib_tf: ≤ 50 % 0.90, ≤ 70 % 0.95, ≤ 100 % 1.00, above 1.40',
    ),
    /** Location factor (CNAIM location_factor): site factors, the increment, and the indoor damping. */
    location: s(
      {
        coastal: 1.35,
        inland: 1,
        corrosionByHumidity: { low: 0.95, medium: 1, high: 1.1 },
        corrosiveAtmosphere: 1.25,
        altitude: 1,
        increment: 0.05,
        indoorMinimum: 0.9,
        indoorShare: 0.25,
      },
      'CNAIM v2.1 Tables 22–25 and location_factor: distance from coast ≤ 1 km 1.35 (a coastal site, distance not recorded: the worst band), Default 1.00; corrosion category index 2/3/4/5 = 0.95/1.00/1.10/1.25 (MasterBus mapping: low/medium/high humidity, corrosive atmosphere); altitude Default 1.00 (not recorded); LF = max + 0.05 per further factor above 1; indoor LF = 0.9 + 0.25 × (LF − 0.9)',
    ),
    /** Observed condition factors [factor, collar] by severity (minimal, moderate, severe). */
    externalCondition: s(
      { minimal: [1, 0.5], moderate: [1.2, 0.5], severe: [1.4, 5.5] } as Record<
        'minimal' | 'moderate' | 'severe',
        readonly [number, number]
      >,
      'CNAIM v2.1 oci_lv_board_swg_ext_cond (rust, corrosion): superficial 1.0, some deterioration 1.2, substantial 1.4 (collar 5.5)',
    ),
    internalCondition: s(
      { minimal: [1.1, 0.5], moderate: [1.2, 3], severe: [1.4, 8] } as Record<'minimal' | 'moderate' | 'severe', readonly [number, number]>,
      'CNAIM v2.1 oci_lv_board_wm_swg_int_cond (physical damage): some 1.2 (collar 3), substantial 1.4 (collar 8); minimal 1.1 is MasterBus (any recorded damage counts)',
    ),
    moisture: s(
      { minimal: [1.1, 0.5], moderate: [1.3, 0.5], severe: [1.5, 5.5] } as Record<
        'minimal' | 'moderate' | 'severe',
        readonly [number, number]
      >,
      'CNAIM v2.1 oci_hv_swg_dist_indoor_env (signs of moisture): some 1.3, substantial 1.5; minimal 1.1 and the collar 5.5 for severe are MasterBus (any water in electrical equipment counts; severe water in energized gear is an urgent, condition-3 finding)',
    ),
    heatDiscoloration: s(
      { minimal: [1.1, 0.5], moderate: [1.1, 0.5], severe: [1.1, 0.5] } as Record<
        'minimal' | 'moderate' | 'severe',
        readonly [number, number]
      >,
      'CNAIM v2.1 thermographic assessment (observed): signs of heating 1.1',
    ),
    /** Measured condition factors. */
    looseParts: s(
      { minimal: [1.1, 0.5], moderate: [1.3, 4], severe: [1.5, 8] } as Record<'minimal' | 'moderate' | 'severe', readonly [number, number]>,
      'CNAIM v2.1 mci_lv_board_wm_opsal_adequacy: moderate = inoperable–secure 1.3 (collar 4), severe = inoperable–hazardous 1.5 (collar 8); minimal 1.1 is MasterBus',
    ),
    temperature: s(
      {
        possible: [1, 0.5] as const,
        probable: [1.2, 0.5] as const,
        major: [1.4, 5.5] as const,
        possibleDeltaT: 1,
        probableDeltaT: 4,
        majorDeltaT: 15,
      },
      'CNAIM v2.1 mci_hv_tf_temp_readings: normal 1.0, moderately high 1.2, very high 1.4 (collar 5.5); bands on the load-corrected ΔT from NETA MTS: 1–3 possible, 4–15 probable, > 15 major',
    ),
    failedTest: s<readonly [number, number]>(
      [1.4, 5.5],
      'CNAIM v2.1 mci_hv_swg_distr_trip_test "Fail" 1.4; collar 5.5 is MasterBus (an open failed test is NFPA 70B condition 3)',
    ),
    /** MasterBus reliability factors (CNAIM reliability factor, default 1): combined with the mmi rule, no limit. */
    conductorReliability: s(
      { copper: 1, mixed: 1.05, aluminum: 1.1, alCuTransitions: 1.2 },
      'MasterBus reliability factor for aluminium conductors and Al–Cu transitions (IEEE 1218 / field experience; not CNAIM)',
    ),
    maintenanceReliability: s(
      { current: 1, overdue: 1.1, missedTwoCycles: 1.25 },
      'MasterBus reliability factor for overdue NFPA 70B maintenance (not CNAIM)',
    ),
    loadingReliability: s<readonly (readonly [number, number])[]>(
      [
        [80, 1],
        [100, 1.05],
        [Infinity, 1.15],
      ],
      'MasterBus reliability factor for LV gear loading (CNAIM duty is 1 for switchgear): above 80 % of rating exceeds the NEC continuous-load design (210.19/215.2), above 100 % is overload',
    ),
    environmentReliability: s(
      { normal: 1, harsh: 1.1, beyond_rating: 1.2 },
      'MasterBus reliability factor for a harsh environment or operation beyond ratings (NFPA 70B condition 3 causes; not CNAIM)',
    ),
  },

  /** Consequence of failure, 0–1. */
  consequence: {
    criticality: s(
      { low: 0.3, medium: 0.5, high: 0.75, life_safety: 1 },
      'Criticality bands (CNAIM C1–C4 spirit: consequence relative to a reference)',
    ),
    mediumVoltage: s(0.1, 'Equipment above 1000 V: larger fault energy and outage scope'),
    largeEquipment: s<Partial<Record<EquipmentType, number>>>(
      { switchgear: 0.1, transformer: 0.1, switchboard: 0.05, mcc: 0.05 },
      'Larger equipment feeds more load: higher outage consequence',
    ),
  },

  /**
   * The arc-flash hazard, in risk points added to the failure risk whatever the wear: the hazard to a worker
   * does not need the equipment to fail, only someone to open it energized.
   */
  arcFlashRisk: {
    /** [upper bound cal/cm², points] for a known incident energy; above the last bound: aboveFortyPoints. */
    energyPoints: s<readonly (readonly [number, number])[]>(
      [
        [1.2, 0],
        [4, 3],
        [8, 6],
        [25, 12],
        [40, 20],
      ],
      'MasterBus: points rise with the PPE category the energy requires (NFPA 70E Table 130.7(C)(15)(c)); below 1.2 cal/cm² no second-degree burn',
    ),
    aboveFortyPoints: s(
      35,
      'MasterBus: above 40 cal/cm² no PPE category is adequate and energized work must not be planned: with any wear, or with a label or study finding, the item is High',
    ),
    unknownEnergyPoints: s(35, 'Unknown incident energy is assumed the worst band: an unknown hazard never scores below a known one'),
    labelMissing: s(
      15,
      'NFPA 70E 130.5(H): no label — workers cannot see the hazard; never less than any defective label (incomplete + understated = 13)',
    ),
    labelIncomplete: s(5, 'NFPA 70E 130.5(H): a label lacking a required field, or showing both methods'),
    ppeUnderstated: s(8, 'NFPA 70E: a label category below what the energy requires under-protects the worker'),
    studyMissing: s(5, 'NFPA 70E 130.5: no arc-flash risk assessment (the unknown energy is scored on its own)'),
    studyOutdated: s(
      8,
      'NFPA 70E 130.5(G): study older than 5 years or predating a recorded modification: its energy and labels may be wrong',
    ),
    max: s(60, 'MasterBus: arc-flash findings alone make an item at most High (60); Critical needs the failure side as well'),
    reductionTargetEnergy: s(
      8,
      'Reducing incident energy (NEC 240.87 energy-reducing maintenance switching, faster clearing) is planned to PPE category 2 (≤ 8 cal/cm²)',
    ),
    reduceAbove: s(25, 'MasterBus: "reduce incident energy" is proposed above 25 cal/cm² (category 4 or none)'),
  },

  /** Unknown inputs are pessimistic within what is known; each assumption is listed on the item's assessment. */
  assumptions: {
    loadingPercent: s(
      120,
      'Unknown loading: assumed overloaded (above 100 %, the worst duty band): an unknown load never scores below a known one',
    ),
    conductor: s('aluminum' as const, 'Unknown conductor: assumed aluminium, not copper'),
    voltageVolts: s(
      13_800,
      'Unknown voltage (no nameplate value either): assumed medium voltage (the worse consequence); switchgear is scored on the LV and the HV curves and the riskier kept',
    ),
    insulation: s('liquid' as const, 'Unknown transformer insulation: assumed liquid-filled (fluid analysis required)'),
  },

  /** Mapping health, consequence and arc-flash points to ThreatMap's 0–100 risk score and words. */
  scoring: {
    /** failure risk = 100 · likelihood · (base + (1 − base) · consequence); likelihood = log-PoF position over every class */
    consequenceBase: s(0.5, 'MasterBus: even low-consequence equipment keeps half of its likelihood in the score'),
    ratingBands: s<readonly [number, number, number]>([25, 50, 75], 'Low < 25 ≤ Medium < 50 ≤ High < 75 ≤ Critical (ThreatMap bands)'),
    conditionByHealth: s<readonly [number, number, number, number]>(
      [3, 5.5, 6.5, 8],
      'CNAIM health-index bands HI1 0.5–3, HI2 3–5.5, HI3 5.5–6.5, HI4 6.5–8, HI5 >8 → Excellent, Good, Fair, Poor, Critical',
    ),
    affectedFactorScore: s(25, 'A factor of severity ≥ 25 counts the equipment as affected in its risk category'),
  },

  /** Severity (0–100) shown for each risk factor, by the finding behind it. */
  severities: s(
    {
      loading: { above90: 85, above75: 55, highFrom: 90, mediumFrom: 75 },
      humidityScale: 100,
      environment: { harsh: 70, beyond_rating: 90 },
      heat: { major: 95, probable: 60, possible: 35 },
      corrosion: { severe: 90, moderate: 55, minimal: 15 },
      moisture: { severe: 90, moderate: 55, minimal: 15 },
      loose_parts: { severe: 90, moderate: 60, minimal: 30 },
      physical_damage: { severe: 90, moderate: 60, minimal: 30 },
      failed_test: 90,
      aluminum_conductors: { alCuTransitions: 80, aluminum: 50, mixed: 30 },
      maintenance: { missedTwoCycles: 90, overdueBase: 50, overduePerDays: 15, overdueMax: 85 },
      arc_flash: { unknown: 80, above40: 95, above25: 70, above8: 40, above1_2: 20 },
      arc_flash_label: { missing: 60, incomplete: 35, understated: 50 },
      arc_flash_study: { missing: 60, outdated: 50 },
      replaceAtAgeSeverity: 75,
    },
    'MasterBus explanation scale: 0–100 per factor, ≥ 75 "act now", 50–75 "plan", 25–50 "watch" (ThreatMap bands); loading shown from 75 % (medium) and above 90 % (high) as ThreatMap\'s heuristics (DOMAIN.md); arc-flash severity by the PPE category limits of MODEL.arcFlash (8 / 25 / 40 cal/cm²)',
  ),

  /** If nothing is done: CNAIM's future health, plus what lapses by itself (domain/forecast.ts). */
  forecast: {
    maxAgeingRate: s(2, 'CNAIM v2.1 §6.1.8 (Utiligize/CNAIM pof_future_*): the forecast ageing rate β₂ = ln(H/0.5)/age is at most 2·β₁'),
    ageingReduction: s(
      { from: 2, to: 5.5, divisor: 7, max: 1.5 },
      'CNAIM v2.1 ageing reduction factor: 1 below health 2, 1 + (H − 2)/7 up to 5.5, 1.5 above (read at the age-only health: see docs/risk-model.md)',
    ),
    healthLimit: s(15, 'CNAIM v2.1 (Utiligize/CNAIM pof_future_*): future health score limit 15'),
    horizonYears: s(25, 'MasterBus: forecast dates beyond 25 years are not given (null): beyond a planning horizon'),
    facilityMonths: s<readonly number[]>([3, 6, 12], 'MasterBus: the facility forecast 3, 6 and 12 months ahead (ThreatMap trend chart)'),
  },

  /** The action plan (domain/action-plan.ts). */
  plan: {
    searchBudget: s(
      200_000,
      'MasterBus: an exhaustive search of action sets may re-score at most this many items per facility (a few ms); beyond it the plan is built greedily, and says so',
    ),
  },

  /** Facility roll-ups. */
  facility: {
    breadthWeight: s(
      0.1,
      'Facility risk = 1 − (1 − r_worst) · Π(1 − w · r_i) over the other significant items: the worst item counts in full, each further one raises it (w = 0.1: ten more items as bad as the worst take a 50 facility to 70)',
    ),
    breadthFromScore: s(
      25,
      'Only items at Medium or worse add breadth: Low is tolerable by definition, so a large clean facility is not risky for its size',
    ),
    floors: s(
      { Critical: 'High' as const },
      'A facility with a Critical item is never below High (the aggregation already keeps the worst item; the floor states the promise)',
    ),
    complianceStatus: s(
      { compliant: 90, warning: 70 },
      'Compliant ≥ 90 % overall and no blocking finding; Warning ≥ 70 %; else Out of Compliance',
    ),
    complianceBlockers: s(
      { taskOverdueDays: 365, physicalCondition3: true, arcFlashStudyNotCurrent: true, labelMissing: true, criticalItem: true },
      "Never Compliant while a task is > 365 days overdue (or overdue with no due date), an item is in NFPA 70B condition 3 by its physical condition, an item's arc-flash study is missing or expired (70E 130.5(G)) or its label missing (130.5(H)), or an item is rated Critical",
    ),
    urgencyBands: s<readonly [number, number, number]>(
      [75, 50, 25],
      'Action urgency from the worst affected item score: ≥ 75 Immediate, ≥ 50 High, ≥ 25 Medium, else Low (the rating bands)',
    ),
    topThreats: s(5, 'Top threats shown on the facility page'),
    highRiskItems: s(10, 'High-risk items listed on /risks'),
    nextDueItems: s(20, 'Next inspections / assessments listed'),
  },
} as const;

export type Model = typeof MODEL;
