/**
 * The ThreatMap contract's resource bodies (../shared API-CONTRACT.md), as zod schemas: the engine precomputes
 * them, the store keeps them, the API validates and documents them. Field names are the contract's (snake_case).
 */
import { z } from 'zod';

export const zRiskLevel = z.enum(['Low', 'Medium', 'High', 'Critical']);
export type RiskLevel = z.infer<typeof zRiskLevel>;

export const zCondition = z.enum(['Excellent', 'Good', 'Fair', 'Poor', 'Critical']);
export type Condition = z.infer<typeof zCondition>;

export const zComplianceStatus = z.enum(['Compliant', 'Warning', 'Out of Compliance']);
export type ComplianceStatus = z.infer<typeof zComplianceStatus>;

export const zLevelWord = z.enum(['None', 'Minimal', 'Moderate', 'Severe']);
export type LevelWord = z.infer<typeof zLevelWord>;

/**
 * A factor of a risk score: its severity (0–100, the explanation scale) and `contribution`, the points of the score
 * it accounts for — an item's contributions (its asset class's baseline included, as factor `asset_class`) add up
 * to its risk score, a facility's to the facility's.
 */
export const zRiskFactor = z.object({
  factor: z.string(),
  score: z.number().min(0).max(100),
  description: z.string(),
  contribution: z.number(),
});
export type RiskFactor = z.infer<typeof zRiskFactor>;

/** An equipment's factor, with the rule that fired (a model-table entry), its citation and the input values it read. */
export const zExplainedRiskFactor = zRiskFactor
  .extend({
    rule: z.string(),
    citation: z.string(),
    inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({
    example: {
      factor: 'heat',
      score: 95,
      description: 'Infrared scan 2026-08-01 found ΔT 20 °C at 100% load = 20 °C at full load (major deficiency, NETA ΔT bands)',
      contribution: 21.4,
      rule: 'health.temperature',
      citation:
        'CNAIM v2.1 mci_hv_tf_temp_readings: normal 1.0, moderately high 1.2, very high 1.4 (collar 5.5); bands on the load-corrected ΔT from NETA MTS: 1–3 possible, 4–15 probable, > 15 major',
      inputs: {
        scan_date: '2026-08-01',
        measured_delta_t_c: 20,
        load_percent: 100,
        full_load_delta_t_c: 20,
        conclusive: true,
        band: 'major',
      },
    },
  });
export type ExplainedRiskFactor = z.infer<typeof zExplainedRiskFactor>;

export const zTrendPoint = z.object({
  month: z.string(),
  risk_score: z.number(),
  equipment_count: z.number().int(),
  equipment_age: z.number(),
  model_version: z.string(),
  reconstructed: z.boolean(),
});
export type TrendPoint = z.infer<typeof zTrendPoint>;

const isoDateOrNull = z.string().nullable();

/** If nothing is done: the days the item becomes High and Critical (today when it already is; null beyond 25 years). */
export const zForecast = z.object({ high_on: isoDateOrNull, critical_on: isoDateOrNull });

/** Equipment as listed under a facility, and as a facility's top threat (a subset). */
export const zEquipmentListItem = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  location: z.string(),
  install_date: isoDateOrNull,
  condition: zCondition,
  risk_rating: zRiskLevel,
  risk_score: z.number().min(0).max(100),
  risk_factors: z.array(zExplainedRiskFactor),
  temperature: z.string().nullable(),
  rust_level: zLevelWord,
  corrosion_level: zLevelWord,
  last_service: isoDateOrNull,
  photo_url: z.string().nullable(),
  intervention_count: z.number().int(),
  conductor_material: z.enum(['Copper', 'Aluminum']).nullable(),
  forecast: zForecast,
  last_updated: z.string(),
});
export type EquipmentListItem = z.infer<typeof zEquipmentListItem>;

export const zTopThreat = zEquipmentListItem.pick({
  id: true,
  name: true,
  type: true,
  location: true,
  install_date: true,
  condition: true,
  risk_rating: true,
  temperature: true,
  rust_level: true,
  last_service: true,
  photo_url: true,
  intervention_count: true,
  conductor_material: true,
  corrosion_level: true,
});
export type TopThreat = z.infer<typeof zTopThreat>;

