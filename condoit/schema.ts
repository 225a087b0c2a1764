/**
 * The Condoit integration contract: what MasterBus reads from Condoit's API. Condoit publishes no API of its
 * own, so this file *is* the contract; the simulator serves it and the client validates every record against it.
 * Field names follow Condoit's JSON (snake_case). Dates are ISO 8601 (`YYYY-MM-DD` or full timestamps).
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'expected an ISO 8601 date');
const isoTimestamp = z.string().datetime({ offset: true });

export const equipmentTypes = [
  'panelboard',
  'switchboard',
  'switchgear',
  'transformer',
  'breaker',
  'mcc',
  'disconnect',
  'ats',
  'generator',
  'ups',
  'busway',
  'other',
] as const;
export const zEquipmentType = z.enum(equipmentTypes);
export type EquipmentType = z.infer<typeof zEquipmentType>;

export const zSeverity = z.enum(['none', 'minimal', 'moderate', 'severe']);
export type Severity = z.infer<typeof zSeverity>;

export const zFacility = z.object({
  id: z.string().min(1),
  organization_id: z.string().min(1),
  name: z.string().min(1),
  address: z.object({
    street: z.string(),
    city: z.string(),
    state: z.string(),
    postal_code: z.string(),
    country: z.string(),
  }),
  coordinates: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  contractor: z.string().nullable(),
  building_year: z.number().int().min(1800).max(2100).nullable(),
  environment: z.object({
    humidity: z.enum(['low', 'medium', 'high']),
    coastal: z.boolean(),
    corrosive_atmosphere: z.boolean(),
  }),
  equipment_count: z.number().int().min(0),
  updated_at: isoTimestamp,
});
export type Facility = z.infer<typeof zFacility>;

export const maintenanceTasks = [
  'infrared_thermography',
  'visual_inspection',
  'cleaning',
  'mechanical_servicing',
  'electrical_testing',
  'insulation_testing',
  'torque_check',
  'fluid_analysis',
  'repair',
  'replacement',
] as const;
export const zMaintenanceTask = z.enum(maintenanceTasks);
export type MaintenanceTask = z.infer<typeof zMaintenanceTask>;

export const zMaintenanceRecord = z.object({
  id: z.string().min(1),
  task: zMaintenanceTask,
  date: isoDate,
  result: z.enum(['pass', 'fail', 'repaired', 'deferred']),
  technician: z.string().nullable(),
  notes: z.string().nullable(),
  /** Present on infrared thermography: hottest spot, rise over a similar component, load at scan time. */
  infrared: z
    .object({
      max_temperature_c: z.number(),
      delta_t_c: z.number().min(0),
      load_percent: z.number().min(0).max(200),
    })
    .nullable(),
});
export type MaintenanceRecord = z.infer<typeof zMaintenanceRecord>;

export const zObservation = z.object({
  id: z.string().min(1),
  kind: z.enum(['rust', 'corrosion', 'heat_discoloration', 'loose_parts', 'moisture', 'physical_damage']),
  severity: zSeverity,
  observed_at: isoDate,
  notes: z.string().nullable(),
});
export type Observation = z.infer<typeof zObservation>;

export const zArcFlashLabel = z.object({
  nominal_voltage: z.string().nullable(),
  arc_flash_boundary_in: z.number().positive().nullable(),
  incident_energy_cal_cm2: z.number().min(0).nullable(),
  working_distance_in: z.number().positive().nullable(),
  ppe_category: z.number().int().min(0).max(4).nullable(),
});
export type ArcFlashLabel = z.infer<typeof zArcFlashLabel>;

export const zArcFlash = z.object({
  study_date: isoDate.nullable(),
  label_present: z.boolean(),
  label: zArcFlashLabel.nullable(),
  last_modification_date: isoDate.nullable(),
});
export type ArcFlash = z.infer<typeof zArcFlash>;

export const zPhotoRef = z.object({
  id: z.string().min(1),
  caption: z.string().nullable(),
  taken_at: isoDate,
});

export const zEquipment = z.object({
  id: z.string().min(1),
  facility_id: z.string().min(1),
  name: z.string().min(1),
  type: zEquipmentType,
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial_number: z.string().nullable(),
  install_date: isoDate.nullable(),
  location: z.object({ building: z.string().nullable(), floor: z.string().nullable(), room: z.string().nullable() }),
  /** As printed on the nameplate, e.g. "480/277V". */
  voltage: z.string().nullable(),
  nominal_voltage_v: z.number().positive().nullable(),
  amperage: z.number().positive().nullable(),
  phases: z.union([z.literal(1), z.literal(3)]).nullable(),
  enclosure_type: z.string().nullable(),
  mount_type: z.string().nullable(),
  /** Transformers only: dry-type or liquid-filled (decides whether fluid analysis is required). */
  insulation: z.enum(['dry', 'liquid']).nullable(),
  conductor_material: z.enum(['copper', 'aluminum', 'mixed']).nullable(),
  al_cu_transitions: z.boolean(),
  criticality: z.enum(['low', 'medium', 'high', 'life_safety']),
  operating_environment: z.enum(['normal', 'harsh', 'beyond_rating']),
  loading_percent: z.number().min(0).max(300).nullable(),
  maintenance_records: z.array(zMaintenanceRecord),
  observations: z.array(zObservation),
  arc_flash: zArcFlash.nullable(),
  photos: z.array(zPhotoRef),
  updated_at: isoTimestamp,
});
export type Equipment = z.infer<typeof zEquipment>;

/** Every list endpoint pages with an opaque cursor; `next_cursor: null` ends the list. */
export const zPage = z.object({
  data: z.array(z.unknown()),
  next_cursor: z.string().nullable(),
});
export type Page = z.infer<typeof zPage>;

export const zCondoitError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
