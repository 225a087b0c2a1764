/** Calendar arithmetic on ISO dates (UTC), pure and deterministic. */
export const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

export function parseDay(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds calendar months (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(parseDay(iso));
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return isoDay(d.getTime());
}

export function daysBetween(fromIso: string, toMs: number): number {
  return Math.floor((toMs - parseDay(fromIso)) / DAY_MS);
}

export function monthsBetween(fromIso: string, toMs: number): number {
  return (toMs - parseDay(fromIso)) / MONTH_MS;
}

export function yearsBetween(fromIso: string, toMs: number): number {
  return Math.max(0, (toMs - parseDay(fromIso)) / YEAR_MS);
}
