/**
 * Every input the model needs, with unknowns resolved pessimistically within what is known — and each such
 * resolution recorded as an assumption `{input, assumed, why}` on the item's assessment:
 *   - install date unknown (or in the future): as old as the building; no building year either: at the end of
 *     its normal life; never younger than its oldest maintenance record or observation;
 *   - loading unknown: overloaded (the worst duty band);
 *   - conductor unknown: aluminium; nominal voltage unknown: read from the nameplate string, else medium voltage;
 *   - transformer insulation unknown: liquid-filled (fluid analysis required).
 */
import type { Equipment, Facility } from './inputs.js';
import { parseDay, yearsBetween, yearsBetweenMs } from './dates.js';
import { MODEL, type AssetClass } from './model-table.js';

export interface Assumption {
  input: string;
  assumed: string;
  why: string;
}

export interface ResolvedInputs {
  assetClass: AssetClass;
  /** Another class the equipment may belong to when its voltage is assumed (switchgear: LV or HV); else null. */
  alternativeClass: AssetClass | null;
  ageYears: number;
  /** The known age (null when assumed). */
  knownAgeYears: number | null;
  loadingPercent: number;
  loadingKnown: boolean;
  conductor: 'copper' | 'aluminum' | 'mixed';
  voltageVolts: number;
  /** Transformers only; null for other types. */
  insulation: 'dry' | 'liquid' | null;
  assumptions: Assumption[];
}

const A = MODEL.assumptions;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** "480/277V" → 480, "13.8kV" → 13 800; null when the string names no voltage. */
export function voltsFromNameplate(text: string | null): number | null {
  if (!text) return null;
  const m = /(\d+(?:\.\d+)?)(?:\s*\/\s*\d+(?:\.\d+)?)*\s*(kv|v)\b/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * (m[2]!.toLowerCase() === 'kv' ? 1000 : 1);
  return v > 0 && Number.isFinite(v) ? v : null;
}

/** The CNAIM class of an equipment at a voltage. */
export function assetClassOf(type: Equipment['type'], voltageVolts: number): AssetClass {
  if (type === 'switchgear' && voltageVolts > MODEL.assetClasses.hvAboveVolts.value) return 'hv_switchgear';
  return MODEL.assetClasses.byType.value[type];
}

/** The earliest day anything was recorded on the equipment: it was installed by then. */
function earliestEvidence(e: Equipment): string | null {
  let first: string | null = null;
  for (const r of e.maintenance_records) if (first === null || r.date.slice(0, 10) < first) first = r.date.slice(0, 10);
  for (const o of e.observations) if (first === null || o.observed_at.slice(0, 10) < first) first = o.observed_at.slice(0, 10);
  return first;
}

export function resolveInputs(e: Equipment, facility: Facility, asOf: number): ResolvedInputs {
  const assumptions: Assumption[] = [];

  let voltageVolts = e.nominal_voltage_v ?? voltsFromNameplate(e.voltage);
  if (e.nominal_voltage_v === null) {
    if (voltageVolts !== null)
      assumptions.push({ input: 'nominal_voltage_v', assumed: `${voltageVolts} V`, why: `read from the nameplate voltage "${e.voltage}"` });
    else {
      voltageVolts = A.voltageVolts.value;
      assumptions.push({ input: 'nominal_voltage_v', assumed: `${voltageVolts} V`, why: A.voltageVolts.source });
    }
  }
  const assetClass = assetClassOf(e.type, voltageVolts!);
  // An assumed voltage may put the equipment in the wrong class: the caller scores the other one too.
  const lvClass = assetClassOf(e.type, 0);
  const alternativeClass =
    e.nominal_voltage_v === null && voltsFromNameplate(e.voltage) === null && lvClass !== assetClass ? lvClass : null;

  let knownAgeYears: number | null = null;
  let ageYears: number;
  const installMs = e.install_date ? parseDay(e.install_date) : NaN;
  if (e.install_date && installMs <= asOf) {
    knownAgeYears = round1(yearsBetweenMs(installMs, asOf));
    ageYears = knownAgeYears;
  } else {
    const asOfYear = new Date(asOf).getUTCFullYear();
    const building = facility.building_year !== null && facility.building_year <= asOfYear ? facility.building_year : null;
    const first = earliestEvidence(e);
    const atLeast = first !== null && parseDay(first) <= asOf ? round1(yearsBetween(first, asOf)) : 0;
    const unknown = e.install_date ? `install date ${e.install_date} is in the future` : 'install date unknown';
    if (building !== null) {
      // Built some time in that year: the oldest it can be is from the year's first day.
      ageYears = Math.max(atLeast, round1(yearsBetween(`${building}-01-01`, asOf)));
      assumptions.push({
        input: 'install_date',
        assumed: `${ageYears} years old`,
        why: `${unknown}: as old as the building (built ${building}), the oldest it can be`,
      });
    } else {
      ageYears = Math.max(atLeast, MODEL.assetClasses.constants.value[assetClass].normalLifeYears);
      assumptions.push({
        input: 'install_date',
        assumed: `${ageYears} years old`,
        why: `${unknown} and no building year: at the end of its normal life`,
      });
    }
  }

  const loadingKnown = e.loading_percent !== null;
  const loadingPercent = e.loading_percent ?? A.loadingPercent.value;
  if (!loadingKnown) assumptions.push({ input: 'loading_percent', assumed: `${loadingPercent} %`, why: A.loadingPercent.source });

  const conductor = e.conductor_material ?? A.conductor.value;
  if (e.conductor_material === null) assumptions.push({ input: 'conductor_material', assumed: conductor, why: A.conductor.source });

  let insulation: ResolvedInputs['insulation'] = null;
  if (e.type === 'transformer') {
    insulation = e.insulation ?? A.insulation.value;
    if (e.insulation === null) assumptions.push({ input: 'insulation', assumed: insulation, why: A.insulation.source });
  }

  return {
    assetClass,
    alternativeClass,
    ageYears,
    knownAgeYears,
    loadingPercent,
    loadingKnown,
    conductor,
    voltageVolts: voltageVolts!,
    insulation,
    assumptions,
  };
}
