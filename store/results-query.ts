/**
 * Listing queries over the precomputed results: filters, search, sort and pagination, restricted by the caller's
 * access scope in the query itself (so counts and pages never include what the caller may not see). Uses only
 * single-collection find/countDocuments with $in/$or/$regex/sort/skip/limit (FerretDB-compatible, tested).
 */
import type { Filter, Sort } from 'mongodb';
import type { Collections } from './collections.js';
import type { EquipmentResultDoc, FacilityResultDoc } from './documents.js';

/** What the caller may see: everything, or facilities by id and/or by organisation. */
export type AccessScope = { all: true } | { all: false; facilityIds: readonly string[]; organizationIds: readonly string[] };

export interface Page<T> {
  total: number;
  page: number;
  limit: number;
  items: T[];
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function scopeFilter(scope: AccessScope): Filter<FacilityResultDoc> {
  if (scope.all) return {};
  return { $or: [{ _id: { $in: [...scope.facilityIds] } }, { organization_id: { $in: [...scope.organizationIds] } }] };
}

export interface FacilityListQuery {
  page: number;
  limit: number;
  sort: 'name' | 'risk_score' | 'last_updated';
  order: 'asc' | 'desc';
  search?: string | undefined;
}

const facilitySortField = { name: 'name', risk_score: 'risk_score', last_updated: 'completed_at' } as const;
/** The index that walks the facilities in each listing order (store/collections.ts). */
const facilitySortIndex = { name: 'by_name_id', risk_score: 'by_risk_id', last_updated: 'by_completed_id' } as const;

export async function listFacilities(c: Collections, scope: AccessScope, q: FacilityListQuery): Promise<Page<FacilityResultDoc['list_item']>> {
  const filter: Filter<FacilityResultDoc> = { ...scopeFilter(scope) };
  const search = q.search?.trim();
  if (search) filter.search_text = { $regex: escapeRegex(search.toLowerCase()) };
  const dir = q.order === 'asc' ? 1 : -1;
  // Ties break by id in the same direction, so one {field, _id} index serves both orders (walked either way).
  const sort: Sort = { [facilitySortField[q.sort]]: dir, _id: dir };
  const [total, docs] = await Promise.all([
    // Unscoped, the filter narrows nothing an index holds (substring search at most): count along the sort's index.
    c.facilityResults.countDocuments(filter, scope.all ? { hint: facilitySortIndex[q.sort] } : {}),
    c.facilityResults.find(filter, { projection: { list_item: 1 } }).sort(sort).skip((q.page - 1) * q.limit).limit(q.limit).toArray(),
  ]);
  return { total, page: q.page, limit: q.limit, items: docs.map((d) => d.list_item) };
}

/** The facility's current result if the caller may see it (else null: indistinguishable from "no such facility"). */
export async function visibleFacility(c: Collections, scope: AccessScope, facilityId: string): Promise<FacilityResultDoc | null> {
  return c.facilityResults.findOne({ $and: [{ _id: facilityId }, scopeFilter(scope)] });
}

export interface EquipmentListQuery {
  page: number;
  limit: number;
  type?: string | undefined;
  risk_level?: 'low' | 'medium' | 'high' | 'critical' | undefined;
  sort: 'name' | 'type' | 'risk_rating' | 'install_date' | 'last_service';
  order: 'asc' | 'desc';
  search?: string | undefined;
}

const equipmentSortField = { name: 'name', type: 'type', risk_rating: 'risk_score', install_date: 'install_date', last_service: 'last_service' } as const;

export async function listEquipment(c: Collections, facilityId: string, assessmentId: string, q: EquipmentListQuery): Promise<Page<EquipmentResultDoc['item']>> {
  const filter: Filter<EquipmentResultDoc> = { facility_id: facilityId, assessment_id: assessmentId };
  if (q.type) filter.type = q.type;
  if (q.risk_level) filter.risk_level = q.risk_level;
  const search = q.search?.trim();
  if (search) filter.search_text = { $regex: escapeRegex(search.toLowerCase()) };
  const sort: Sort = { [equipmentSortField[q.sort]]: q.order === 'asc' ? 1 : -1, _id: 1 };
  const [total, docs] = await Promise.all([
    c.equipmentResults.countDocuments(filter),
    c.equipmentResults.find(filter, { projection: { item: 1 } }).sort(sort).skip((q.page - 1) * q.limit).limit(q.limit).toArray(),
  ]);
  return { total, page: q.page, limit: q.limit, items: docs.map((d) => d.item) };
}

/** An equipment's detail from its facility's *current* assessment (older results may linger for a moment). */
export async function currentEquipment(c: Collections, scope: AccessScope, equipmentId: string): Promise<EquipmentResultDoc | null> {
  const candidates = await c.equipmentResults.find({ equipment_id: equipmentId }).toArray();
  for (const doc of candidates) {
    const facility = await visibleFacility(c, scope, doc.facility_id);
    if (facility && facility.assessment_id === doc.assessment_id) return doc;
  }
  return null;
}
