/**
 * The benchmarks' one table format: a header row, a rule, then rows; the first column left-aligned (the row's
 * name), every other column right-aligned (figures).
 */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Prints records as a table (formatTable), their keys as the header; numbers with thousands separators. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) =>
    typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : (v ?? '');
  console.log(formatTable([cols, ...rows.map((r) => cols.map((c) => cell(r[c])))]));
}

export const seconds = (ms: number) => Math.round(ms) / 1000;
