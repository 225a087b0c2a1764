/**
 * `localeCompare` for the strings the roll-up sorts by (ISO days, Condoit ids), without the ICU collator when
 * plain comparison provably agrees with it. The roll-up compares every equipment against its top lists, and
 * the collator costs far more than the comparison itself.
 */
import { isPlainDayShape } from './dates.js';

/**
 * Days: when both are plain `YYYY-MM-DD`, their first difference is a digit at the same place in both, where
 * collation order is digit order. Anything else (null dates passed as '', extended years) uses the collator.
 */
export function compareDays(a: string, b: string): number {
  if (isPlainDayShape(a) && isPlainDayShape(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/**
 * Only '-', digits and lower-case letters: each has its own primary weight in the root collation, in the same
 * order as their code units ('-' < '0'…'9' < 'a'…'z'; '-' is not ignorable), so a code-unit comparison of two such
 * strings orders them as the collator does. Ids with any other character use the collator.
 */
function isPlainId(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c === 45 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

export function compareIds(a: string, b: string): number {
  if (isPlainId(a) && isPlainId(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
