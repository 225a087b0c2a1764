/**
 * Rounds parts to tenths so that they add up to a rounded total exactly (largest remainder): each part is
 * floored to a tenth, and the tenths still missing go to the parts that lost the most. Every part moves by
 * less than 0.1, and the rounded parts sum to `total` to the tenth — an explanation that adds up by construction.
 * Remainders are compared to 1e-6 of a tenth: equal shares (two factors of 1.45) tie and go by position, whatever
 * float noise the summation order left in them.
 */
export function roundToTotal(parts: readonly number[], total: number): number[] {
  const n = parts.length;
  if (n === 0) return [];
  const tenths = new Array<number>(n);
  const rest = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = Math.floor(parts[i]! * 10);
    tenths[i] = t;
    rest[i] = Math.round((parts[i]! * 10 - t) * 1e6) / 1e6;
    sum += t;
  }
  let missing = Math.round(total * 10) - sum;
  // Largest remainder first when tenths are missing (smallest first when there are too many, never expected);
  // a part takes at most one tenth per round, in order of position among equals.
  const taken = new Uint8Array(n);
  while (missing !== 0) {
    const up = missing > 0;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      if (pick < 0 || (up ? rest[i]! > rest[pick]! : rest[i]! < rest[pick]!)) pick = i;
    }
    if (pick < 0) {
      taken.fill(0);
      continue;
    }
    taken[pick] = 1;
    tenths[pick] = tenths[pick]! + (up ? 1 : -1);
    missing += up ? -1 : 1;
  }
  for (let i = 0; i < n; i++) tenths[i] = tenths[i]! / 10;
  return tenths;
}
