/**
 * Deterministic, lazily generated Condoit portfolio. Nothing is stored: facility i and equipment j of facility i
 * are pure functions of the seed, so a portfolio of thousands of facilities × thousands of equipment costs no
 * memory and every run (and every test) sees the same data. Distributions aim at what field crews report:
 * ageing installed base, a share of aluminium feeders, overdue maintenance, missing arc-flash labels, hot spots.
 */
import type { Equipment, EquipmentType, Facility, MaintenanceRecord, Observation, Severity } from '../schema.js';
import { Random, seedFrom } from './random.js';

export interface PortfolioShape {
  seed: number;
  facilityCount: number;
  /** Equipment per facility: each facility draws a count uniformly from [min, max]. */
  equipmentMin: number;
  equipmentMax: number;
  /** Dates in the data are laid out before this day (fixed, so the data never drifts with the clock). */
  referenceDate: string;
  organizationCount: number;
}

export const defaultShape: PortfolioShape = {
  seed: 42,
  facilityCount: 25,
  equipmentMin: 20,
  equipmentMax: 60,
  referenceDate: '2026-11-01',
  organizationCount: 3,
};

const DAY_MS = 86_400_000;
const cities = [
  ['Houston', 'TX', 29.76, -95.37],
  ['Phoenix', 'AZ', 33.45, -112.07],
  ['Chicago', 'IL', 41.88, -87.63],
  ['Miami', 'FL', 25.76, -80.19],
  ['Denver', 'CO', 39.74, -104.99],
  ['Seattle', 'WA', 47.61, -122.33],
  ['Atlanta', 'GA', 33.75, -84.39],
  ['Boston', 'MA', 42.36, -71.06],
] as const;
const facilityKinds = [
  'Distribution Center',
  'Medical Campus',
  'Data Center',
  'Manufacturing Plant',
  'Office Tower',
  'Water Treatment Plant',
];
const contractors = ['Volt Field Services', 'Apex Electrical', 'Northline Power Testing', 'Keystone Electric', null];
const manufacturers = ['Square D', 'Eaton', 'Siemens', 'ABB', 'GE', 'Cutler-Hammer'];

const typeWeights: readonly (readonly [EquipmentType, number])[] = [
  ['panelboard', 30],
  ['breaker', 18],
  ['switchboard', 10],
  ['disconnect', 10],
  ['transformer', 9],
  ['mcc', 6],
  ['switchgear', 5],
  ['ats', 3],
  ['ups', 3],
  ['generator', 2],
  ['busway', 2],
  ['other', 2],
];

export function facilityId(index: number): string {
  return `fac-${String(index + 1).padStart(5, '0')}`;
}

/** Parses "fac-00042" back to index 41, or null when the id is not one of this portfolio's. */
export function facilityIndex(id: string, shape: PortfolioShape): number | null {
  const m = /^fac-(\d{5})$/.exec(id);
  if (!m) return null;
  const index = Number(m[1]) - 1;
  return index >= 0 && index < shape.facilityCount ? index : null;
}

