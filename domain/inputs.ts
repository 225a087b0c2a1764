/**
 * What the risk model reads: its own input types, independent of any source system. Condoit's contract
 * (condoit/schema.ts) is mapped onto them in one place (store/model-inputs.ts); today every field has the
 * same name, shape and meaning in both, so that mapping is the identity, checked by the compiler.
 * Dates are ISO 8601 text (`YYYY-MM-DD` or full timestamps).
 */

export type EquipmentType =
  | 'panelboard'
  | 'switchboard'
  | 'switchgear'
  | 'transformer'
  | 'breaker'
  | 'mcc'
  | 'disconnect'
  | 'ats'
  | 'generator'
  | 'ups'
  | 'busway'
  | 'other';

export type Severity = 'none' | 'minimal' | 'moderate' | 'severe';

export interface Facility {
  id: string;
  organization_id: string;
  name: string;
  address: { street: string; city: string; state: string; postal_code: string; country: string };
  coordinates: { lat: number; lng: number };
  contractor: string | null;
  /** Bounds an unknown install date (nothing in the building is older than it). */
  building_year: number | null;
  environment: { humidity: 'low' | 'medium' | 'high'; coastal: boolean; corrosive_atmosphere: boolean };
  equipment_count: number;
  updated_at: string;
}

export type MaintenanceTask =
  | 'infrared_thermography'
  | 'visual_inspection'
  | 'cleaning'
  | 'mechanical_servicing'
  | 'electrical_testing'
  | 'insulation_testing'
  | 'torque_check'
  | 'fluid_analysis'
  | 'repair'
  | 'replacement';

export interface MaintenanceRecord {
  id: string;
  task: MaintenanceTask;
  date: string;
  result: 'pass' | 'fail' | 'repaired' | 'deferred';
  technician: string | null;
  notes: string | null;
  /** Infrared thermography: the hottest spot, its rise over a similar component, the load at scan time. */
  infrared: { max_temperature_c: number; delta_t_c: number; load_percent: number } | null;
}

export interface Observation {
  id: string;
  kind: 'rust' | 'corrosion' | 'heat_discoloration' | 'loose_parts' | 'moisture' | 'physical_damage';
  severity: Severity;
  observed_at: string;
  notes: string | null;
}

export interface ArcFlashLabel {
  nominal_voltage: string | null;
  arc_flash_boundary_in: number | null;
  incident_energy_cal_cm2: number | null;
  working_distance_in: number | null;
  ppe_category: number | null;
}

export interface ArcFlash {
  study_date: string | null;
  label_present: boolean;
  label: ArcFlashLabel | null;
  last_modification_date: string | null;
}

export interface Equipment {
  id: string;
  facility_id: string;
  name: string;
  type: EquipmentType;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  install_date: string | null;
  location: { building: string | null; floor: string | null; room: string | null };
  /** As printed on the nameplate, e.g. "480/277V". */
  voltage: string | null;
  nominal_voltage_v: number | null;
  amperage: number | null;
  phases: 1 | 3 | null;
  enclosure_type: string | null;
  mount_type: string | null;
  /** Transformers only: dry-type or liquid-filled. */
  insulation: 'dry' | 'liquid' | null;
  conductor_material: 'copper' | 'aluminum' | 'mixed' | null;
  al_cu_transitions: boolean;
  criticality: 'low' | 'medium' | 'high' | 'life_safety';
  operating_environment: 'normal' | 'harsh' | 'beyond_rating';
  loading_percent: number | null;
  maintenance_records: MaintenanceRecord[];
  observations: Observation[];
  arc_flash: ArcFlash | null;
  photos: { id: string; caption: string | null; taken_at: string }[];
  updated_at: string;
}
