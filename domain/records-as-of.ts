/**
 * A facility's equipment records as they stood at an earlier instant, for reconstructing its trend from one
 * snapshot: what was installed, serviced, observed, photographed or studied after the instant did not exist yet.
 * A date that is unknown or unparseable is kept (the model treats it as it always does).
 */
import type { ArcFlash, Equipment } from './inputs.js';

/** True when an ISO date (`YYYY-MM-DD` is midnight UTC) lies after the instant. */
function after(date: string | null, instant: number): boolean {
  if (date === null) return false;
  const t = Date.parse(date);
  return !Number.isNaN(t) && t > instant;
}

/**
 * The arc-flash record at the instant. A label has no date of its own: it is the study's (NFPA 70E 130.5(H)
 * labels carry the study's results), so a study dated later takes its label with it. A modification dated later
 * had not happened.
 */
function arcFlashAsOf(af: ArcFlash, instant: number): ArcFlash {
  const modification = after(af.last_modification_date, instant) ? null : af.last_modification_date;
  if (after(af.study_date, instant)) return { study_date: null, label_present: false, label: null, last_modification_date: modification };
  return modification === af.last_modification_date ? af : { ...af, last_modification_date: modification };
}

/** The equipment as it stood at `instant` (epoch ms), or null when it was installed after it. */
export function equipmentAsOf(e: Equipment, instant: number): Equipment | null {
  if (after(e.install_date, instant)) return null;
  return {
    ...e,
    maintenance_records: e.maintenance_records.filter((r) => !after(r.date, instant)),
    observations: e.observations.filter((o) => !after(o.observed_at, instant)),
    photos: e.photos.filter((p) => !after(p.taken_at, instant)),
    arc_flash: e.arc_flash ? arcFlashAsOf(e.arc_flash, instant) : null,
  };
}
