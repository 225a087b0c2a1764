/**
 * Hand-built Condoit records for the model's tests: a clean panelboard and the facility it stands in, and small
 * builders for maintenance records, observations and arc-flash data. Dates are laid out before a fixed
 * assessment day (ASOF), so every expectation is reproducible.
 */
import type {
  ArcFlash,
  ArcFlashLabel,
  Equipment,
  Facility,
  MaintenanceRecord,
  MaintenanceTask,
  Observation,
  Severity,
} from '../../condoit/schema.js';

export const ASOF = Date.parse('2026-11-01T00:00:00Z');
export const LAST_UPDATED = '2026-11-01T00:00:00.000Z';
const DAY_MS = 86_400_000;
export const daysAgo = (n: number) => new Date(ASOF - n * DAY_MS).toISOString().slice(0, 10);

/** A facility whose CNAIM site factors are all Default (medium humidity, inland, no corrosive atmosphere). */
export const facility: Facility = {
  id: 'fac-golden',
  organization_id: 'org-1',
  name: 'Golden Test Plant',
  address: { street: '1 Main St', city: 'Houston', state: 'TX', postal_code: '77001', country: 'US' },
  coordinates: { lat: 29.76, lng: -95.37 },
  contractor: 'Volt Field Services',
  building_year: 1990,
  environment: { humidity: 'medium', coastal: false, corrosive_atmosphere: false },
  equipment_count: 1,
  updated_at: '2026-10-01T00:00:00Z',
};
/** High humidity (corrosion category 4: 1.10) and coastal (1.35): CNAIM location factor 0.9 + 0.25 × (1.35 + 0.05 − 0.9) = 1.025. */
export const humidFacility: Facility = {
  ...facility,
  id: 'fac-humid',
  environment: { humidity: 'high', coastal: true, corrosive_atmosphere: false },
};

let recordSeq = 0;
/** An infrared scan; at 100 % load by default, so the measured ΔT is the load-corrected one. */
export function ir(date: string, deltaT = 0, result: MaintenanceRecord['result'] = 'pass', loadPercent = 100): MaintenanceRecord {
  return {
    id: `ir-${++recordSeq}`,
    task: 'infrared_thermography',
    date,
    result,
    technician: 'J. Ortiz',
    notes: null,
    infrared: { max_temperature_c: 30 + deltaT, delta_t_c: deltaT, load_percent: loadPercent },
  };
}
export function rec(task: MaintenanceTask, date: string, result: MaintenanceRecord['result'] = 'pass'): MaintenanceRecord {
  return { id: `mr-${++recordSeq}`, task, date, result, technician: 'M. Chen', notes: null, infrared: null };
}
export function obs(kind: Observation['kind'], severity: Severity, observedAt = '2026-09-01'): Observation {
  return { id: `ob-${++recordSeq}`, kind, severity, observed_at: observedAt, notes: null };
}
/** A complete label of the incident-energy method (no PPE category: NFPA 70E 130.5(H) wants one method, not both). */
export function label(overrides: Partial<ArcFlashLabel> = {}): ArcFlashLabel {
  return {
    nominal_voltage: '480/277V',
    arc_flash_boundary_in: 36,
    incident_energy_cal_cm2: 3,
    working_distance_in: 18,
    ppe_category: null,
    ...overrides,
  };
}
export function arcFlash(overrides: Partial<ArcFlash> = {}): ArcFlash {
  return { study_date: '2025-01-01', label_present: true, label: label(), last_modification_date: null, ...overrides };
}

/**
 * A clean, two-year-old, copper, medium-criticality 480 V panelboard at 50 % load: IR scan and electrical test
 * done six months ago, current arc-flash study, complete label (3 cal/cm²), no observations.
 */
export function equipment(overrides: Partial<Equipment> = {}): Equipment {
  return {
    id: `eq-${++recordSeq}`,
    facility_id: facility.id,
    name: 'PANELBOARD-001',
    type: 'panelboard',
    manufacturer: 'Square D',
    model: 'M100',
    serial_number: 'SN100001',
    install_date: '2024-11-01',
    location: { building: 'Building A', floor: '1', room: 'Electrical Room 101' },
    voltage: '480/277V',
    nominal_voltage_v: 480,
    amperage: 400,
    phases: 3,
    enclosure_type: 'NEMA 1',
    mount_type: 'surface',
    insulation: null,
    conductor_material: 'copper',
    al_cu_transitions: false,
    criticality: 'medium',
    operating_environment: 'normal',
    loading_percent: 50,
    maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2026-05-01')],
    observations: [],
    arc_flash: arcFlash(),
    photos: [],
    updated_at: '2026-10-01T00:00:00Z',
    ...overrides,
  };
}

/**
 * The Critical switchgear of the scenarios: 13.8 kV, installed 1970, high criticality, 95 % loaded, aluminium
 * with Al–Cu transitions, a hot spot (ΔT 30 °C at full load), a failed insulation test and severe corrosion.
 */
export function criticalSwitchgear(overrides: Partial<Equipment> = {}): Equipment {
  return equipment({
    name: 'SWITCHGEAR-001',
    type: 'switchgear',
    install_date: '1970-01-01',
    voltage: '13.8kV',
    nominal_voltage_v: 13_800,
    criticality: 'high',
    loading_percent: 95,
    conductor_material: 'aluminum',
    al_cu_transitions: true,
    maintenance_records: [ir('2026-05-01', 30), rec('visual_inspection', '2026-09-01'), rec('insulation_testing', '2026-05-01', 'fail')],
    observations: [obs('corrosion', 'severe')],
    arc_flash: arcFlash({ label: label({ nominal_voltage: '13.8kV', incident_energy_cal_cm2: 12, working_distance_in: 36 }) }),
    ...overrides,
  });
}