export const zEquipmentDetail = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial_number: z.string().nullable(),
  install_date: isoDateOrNull,
  location: z.object({
    facility_id: z.string(),
    facility_name: z.string(),
    building: z.string().nullable(),
    room: z.string().nullable(),
    coordinates: z.object({ lat: z.number(), lng: z.number() }),
  }),
  specifications: z.object({
    voltage: z.string().nullable(),
    amperage: z.number().nullable(),
    phases: z.number().nullable(),
    mount_type: z.string().nullable(),
    enclosure_type: z.string().nullable(),
    slots: z.number().nullable(),
    main_disconnect: z.boolean().nullable(),
    main_disconnect_rating: z.number().nullable(),
  }),
  photos: z.array(
    z.object({ id: z.string(), url: z.string(), thumbnail_url: z.string(), caption: z.string().nullable(), taken_at: z.string() }),
  ),
  risk_assessment: z.object({
    risk_rating: zRiskLevel,
    risk_score: z.number(),
    condition: zCondition,
    risk_factors: z.array(zExplainedRiskFactor),
    forecast: zForecast,
    temperature: z.string().nullable(),
    rust_level: zLevelWord,
    corrosion_level: zLevelWord,
    // Beyond the contract: the model's working, for explanation.
    primary_risk_factor: z.string().nullable(),
    nfpa_70b_condition: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    condition_reasons: z.array(z.string()),
    health_index: z.number(),
    probability_of_failure: z.number(),
    consequence: z.number(),
    /** The two parts of the risk score: failure risk (PoF × consequence) and the arc-flash hazard's points. */
    failure_risk: z.number(),
    arc_flash_risk: z.number(),
    /** Every unknown input and what the model assumed for it, pessimistically within what is known. */
    assumptions: z.array(z.object({ input: z.string(), assumed: z.string(), why: z.string() })),
    model_version: z.string(),
  }),
  service_history: z.array(
    z.object({ id: z.string(), type: z.string(), date: z.string(), technician: z.string().nullable(), notes: z.string().nullable() }),
  ),
  compliance: z.object({
    nfpa_70b: z.object({
      compliant: z.boolean(),
      compliance_percentage: z.number(),
      next_inspection_due: isoDateOrNull,
      maintenance_status: z.enum(['up_to_date', 'due_soon', 'overdue']),
      last_inspection: isoDateOrNull,
      tasks: z.array(
        z.object({
          task: z.string(),
          interval_months: z.number(),
          last_performed: isoDateOrNull,
          next_due: isoDateOrNull,
          status: z.enum(['up_to_date', 'due_soon', 'overdue']),
          days_overdue: z.number(),
        }),
      ),
    }),
    nfpa_70e: z.object({
      compliant: z.boolean(),
      compliance_percentage: z.number(),
      arc_flash_label_present: z.boolean(),
      ppe_requirements: z.string().nullable(),
      incident_energy: z.number().nullable(),
      last_assessment: isoDateOrNull,
      next_assessment_due: isoDateOrNull,
      findings: z.array(z.string()),
    }),
  }),
  last_updated: z.string(),
  created_at: z.string(),
});
export type EquipmentDetail = z.infer<typeof zEquipmentDetail>;

export const zFacilityListItem = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  coordinates: z.object({ lat: z.number(), lng: z.number() }),
  risk_score: z.number().min(0).max(100),
  compliance_status: zComplianceStatus,
  last_inspection: isoDateOrNull,
  contractor: z.string().nullable(),
  equipment_count: z.number().int(),
  critical_equipment_count: z.number().int(),
  high_risk_equipment_count: z.number().int(),
  risk_distribution: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() }),
  last_updated: z.string(),
});
export type FacilityListItem = z.infer<typeof zFacilityListItem>;

export const zFacilityDetail = zFacilityListItem.extend({
  last_arc_flash_analysis: isoDateOrNull,
  last_infrared_scan: isoDateOrNull,
  system_age: z.string(),
  facility_age: z.number().nullable(),
  average_equipment_risk: z.number().min(0).max(1),
  humidity_risk: z.enum(['Low', 'Medium', 'High']),
  conductor_type_breakdown: z.object({ copper: z.number().int(), aluminum: z.number().int() }),
  risk_factors: z.array(zRiskFactor),
  historical_risk: z.array(zTrendPoint),
  top_threats: z.array(zTopThreat),
});
export type FacilityDetail = z.infer<typeof zFacilityDetail>;

const zEquipmentCounts = z.object({ total: z.number().int(), compliant: z.number().int(), non_compliant: z.number().int() });

