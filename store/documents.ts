import type { DataQualityIssue } from '../condoit/client.js';
import type { Equipment, Facility } from '../condoit/schema.js';
import type { EquipmentRisk, FacilityRisks, TrendPoint } from '../domain/read-models.js';

/** Raw Condoit data of one facility, content-addressed: _id = `<facility_id>:<sha256 prefix>`. */
export interface SnapshotDoc {
  _id: string;
  facility_id: string;
  hash: string;
  facility: Facility;
  equipment_count: number;
  chunk_count: number;
  data_quality_issues: DataQualityIssue[];
  fetched_at: Date;
}

/** Equipment of a snapshot in fixed-size chunks (documents stay far below the 16 MB limit). */
export interface SnapshotChunkDoc {
  _id: string;
  snapshot_id: string;
  index: number;
  equipment: Equipment[];
}

/**
 * The latest *completed* assessment's /risks read model for a facility (_id = facility id). Replaced only when an
 * assessment completes, so a failed run leaves the last good result in place.
 */
export interface FacilityRisksDoc extends Omit<FacilityRisks, 'historical_trend'> {
  _id: string;
  assessment_id: string;
  model_version: string;
  snapshot_hash: string;
  completed_at: Date;
}

/** Scored equipment of one assessment (_id = `<assessment_id>:<equipment_id>`). */
export interface EquipmentRiskDoc extends EquipmentRisk {
  _id: string;
  facility_id: string;
  assessment_id: string;
}

/** One point per facility and month (_id = `<facility_id>:<YYYY-MM>`): the latest assessment of that month. */
export interface FacilityHistoryDoc extends TrendPoint {
  _id: string;
  facility_id: string;
  /** YYYY-MM, sortable. */
  month_key: string;
  assessment_id: string;
}
