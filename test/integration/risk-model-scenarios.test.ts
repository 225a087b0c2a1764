/**
 * Risk model 2.0.0's verdicts as a risk manager would state them, end to end: hand-built Condoit records (served
 * exactly by the simulator's fixtures), assessed by the real workflow on real Temporal, FerretDB and Redis, read
 * back from ThreatMap's resources over HTTP. Assertions are on behaviour (levels, compliance, actions,
 * assumptions), never on exact scores. The workflow scores "as of" the run (Date.now()), so every date in the
 * records is laid out relative to now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArcFlash, ArcFlashLabel, Equipment, Facility, MaintenanceRecord, Observation, Severity } from '../../condoit/schema.js';
import {
  zEquipmentDetail,
  zFacilityCompliance,
  zFacilityDetail,
  zFacilityListItem,
  zFacilityRisks,
  type EquipmentDetail,
} from '../../domain/read-models.js';
import {
  arcFlash as studyOf,
  equipment as panelboard,
  facility as goldenFacility,
  ir as scan,
  label,
  obs as observe,
  rec,
} from '../support/equipment-builders.js';
import { startHarness, type AssessmentJson, type Harness } from '../support/harness.js';
import { MODEL_VERSION } from '../../domain/model-version.js';

const DAY_MS = 86_400_000;
const NOW = Date.now();
/** The UTC day n days before now (n = 0: today). */
const daysAgo = (n: number) => new Date(NOW - n * DAY_MS).toISOString().slice(0, 10);
const yearsAgo = (years: number) => daysAgo(Math.round(years * 365.25));
const UPDATED_AT = new Date(NOW - DAY_MS).toISOString();

function facility(id: string, overrides: Partial<Facility> = {}): Facility {
  return {
    ...goldenFacility,
    id,
    name: `Scenario ${id}`,
    building_year: 2015,
    environment: { humidity: 'low', coastal: false, corrosive_atmosphere: false },
    equipment_count: 0,
    updated_at: UPDATED_AT,
    ...overrides,
  };
}

/** An infrared scan at 60 % load (conclusive: above the 40 % minimum). */
const ir = (date: string, deltaT = 0, result: MaintenanceRecord['result'] = 'pass') => scan(date, deltaT, result, 60);
const obs = (kind: Observation['kind'], severity: Severity, observedAt = daysAgo(30)) => observe(kind, severity, observedAt);
const arcFlash = (overrides: Partial<ArcFlash> = {}): ArcFlash => studyOf({ study_date: yearsAgo(1), ...overrides });

/**
 * The n-th equipment of a facility: the builders' clean, two-year-old, copper, medium-criticality 480 V
 * panelboard (test/support/equipment-builders.ts) with its dates laid out before now: IR scan (ΔT 0 at 60 % load)
 * and electrical test passed six months ago, a one-year-old arc-flash study and a complete label.
 */
function equipment(f: Facility, n: number, overrides: Partial<Equipment> = {}): Equipment {
  const type = overrides.type ?? 'panelboard';
  return panelboard({
    id: `${f.id}-eq-${String(n).padStart(4, '0')}`,
    facility_id: f.id,
    name: `${type.toUpperCase()}-${String(n).padStart(3, '0')}`,
    serial_number: `SN${100000 + n}`,
    install_date: yearsAgo(2),
    maintenance_records: [ir(daysAgo(180)), rec('electrical_testing', daysAgo(180))],
    arc_flash: arcFlash(),
    updated_at: UPDATED_AT,
    ...overrides,
  });
}
const mvSwitchgear = {
  type: 'switchgear',
  voltage: '13.8kV',
  nominal_voltage_v: 13_800,
  amperage: 1200,
  mount_type: 'freestanding',
} as const;
const mvLabel = (overrides: Partial<ArcFlashLabel> = {}) => label({ nominal_voltage: '13.8kV', working_distance_in: 36, ...overrides });

