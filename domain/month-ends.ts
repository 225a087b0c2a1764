/** Month ends (UTC) for a facility's monthly trend. */

/** The last instant (epoch ms) of each of the `count` months before the month of `asOf`, oldest first. */
export function previousMonthEnds(asOf: number, count: number): number[] {
  const d = new Date(asOf);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  // Date.UTC normalises negative months into earlier years; one millisecond before a month's first instant ends the previous one.
  return Array.from({ length: count }, (_, i) => Date.UTC(year, month - count + i + 1, 1) - 1);
}
