/**
 * CNAIM v2.1-style health index and probability of failure (DOMAIN.md, "Risk methodology anchor"):
 *   EL = normal life / (duty × location);  β₁ = ln(5.5/0.5) / EL;  H₀ = min(5.5, 0.5·e^(β₁·age))
 *   H = clamp(H₀ × combined condition factors, [max(0.5, collar), 10])
 *   PoF = K·(1 + CH + (CH)²/2! + (CH)³/3!), C = 1.087, H floored at 4.
 */
import type { EquipmentType } from '../condoit/schema.js';
import { MODEL } from './model-table.js';

const H = MODEL.health;

/** CNAIM's combination of two factors (a = max, b = min), folded over any number of factors. */
export function combineConditionFactors(factors: readonly number[]): number {
  return combineFactorsInPlace([...factors], factors.length);
}

/**
 * `combineConditionFactors` of `xs[0..n)`, reordering them in place (callers pass a scratch array, so scoring
 * allocates nothing). Insertion sort: there are at most five factors, and like the stable sort it replaces it
 * yields them largest first, so the fold sees the same values in the same order.
 */
export function combineFactorsInPlace(xs: number[], n: number): number {
  if (n === 0) return 1;
  for (let i = 1; i < n; i++) {
    const v = xs[i]!;
    let j = i;
    for (; j > 0 && xs[j - 1]! - v < 0; j--) xs[j] = xs[j - 1]!;
    xs[j] = v;
  }
  const d = H.combineDivider.value;
  let acc = xs[0]!;
  for (let i = 1; i < n; i++) {
    const a = Math.max(acc, xs[i]!);
    const b = Math.min(acc, xs[i]!);
    if (a > 1 && b > 1) acc = a + (b - 1) / d;
    else if (a > 1) acc = a;
    else acc = b + (a - 1) / d;
  }
  return acc;
}

export function expectedLife(type: EquipmentType, dutyFactor: number, locationFactor: number): number {
  return H.normalLifeYears.value[type] / (dutyFactor * locationFactor);
}

const LN_HEALTH_SPAN = Math.log(5.5 / 0.5);

export function initialHealth(ageYears: number, expectedLifeYears: number): number {
  const beta1 = LN_HEALTH_SPAN / expectedLifeYears;
  return Math.min(H.initialHealthCap.value, 0.5 * Math.exp(beta1 * ageYears));
}

export function currentHealth(h0: number, conditionFactor: number, collar: number): number {
  const [lo, hi] = H.healthBounds.value;
  return Math.min(hi, Math.max(lo, collar, h0 * conditionFactor));
}

/** Probability of failure per year (a fraction, not %). */
export function probabilityOfFailure(type: EquipmentType, health: number): number {
  const k = H.kPercent.value[type] / 100;
  const ch = H.pofC.value * Math.max(H.pofHealthFloor.value, health);
  return k * (1 + ch + (ch * ch) / 2 + (ch * ch * ch) / 6);
}
