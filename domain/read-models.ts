/** Output shapes (the ThreatMap contract's field names) for what the engine computes; types derive from these. */
import { z } from 'zod';

export const zRiskLevel = z.enum(['Low', 'Medium', 'High', 'Critical']);
export type RiskLevel = z.infer<typeof zRiskLevel>;

export const zCondition = z.enum(['Excellent', 'Good', 'Fair', 'Poor', 'Critical']);
export type Condition = z.infer<typeof zCondition>;

export const zRiskFactor = z.object({
  factor: z.string(),
  score: z.number().min(0).max(100),
  description: z.string(),
});
export type RiskFactor = z.infer<typeof zRiskFactor>;

export const zEquipmentRisk = z.object({
  equipment_id: z.string(),
  equipment_name: z.string(),
  equipment_type: z.string(),
  location: z.string(),
  risk_score: z.number().min(0).max(100),
  risk_rating: zRiskLevel,
  condition: zCondition,
  risk_factors: z.array(zRiskFactor),
  primary_risk_factor: z.string().nullable(),
  age_years: z.number().nullable(),
});
export type EquipmentRisk = z.infer<typeof zEquipmentRisk>;

export const zTrendPoint = z.object({
  month: z.string(),
  risk_score: z.number(),
  equipment_count: z.number().int(),
  equipment_age: z.number(),
});
export type TrendPoint = z.infer<typeof zTrendPoint>;

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
    }),
  ),
  historical_trend: z.array(zTrendPoint),
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
        action: z.string(),
        affected_equipment: z.array(z.string()),
        risk_reduction: z.number(),
        estimated_cost: z.enum(['Low', 'Medium', 'High']),
        urgency: z.enum(['Immediate', 'High', 'Medium', 'Low']),
      }),
    ),
  }),
  last_updated: z.string(),
});
export type FacilityRisks = z.infer<typeof zFacilityRisks>;
