import { z } from 'zod';

/** A duration as Temporal's SDK accepts it ("500ms", "30s", "2m", "1h", "1d"). */
export const zDuration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as "500ms", "30s", "2m", "1h"');

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function durationToMs(d: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`not a duration: ${d}`);
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}