function fixture(f: Facility, equipmentOf: (f: Facility) => Equipment[]): { facility: Facility; equipment: Equipment[] } {
  const list = equipmentOf(f);
  return { facility: { ...f, equipment_count: list.length }, equipment: list };
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// a. One Critical switchgear among 19 clean panels.
const oneBad = fixture(facility('fac-scn-one-bad-switchgear', { building_year: 1965 }), (f) => [
  equipment(f, 1, {
    ...mvSwitchgear,
    install_date: '1970-06-01',
    criticality: 'high',
    loading_percent: 95,
    conductor_material: 'aluminum',
    al_cu_transitions: true,
    maintenance_records: [ir(daysAgo(30), 30), rec('insulation_testing', daysAgo(20), 'fail'), rec('visual_inspection', daysAgo(30))],
    observations: [obs('corrosion', 'severe', daysAgo(20))],
    arc_flash: arcFlash({ label: mvLabel() }),
  }),
  ...range(2, 20).map((n) => equipment(f, n)),
]);
// b. A test failed yesterday; an IR scan passed today.
const failedYesterday = fixture(facility('fac-scn-failed-yesterday'), (f) => [
  equipment(f, 1, { maintenance_records: [rec('electrical_testing', daysAgo(1), 'fail'), ir(daysAgo(0))] }),
]);
// c. Brand-new, unlabeled 13.8 kV life-safety switchgear at 60 cal/cm² (the study's value, never posted).
const unlabeled = fixture(facility('fac-scn-unlabeled-mv'), (f) => [
  equipment(f, 1, {
    ...mvSwitchgear,
    install_date: daysAgo(91),
    criticality: 'life_safety',
    maintenance_records: [ir(daysAgo(30)), rec('visual_inspection', daysAgo(30)), rec('insulation_testing', daysAgo(30))],
    arc_flash: arcFlash({
      study_date: daysAgo(30),
      label_present: false,
      label: mvLabel({ incident_energy_cal_cm2: 60, arc_flash_boundary_in: 492 }),
    }),
  }),
]);
// d. Twenty otherwise-clean panels whose arc-flash study is 8.8 years old.
const oldStudies = fixture(facility('fac-scn-old-studies'), (f) =>
  range(1, 20).map((n) => equipment(f, n, { arc_flash: arcFlash({ study_date: yearsAgo(8.8) }) })),
);
// e. An unknown install date in a 1965 building.
const unknownAge = fixture(facility('fac-scn-unknown-age', { building_year: 1965 }), (f) => [equipment(f, 1, { install_date: null })]);

const fixtures = [oneBad, failedYesterday, unlabeled, oldStudies, unknownAge];

let h: Harness;
const details = new Map<string, EquipmentDetail>();

async function get(path: string): Promise<unknown> {
  const res = await h.api(path);
  const body: unknown = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}
const risksOf = async (f: Facility) => zFacilityRisks.parse(await get(`/v1/facilities/${f.id}/risks`));
const complianceOf = async (f: Facility) => zFacilityCompliance.parse(await get(`/v1/facilities/${f.id}/compliance`));
function detailOf(e: Equipment): EquipmentDetail {
  const d = details.get(e.id);
  if (!d) throw new Error(`no equipment detail for ${e.id}`);
  return d;
}

beforeAll(async () => {
  h = await startHarness({ fixtures });
  const started = await Promise.all(
    fixtures.map(async ({ facility: f }) => {
      const res = await h.api(`/v1/facilities/${f.id}/assessments`, { method: 'POST' });
      expect(res.status, f.id).toBe(202);
      return (await res.json()) as AssessmentJson;
    }),
  );
  for (const a of started) {
    const done = await h.waitForAssessment(a.assessment_id);
    expect(done.status, `${a.facility_id}: ${JSON.stringify(done.error)}`).toBe('completed');
  }
  for (const { equipment: list } of fixtures) {
    for (const e of list) details.set(e.id, zEquipmentDetail.parse(await get(`/v1/equipment/${e.id}`)));
  }
});
afterAll(async () => {
  await h?.close();
});

describe('risk model scenarios, through the API', () => {
  it('should score every equipment with the current risk model', () => {
    const all = fixtures.flatMap((x) => x.equipment);
    expect(details.size).toBe(all.length);
    for (const e of all) expect(detailOf(e).risk_assessment.model_version, e.id).toBe(MODEL_VERSION);
  });

  it('should rate a facility with one Critical switchgear among 19 clean panels at least High, and not Compliant', async () => {
    const f = oneBad.facility;
    const switchgear = oneBad.equipment[0]!;
    expect(detailOf(switchgear).risk_assessment.risk_rating).toBe('Critical');
    const risks = await risksOf(f);
    expect(['High', 'Critical']).toContain(risks.risk_summary.risk_level);
    // The switchgear is the facility's high-risk item, and none of the clean panels is.
    expect(risks.high_risk_items.map((i) => i.equipment_id)).toEqual([switchgear.id]);

    const list = (await get('/v1/facilities?limit=100')) as { facilities: unknown[] };
    const item = list.facilities.map((x) => zFacilityListItem.parse(x)).find((x) => x.id === f.id);
    expect(item?.compliance_status).toBeDefined();
    expect(item?.compliance_status).not.toBe('Compliant');
    const detail = zFacilityDetail.parse(await get(`/v1/facilities/${f.id}`));
    expect(detail.equipment_count).toBe(20); // all three simulator pages of 7 were read
    expect(detail.compliance_status).not.toBe('Compliant');
    expect((await complianceOf(f)).compliance_status).not.toBe('Compliant');
  });

  it('should still count a test that failed yesterday after an IR scan passed today', () => {
    const ra = detailOf(failedYesterday.equipment[0]!).risk_assessment;
    expect(ra.nfpa_70b_condition).toBe(3);
    expect(ra.risk_rating).not.toBe('Low');
    expect(
      ra.condition_reasons.some((r) => /electrical test\w* failed/i.test(r)),
      ra.condition_reasons.join(' | '),
    ).toBe(true);
  });

  it('should rate a brand-new, unlabeled 13.8 kV life-safety switchgear at 60 cal/cm² High or Critical, and say to label it and reduce the energy', async () => {
    const switchgear = unlabeled.equipment[0]!;
    expect(['High', 'Critical']).toContain(detailOf(switchgear).risk_assessment.risk_rating);
    const actions = (await risksOf(unlabeled.facility)).risk_recommendation.priority_actions;
    const labelAction = actions.find((a) => /label/i.test(a.action));
    const energyAction = actions.find((a) => /incident energy/i.test(a.action));
    expect(labelAction, JSON.stringify(actions)).toBeDefined();
    expect(energyAction, JSON.stringify(actions)).toBeDefined();
    expect(labelAction!.affected_equipment).toContain(switchgear.id);
    expect(energyAction!.affected_equipment).toContain(switchgear.id);
  });

  it("should give twenty items whose arc-flash study is 8.8 years old an 'update the arc-flash study' action", async () => {
    const ids = oldStudies.equipment.map((e) => e.id);
    const compliance = await complianceOf(oldStudies.facility);
    expect(compliance.nfpa_70e.compliance_percentage).toBe(0);
    expect(compliance.nfpa_70e.equipment_counts).toEqual({ total: 20, compliant: 0, non_compliant: 20 });
    const actions = (await risksOf(oldStudies.facility)).risk_recommendation.priority_actions;
    const update = actions.find((a) => /arc-flash study/i.test(a.action));
    expect(update, JSON.stringify(actions)).toBeDefined();
    // Every affected item is listed (the list holds up to 50 ids).
    expect([...update!.affected_equipment].sort()).toEqual([...ids].sort());
  });

  it('should assume an unknown install date is as old as the building, and say so', () => {
    // Built some time in 1965: the oldest it can be is from 1965-01-01 (to a tenth of a year).
    const age = Math.round(((NOW - Date.parse('1965-01-01T00:00:00Z')) / (365.25 * 86_400_000)) * 10) / 10;
    const assumptions = detailOf(unknownAge.equipment[0]!).risk_assessment.assumptions;
    const installDate = assumptions.find((a) => a.input === 'install_date');
    expect(installDate, JSON.stringify(assumptions)).toBeDefined();
    expect(Number(/^([\d.]+) years old$/.exec(installDate!.assumed)?.[1])).toBeCloseTo(age, 0);
    expect(installDate!.why).toMatch(/building/i);
    expect(installDate!.why).toContain('1965');
  });
});

describe('simulator fixtures', () => {
  const sim = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${h.sim.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as { data: { id: string; updated_at: string }[]; next_cursor: string | null } };
  };

  it('should serve exactly the fixtures, paged by cursor, filtered by updated_since, and moved forward when touched', async () => {
    const ids: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = await sim(`/v1/facilities?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.body.data.map((x) => x.id));
      cursor = page.body.next_cursor;
    }
    expect(ids).toEqual(fixtures.map((x) => x.facility.id));

    const served: unknown[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = await sim(`/v1/facilities/${oneBad.facility.id}/equipment?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      served.push(...page.body.data);
      cursor = page.body.next_cursor;
    }
    expect(served).toEqual(oneBad.equipment);
    expect((await sim('/v1/facilities/fac-00001')).status).toBe(404); // generated facilities are not served alongside

    const since = encodeURIComponent(UPDATED_AT);
    expect((await sim(`/v1/facilities?updated_since=${since}`)).body.data).toEqual([]);
    expect((await sim(`/__sim/facilities/${unknownAge.facility.id}/touch`, { method: 'POST' })).status).toBe(200);
    const changed = (await sim(`/v1/facilities?updated_since=${since}`)).body.data;
    expect(changed.map((x) => x.id)).toEqual([unknownAge.facility.id]);
    expect(Date.parse(changed[0]!.updated_at)).toBe(Date.parse(UPDATED_AT) + 3_600_000);
  });
});
