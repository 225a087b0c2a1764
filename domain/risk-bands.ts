import type { Condition, RiskLevel } from './read-models.js';

/** Score bands (model 0.1.0): Low < 25 ≤ Medium < 50 ≤ High < 75 ≤ Critical. */
export function riskLevelFor(score: number): RiskLevel {
  if (score >= 75) return 'Critical';
  if (score >= 50) return 'High';
  if (score >= 25) return 'Medium';
  return 'Low';
}

/** ThreatMap's condition words for the same scale, one step finer at the healthy end. */
export function conditionFor(score: number): Condition {
  if (score >= 75) return 'Critical';
  if (score >= 50) return 'Poor';
  if (score >= 30) return 'Fair';
  if (score >= 15) return 'Good';
  return 'Excellent';
}

export const clampScore = (x: number): number => Math.round(Math.min(100, Math.max(0, x)) * 10) / 10;
