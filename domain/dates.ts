/**
 * Calendar arithmetic on ISO dates (UTC), pure and deterministic.
 *
 * Scoring does this dozens of times per equipment, so `YYYY-MM-DD` strings take an integer fast path (Howard
 * Hinnant's days-from-civil / civil-from-days algorithms, and month arithmetic on year·12 + month) instead of
 * `Date.parse` and `toISOString`. Anything else — full timestamps, years outside 0000–9999 (0100–9999 for month
 * arithmetic), invalid months or days, which `Date` turns into NaN or a RangeError — goes through `Date` exactly
 * as before, so results are identical either way (including V8's roll-over of days 29–31 past a month's end,
 * e.g. 02-30 → 03-01).
 */
export const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

/** A calendar day: month 1–12, day 1–31 (already normalized when it comes from `civilFromDays`). */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; days past the month's end roll over, as in `Date.UTC`. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of `daysFromCivil`. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number): boolean => (s.charCodeAt(i) - 48) >>> 0 < 10;

/**
 * Days since the epoch of a plain `YYYY-MM-DD` that `Date.parse` accepts, or NaN when the string needs `Date`
 * (another shape, or a month/day `Date.parse` rejects).
 */
function fastDays(iso: string): number {
  if (!isPlainDayShape(iso)) return NaN;
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return daysFromCivil(digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3), m, d);
}

/** Whether a string has the plain `YYYY-MM-DD` shape (digits and two dashes), whatever its values. */
export function isPlainDayShape(s: string): boolean {
  return (
    s.length === 10 &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    isDigit(s, 0) &&
    isDigit(s, 1) &&
    isDigit(s, 2) &&
    isDigit(s, 3) &&
    isDigit(s, 5) &&
    isDigit(s, 6) &&
    isDigit(s, 8) &&
    isDigit(s, 9)
  );
}

export function parseDay(iso: string): number {
  const days = fastDays(iso);
  if (days === days) return days * DAY_MS;
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD` for a civil date in years 0000–9999 (the only ones the fast paths produce). */
export function formatCivil(y: number, m: number, d: number): string {
  // The ten characters written at once: a template would build the padded parts and partial strings first.
  if (isDigits(y, 9999) && isDigits(m, 99) && isDigits(d, 99)) {
    return String.fromCharCode(
      digitCode(y / 1000),
      digitCode(y / 100),
      digitCode(y / 10),
      digitCode(y),
      DASH,
      digitCode(m / 10),
      digitCode(m),
      DASH,
      digitCode(d / 10),
      digitCode(d),
    );
  }
  const year = y >= 1000 ? `${y}` : y >= 100 ? `0${y}` : y >= 10 ? `00${y}` : `000${y}`;
  return `${year}-${pad2(m)}-${pad2(d)}`;
}
const DASH = 45;
/** The character code of the last decimal digit of ⌊x⌋ (x ≥ 0). */
const digitCode = (x: number): number => 48 + (Math.floor(x) % 10);
const isDigits = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;

/** Whether a year keeps `toISOString`'s four-digit form (outside it, `Date` formats a 6-digit extended year). */
const isPlainYear = (y: number): boolean => y >= 0 && y <= 9999;

/**
 * Years whose month arithmetic the fast path reproduces: four-digit years from 0100, because `Date.UTC` (used by
 * the reference month-length computation) reads years 0–99 as 1900–1999.
 */
export const isMonthArithmeticYear = (y: number): boolean => y >= 100 && y <= 9999;

/** "Mar 2027": the trend's month label. */
export function monthLabel(d: Date): string {
  return d.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function isoDay(ms: number): string {
  if (Number.isFinite(ms)) {
    const c = civilFromDays(Math.floor(ms / DAY_MS));
    if (isPlainYear(c.y)) return formatCivil(c.y, c.m, c.d);
  }
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The civil date `months` calendar months after `from`, its day clamped to the target month's length
 * (Jan 31 + 1 month = Feb 28/29), as days since the epoch.
 */
export function addMonthsToCivil(from: CivilDate, months: number): number {
  const c = addMonthsCivil(from, months);
  return daysFromCivil(c.y, c.m, c.d);
}

/** `addMonthsToCivil` as a calendar date: the month arithmetic gives it directly (its day already clamped). */
export function addMonthsCivil(from: CivilDate, months: number): CivilDate {
  const total = from.y * 12 + (from.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return { y, m, d: Math.min(from.d, daysInMonth(y, m)) };
}

/**
 * The calendar date of a plain `YYYY-MM-DD` that `fastDays` reads (a day past the month's end rolled over, as
 * `Date.parse` does: 02-30 → 03-01), or null for any other string. Read from the digits, without the round trip
 * through days that a valid day does not need.
 */
export function plainCivil(iso: string): CivilDate | null {
  if (!isPlainDayShape(iso)) return null;
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return d <= daysInMonth(y, m) ? { y, m, d } : civilFromDays(daysFromCivil(y, m, d));
}

/** Adds calendar months (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const days = fastDays(iso);
  if (days === days && Number.isInteger(months)) {
    const from = civilFromDays(days);
    const c = addMonthsCivil(from, months);
    if (isMonthArithmeticYear(from.y) && isMonthArithmeticYear(c.y)) return formatCivil(c.y, c.m, c.d);
  }
  return addMonthsWithDate(iso, months);
}

/** The reference implementation, for what the fast path does not cover (it throws on an invalid date). */
function addMonthsWithDate(iso: string, months: number): string {
  const d = new Date(parseDay(iso));
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return new Date(d.getTime()).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toMs: number): number {
  return Math.floor((toMs - parseDay(fromIso)) / DAY_MS);
}

export function monthsBetween(fromIso: string, toMs: number): number {
  return (toMs - parseDay(fromIso)) / MONTH_MS;
}

export function yearsBetween(fromIso: string, toMs: number): number {
  return yearsBetweenMs(parseDay(fromIso), toMs);
}

/** `yearsBetween` from an instant already parsed. */
export function yearsBetweenMs(fromMs: number, toMs: number): number {
  return Math.max(0, (toMs - fromMs) / YEAR_MS);
}
