/**
 * Facility risk aggregation (model 0.1.0), built as an accumulator so a facility of any size is scored in one
 * pass without holding its equipment in memory: add() each scored equipment, then finish().
 *   facility risk_score = ½ · mean(equipment scores) + ½ · mean(worst 10% of scores)
 * — the mean alone would let a few critical items hide among many healthy ones.
 */
import type { Equipment, Facility } from '../condoit/schema.js';
import { combineFactors, factorWeights, type FactorName, type ScoredFactor } from './equipment-risk.js';
import type { EquipmentRisk, FacilityRisks, RiskLevel } from './read-models.js';
import { clampScore, riskLevelFor } from './risk-bands.js';

/** A factor at or above this score counts the equipment as affected by that category. */
export const AFFECTED_THRESHOLD = 25;
const MAX_HIGH_RISK_ITEMS = 10;
const MAX_ACTION_IDS = 50;

const categoryText: Record<FactorName, { description: string; action: string; cost: 'Low' | 'Medium' | 'High' }> = {
  age: { description: 'Equipment near or past its expected service life', action: 'Plan replacement or refurbishment of equipment past its expected life', cost: 'High' },
  maintenance: { description: 'Infrared thermography overdue against the NFPA 70B interval', action: 'Schedule infrared thermography for equipment with overdue scans', cost: 'Low' },
  heat: { description: 'Thermal anomalies found by infrared scans or inspection', action: 'Repair connections with thermal anomalies and re-scan under load', cost: 'Medium' },
  aluminum_conductors: { description: 'Aluminium conductors and aluminium–copper transitions', action: 'Torque-check and retrofit aluminium terminations with rated connectors', cost: 'Medium' },
  loading: { description: 'Equipment loaded at or above 75% of its rating', action: 'Rebalance or relieve loading on heavily loaded equipment', cost: 'Medium' },
  corrosion: { description: 'Rust and corrosion observed on equipment', action: 'Clean, treat and reseal corroded equipment; find the moisture source', cost: 'Medium' },
  humidity: { description: 'Humid, coastal or corrosive operating environment', action: 'Add dehumidification or sealed enclosures in humid electrical rooms', cost: 'Medium' },
  loose_parts: { description: 'Loose parts or connections observed', action: 'Re-torque and secure loose parts and connections', cost: 'Low' },
};

interface CategoryTally {
  affected: number;
  scoreSum: number;
  reductionSum: number;
  maxEquipmentScore: number;
  ids: string[];
}

export class FacilityRiskAccumulator {
  private count = 0;
  private scoreSum = 0;
  private readonly scores: number[] = [];
  private readonly levelCounts: Record<RiskLevel, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  private readonly categories = new Map<FactorName, CategoryTally>();
  private highRisk: EquipmentRisk[] = [];
  private ageSum = 0;
  private ageCount = 0;

  constructor(private readonly facility: Facility) {}

  add(equipment: Equipment, risk: EquipmentRisk, factors: readonly ScoredFactor[]): void {
    this.count += 1;
    this.scoreSum += risk.risk_score;
    this.scores.push(risk.risk_score);
    this.levelCounts[risk.risk_rating] += 1;
    if (risk.age_years !== null) {
      this.ageSum += risk.age_years;
      this.ageCount += 1;
    }
    for (const f of factors) {
      if (f.score < AFFECTED_THRESHOLD) continue;
      const t = this.categories.get(f.factor) ?? { affected: 0, scoreSum: 0, reductionSum: 0, maxEquipmentScore: 0, ids: [] };
      t.affected += 1;
      t.scoreSum += f.score;
      t.reductionSum += risk.risk_score - combineFactors(factors, equipment.criticality, f.factor);
      t.maxEquipmentScore = Math.max(t.maxEquipmentScore, risk.risk_score);
      if (t.ids.length < MAX_ACTION_IDS) t.ids.push(equipment.id);
      this.categories.set(f.factor, t);
    }
    if (risk.risk_rating === 'High' || risk.risk_rating === 'Critical') {
      this.highRisk.push(risk);
      if (this.highRisk.length > MAX_HIGH_RISK_ITEMS * 4) this.trimHighRisk();
    }
  }

  get equipmentCount(): number {
    return this.count;
  }

  get meanEquipmentAge(): number {
    return this.ageCount ? Math.round((this.ageSum / this.ageCount) * 10) / 10 : 0;
  }

  private trimHighRisk(): void {
    this.highRisk.sort((a, b) => b.risk_score - a.risk_score || a.equipment_id.localeCompare(b.equipment_id));
    this.highRisk = this.highRisk.slice(0, MAX_HIGH_RISK_ITEMS);
  }

  facilityScore(): number {
    if (this.count === 0) return 0;
    const sorted = [...this.scores].sort((a, b) => b - a);
    const worstN = Math.max(1, Math.ceil(sorted.length * 0.1));
    const worstMean = sorted.slice(0, worstN).reduce((s, x) => s + x, 0) / worstN;
    return clampScore(0.5 * (this.scoreSum / this.count) + 0.5 * worstMean);
  }

  /** The contract's /risks body, without the history (the store appends that from earlier assessments). */
  finish(lastUpdated: string): Omit<FacilityRisks, 'historical_trend'> {
    this.trimHighRisk();
    const score = this.facilityScore();
    const pct = (n: number) => (this.count ? Math.round((n / this.count) * 1000) / 10 : 0);
    const entries = [...this.categories.entries()].sort(
      ([a, ta], [b, tb]) => factorWeights[b] * tb.scoreSum - factorWeights[a] * ta.scoreSum || a.localeCompare(b),
    );
    return {
      facility_id: this.facility.id,
      facility_name: this.facility.name,
      risk_summary: {
        risk_score: score,
        risk_level: riskLevelFor(score),
        critical_risk_equipment_count: this.levelCounts.Critical,
        high_risk_equipment_count: this.levelCounts.High,
        medium_risk_equipment_count: this.levelCounts.Medium,
        low_risk_equipment_count: this.levelCounts.Low,
      },
      risk_categories: entries.map(([name, t]) => ({
        category: name,
        score: clampScore(t.scoreSum / t.affected),
        description: categoryText[name].description,
        affected_equipment_count: t.affected,
        percentage_of_facility: pct(t.affected),
      })),
      high_risk_items: this.highRisk.map((r) => ({
        equipment_id: r.equipment_id,
        equipment_name: r.equipment_name,
        equipment_type: r.equipment_type,
        risk_level: r.risk_rating,
        risk_score: r.risk_score,
        primary_risk_factor: r.primary_risk_factor,
        location: r.location,
      })),
      risk_recommendation: {
        priority_actions: entries
          .map(([name, t]) => ({
            action: categoryText[name].action,
            affected_equipment: t.ids,
            risk_reduction: Math.round((t.reductionSum / t.affected) * 10) / 10,
            estimated_cost: categoryText[name].cost,
            urgency: t.maxEquipmentScore >= 75 ? ('Immediate' as const) : t.maxEquipmentScore >= 50 ? ('High' as const) : t.maxEquipmentScore >= 25 ? ('Medium' as const) : ('Low' as const),
          }))
          .sort((a, b) => b.risk_reduction - a.risk_reduction),
      },
      last_updated: lastUpdated,
    };
  }
}
