/**
 * Splits a facility's risk score among the factor categories, so that the categories add up to the score.
 *
 * The facility score (facility-score.ts) is 1 − e^(−G) with G = Σ gⱼ over the items that count: the worst item's
 * gⱼ = −ln(1 − rⱼ), each further item's from the breadth score up −ln(1 − w·rⱼ). Each item's share of the score
 * is its part of G, F · gⱼ / G (exact: the shares add up to F); a floor that lifts the score above the formula
 * (a Critical item keeps the facility High) is the worst item's share too. An item's share is split among its
 * factors in proportion to their contributions, which add up to its score (equipment-assessment.ts). Streaming:
 * O(categories) per item, the worst item's factors kept.
 */
import { roundToTotal } from './exact-rounding.js';
import { MODEL } from './model-table.js';

export interface FactorShare {
  factor: string;
  contribution: number;
}

const W = MODEL.facility.breadthWeight.value;
const FROM = MODEL.facility.breadthFromScore.value;

export class FacilityAttribution {
  /** Σ over counting items of gⱼ · (factor contribution / item score), by factor. */
  private readonly weighted = new Map<string, number>();
  private breadth = 0;
  private worst: { score: number; factors: readonly FactorShare[] } | null = null;

  add(score: number, factors: readonly FactorShare[]): void {
    if (this.worst === null || score > this.worst.score) this.worst = { score, factors };
    if (score < FROM || score <= 0) return;
    const g = -Math.log1p((-W * score) / 100);
    this.breadth += g;
    for (const f of factors)
      if (f.contribution !== 0) this.weighted.set(f.factor, (this.weighted.get(f.factor) ?? 0) + (g * f.contribution) / score);
  }

  /** Each factor's points of `facilityScore` (the rounded score the facility was given), adding up to it exactly. */
  finish(facilityScore: number): FactorShare[] {
    const worst = this.worst;
    if (!worst || worst.score <= 0 || facilityScore <= 0) return [];
    const totals = new Map(this.weighted);
    let scale: number;
    const gap = new Map<string, number>();
    if (worst.score >= 100) {
      totals.clear();
      for (const f of worst.factors) totals.set(f.factor, f.contribution);
      scale = 1;
    } else {
      // The worst item counts in full, not as breadth.
      const gBreadth = worst.score >= FROM ? -Math.log1p((-W * worst.score) / 100) : 0;
      const gFull = -Math.log1p(-worst.score / 100);
      const g = this.breadth - gBreadth + gFull;
      for (const f of worst.factors)
        if (f.contribution !== 0) totals.set(f.factor, (totals.get(f.factor) ?? 0) + ((gFull - gBreadth) * f.contribution) / worst.score);
      const formula = 100 * -Math.expm1(-g);
      const lifted = facilityScore - formula > 0.05;
      scale = (lifted ? formula : facilityScore) / g;
      if (lifted) for (const f of worst.factors) gap.set(f.factor, ((facilityScore - formula) * f.contribution) / worst.score);
    }
    const names = [...new Set([...totals.keys(), ...gap.keys()])];
    const rounded = roundToTotal(
      names.map((n) => (totals.get(n) ?? 0) * scale + (gap.get(n) ?? 0)),
      facilityScore,
    );
    return names.map((factor, i) => ({ factor, contribution: rounded[i]! }));
  }
}
