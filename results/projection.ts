/**
 * What a scored facility becomes in the stored results — pure, no I/O: each equipment's detail document and
 * listing entry, the facility's data-quality sample, and the facility's result document (its trend and what it
 * supersedes are added when it is published, results/facility-results.ts). Every body is serialised here, once:
 * the API serves these bytes as they are.
 */
import { packJson } from '../store/packed-json.js';
import type { Equipment, Facility } from '../domain/inputs.js';
import type { EquipmentAssessment } from '../domain/equipment-assessment.js';
import { equipmentDetail, equipmentListItem } from '../domain/equipment-read-model.js';
import type { FacilityOutcome } from '../domain/facility-assessment.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import type { EquipmentDetailItem, EquipmentListEntry, FacilityResultDoc } from '../store/documents.js';
import type { DetailLayout } from './equipment-details.js';

/** Data-quality issues kept on a facility result (the count is exact; the list is a sample). */
const MAX_QUALITY_ISSUES = 200;

export interface ProjectionContext {
  assessmentId: string;
  facility: Facility;
  /** The assessment's as-of time and the request's time, as ISO text. */
  at: string;
  requestedAt: string;
}

export function equipmentResult(
  ctx: ProjectionContext,
  e: Equipment,
  a: EquipmentAssessment,
): { detail: EquipmentDetailItem; entry: EquipmentListEntry } {
  const item = equipmentListItem(a, ctx.at);
  const photoIds = e.photos.map((p) => p.id);
  return {
    detail: {
      equipment_id: e.id,
      photo_ids: photoIds,
      detail_z: packJson(JSON.stringify(equipmentDetail(a, ctx.facility, ctx.at, ctx.requestedAt))),
    },
    entry: {
      equipment_id: e.id,
      name: e.name,
      type: e.type,
      risk_level: a.riskRating.toLowerCase() as EquipmentListEntry['risk_level'],
      risk_score: a.riskScore,
      install_date: item.install_date,
      last_service: item.last_service,
      search_text: `${e.name} ${item.location}`.toLowerCase(),
      photo_ids: photoIds,
      item_json: JSON.stringify(item),
    },
  };
}

/** The facility's data-quality account: Condoit's issues, then every item whose assessment had to assume. */
export class DataQuality {
  readonly issues: FacilityResultDoc['data_quality']['issues'];
  count: number;

  constructor(fromCondoit: readonly { record_id: string | null; problems: string[] }[]) {
    this.issues = fromCondoit.map((i) => ({ record_id: i.record_id, problems: i.problems }));
    this.count = this.issues.length;
  }

  add(e: Equipment, a: EquipmentAssessment): void {
    if (!a.assumptions.length) return;
    this.count += 1;
    if (this.issues.length < MAX_QUALITY_ISSUES)
      this.issues.push({ record_id: e.id, problems: a.assumptions.map((x) => `${x.input} unknown: assumed ${x.assumed} (${x.why})`) });
  }
}

export function facilityResult(
  ctx: ProjectionContext,
  o: { out: FacilityOutcome; asOf: number; snapshotHash: string; quality: DataQuality; listChunks: number; detail: DetailLayout },
): Omit<FacilityResultDoc, 'history' | 'superseded'> {
  const { facility } = ctx;
  return {
    _id: facility.id,
    organization_id: facility.organization_id,
    assessment_id: ctx.assessmentId,
    model_version: MODEL_VERSION,
    snapshot_hash: o.snapshotHash,
    completed_at: new Date(o.asOf),
    name: facility.name,
    risk_score: o.out.listItem.risk_score,
    search_text: `${facility.name} ${o.out.listItem.location}`.toLowerCase(),
    list_item: o.out.listItem,
    detail_json: JSON.stringify(o.out.detail),
    compliance: o.out.compliance,
    risks_json: JSON.stringify(o.out.risks),
    mean_equipment_age: o.out.meanEquipmentAge,
    source_updated_at: facility.updated_at,
    data_quality: { count: o.quality.count, issues: o.quality.issues },
    equipment_list_chunks: o.listChunks,
    equipment_detail: o.detail,
  };
}
