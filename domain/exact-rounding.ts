/**
 * Rounds parts to tenths so that they add up to a rounded total exactly (largest remainder): each part is
 * floored to a tenth, and the tenths still missing go to the parts that lost the most. Every part moves by
 * less than 0.1, and the rounded parts sum to `total` to the tenth — an explanation that adds up by construction.
 */
export function roundToTotal(parts: readonly number[], total: number): number[] {
  const target = Math.round(total * 10);
  const tenths = parts.map((x) => Math.floor(x * 10));
  let missing = target - tenths.reduce((s, t) => s + t, 0);
  if (parts.length === 0) return [];
  // Remainders compared to 1e-6 of a tenth: equal shares (two factors of 1.45) tie and go by position, whatever
  // float noise the summation order left in them.
  const order = parts.map((x, i) => ({ i, rest: Math.round((x * 10 - tenths[i]!) * 1e6) / 1e6 }));
  // Largest remainder first when tenths are missing, smallest first when there are too many (never expected).
  order.sort((a, b) => (missing >= 0 ? b.rest - a.rest : a.rest - b.rest) || a.i - b.i);
  for (let k = 0; missing !== 0; k = (k + 1) % order.length) {
    const step = missing > 0 ? 1 : -1;
    tenths[order[k]!.i]! += step;
    missing -= step;
  }
  return tenths.map((t) => t / 10);
}
