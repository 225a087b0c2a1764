/**
 * CNAIM v2.1 health index and probability of failure, as the Utiligize/CNAIM reference implements them:
 *   EL = normal life / (duty × location);  β₁ = ln(5.5/0.5) / EL;  H₀ = min(5.5, 0.5·e^(β₁·age))
 *   observed / measured condition factors each combined by `mmi` (max plus the next factors' excess over 1
 *   divided by 1.5, at most N factors per asset class); health score factor = `healthScoreFactor(O, M)`
 *   H = clamp(H₀ × HSF × reliability, [max(0.5, collar), 10])
 *   PoF = k·(1 + CH + (CH)²/2! + (CH)³/3!) per year, k = K/100.
 */
import { MODEL, type AssetClass } from './model-table.js';

const H = MODEL.health;
const { divider1: D1, divider2: D2 } = H.combineDividers.value;

export const classConstants = (c: AssetClass) => MODEL.assetClasses.constants.value[c];

/**
 * CNAIM's mmi over `xs[0..n)` (reordering them in place: callers pass a scratch array). With any factor above 1:
 * the largest, plus the sum of (f − 1) over the next `maxCombined − 1` largest factors above 1, over divider 1.
 * Otherwise: the smallest plus (second smallest − 1) over divider 2. No factor is CNAIM's "Default" (1).
 * One deliberate difference from the R package: a single factor ≤ 1 is returned as it is — the package has no
 * second factor there and adds (0 − 1)/1.5, which pushes every such asset to the health-score collar whatever
 * its age (its LV circuit-breaker and transformer tests show it; CNAIM's text does not).
 */
export function mmiInPlace(xs: number[], n: number, maxCombined: number, d1 = D1, d2 = D2): number {
  if (n === 0) return 1;
  for (let i = 1; i < n; i++) {
    const v = xs[i]!;
    let j = i;
    for (; j > 0 && xs[j - 1]! < v; j--) xs[j] = xs[j - 1]!;
    xs[j] = v;
  }
  const max = xs[0]!;
  if (max > 1) {
    let excess = 0;
    for (let i = 1, used = 1; i < n && used < maxCombined; i++) {
      if (xs[i]! <= 1) break;
      excess += xs[i]! - 1;
      used += 1;
    }
    return max + excess / d1;
  }
  if (n === 1) return max;
  return xs[n - 1]! + (xs[n - 2]! - 1) / d2;
}

export function mmi(factors: readonly number[], maxCombined: number, d1 = D1, d2 = D2): number {
  return mmiInPlace([...factors], factors.length, maxCombined, d1, d2);
}

/** CNAIM's health score factor from the observed and measured condition factors (a = max, b = min). */
export function healthScoreFactor(observed: number, measured: number): number {
  const a = Math.max(observed, measured);
  const b = Math.min(observed, measured);
  if (a > 1 && b > 1) return a + (b - 1) / D1;
  if (a > 1) return a;
  return b + (a - 1) / D1;
}

/** CNAIM's transformer duty factor by utilisation (lower bound exclusive, upper inclusive). */
export function transformerDutyFactor(utilisationPercent: number): number {
  // Indexed: destructuring each band in a for-of allocates an iterator per call.
  const bands = H.transformerDuty.value;
  for (let i = 0; i < bands.length; i++) if (utilisationPercent <= bands[i]![0]) return bands[i]![1];
  return H.transformerDuty.value[H.transformerDuty.value.length - 1]![1];
}

/** CNAIM's location factor from site factors: the largest plus an increment for each further one above 1. */
export function locationFactor(siteFactors: readonly number[], indoor = true): number {
  const L = H.location.value;
  const above = siteFactors.filter((f) => f > 1);
  const initial = above.length ? Math.max(...above) + (above.length - 1) * L.increment : Math.min(...siteFactors);
  return indoor ? L.indoorMinimum + L.indoorShare * (initial - L.indoorMinimum) : initial;
}

export function expectedLife(assetClass: AssetClass, dutyFactor: number, locationFactorValue: number): number {
  return classConstants(assetClass).normalLifeYears / (dutyFactor * locationFactorValue);
}

const LN_HEALTH_SPAN = Math.log(5.5 / 0.5);

export const beta1 = (expectedLifeYears: number): number => LN_HEALTH_SPAN / expectedLifeYears;

export function initialHealth(ageYears: number, expectedLifeYears: number): number {
  return Math.min(H.initialHealthCap.value, 0.5 * Math.exp(beta1(expectedLifeYears) * ageYears));
}

// Read once: destructuring the bounds per call allocates an iterator.
const [H_MIN, H_MAX] = H.healthBounds.value;

export function currentHealth(h0: number, factor: number, collar: number, reliability = 1): number {
  return Math.min(H_MAX, Math.max(H_MIN, collar, h0 * factor * reliability));
}

/** The PoF cubic of a class at a health score, per year (a fraction, not %). */
export function probabilityOfFailure(assetClass: AssetClass, health: number): number {
  const { kPercent, c } = classConstants(assetClass);
  const ch = c * health;
  return (kPercent / 100) * (1 + ch + (ch * ch) / 2 + (ch * ch * ch) / 6);
}

/** CNAIM's future-PoF curve floors the health score at 4 (reported for planning, not for ranking). */
export function flooredProbabilityOfFailure(assetClass: AssetClass, health: number): number {
  return probabilityOfFailure(assetClass, Math.max(H.pofHealthFloor.value, health));
}

const classes = Object.keys(MODEL.assetClasses.constants.value) as AssetClass[];
const LOG_POF_MIN = Math.log(Math.min(...classes.map((c) => probabilityOfFailure(c, H_MIN))));
const LOG_POF_RANGE = Math.log(Math.max(...classes.map((c) => probabilityOfFailure(c, H_MAX)))) - LOG_POF_MIN;

/**
 * Likelihood 0–1: where the class's PoF at this health sits, on a log scale, between the lowest PoF of any class
 * (H 0.5) and the highest (H 10). So a transformer is more likely to fail than a breaker of the same health, by
 * CNAIM's K; the log scale ranks healthy assets that a linear one would lump together.
 */
export function likelihoodOf(assetClass: AssetClass, health: number): number {
  return Math.min(1, Math.max(0, (Math.log(probabilityOfFailure(assetClass, health)) - LOG_POF_MIN) / LOG_POF_RANGE));
}
