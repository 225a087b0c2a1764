/**
 * Portfolio roll-up of facility results (the contract's /v1/portfolio/summary). Percentages are
 * equipment-weighted: the portfolio's 70B compliance is the share of all its equipment that is compliant. The
 * trend rolls up only points of the current model version (domain/served-trend.ts); a month is reconstructed
 * when any facility's point for it is.
 */
import { MODEL, MODEL_VERSION } from './model-table.js';
import { pointsOfVersion } from './served-trend.js';
import type { FacilityCompliance, FacilityListItem, PortfolioSummary, TrendPoint } from './read-models.js';

export interface FacilityResultSummary {
  listItem: FacilityListItem;
  /** Only the compliant counts are summed. */
  compliance: {
    nfpa_70b: { equipment_counts: Pick<FacilityCompliance['nfpa_70b']['equipment_counts'], 'compliant'> };
    nfpa_70e: { equipment_counts: Pick<FacilityCompliance['nfpa_70e']['equipment_counts'], 'compliant'> };
  };
  history: (TrendPoint & { month_key: string })[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const TOP = 10;

export class PortfolioAccumulator {
  private facilities = 0;
  private equipment = 0;
  private scoreSum = 0;
  private highRiskFacilities = 0;
  private critical = 0;
  private high = 0;
  private c70b = 0;
  private c70e = 0;
  private readonly months = new Map<
    string,
    { label: string; weightedScore: number; equipment: number; weightedAge: number; reconstructed: boolean }
  >();
  private top: PortfolioSummary['highest_risk_facilities'] = [];

  add(f: FacilityResultSummary): void {
    const item = f.listItem;
    this.facilities += 1;
    this.equipment += item.equipment_count;
    this.scoreSum += item.risk_score;
    if (item.risk_score >= MODEL.scoring.ratingBands.value[1]) this.highRiskFacilities += 1;
    this.critical += item.critical_equipment_count;
    this.high += item.high_risk_equipment_count;
    this.c70b += f.compliance.nfpa_70b.equipment_counts.compliant;
    this.c70e += f.compliance.nfpa_70e.equipment_counts.compliant;
    for (const h of pointsOfVersion(f.history, MODEL_VERSION)) {
      const m = this.months.get(h.month_key) ?? { label: h.month, weightedScore: 0, equipment: 0, weightedAge: 0, reconstructed: false };
      m.reconstructed ||= h.reconstructed;
      m.weightedScore += h.risk_score * h.equipment_count;
      m.weightedAge += h.equipment_age * h.equipment_count;
      m.equipment += h.equipment_count;
      this.months.set(h.month_key, m);
    }
    this.top.push({
      facility_id: item.id,
      facility_name: item.name,
      risk_score: item.risk_score,
      location: item.location,
      critical_equipment_count: item.critical_equipment_count,
    });
    if (this.top.length > TOP * 4) this.trim();
  }

  private trim(): void {
    this.top.sort((a, b) => b.risk_score - a.risk_score || a.facility_id.localeCompare(b.facility_id));
    this.top.length = Math.min(this.top.length, TOP);
  }

  finish(lastUpdated: string): PortfolioSummary {
    this.trim();
    const pct = (n: number) => (this.equipment ? round1((n / this.equipment) * 100) : 100);
    const p70b = pct(this.c70b);
    const p70e = pct(this.c70e);
    return {
      total_facilities: this.facilities,
      total_equipment: this.equipment,
      risk_overview: {
        average_risk_score: this.facilities ? round1(this.scoreSum / this.facilities) : 0,
        high_risk_facilities: this.highRiskFacilities,
        critical_risk_equipment: this.critical,
        high_risk_equipment: this.high,
      },
      compliance_overview: { nfpa_70b_compliance: p70b, nfpa_70e_compliance: p70e, overall_compliance: round1((p70b + p70e) / 2) },
      risk_trends: [...this.months.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(-12)
        .map(([, m]) => ({
          month: m.label,
          risk_score: m.equipment ? round1(m.weightedScore / m.equipment) : 0,
          equipment_count: m.equipment,
          equipment_age: m.equipment ? round1(m.weightedAge / m.equipment) : 0,
          model_version: MODEL_VERSION,
          reconstructed: m.reconstructed,
        })),
      highest_risk_facilities: this.top,
      last_updated: lastUpdated,
    };
  }
}