export function equipmentCountOf(index: number, shape: PortfolioShape): number {
  const r = new Random(seedFrom(shape.seed, 'count', index));
  return r.int(shape.equipmentMin, shape.equipmentMax);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `revision` bumps when a facility is "touched" (its data changes): updated_at moves forward with it. */
export function generateFacility(index: number, shape: PortfolioShape, revision = 0): Facility {
  const r = new Random(seedFrom(shape.seed, 'facility', index));
  const [city, state, lat, lng] = r.pick(cities);
  const ref = Date.parse(shape.referenceDate);
  const humidity =
    state === 'FL' || state === 'TX'
      ? r.weighted([
          ['high', 6],
          ['medium', 3],
          ['low', 1],
        ] as const)
      : r.weighted([
          ['high', 1],
          ['medium', 4],
          ['low', 5],
        ] as const);
  return {
    id: facilityId(index),
    organization_id: `org-${(index % shape.organizationCount) + 1}`,
    name: `${city} ${r.pick(facilityKinds)} ${index + 1}`,
    address: {
      street: `${r.int(10, 9999)} ${r.pick(['Industrial', 'Commerce', 'Main', 'Harbor', 'Lakeview'])} ${r.pick(['Blvd', 'St', 'Ave', 'Way'])}`,
      city,
      state,
      postal_code: String(r.int(10000, 99999)),
      country: 'US',
    },
    coordinates: { lat: Number((lat + (r.next() - 0.5) * 0.4).toFixed(5)), lng: Number((lng + (r.next() - 0.5) * 0.4).toFixed(5)) },
    contractor: r.pick(contractors),
    building_year: r.int(1958, 2022),
    environment: { humidity, coastal: state === 'FL' || r.chance(0.1), corrosive_atmosphere: r.chance(0.08) },
    equipment_count: equipmentCountOf(index, shape),
    updated_at: new Date(ref - r.int(1, 300) * DAY_MS + revision * 3_600_000).toISOString(),
  };
}

function severity(r: Random, pNone: number): Severity {
  if (r.chance(pNone)) return 'none';
  return r.weighted([
    ['minimal', 5],
    ['moderate', 3],
    ['severe', 1],
  ] as const);
}

export function generateEquipment(facilityIdx: number, j: number, shape: PortfolioShape, revision = 0): Equipment {
  const r = new Random(seedFrom(shape.seed, 'equipment', facilityIdx, j, revision));
  const fid = facilityId(facilityIdx);
  const type = r.weighted(typeWeights);
  const ref = Date.parse(shape.referenceDate);
  const ageYears = r.weighted([
    [r.int(0, 10), 3],
    [r.int(10, 25), 4],
    [r.int(25, 40), 2],
    [r.int(40, 60), 1],
  ] as const);
  const installMs = ref - ageYears * 365.25 * DAY_MS - r.int(0, 364) * DAY_MS;
  const mediumVoltage = type === 'switchgear' || (type === 'transformer' && r.chance(0.4));
  const voltage = mediumVoltage ? r.pick(['4160V', '13.8kV']) : r.pick(['208/120V', '480/277V', '480/277V', '240/120V']);
  const nominal = { '4160V': 4160, '13.8kV': 13800, '208/120V': 208, '480/277V': 480, '240/120V': 240 }[voltage]!;
  const aluminum = r.chance(0.22);

  // Maintenance history: a neglected share skips cycles, so overdue work and missed cycles appear.
  const neglect = r.weighted([
    [0, 5],
    [1, 3],
    [2, 2],
  ] as const);
  const records: MaintenanceRecord[] = [];
  const irEveryDays = neglect === 0 ? 300 : neglect === 1 ? 540 : 900;
  let n = 0;
  const earliest = Math.max(installMs, ref - 6 * 365 * DAY_MS);
  for (let t = ref - r.int(10, irEveryDays) * DAY_MS; t > earliest && records.length < 6; t -= irEveryDays * DAY_MS) {
    const delta = r.weighted([
      [0, 70],
      [r.int(1, 3), 15],
      [r.int(4, 15), 10],
      [r.int(16, 45), 5],
    ] as const);
    records.push({
      id: `${fid}-eq-${j + 1}-mr-${++n}`,
      task: 'infrared_thermography',
      date: isoDay(t),
      result: delta > 15 ? 'fail' : 'pass',
      technician: r.pick(['J. Ortiz', 'M. Chen', 'A. Patel', 'S. Novak']),
      notes: delta > 3 ? `Hot spot on phase ${r.pick(['A', 'B', 'C'])} lug` : null,
      infrared: { max_temperature_c: 30 + delta + r.int(0, 15), delta_t_c: delta, load_percent: r.int(35, 95) },
    });
  }
  const testEvery = neglect === 0 ? 3 * 365 : neglect === 1 ? 5 * 365 : 8 * 365;
  const lastTest = ref - r.int(30, testEvery) * DAY_MS;
  if (lastTest > installMs) {
    records.push({
      id: `${fid}-eq-${j + 1}-mr-${++n}`,
      task: 'electrical_testing',
      date: isoDay(lastTest),
      result: r.chance(0.9) ? 'pass' : 'repaired',
      technician: r.pick(['J. Ortiz', 'M. Chen', 'A. Patel', 'S. Novak']),
      notes: null,
      infrared: null,
    });
  }
  // Visual inspections (switchgear, breakers, MCCs are on yearly-or-better visual programmes).
  const visualEvery = neglect === 0 ? 150 : neglect === 1 ? 400 : 800;
  if (type === 'switchgear' || type === 'breaker' || type === 'mcc' || r.chance(0.3)) {
    const lastVisual = ref - r.int(5, visualEvery) * DAY_MS;
    if (lastVisual > installMs) {
      records.push({
        id: `${fid}-eq-${j + 1}-mr-${++n}`,
        task: r.chance(0.8) ? 'visual_inspection' : 'cleaning',
        date: isoDay(lastVisual),
        result: 'pass',
        technician: r.pick(['J. Ortiz', 'M. Chen', 'A. Patel', 'S. Novak']),
        notes: null,
        infrared: null,
      });
    }
  }
  const liquid = type === 'transformer' ? r.chance(0.45) : false;
  if (liquid && r.chance(0.7)) {
    records.push({
      id: `${fid}-eq-${j + 1}-mr-${++n}`,
      task: 'fluid_analysis',
      date: isoDay(ref - r.int(30, 900) * DAY_MS),
      result: 'pass',
      technician: 'Lab',
      notes: null,
      infrared: null,
    });
  }

  const observations: Observation[] = [];
  const rust = severity(r, ageYears > 25 ? 0.4 : 0.8);
  if (rust !== 'none')
    observations.push({
      id: `${fid}-eq-${j + 1}-ob-1`,
      kind: 'rust',
      severity: rust,
      observed_at: isoDay(ref - r.int(10, 400) * DAY_MS),
      notes: null,
    });
  const corrosion = severity(r, 0.85);
  if (corrosion !== 'none')
    observations.push({
      id: `${fid}-eq-${j + 1}-ob-2`,
      kind: 'corrosion',
      severity: corrosion,
      observed_at: isoDay(ref - r.int(10, 400) * DAY_MS),
      notes: null,
    });
  if (r.chance(0.05))
    observations.push({
      id: `${fid}-eq-${j + 1}-ob-3`,
      kind: 'loose_parts',
      severity: 'moderate',
      observed_at: isoDay(ref - r.int(10, 400) * DAY_MS),
      notes: 'Loose bus bolt',
    });

  const labelPresent = r.chance(0.8);
  const incident = Number(
    r
      .weighted([
        [r.next() * 4, 5],
        [4 + r.next() * 4, 3],
        [8 + r.next() * 17, 2],
        [25 + r.next() * 30, 1],
      ] as const)
      .toFixed(1),
  );
  const ppe = incident <= 4 ? 1 : incident <= 8 ? 2 : incident <= 25 ? 3 : incident <= 40 ? 4 : null;
  // A label shows one method (NFPA 70E 130.5(H)): incident energy with working distance, or the PPE category
  // (table method, a conservative category now and then); above 40 cal/cm² only the energy can be shown.
  const categoryMethod = ppe !== null && r.chance(0.15);
  const studyYearsAgo = r.weighted([
    [r.int(0, 4), 6],
    [r.int(5, 9), 3],
    [null, 1],
  ] as const);
  return {
    id: `${fid}-eq-${String(j + 1).padStart(4, '0')}`,
    facility_id: fid,
    name: `${type.toUpperCase()}-${String(j + 1).padStart(3, '0')}`,
    type,
    manufacturer: r.pick(manufacturers),
    model: `M${r.int(100, 999)}`,
    serial_number: `SN${r.int(100000, 999999)}`,
    install_date: r.chance(0.03) ? null : isoDay(installMs),
    location: { building: `Building ${r.pick(['A', 'B', 'C'])}`, floor: String(r.int(1, 4)), room: `Electrical Room ${r.int(100, 450)}` },
    voltage,
    nominal_voltage_v: nominal,
    amperage: r.pick([100, 225, 400, 800, 1200, 2000]),
    phases: r.chance(0.85) ? 3 : 1,
    enclosure_type: r.pick(['NEMA 1', 'NEMA 3R', 'NEMA 12', 'NEMA 4X']),
    mount_type: r.pick(['surface', 'flush', 'freestanding']),
    insulation: type === 'transformer' ? (liquid ? 'liquid' : 'dry') : null,
    conductor_material: aluminum ? 'aluminum' : r.chance(0.05) ? 'mixed' : 'copper',
    al_cu_transitions: aluminum && r.chance(0.4),
    criticality: r.weighted([
      ['low', 3],
      ['medium', 4],
      ['high', 2],
      ['life_safety', 1],
    ] as const),
    operating_environment: r.weighted([
      ['normal', 17],
      ['harsh', 2],
      ['beyond_rating', 1],
    ] as const),
    loading_percent: r.chance(0.1)
      ? null
      : r.weighted([
          [r.int(10, 74), 7],
          [r.int(75, 90), 2],
          [r.int(91, 110), 1],
        ] as const),
    maintenance_records: records,
    observations,
    arc_flash:
      studyYearsAgo === null
        ? null
        : {
            study_date: isoDay(ref - (studyYearsAgo * 365 + r.int(0, 300)) * DAY_MS),
            label_present: labelPresent,
            // The study's label data, posted or not (label_present false: the label was never put on the gear).
            label: {
              nominal_voltage: r.chance(0.95) ? voltage : null,
              arc_flash_boundary_in: Number((12 + incident * 8).toFixed(0)),
              incident_energy_cal_cm2: categoryMethod ? null : incident,
              working_distance_in: categoryMethod ? null : nominal > 1000 ? 36 : 18,
              ppe_category: categoryMethod ? (r.chance(0.9) ? ppe : Math.min(4, ppe! + 1)) : null,
            },
            last_modification_date: r.chance(0.15) ? isoDay(ref - r.int(10, 2000) * DAY_MS) : null,
          },
    // The first item of every facility is photographed (the API's documented example photo id exists for each).
    photos:
      r.chance(0.7) || j === 0
        ? [{ id: `ph-${fid}-${j + 1}`, caption: `${type} nameplate`, taken_at: isoDay(ref - r.int(10, 700) * DAY_MS) }]
        : [],
    updated_at: new Date(ref - r.int(1, 200) * DAY_MS + revision * 3_600_000).toISOString(),
  };
}
