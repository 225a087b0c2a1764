/** Builds the contract's equipment bodies (list item and detail) from an equipment assessment. */
import type { Equipment, Facility, Severity } from './inputs.js';
import type { EquipmentAssessment } from './equipment-assessment.js';
import { MODEL_VERSION } from './model-table.js';
import type { EquipmentDetail, EquipmentListItem, LevelWord } from './read-models.js';

const levelWord: Record<Severity, LevelWord> = { none: 'None', minimal: 'Minimal', moderate: 'Moderate', severe: 'Severe' };
const order: Severity[] = ['none', 'minimal', 'moderate', 'severe'];

function worst(e: Equipment, kind: 'rust' | 'corrosion'): LevelWord {
  let w = 0;
  for (const o of e.observations) if (o.kind === kind) w = Math.max(w, order.indexOf(o.severity));
  return levelWord[order[w]!];
}

export function formatLocation(e: Equipment): string {
  return [e.location.building, e.location.floor ? `Floor ${e.location.floor}` : null, e.location.room].filter(Boolean).join(', ');
}

/** Latest infrared scan's hottest spot, e.g. "78°C". */
function temperatureOf(e: Equipment): string | null {
  let best: { date: string; t: number } | null = null;
  for (const r of e.maintenance_records)
    if (r.infrared && (!best || r.date > best.date)) best = { date: r.date, t: r.infrared.max_temperature_c };
  return best ? `${Math.round(best.t)}°C` : null;
}

function lastService(e: Equipment): string | null {
  let last: string | null = null;
  for (const r of e.maintenance_records) if (r.result !== 'deferred' && (last === null || r.date > last)) last = r.date.slice(0, 10);
  return last;
}

export const photoUrl = (id: string) => `/v1/photos/${encodeURIComponent(id)}`;

export function equipmentListItem(a: EquipmentAssessment, lastUpdated: string): EquipmentListItem {
  const e = a.equipment;
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    location: formatLocation(e),
    install_date: e.install_date?.slice(0, 10) ?? null,
    condition: a.conditionWord,
    risk_rating: a.riskRating,
    risk_score: a.riskScore,
    risk_factors: a.factors.map(({ factor, score, description, contribution, rule, citation, inputs }) => ({
      factor,
      score,
      description,
      contribution,
      rule,
      citation,
      inputs,
    })),
    temperature: temperatureOf(e),
    rust_level: worst(e, 'rust'),
    corrosion_level: worst(e, 'corrosion'),
    last_service: lastService(e),
    photo_url: e.photos[0] ? photoUrl(e.photos[0].id) : null,
    intervention_count: e.maintenance_records.filter((r) => r.result !== 'deferred').length,
    // The contract knows two materials; mixed installations are reported as aluminium (the riskier one).
    conductor_material: e.conductor_material === null ? null : e.conductor_material === 'copper' ? 'Copper' : 'Aluminum',
    forecast: a.forecast,
    last_updated: lastUpdated,
  };
}

export function equipmentDetail(a: EquipmentAssessment, facility: Facility, lastUpdated: string, createdAt: string): EquipmentDetail {
  const e = a.equipment;
  const item = equipmentListItem(a, lastUpdated);
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    manufacturer: e.manufacturer,
    model: e.model,
    serial_number: e.serial_number,
    install_date: item.install_date,
    location: {
      facility_id: facility.id,
      facility_name: facility.name,
      building: e.location.building,
      room: e.location.room,
      coordinates: facility.coordinates,
    },
    specifications: {
      voltage: e.voltage,
      amperage: e.amperage,
      phases: e.phases,
      mount_type: e.mount_type,
      enclosure_type: e.enclosure_type,
      slots: null,
      main_disconnect: null,
      main_disconnect_rating: null,
    },
    photos: e.photos.map((p) => ({
      id: p.id,
      url: photoUrl(p.id),
      thumbnail_url: `${photoUrl(p.id)}/thumbnail`,
      caption: p.caption,
      taken_at: p.taken_at,
    })),
    risk_assessment: {
      risk_rating: a.riskRating,
      risk_score: a.riskScore,
      condition: a.conditionWord,
      risk_factors: item.risk_factors,
      forecast: a.forecast,
      temperature: item.temperature,
      rust_level: item.rust_level,
      corrosion_level: item.corrosion_level,
      primary_risk_factor: a.primaryRiskFactor,
      nfpa_70b_condition: a.condition.level,
      condition_reasons: a.condition.reasons,
      health_index: a.detail.healthIndex,
      probability_of_failure: a.detail.probabilityOfFailure,
      consequence: a.detail.consequence,
      failure_risk: a.detail.failureRisk,
      arc_flash_risk: a.detail.arcFlashPoints,
      assumptions: a.assumptions,
      model_version: MODEL_VERSION,
    },
    service_history: [...e.maintenance_records]
      .sort((x, y) => y.date.localeCompare(x.date))
      .map((r) => ({ id: r.id, type: r.task, date: r.date.slice(0, 10), technician: r.technician, notes: r.notes })),
    compliance: {
      nfpa_70b: {
        compliant: a.nfpa70b.compliant,
        compliance_percentage: a.nfpa70b.compliance_percentage,
        next_inspection_due: a.nfpa70b.next_inspection_due,
        maintenance_status: a.nfpa70b.maintenance_status,
        last_inspection: a.nfpa70b.last_inspection,
        tasks: a.tasks.map(({ task, interval_months, last_performed, next_due, status, days_overdue }) => ({
          task,
          interval_months,
          last_performed,
          next_due,
          status,
          days_overdue,
        })),
      },
      nfpa_70e: {
        compliant: a.nfpa70e.compliant,
        compliance_percentage: a.nfpa70e.compliance_percentage,
        arc_flash_label_present: a.nfpa70e.arc_flash_label_present,
        ppe_requirements: a.nfpa70e.ppe_requirements,
        incident_energy: a.nfpa70e.incident_energy,
        last_assessment: a.nfpa70e.last_assessment,
        next_assessment_due: a.nfpa70e.next_assessment_due,
        findings: a.nfpa70e.findings,
      },
    },
    last_updated: lastUpdated,
    created_at: createdAt,
  };
}