export const zFacilityCompliance = z.object({
  facility_id: z.string(),
  facility_name: z.string(),
  compliance_summary: z.object({ overall_compliance: z.number(), nfpa_70b_compliance: z.number(), nfpa_70e_compliance: z.number() }),
  compliance_status: zComplianceStatus,
  nfpa_70b: z.object({
    compliance_percentage: z.number(),
    equipment_counts: zEquipmentCounts,
    inspection_status: z.object({ up_to_date: z.number().int(), due_soon: z.number().int(), overdue: z.number().int() }),
    next_inspections_due: z.array(
      z.object({
        equipment_id: z.string(),
        equipment_name: z.string(),
        equipment_type: z.string(),
        due_date: isoDateOrNull,
        days_overdue: z.number().int(),
      }),
    ),
  }),
  nfpa_70e: z.object({
    compliance_percentage: z.number(),
    equipment_counts: zEquipmentCounts,
    arc_flash_label_status: z.object({ present: z.number().int(), missing: z.number().int() }),
    de_energize_required: z.number().int(),
    next_assessments_due: z.array(
      z.object({ equipment_id: z.string(), equipment_name: z.string(), equipment_type: z.string(), due_date: isoDateOrNull }),
    ),
  }),
  last_updated: z.string(),
});
export type FacilityCompliance = z.infer<typeof zFacilityCompliance>;

export const zActionPlan = z.object({
  target: z.literal('below High'),
  /** False when even every proposed action leaves the facility High or Critical (then `reason` says why). */
  reachable: z.boolean(),
  /** 'greedy' when the exhaustive search would have been too large (domain/action-plan.ts). */
  search: z.enum(['exhaustive', 'greedy']),
  steps: z.array(
    z.object({
      action_id: z.string(),
      action: z.string(),
      estimated_cost: z.enum(['Low', 'Medium', 'High']),
      risk_score_after: z.number(),
      risk_level_after: zRiskLevel,
    }),
  ),
  risk_score_after: z.number(),
  reason: z.string().nullable(),
});

export const zFacilityRisks = z.object({
  facility_id: z.string(),
  facility_name: z.string(),
  risk_summary: z.object({
    risk_score: z.number().min(0).max(100),
    risk_level: zRiskLevel,
    critical_risk_equipment_count: z.number().int(),
    high_risk_equipment_count: z.number().int(),
    medium_risk_equipment_count: z.number().int(),
    low_risk_equipment_count: z.number().int(),
  }),
  risk_categories: z.array(
    z.object({
      category: z.string(),
      score: z.number().min(0).max(100),
      description: z.string(),
      affected_equipment_count: z.number().int(),
      percentage_of_facility: z.number().min(0).max(100),
      /** Points of the facility's risk score this category accounts for: the categories add up to the score. */
      contribution: z.number(),
    }),
  ),
  historical_trend: z.array(zTrendPoint),
  /** If nothing is done: the facility's risk score 3, 6 and 12 months ahead (domain/forecast.ts). */
  forecast_trend: z.array(zTrendPoint),
  high_risk_items: z.array(
    z.object({
      equipment_id: z.string(),
      equipment_name: z.string(),
      equipment_type: z.string(),
      risk_level: zRiskLevel,
      risk_score: z.number(),
      primary_risk_factor: z.string().nullable(),
      location: z.string(),
    }),
  ),
  risk_recommendation: z.object({
    priority_actions: z.array(
      z.object({
        /** The action's id: what POST …/what-if takes to apply it to every affected equipment. */
        id: z.string(),
        action: z.string(),
        affected_equipment: z.array(z.string()),
        risk_reduction: z.number(),
        estimated_cost: z.enum(['Low', 'Medium', 'High']),
        urgency: z.enum(['Immediate', 'High', 'Medium', 'Low']),
      }),
    ),
    /** The smallest set of priority actions (cheapest cost class, then fewest) that brings the facility below High. */
    plan: zActionPlan,
  }),
  last_updated: z.string(),
});
export type FacilityRisks = z.infer<typeof zFacilityRisks>;

export const zPortfolioSummary = z.object({
  total_facilities: z.number().int(),
  total_equipment: z.number().int(),
  risk_overview: z.object({
    average_risk_score: z.number(),
    high_risk_facilities: z.number().int(),
    critical_risk_equipment: z.number().int(),
    high_risk_equipment: z.number().int(),
  }),
  compliance_overview: z.object({ nfpa_70b_compliance: z.number(), nfpa_70e_compliance: z.number(), overall_compliance: z.number() }),
  risk_trends: z.array(zTrendPoint),
  highest_risk_facilities: z.array(
    z.object({
      facility_id: z.string(),
      facility_name: z.string(),
      risk_score: z.number(),
      location: z.string(),
      critical_equipment_count: z.number().int(),
    }),
  ),
  last_updated: z.string(),
});
export type PortfolioSummary = z.infer<typeof zPortfolioSummary>;
