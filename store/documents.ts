import type { Binary } from 'mongodb';
import type { DataQualityIssue } from '../condoit/client.js';
import type { Facility } from '../condoit/schema.js';
import type { FacilityCompliance, FacilityListItem, PortfolioSummary, TrendPoint } from '../domain/read-models.js';

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

/** Equipment of a snapshot in fixed-size chunks (documents stay far below the 16 MB limit), as JSON text. */
export interface SnapshotChunkDoc {
  _id: string;
  snapshot_id: string;
  index: number;
  /** JSON array of the chunk's Condoit equipment records. */
  /** The chunk's equipment records, JSON, deflated (store/packed-json.ts). */
  equipment_z: Binary;
}

/**
 * One month of a facility's trend as stored: the served point, its month, and what re-scoring it under another
 * model version needs — the snapshot it was scored from and the instant it was scored at (the assessment's as-of,
 * or for a reconstructed point the month's last instant, with the records as they stood then).
 */
export type HistoryPoint = TrendPoint & { month_key: string; snapshot_id: string; as_of: Date };

/**
 * A facility's latest *completed* assessment: every contract body for the facility, precomputed (_id = facility
 * id). Replaced only when an assessment completes — one document replace is the switch-over, so readers see
 * the old result or the new one, never a mix, and a failed run leaves the last good result in place.
 */
export interface FacilityResultDoc {
  _id: string;
  organization_id: string;
  assessment_id: string;
  model_version: string;
  snapshot_hash: string;
  completed_at: Date;
  /** Sort and search keys for facility listings. */
  name: string;
  risk_score: number;
  search_text: string;
  list_item: FacilityListItem;
  /** JSON of the contract's FacilityDetail without `historical_risk` (added from `history` when served). */
  detail_json: string;
  compliance: FacilityCompliance;
  /** JSON of the contract's FacilityRisks without `historical_trend` (added from `history` when served). */
  risks_json: string;
  mean_equipment_age: number;
  /** Condoit's updated_at of the facility when it was fetched: an incremental portfolio run skips it while unchanged. */
  source_updated_at: string;
  data_quality: { count: number; issues: { record_id: string | null; problems: string[] }[] };
  /** How many equipment list chunks the assessment has (`<assessment_id>:<0…n-1>` in equipment_lists). */
  equipment_list_chunks: number;
  /** Where the assessment's equipment details are (results/equipment-details.ts). */
  equipment_detail: { chunks: number; parts: number };
  /**
   * The last 12 monthly trend points, oldest first, this assessment's month included: readers get the trend with
   * the result in one read by _id.
   */
  history: HistoryPoint[];
  /**
   * The assessment this one replaced, until its equipment documents are removed (a publish retried after the
   * switch-over still knows what to clean up); null once done.
   */
  superseded: { assessment_id: string; equipment_list_chunks: number; equipment_detail: { chunks: number; parts: number } } | null;
}

/**
 * One equipment's result in one assessment (_id = `<assessment_id>:<equipment_id>`): the contract's detail body as
 * JSON text, served as is. Large nested bodies are stored as text: the server stores and returns one string
 * instead of converting thousands of nested values (FerretDB writes it 3–5× faster; bench/README.md).
 */
/** One equipment's stored detail inside a detail chunk (results/equipment-details.ts). */
export interface EquipmentDetailItem {
  equipment_id: string;
  /** Condoit photo ids of the equipment (photos are served only for visible equipment). */
  photo_ids: string[];
  /** JSON of the contract's EquipmentDetail, deflated (store/packed-json.ts). */
  detail_z: Binary;
}

/** About a hundred equipment details of one assessment (`_id` = `<assessment_id>:d<chunk>:<part>`). */
export interface EquipmentDetailChunkDoc {
  _id: string;
  facility_id: string;
  assessment_id: string;
  items: EquipmentDetailItem[];
}

/** What an equipment listing filters, sorts and shows, for one equipment (the list item as JSON text). */
export interface EquipmentListEntry {
  equipment_id: string;
  name: string;
  type: string;
  risk_level: 'low' | 'medium' | 'high' | 'critical';
  risk_score: number;
  install_date: string | null;
  last_service: string | null;
  /** Lower-cased name and location, for `search`. */
  search_text: string;
  photo_ids: string[];
  /** JSON of the contract's EquipmentListItem. */
  item_json: string;
}

/**
 * A facility assessment's equipment listing in fixed-size chunks (_id = `<assessment_id>:<index>`), read by _id:
 * listing a facility never scans other facilities' equipment, on any server.
 */
export interface EquipmentListChunkDoc {
  _id: string;
  facility_id: string;
  assessment_id: string;
  index: number;
  /**
   * JSON of the chunk's EquipmentListEntry array, deflated (store/packed-json.ts): a thousand nested entries took
   * FerretDB ~0.5 s to insert and as long to read or delete; as one 4 MB string still ~0.2 s; deflated ~8× less.
   */
  entries_z: Binary;
}

/**
 * Where an equipment or a photo lives (_id = `e:<equipment_id>` or `p:<photo_id>`): the facility, so lookups by
 * equipment or photo id are reads by _id, then the facility's current assessment decides what is visible.
 */
export interface EquipmentLocatorDoc {
  _id: string;
  facility_id: string;
  equipment_id: string;
}

/** An Idempotency-Key seen on a POST (_id = `<subject>:<route>:<key>`) and the assessment it produced. */
export interface IdempotencyKeyDoc {
  _id: string;
  /** The start token the run carries (recorded before the start, so a crash in between can be resolved). */
  start_token: string;
  /** What the request started; null until the start returned. */
  assessment_id: string | null;
  created_at: Date;
}

/** The portfolio summary a portfolio run finished with (_id = portfolio run id). */
export interface PortfolioSummaryDoc {
  _id: string;
  completed_at: Date;
  summary: PortfolioSummary;
}
